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

import datetime as dt
from dataclasses import dataclass, field

from kb import dates as D
from kb.event_identity import GENERATED_TITLE
from kb.ingest.extract.dates import DateMention
from kb.ingest.extract.document import Document, Sentence
from kb.ingest.extract.event_assembly import NONE, Draft, assemble, without_dropped
from kb.ingest.extract.event_mentions import find_event_mentions
from kb.ingest.extract.event_places import main_place, organiser_places, place_event
from kb.ingest.extract.event_roles import RoleRef, assign_roles, count_participants, scopes_of
from kb.ingest.extract.event_titles import title_event, title_series
from kb.ingest.extract.gazetteer import Gazetteer
from kb.ingest.extract.mentions import Organisation, Person, QuoteMention
from kb.ingest.extract.regions import RegionMention

__all__ = ["EventRecord", "RoleRef", "find_events"]


@dataclass
class EventRecord:
    kind: str
    title: str
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    precision: str = D.UNKNOWN
    region_keys: list[str] = field(default_factory=list)
    participants: int | None = None
    participants_approximate: bool = False
    summary: str = ""
    roles: list[RoleRef] = field(default_factory=list)
    parent: int | None = None  # index into the article's event list
    spans: list[tuple[int, int]] = field(default_factory=list)  # evidence in the text
    sentences: list[Sentence] = field(default_factory=list)
    flagged: bool = False
    flag_reason: str = ""

    @property
    def title_generated(self) -> bool:
        return GENERATED_TITLE in self.flag_reason


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
    return EventRecord(
        kind=draft.kind, title=draft.title, start_date=draft.start_date, end_date=draft.end_date,
        precision=draft.precision, region_keys=draft.region_keys, participants=draft.participants,
        participants_approximate=draft.participants_approximate,
        summary=draft.sentences[0].text if draft.sentences else "",
        roles=draft.roles, parent=draft.parent, spans=draft.spans, sentences=draft.sentences,
        flagged=bool(reasons), flag_reason="；".join(reasons),
    )
