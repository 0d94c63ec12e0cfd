"""Edits over a string, and a text that remembers where each character came from.

Every repair step is a pure function `find_…(text) -> list[Edit]` that says
what to change in the text it is given; it never changes the text itself.
`TrackedText.apply` carries the edits out and keeps, for every character of
the current text, its offset in the raw text as read, so the repair log can
point a curator at the exact raw span each repair touched.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Edit:
    """Replace text[start:end] with `replacement`.

    kind     what the repair is (junk_line, html, pinyin, mojibake, caption,
             whitespace …); it becomes the repair log's `kind`.
    detail   a short human-readable reason (which rule fired, which reading).
    damaged  for a span that could not be repaired: the text stays as it is
             (replacement == text[start:end]) and the span is marked damaged,
             so that nothing is extracted from inside it.
    logged   False for trivial edits (line-end normalisation) that are
             counted in the log instead of listed one by one.
    """

    start: int
    end: int
    replacement: str
    kind: str
    detail: str = ""
    damaged: bool = False
    logged: bool = True


@dataclass
class Repair:
    """One entry of a Source's repair log (stored as JSON)."""

    kind: str
    raw_start: int
    raw_end: int
    before: str
    after: str
    detail: str = ""
    damaged: bool = False
    # Where the result sits in the repaired text (original script); filled in
    # once all steps have run, so it refers to the final text.
    start: int | None = None
    end: int | None = None

    def as_json(self) -> dict:
        # Leave out empty optional fields; 0 is a real offset and stays.
        fields = (("kind", self.kind), ("raw_start", self.raw_start), ("raw_end", self.raw_end),
                  ("before", self.before), ("after", self.after), ("detail", self.detail),
                  ("damaged", self.damaged), ("start", self.start), ("end", self.end))
        return {k: v for k, v in fields if v is not None and v != "" and v is not False}


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """The text with the edits carried out (for tests and simple callers)."""
    out: list[str] = []
    pos = 0
    for edit in _ordered(edits, len(text)):
        out.append(text[pos : edit.start])
        out.append(edit.replacement)
        pos = edit.end
    out.append(text[pos:])
    return "".join(out)


def _ordered(edits: Iterable[Edit], length: int) -> list[Edit]:
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    pos = 0
    for edit in ordered:
        if not (0 <= edit.start <= edit.end <= length):
            raise ValueError(f"edit {edit} outside text of length {length}")
        if edit.start < pos:
            raise ValueError(f"edit {edit} overlaps the previous edit (ends at {pos})")
        pos = edit.end
    return ordered


@dataclass
class TrackedText:
    """A text being repaired, with each character's offset in the raw text."""

    raw: str
    text: str = ""
    origin: list[int] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    # Counts of edits that are not listed one by one (kind -> count).
    counts: dict[str, int] = field(default_factory=dict)
    # Damaged spans as (start, end) in the current text, kept in step.
    _damaged: list[Repair] = field(default_factory=list)

    def __post_init__(self):
        if not self.text and not self.origin:
            self.text = self.raw
            self.origin = list(range(len(self.raw)))

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        if start >= len(self.origin):
            return len(self.raw), len(self.raw)
        raw_start = self.origin[start]
        raw_end = self.origin[end - 1] + 1 if end > start else raw_start
        return raw_start, max(raw_start, raw_end)

    def apply(self, edits: Iterable[Edit]) -> TrackedText:
        edits = _ordered(edits, len(self.text))
        if not edits:
            return self
        out: list[str] = []
        origin: list[int] = []
        pos = 0
        length = 0  # of the text built so far
        new_positions: list[tuple[Repair, int, int]] = []
        for edit in edits:
            out.append(self.text[pos : edit.start])
            length += edit.start - pos
            origin.extend(self.origin[pos : edit.start])
            raw_start, raw_end = self.raw_span(edit.start, edit.end)
            new_start = length
            out.append(edit.replacement)
            length += len(edit.replacement)
            if edit.end - edit.start == len(edit.replacement):
                # Same length (mojibake repaired in place, a damaged span kept):
                # characters keep their own origins.
                origin.extend(self.origin[edit.start : edit.end])
            else:
                origin.extend([raw_start] * len(edit.replacement))
            pos = edit.end
            if edit.logged:
                repair = Repair(
                    kind=edit.kind,
                    raw_start=raw_start,
                    raw_end=raw_end,
                    before=self.text[edit.start : edit.end],
                    after=edit.replacement,
                    detail=edit.detail,
                    damaged=edit.damaged,
                )
                self.repairs.append(repair)
                new_positions.append((repair, new_start, new_start + len(edit.replacement)))
            else:
                self.counts[edit.kind] = self.counts.get(edit.kind, 0) + 1
        out.append(self.text[pos:])
        origin.extend(self.origin[pos:])
        old_origin = self.origin
        self.text = "".join(out)
        self.origin = origin
        # Re-locate earlier repairs' results in the new text by raw origin.
        self._relocate(old_origin)
        for repair, start, end in new_positions:
            repair.start, repair.end = start, end
        return self

    def _relocate(self, old_origin: list[int]) -> None:
        # origin is non-decreasing (edits are applied in order and inserted
        # characters take the raw offset of what they replace), so a bisect
        # finds where a raw offset now sits.
        for repair in self.repairs:
            if repair.start is None:
                continue
            length = repair.end - repair.start
            if length == 0 or repair.start >= len(old_origin):
                anchor = repair.raw_end if length == 0 else repair.raw_start
                repair.start = repair.end = bisect_left(self.origin, anchor)
                continue
            first_raw = old_origin[repair.start]
            new_start = bisect_left(self.origin, first_raw)
            if new_start >= len(self.origin) or self.origin[new_start] != first_raw:
                repair.start = repair.end = new_start
                continue
            repair.start, repair.end = new_start, min(len(self.text), new_start + length)

    def damaged_spans(self) -> list[tuple[int, int]]:
        """Spans of the current text that are marked damaged."""
        return [(r.start, r.end) for r in self.repairs if r.damaged and r.start is not None]

    def log(self) -> list[dict]:
        entries = [r.as_json() for r in self.repairs]
        for kind, count in sorted(self.counts.items()):
            entries.append({"kind": kind, "count": count})
        return entries
