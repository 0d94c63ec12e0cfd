"""Re-anchoring: where a span marked on an old version of a text stands in
the new version.

A curator's evidence points at characters of the stored text.  When the
article's file changes (a better copy, a repaired page) and the importer
stores a new text, the curator's spans must follow their words, not their
offsets.  The words are looked up in the new text; when they occur more
than once, the occurrence whose neighbourhood reads like the old one wins,
then the one nearest the old relative position.  When they no longer occur
at all there is no honest place for the span: the caller keeps it and
flags it for the curator.
"""

from __future__ import annotations

# Characters of context compared on each side of a span.
CONTEXT = 24


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def reanchor(*, old_text: str, new_text: str, start: int, end: int,
             words: str = "") -> tuple[int, int] | None:
    """The span of `new_text` that holds what old_text[start:end] held, or
    None when those words are gone.  `words` is the span's text as it was
    marked (old_text may already be a later version than the one marked)."""
    words = words or old_text[start:end]
    if not words:
        return None
    if new_text[start:end] == words:
        return start, end
    hits = []
    at = new_text.find(words)
    while at >= 0:
        hits.append(at)
        at = new_text.find(words, at + 1)
    if not hits:
        return None
    before = old_text[max(0, start - CONTEXT):start][::-1]
    after = old_text[end:end + CONTEXT]
    scale = len(new_text) / len(old_text) if old_text else 1.0

    def fit(hit: int) -> tuple[int, float]:
        context = (_common_prefix(before, new_text[max(0, hit - CONTEXT):hit][::-1])
                   + _common_prefix(after, new_text[hit + len(words):hit + len(words) + CONTEXT]))
        return context, -abs(hit - start * scale)

    best = max(hits, key=fit)
    return best, best + len(words)
