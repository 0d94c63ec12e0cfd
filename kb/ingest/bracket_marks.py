"""Paired punctuation as evidence: what a candidate repair's brackets and
quote marks cost, given the marks already open on the line and those that
close later.  A repair that closes a 《 nobody opened is less likely than
one that leaves the marks balanced."""

from __future__ import annotations

from kb.ingest.plausibility import to_punct

_PARTNER = {
    "”": "“",
    "’": "‘",
    "）": "（",
    "》": "《",
    "」": "「",
    "』": "『",
    "】": "【",
    "〉": "〈",
}
_CLOSER = {v: k for k, v in _PARTNER.items()}
_MARKS = frozenset(_PARTNER) | frozenset(_CLOSER) | frozenset("()")
_QUOTES = set("“”‘’")
# A closing mark that closes nothing open on its line (a quote may have
# opened in an earlier paragraph; a parenthesis may not), or not the
# innermost open mark; an opening parenthesis that nothing closes later on
# its line.
NO_OPENER = {True: -3.0, False: -8.0}  # keyed by "is a quote mark"
WRONG_CLOSER = -6.0
NO_CLOSER = {True: -1.0, False: -6.0}


def open_marks(text: str, i: int) -> list[str]:
    """The opening marks still open on the line before i, innermost last."""
    return walk_marks([], text[text.rfind("\n", 0, i) + 1 : i])[0]


def mark_cost(opened: list[str], chars: str, closers: frozenset[str] | None = None) -> float:
    """What the marks in chars cost, given the marks open before and (if
    given) the marks that come later on the line."""
    if not any(c in _MARKS for c in chars):
        return 0.0  # nothing opens or closes: the open marks stay as they were
    stack, cost = walk_marks(opened, chars)
    if closers is not None:
        for mark in stack[len(opened) :] if stack[: len(opened)] == opened else stack:
            if _CLOSER[mark] not in closers:
                cost += NO_CLOSER[mark in _QUOTES]
    return cost


def walk_marks(opened: list[str], chars: str) -> tuple[list[str], float]:
    stack = list(opened)
    cost = 0.0
    for c in chars:
        c = to_punct(c) or c
        if c in _PARTNER.values():
            stack.append(c)
        elif c in _PARTNER:
            if stack and stack[-1] == _PARTNER[c]:
                stack.pop()
            else:
                cost += WRONG_CLOSER if stack else NO_OPENER[c in _QUOTES]
    return stack, cost
