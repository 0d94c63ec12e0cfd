"""What a curator's selection says: the importer's own extractors run on the
selection's paragraph, so that the workbench's "add from a selection" forms
come pre-filled the way the importer would have filled them.

The paragraph is read (not the selection alone) because what a span means
depends on its neighbours: 13日 needs the publication date, a quote its
speaker before it, an organisation the place named before it.  What is
offered is what overlaps the selection; the sentence around it supplies the
organisations and people mentioned.  The statistical name finder stays out
(Document.use_model): this runs in the web process.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from kb import dates as D
from kb.ingest.extract import event_triggers as T
from kb.ingest.extract.article import Extraction, extract
from kb.ingest.extract.document import Document
from kb.ingest.extract.gazetteer import Gazetteer
from kb.ingest.extract.orgnames import kind_of, suffix_of

# Trigger words by the event kind they name, the head noun of a name last:
# 长三角产业合作论坛 ends in 论坛.
_KIND_WORDS = (
    ("training", T.TRAINING_WORDS),
    ("forum", T.FORUM_WORDS + T.SIGNING_EVENTS),
    ("alliance", T.ALLIANCE_NOUNS),
    ("agreement", T.AGREEMENT_NOUNS),
    ("founding", T.FOUNDING_VERBS + T.SETUP_VERBS),
    ("visit", T.VISIT_WORDS),
)


@dataclass
class EventReading:
    title: str
    kind: str
    start_date: dt.date | None
    end_date: dt.date | None
    precision: str
    region_keys: list[str]
    organisations: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    participants: int | None = None


@dataclass
class OrganisationReading:
    name: str
    kind: str
    region_key: str | None


@dataclass
class PersonReading:
    name: str
    title: str = ""
    organisation: str = ""


@dataclass
class QuoteReading:
    text: str
    kind: str
    speaker: str = ""
    speaker_label: str = ""
    speaker_title: str = ""
    speaker_organisation: str = ""


@dataclass
class SelectionReading:
    start: int
    end: int
    selected: str
    sentence: tuple[int, int]
    event: EventReading
    organisation: OrganisationReading
    person: PersonReading
    quote: QuoteReading
    region_keys: list[str]  # places named in the selection, then in its sentence
    organisations: list[str]  # mentioned in the sentence
    people: list[str]


def kind_of_name(name: str) -> str:
    """An event kind from the trigger word that ends latest in `name`
    ('other' when none does)."""
    best, best_end = "other", -1
    for kind, words in _KIND_WORDS:
        for word in words:
            at = name.rfind(word)
            if at >= 0 and at + len(word) > best_end:
                best, best_end = kind, at + len(word)
    return best


def _paragraph(text: str, start: int, end: int) -> tuple[int, int]:
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", max(end - 1, start))
    return left, right if right >= 0 else len(text)


def _overlaps(a: int, b: int, start: int, end: int) -> bool:
    return a < end and start < b if end > start else a <= start <= b


def read_selection(text: str, start: int, end: int, *, gazetteer: Gazetteer,
                   published: dt.date | None = None,
                   published_precision: str = D.UNKNOWN) -> SelectionReading:
    """Readings of text[start:end] as each kind of record a curator may add."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    start, end = min(start, end), max(start, end)
    left, right = _paragraph(text, start, end)
    doc = Document(text[left:right], published=published,
                   published_precision=published_precision, use_model=False)
    found = extract(doc, gazetteer)
    s, e = start - left, end - left
    sentences = [x for x in doc.sentences if _overlaps(x.start, x.end, s, e)] or doc.sentences[:1]
    sent_s = sentences[0].start if sentences else s
    sent_e = sentences[-1].end if sentences else e
    selected = text[start:end].strip()
    regions = _regions(found, s, e, sent_s, sent_e)
    organisations = [o.name for o in found.organisations
                     if any(_overlaps(m.start, m.end, sent_s, sent_e) for m in o.mentions)]
    people = [p.name for p in found.people
              if any(_overlaps(m.start, m.end, sent_s, sent_e) for m in p.mentions)]
    return SelectionReading(
        start=start, end=end, selected=selected, sentence=(left + sent_s, left + sent_e),
        event=_event(found, selected, s, e, sent_s, sent_e, regions),
        organisation=_organisation(found, selected, s, e),
        person=_person(found, selected, s, e),
        quote=_quote(found, selected, s, e),
        region_keys=regions, organisations=organisations, people=people,
    )


def _regions(found: Extraction, s: int, e: int, sent_s: int, sent_e: int) -> list[str]:
    inside = [r.key for r in found.regions if _overlaps(r.start, r.end, s, e)]
    around = [r.key for r in found.regions if _overlaps(r.start, r.end, sent_s, sent_e)]
    return list(dict.fromkeys(inside + around))


def _event(found: Extraction, selected: str, s: int, e: int, sent_s: int, sent_e: int,
           regions: list[str]) -> EventReading:
    def overlap(event) -> int:
        return max((min(b, e) - max(a, s) for a, b in event.spans), default=-1)

    hits = [ev for ev in found.events if overlap(ev) > 0 or any(_overlaps(a, b, s, e) for a, b in ev.spans)]
    if hits:
        event = max(hits, key=overlap)
        return EventReading(
            title=event.title, kind=event.kind, start_date=event.start_date,
            end_date=event.end_date, precision=event.precision if event.start_date else D.UNKNOWN,
            region_keys=list(dict.fromkeys(event.region_keys + regions)),
            organisations=[r.name for r in event.roles if r.party == "organisation"],
            people=[r.name for r in event.roles if r.party == "person"],
            participants=event.participants,
        )
    # Nothing the importer would call an event: the selection is the name,
    # its head noun the kind, the sentence's first date the date.
    dated = [d for d in found.dates if d.start_date and _overlaps(d.start, d.end, sent_s, sent_e)]
    date = dated[0] if dated else None
    return EventReading(
        title=selected[:300], kind=kind_of_name(selected),
        start_date=date.start_date if date else None, end_date=date.end_date if date else None,
        precision=date.precision if date else D.UNKNOWN, region_keys=regions,
    )


def _organisation(found: Extraction, selected: str, s: int, e: int) -> OrganisationReading:
    for org in found.organisations:
        if any(_overlaps(m.start, m.end, s, e) for m in org.mentions):
            return OrganisationReading(org.name, org.kind, org.region_key)
    # Not a name the rules find: the selection is the name, its suffix the
    # kind, a place it starts with its region.
    lead = s + (len(selected) - len(selected.lstrip()) if selected else 0)
    place = next((r for r in found.regions if r.start == lead), None)
    suffix = suffix_of(selected)
    kind = kind_of(selected, suffix, place is not None) if suffix else "other"
    return OrganisationReading(selected[:200], kind, place.key if place else None)


def _person(found: Extraction, selected: str, s: int, e: int) -> PersonReading:
    for person in found.people:
        if any(_overlaps(m.start, m.end, s, e) for m in person.mentions):
            position = person.positions[0] if person.positions else None
            return PersonReading(person.name, position.title if position else "",
                                 position.organisation if position else "")
    return PersonReading(selected[:100])


def _quote(found: Extraction, selected: str, s: int, e: int) -> QuoteReading:
    for quote in found.quotes:
        if _overlaps(quote.start, quote.end, s, e):
            return QuoteReading(quote.text, quote.kind, quote.speaker, quote.speaker_label,
                                quote.speaker_title, quote.speaker_organisation)
    return QuoteReading(selected.strip("“”\"「」『』"), "direct")
