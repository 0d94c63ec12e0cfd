"""What a quote's speaker is looked for in: the people and organisations of
the article indexed by where their mentions start and end, its paragraphs,
and the speaker a rule settles on (a person, a group's label, or nobody
named)."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from kb.ingest.extract.document import Document
from kb.ingest.extract.mentions import Organisation, Person, PersonMention
from kb.ingest.extract.textscan import SpanSet


@dataclass(frozen=True)
class Speaker:
    name: str = ""
    label: str = ""
    title: str = ""
    organisation: str = ""
    start: int = -1
    end: int = -1
    weak: bool = False  # from context alone: flag the quote for curators


# An attribution that names nobody the extractors know.
UNNAMED = Speaker()


class QuoteContext:
    def __init__(self, doc: Document, people: list[Person], organisations: list[Organisation]):
        self.doc = doc
        self.text = doc.text
        self.damaged = SpanSet(doc.damaged)
        self.captions = SpanSet(doc.captions)
        pairs = sorted(((m, p) for p in people for m in p.mentions), key=lambda x: x[0].start)
        self.people = pairs
        self.person_starts = [m.start for m, _ in pairs]
        self.by_end = {m.end: (m, p) for m, p in pairs}
        self.by_chain = {m.chain_start: (m, p) for m, p in pairs}
        self.org_by_end = {m.end: m for o in organisations for m in o.mentions}
        self.org_by_start = {m.start: m for o in organisations for m in o.mentions}
        self.paragraph_starts = [s for s, _ in doc.paragraphs()]

    def paragraph(self, pos: int) -> int:
        return bisect_right(self.paragraph_starts, pos) - 1

    def speaker_of(self, mention: PersonMention, person: Person) -> Speaker:
        ref = mention.positions[0] if mention.positions else (
            person.positions[0] if person.positions else None)
        return Speaker(person.name, "", ref.title if ref else "", ref.organisation if ref else "",
                        mention.start, mention.end)

    def persons_between(self, start: int, end: int) -> list[tuple[PersonMention, Person]]:
        i = bisect_right(self.person_starts, start - 1)
        out = []
        while i < len(self.people) and self.people[i][0].start < end:
            if self.people[i][0].end <= end:
                out.append(self.people[i])
            i += 1
        return out

    def checked(self, speaker: Speaker | None) -> Speaker | None:
        """The speaker, unless its words touch a damaged span."""
        if speaker is not None and speaker.start >= 0 and \
                self.damaged.overlaps(speaker.start, speaker.end):
            return None
        return speaker

    def usable(self, start: int, end: int) -> bool:
        return not self.damaged.overlaps(start, end) and self.captions.covering(start, end) is None
