"""Events: the article's event mentions assembled into one record per event,
with dates, places, a title, roles, participant counts and parent/child
links.  Each step is a module of its own:

    event_mentions   where a sentence names or refers to an event
    event_assembly   mentions merged into drafts; dates, parents, lifecycles
    event_places     where each event happened
    event_titles     its name, or a generated title (flagged)
    event_roles      who organised, chaired, spoke; how many took part

`find_events` runs them in that order and returns EventRecords: what the
loader writes, without the assembler's working state.
"""

from __future__ import annotations

from dataclasses import fields

from kb.event_identity import GENERATED_TITLE
from kb.ingest.extract.dates import DateMention
from kb.ingest.extract.document import Document
from kb.ingest.extract.event_assembly import NONE, Draft, assemble, without_dropped
from kb.ingest.extract.event_mentions import find_event_mentions
from kb.ingest.extract.event_places import main_place, organiser_places, place_event
from kb.ingest.extract.event_record import EventRecord
from kb.ingest.extract.event_roles import RoleRef, assign_roles, count_participants, scopes_of
from kb.ingest.extract.event_titles import title_event, title_series
from kb.ingest.extract.gazetteer import Gazetteer
from kb.ingest.extract.mentions import Organisation, Person, QuoteMention
from kb.ingest.extract.regions import RegionMention

__all__ = ["EventRecord", "RoleRef", "find_events"]


def find_events(doc: Document, *, dates: list[DateMention], regions: list[RegionMention],
                organisations: list[Organisation], people: list[Person],
                quotes: list[QuoteMention], gazetteer: Gazetteer) -> list[EventRecord]:
    mentions = find_event_mentions(doc, dates=dates, regions=regions, organisations=organisations,
                                   people=people)
    drafts, owner = assemble(doc, mentions, dates)
    place = main_place(doc, regions, organisations, gazetteer)
    for draft in drafts:
        place_event(draft, drafts, doc, regions, organisations)
        title_event(draft, organisations, doc)
        if not draft.region_keys and place and draft.kind in ("forum", "training"):
            draft.region_keys = [place]
    title_series(drafts, place, gazetteer, regions)
    scopes = scopes_of(drafts, mentions, owner, doc)
    assign_roles(drafts, scopes, doc, regions, organisations, people, quotes)
    organiser_places(drafts)
    count_participants(drafts, scopes, doc)
    return [_record(d) for d in without_dropped(drafts)]


def _record(draft: Draft) -> EventRecord:
    reasons = []
    if draft.generic or not draft.named:
        reasons.append(GENERATED_TITLE)
    if draft.date_rank == NONE:
        reasons.append("日期未知")
    if draft.inherited_date:
        reasons.append("日期取自所在活动")
    record = EventRecord(kind=draft.kind, title=draft.title)
    for f in fields(EventRecord):
        setattr(record, f.name, getattr(draft, f.name))
    record.flagged, record.flag_reason = bool(reasons), "；".join(reasons)
    record.summary = draft.sentences[0].text if draft.sentences else ""
    return record
