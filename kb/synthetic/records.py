"""Synthetic records in the database: plan stories, write them in bulk.

Rows go in with executemany (kb.synthetic.tables: no per-row save(), no
model instances), a batch of stories (about 5,000 events) per transaction.
Denormalised columns are computed in Python before the insert with the
models' own helpers (Event.compute_span, and search_text_of over each
model's search_field_names — what save() and events.services compute).  The
refresh services (events_refresh_denormalised, organisations_refresh_search,
people_refresh_search) run on the first batch; if they change nothing there
they are skipped after it, else (a column this writer does not compute,
such as the events' top regions) they run on every batch.
tests/synthetic checks that they change nothing afterwards.

Synthetic rows are marked by an import key starting with `synthetic:` (and
their sources by pipeline_version "synthetic"), so `synthetic_clear` can
remove exactly them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import random
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from types import SimpleNamespace

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import transaction
from django.db.models import Q

from events.models import Event, EventArea, EventRole
from events.services import (
    events_refresh_denormalised,
    organisations_refresh_search,
    people_refresh_search,
)
from kb.models import (
    Evidence,
    Organisation,
    Person,
    Position,
    Quote,
    Region,
    Source,
    SourceCredit,
    search_text_of,
)
from kb.selectors.regions import region_tree_cached
from kb.synthetic import lexicon as L
from kb.synthetic.places import Gazetteer, Place
from kb.synthetic.report import Report, report_story
from kb.synthetic.stories import ROLE_ORIGINAL, EventSpec, QuoteSpec, Story, plan_stories
from kb.synthetic.tables import Table, raw_delete, reserve_ids
from kb.synthetic.world import Org, World, person_name
from kb.synthetic.world import Person as PersonSpec

PREFIX = "synthetic:"
PIPELINE = "synthetic"
BATCH_EVENTS = 5000
NOTES = {EventSpec: "活动", Org: "机构", PersonSpec: "人物", QuoteSpec: "引语", Place: "地区"}
REFRESHES = {
    "events": lambda ids: events_refresh_denormalised(event_ids=ids),
    "organisations": lambda ids: organisations_refresh_search(organisation_ids=ids),
    "people": lambda ids: people_refresh_search(person_ids=ids),
}


class SyntheticExists(Exception):
    pass


def synthetic_build(*, events: int, seed: int = 0, batch_events: int = BATCH_EVENTS,
                    on_batch: Callable[[int], None] | None = None) -> Counter:
    """Write `events` synthetic events (and everything around them) made
    from `seed`; the same events and seed give the same rows.  Returns
    counts of rows written."""
    if Region.objects.count() == 0:
        call_command("load_regions", stdout=io.StringIO())
    if Event.objects.filter(import_key__startswith=f"{PREFIX}{seed}:").exists():
        raise SyntheticExists(f"synthetic data of seed {seed} is already there (use --clear)")
    world = World(Gazetteer(gazetteer_rows()), random.Random(seed))
    writer = _Writer(seed)
    batch: list[Story] = []

    def flush():
        writer.write(batch, world)
        batch.clear()
        if on_batch:
            on_batch(writer.counts["event"])

    for story in plan_stories(world, world.rng, events):
        batch.append(story)
        if sum(len(s.events) for s in batch) >= batch_events:
            flush()
    if batch:
        flush()
    return writer.counts


def gazetteer_rows() -> list[dict]:
    """The Region table in the fixture's row shape (what Gazetteer reads)."""
    slug_of = dict(Region.objects.values_list("id", "slug"))
    members: dict[int, list[str]] = {}
    for macro_id, member_id in Region.members.through.objects.values_list("from_region_id", "to_region_id"):
        members.setdefault(macro_id, []).append(slug_of[member_id])
    return [
        {"slug": r["slug"], "name": r["name"], "level": r["level"], "parent": slug_of.get(r["parent_id"]),
         "aliases": r["aliases"] or [], "members": members.get(r["id"], [])}
        for r in Region.objects.order_by("id").values("id", "slug", "name", "level", "parent_id", "aliases")
    ]


def _review_at(day: dt.date | None) -> dt.datetime:
    day = (day or dt.date(2025, 1, 1)) + dt.timedelta(days=30)
    return dt.datetime(day.year, day.month, day.day, 10, 0, tzinfo=dt.UTC)


def _status(number: int) -> str:
    """Curation state of an organisation or a person: mostly untouched."""
    return "rejected" if number % 61 == 7 else "reviewed" if number % 13 == 5 else "auto"


class _Writer:
    def __init__(self, seed: int):
        self.seed = seed
        # Generators of their own, drawn in story order: the rows do not
        # depend on where the batches end.
        self.report_rng = random.Random(f"{seed}:reports")
        self.credit_rng = random.Random(f"{seed}:credits")
        self.key = f"{PREFIX}{seed}:"
        self.region_ids = dict(Region.objects.values_list("slug", "id"))
        self.ct = {spec: ContentType.objects.get_for_model(model).pk for spec, model in (
            (EventSpec, Event), (Org, Organisation), (PersonSpec, Person), (QuoteSpec, Quote), (Place, Region))}
        self.tables = {model: Table(model, with_id=with_id) for model, with_id in (
            (Organisation, True), (Person, True), (Event, True), (Source, True), (Quote, True),
            (Event.regions.through, False), (EventArea, False), (EventRole, False), (SourceCredit, False), (Position, False),
            (Evidence, False))}
        self.counts: Counter = Counter()
        # Whether each refresh service changes rows this writer wrote (None:
        # not known yet).
        self.refresh_needed: dict[str, bool | None] = dict.fromkeys(REFRESHES)
        tree = region_tree_cached(using=Event.objects.db)
        self.region_tops = _region_tops_function(tree)
        self.areas_of = tree.areas_of

    def write(self, stories: list[Story], world: World) -> None:
        # Reports first: an event's summary is the sentence that reports it.
        reports = [(story, [report_story(story, self.report_rng) for _ in range(story.sources)])
                   for story in stories]
        with transaction.atomic():
            new_orgs = self._organisations(world)
            new_people = self._people(world)
            self._events(reports)
            sources = self._sources(reports)
            self._quotes(reports, sources)
            self._evidence(reports, sources)
            self._refresh({"events": [e.pk for story, _ in reports for e in story.events],
                           "organisations": new_orgs, "people": new_people})

    def _refresh(self, ids: dict[str, list[int]]) -> None:
        """The refresh services, where they could change something.  This
        writer computes what save() computes (search text, date span); a
        service may keep more (a column added since, like the events' top
        regions): the first batch is refreshed in full to find out, and the
        later ones only when that changed any row."""
        for name, refresh in REFRESHES.items():
            if self.refresh_needed[name] is False or not ids[name]:
                continue
            changed = refresh(ids[name])
            self.counts[f"refreshed_{name}"] += changed
            if self.refresh_needed[name] is None:
                self.refresh_needed[name] = changed > 0

    def insert(self, model, rows: list[dict]) -> None:
        self.counts[model._meta.model_name] += self.tables[model].insert(rows)

    # ------------------------------------------------------------ records
    def _organisations(self, world: World) -> list[int]:
        new = [o for o in world.orgs if o.pk is None]
        for org, pk in zip(new, reserve_ids(Organisation, len(new)), strict=True):
            org.pk = pk
        rows = []
        for org in new:
            row = {"id": org.pk, "import_key": f"{self.key}org:{org.number}", "name": org.name,
                   "name_original": org.name, "aliases": list(org.aliases), "kind": org.kind,
                   "region_id": self.region_ids.get(org.place.slug), "founded": org.founded,
                   "founded_precision": org.founded_precision if org.founded else "unknown",
                   "review_status": _status(org.number)}
            if row["review_status"] != "auto":
                row["reviewed_at"] = _review_at(org.founded)
            row["search_text"] = search_text(Organisation, row)
            rows.append(row)
        self.insert(Organisation, rows)
        return [org.pk for org in new]

    def _people(self, world: World) -> list[int]:
        new = [p for p in world.people if p.pk is None]
        for person, pk in zip(new, reserve_ids(Person, len(new)), strict=True):
            person.pk = pk
        rows = []
        for person in new:
            row = {"id": person.pk, "import_key": f"{self.key}person:{person.number}", "name": person.name,
                   "name_original": person.name, "review_status": _status(person.number)}
            if row["review_status"] != "auto":
                row["reviewed_at"] = _review_at(None)
            row["search_text"] = search_text(Person, row)
            rows.append(row)
        self.insert(Person, rows)
        return [person.pk for person in new]

    def _events(self, reports: list[tuple[Story, list[Report]]]) -> None:
        summaries = {}
        for _, story_reports in reports:
            for report in story_reports[:1]:
                text = report.text
                for mark in report.marks:
                    if isinstance(mark.target, EventSpec) and mark.target.number not in summaries:
                        summaries[mark.target.number] = text[mark.sentence[0]:mark.sentence[1]]
        specs = [e for story, _ in reports for e in story.events]
        for spec, pk in zip(specs, reserve_ids(Event, len(specs)), strict=True):
            spec.pk = pk
        self.insert(Event, [self._event_row(spec, summaries.get(spec.number, "")) for spec in specs])
        # Link rows in the order the extractor gives (most specific place first).
        self.insert(Event.regions.through, [
            {"event_id": spec.pk, "region_id": self.region_ids[place.slug]}
            for spec in specs for place in spec.places if place.slug in self.region_ids])
        # And the map areas they lie in (EventArea), as the refresh would.
        self.insert(EventArea, [
            {"event_id": spec.pk, "area_id": area}
            for spec in specs
            for area in self.areas_of([self.region_ids[p.slug] for p in spec.places if p.slug in self.region_ids])])
        self.insert(EventRole, [
            {"event_id": spec.pk, "role": role.role, "role_original": ROLE_ORIGINAL[role.role],
             ("organisation_id" if isinstance(role.party, Org) else "person_id"): role.party.pk,
             ("person_id" if isinstance(role.party, Org) else "organisation_id"): None}
            for spec in specs for role in spec.roles])

    def _event_row(self, spec: EventSpec, summary: str) -> dict:
        row = {"id": spec.pk, "import_key": f"{self.key}event:{spec.number}", "title": spec.title,
               "title_original": spec.title, "kind": spec.kind,
               "parent_id": spec.parent.pk if spec.parent else None, "start_date": spec.start,
               "end_date": spec.end, "date_precision": spec.precision, "participants": spec.participants,
               "participants_approximate": spec.approximate, "summary": summary[:2000],
               "review_status": spec.review, "flagged": bool(spec.flag_reason),
               "flag_reason": spec.flag_reason}
        if spec.review != "auto":
            row["reviewed_at"] = _review_at(spec.start)
        # What save() computes and the refresh services keep in step:
        # bulk writes bypass save(), so compute them here with its helpers.
        row["span_start"], row["span_end"] = Event.compute_span(SimpleNamespace(**row))
        row["search_text"] = search_text(Event, row)
        if self.region_tops is not None:
            row["region_tops"] = self.region_tops(
                [self.region_ids[p.slug] for p in spec.places if p.slug in self.region_ids])
        return row

    def _sources(self, reports: list[tuple[Story, list[Report]]]) -> dict[tuple[int, int], int]:
        keys = [(story.number, copy) for story, story_reports in reports for copy in range(len(story_reports))]
        ids = dict(zip(keys, reserve_ids(Source, len(keys)), strict=True))
        rows, credits, positions = [], [], []
        for story, story_reports in reports:
            for copy, report in enumerate(story_reports):
                text, pk = report.text, ids[(story.number, copy)]
                rows.append({
                    "id": pk, "import_key": f"{self.key}source:{story.number}:{copy}",
                    "file_name": f"synthetic-{self.seed}-{story.number:07d}-{copy}.txt",
                    "content_hash": hashlib.sha256(text.encode()).hexdigest(), "encoding": "utf-8",
                    "outlet": L.OUTLETS[(story.number * 7 + copy * 3) % len(L.OUTLETS)],
                    "title": report.title, "title_original": report.title, "published_date": report.published,
                    "published_precision": report.precision, "script": "simplified", "raw_text": text,
                    "text_original": text, "text": text, "pipeline_version": PIPELINE,
                    "review_status": "reviewed" if story.number % 11 == 3 else "auto",
                    "reviewed_at": _review_at(report.published) if story.number % 11 == 3 else None,
                })
                reporter, editor = person_name(self.credit_rng), person_name(self.credit_rng)
                credits.append({"source_id": pk, "person_id": None, "name": reporter, "role": "reporter",
                                "role_original": "记者"})
                if editor != reporter:
                    credits.append({"source_id": pk, "person_id": None, "name": editor, "role": "editor",
                                    "role_original": "责任编辑"})
                seen = set()
                for person, title, org in report.positions:
                    if (person.number, title, org.number) not in seen:
                        seen.add((person.number, title, org.number))
                        positions.append({"person_id": person.pk, "title": title, "organisation_id": org.pk,
                                          "organisation_name": org.name, "as_of": report.published,
                                          "as_of_precision": report.precision, "source_id": pk})
        self.insert(Source, rows)
        self.insert(SourceCredit, credits)
        self.insert(Position, positions)
        return ids

    def _quotes(self, reports, sources: dict[tuple[int, int], int]) -> None:
        specs = [quote for story, _ in reports for quote in story.quotes]
        for quote, pk in zip(specs, reserve_ids(Quote, len(specs)), strict=True):
            quote.pk = pk
        rows = []
        for story, _ in reports:
            for quote in story.quotes:
                speaker, day = quote.speaker, quote.event.start
                rows.append({
                    "id": quote.pk, "import_key": f"{self.key}quote:{quote.number}", "text": quote.text,
                    "text_original": quote.text, "kind": quote.kind, "speaker_id": speaker.pk,
                    "speaker_title": speaker.title_on(day), "speaker_organisation_id": speaker.org.pk,
                    "event_id": quote.event.pk, "source_id": sources[(story.number, 0)],
                    "review_status": quote.review,
                    "reviewed_at": _review_at(day) if quote.review != "auto" else None,
                })
        self.insert(Quote, rows)

    def _evidence(self, reports, sources: dict[tuple[int, int], int]) -> None:
        rows = []
        for story, story_reports in reports:
            for copy, report in enumerate(story_reports):
                source, text = sources[(story.number, copy)], report.text
                for mark in report.marks:
                    target = mark.target
                    object_id = self.region_ids.get(target.slug) if isinstance(target, Place) else target.pk
                    if object_id is not None:
                        rows.append({"source_id": source, "content_type_id": self.ct[type(target)],
                                     "object_id": object_id, "start": mark.start, "end": mark.end,
                                     "sentence": text[mark.sentence[0]:mark.sentence[1]],
                                     "note": NOTES[type(target)]})
        self.insert(Evidence, rows)


def _region_tops_function(tree):
    """Event.region_tops (the top regions an event lies in, for the
    timeline's facet) as events.services computes it, when the model keeps
    that column: computed here, the refresh after the first batch finds
    nothing to change and is skipped (refreshing 100,000 events costs more
    than writing them)."""
    if "region_tops" not in {f.name for f in Event._meta.concrete_fields}:
        return None
    from events.services import region_tops_value

    return lambda region_ids: region_tops_value(tree, region_ids)


def search_text(model, row: dict) -> str:
    """search_text_of over the model's search_field_names, one part at a
    time: its result is one line per non-empty text (its documented shape),
    and the same title, name or alias recurs (title_original is the title),
    so each distinct text is converted once."""
    lines = []
    for name in model.search_field_names:
        value = row.get(name) or ""
        for text in value if isinstance(value, (list, tuple)) else [value]:
            line = _search_line(text)
            if line:
                lines.append(line)
    return "\n".join(lines)


@lru_cache(maxsize=65536)
def _search_line(text: str) -> str:
    return search_text_of(text)


# --------------------------------------------------------------------- clear


def synthetic_clear() -> Counter:
    """Delete every synthetic row (any seed) and nothing else.

    Rows are removed table by table in dependency order with one DELETE each
    (Django's collector would load every row first).  Real rows that point
    at synthetic ones lose the link, as the foreign keys' on_delete says:
    their roles, evidence and positions go, other links are set to null."""
    counts: Counter = Counter()
    synthetic = Q(import_key__startswith=PREFIX)
    events = Event.objects.filter(synthetic).values("pk")
    orgs = Organisation.objects.filter(synthetic).values("pk")
    people = Person.objects.filter(synthetic).values("pk")
    quotes = Quote.objects.filter(synthetic).values("pk")
    sources = Source.objects.filter(synthetic).values("pk")
    ct = ContentType.objects.get_for_model
    with transaction.atomic():
        counts["evidence"] = raw_delete(Evidence.objects.filter(
            Q(source__in=sources)
            | Q(content_type=ct(Event), object_id__in=events)
            | Q(content_type=ct(Organisation), object_id__in=orgs)
            | Q(content_type=ct(Person), object_id__in=people)
            | Q(content_type=ct(Quote), object_id__in=quotes)))
        counts["event_roles"] = raw_delete(EventRole.objects.filter(
            Q(event__in=events) | Q(organisation__in=orgs) | Q(person__in=people)))
        counts["event_regions"] = raw_delete(Event.regions.through.objects.filter(event__in=events))
        raw_delete(EventArea.objects.filter(event__in=events))
        counts["quotes"] = raw_delete(Quote.objects.filter(Q(pk__in=quotes) | Q(source__in=sources)))
        Quote.objects.filter(event__in=events).update(event=None)
        Quote.objects.filter(speaker__in=people).update(speaker=None)
        Quote.objects.filter(speaker_organisation__in=orgs).update(speaker_organisation=None)
        counts["positions"] = raw_delete(Position.objects.filter(Q(person__in=people) | Q(source__in=sources)))
        Position.objects.filter(organisation__in=orgs).update(organisation=None)
        counts["credits"] = raw_delete(SourceCredit.objects.filter(source__in=sources))
        SourceCredit.objects.filter(person__in=people).update(person=None)
        Event.objects.filter(parent__in=events).update(parent=None)
        counts["events"] = raw_delete(Event.objects.filter(synthetic))
        Organisation.objects.filter(parent__in=orgs).update(parent=None)
        Organisation.objects.filter(merged_into__in=orgs).update(merged_into=None)
        counts["organisations"] = raw_delete(Organisation.objects.filter(synthetic))
        Person.objects.filter(merged_into__in=people).update(merged_into=None)
        counts["people"] = raw_delete(Person.objects.filter(synthetic))
        counts["sources"] = raw_delete(Source.objects.filter(synthetic))
    return counts


