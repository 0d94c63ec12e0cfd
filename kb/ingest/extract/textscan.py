"""Small text helpers shared by the organisation, people and quote
extractors: character classes, word sets matched at a position, and span
sets for overlap checks."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


# Dashes that join two places in one name (中国—东盟中心, 天津滨海-中关村科技园).
JOINING_DASHES = "-－‐—"


def dash_joins(text: str, pos: int) -> bool:
    """text[pos - 1] is a single dash between two Chinese characters."""
    return 2 <= pos < len(text) and text[pos - 1] in JOINING_DASHES \
        and is_cjk(text[pos - 2]) and is_cjk(text[pos])


def is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def is_name_char(ch: str) -> bool:
    """A character that may stand inside an organisation name."""
    return is_cjk(ch) or is_latin(ch) or ch in "·&"


OPEN_BRACKETS = "(（"
CLOSE_BRACKETS = ")）"
OPEN_QUOTES = "“「『\""
CLOSE_QUOTES = "”」』\""
SENTENCE_ENDS = "。！？!?；;…"
CLAUSE_MARKS = "，,、：:" + SENTENCE_ENDS


class WordSet:
    """Words looked up by the position they start or end at, longest first.

    Lengths are indexed by first and last character, so that a lookup tries
    only the lengths of words that could match there."""

    def __init__(self, words: Iterable[str]):
        self.words = frozenset(w for w in words if w)
        by_first: dict[str, set[int]] = {}
        by_last: dict[str, set[int]] = {}
        for w in self.words:
            by_first.setdefault(w[0], set()).add(len(w))
            by_last.setdefault(w[-1], set()).add(len(w))
        self._by_first = {ch: sorted(ns, reverse=True) for ch, ns in by_first.items()}
        self._by_last = {ch: sorted(ns, reverse=True) for ch, ns in by_last.items()}

    def __contains__(self, word: str) -> bool:
        return word in self.words

    def ending_at(self, text: str, end: int) -> str | None:
        if not 0 < end <= len(text):
            return None
        for n in self._by_last.get(text[end - 1], ()):
            if n <= end and text[end - n:end] in self.words:
                return text[end - n:end]
        return None

    def starting_at(self, text: str, start: int) -> str | None:
        if not 0 <= start < len(text):
            return None
        for n in self._by_first.get(text[start], ()):
            if start + n <= len(text) and text[start:start + n] in self.words:
                return text[start:start + n]
        return None


class SpanSet:
    """Sorted, possibly overlapping spans; answers "does [s, e) touch one?"."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()):
        self.spans = sorted((s, e) for s, e in spans if e > s)
        self._starts = [s for s, _ in self.spans]
        self._max_len = max((e - s for s, e in self.spans), default=0)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_right(self._starts, end - 1)
        while i > 0:
            s, e = self.spans[i - 1]
            if s + self._max_len < start:
                break
            if s < end and start < e:
                return True
            i -= 1
        return False

    def covering(self, start: int, end: int) -> tuple[int, int] | None:
        """A span that contains [start, end) entirely."""
        i = bisect_right(self._starts, start)
        while i > 0:
            s, e = self.spans[i - 1]
            if s + self._max_len < start:
                break
            if s <= start and end <= e:
                return s, e
            i -= 1
        return None


def sentence_end(text: str, pos: int) -> int:
    """The end of the sentence that contains `pos` (its final mark included)."""
    for i in range(pos, len(text)):
        ch = text[i]
        if ch == "\n":
            return i
        if ch in SENTENCE_ENDS:
            j = i + 1
            while j < len(text) and text[j] in SENTENCE_ENDS:
                j += 1
            return j
    return len(text)



class SpanIndex:
    """Items with spans, found by position: those starting in [lo, hi), or
    touching [lo, hi), in their original order, without a scan of all items
    (a one-line megabyte article has thousands of mentions, and a scan per
    sentence is quadratic)."""

    def __init__(self, items: Iterable, span=lambda item: (item[0], item[1])):
        self.items = list(items)
        spans = [span(item) for item in self.items]
        self._order = sorted(range(len(self.items)), key=lambda k: spans[k][0])
        self._starts = [spans[k][0] for k in self._order]
        self._ends = [spans[k][1] for k in self._order]
        self._max_len = max((e - s for s, e in spans), default=0)

    def _positions(self, lo: int, hi: int) -> range:
        return range(bisect_left(self._starts, lo), bisect_left(self._starts, hi))

    def starting_in(self, lo: int, hi: int) -> list:
        return [self.items[k] for k in sorted(self._order[i] for i in self._positions(lo, hi))]

    def touching(self, lo: int, hi: int) -> list:
        """Items that overlap [lo, hi) or start inside it."""
        chosen = [self._order[i] for i in self._positions(lo - self._max_len, hi)
                  if self._ends[i] > lo or self._starts[i] >= lo]
        return [self.items[k] for k in sorted(chosen)]
