"""Line ends and odd spaces: the first repair, so later steps can work line
by line on LF-only text without indentation or invisible characters.

    CRLF, lone CR, U+2028/U+2029/U+0085   -> LF               (counted)
    indentation (any space, U+3000, NBSP, em space … at a line start),
    trailing spaces                       -> removed          (counted)
    U+3000, NBSP and other wide spaces inside a line -> " "   (counted)
    3 or more blank lines                 -> one blank line   (counted)
    zero-width characters (U+200B–U+200D, U+FEFF, U+2060) -> removed (logged:
        invisible characters can split a word so that a search misses it)

A zero-width joiner between two symbols is kept: it joins emoji sequences.
"""

from __future__ import annotations

import re
import unicodedata

from kb.ingest.edits import Edit

KIND = "whitespace"
# A run of this many blank lines or more becomes one blank line.
COLLAPSE_BLANK_LINES = 2

ZERO_WIDTH = "\u200b\u200c\u200d\ufeff\u2060"
# Horizontal spaces: ASCII space and tab, and every Unicode space separator.
SPACES = " \t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_WIDE = SPACES[2:]

_LINE = re.compile(r"([^\r\n\u2028\u2029\x85]*)(\r\n|[\r\n\u2028\u2029\x85]|\Z)")
_BLANK = re.compile(f"[{SPACES}{ZERO_WIDTH}]*")
_LEADING = re.compile(f"[{SPACES}{ZERO_WIDTH}]+")
_TRAILING = re.compile(f"[{SPACES}{ZERO_WIDTH}]+$")
_INNER_ZERO_WIDTH = re.compile(f"[{ZERO_WIDTH}]+")
_INNER_WIDE = re.compile(f"[{_WIDE}]+")

_NAMES = {
    "\u200b": "zero-width space",
    "\u200c": "zero-width non-joiner",
    "\u200d": "zero-width joiner",
    "\ufeff": "byte order mark",
    "\u2060": "word joiner",
}


def find_whitespace(text: str) -> list[Edit]:
    edits: list[Edit] = []
    # (start, end of content, end of line break) for every line; the empty
    # match \Z makes after a final line break is no line.
    lines = [
        (m.start(1), m.end(1), m.end(2))
        for m in _LINE.finditer(text)
        if m.end(2) > m.start(1)
    ]
    blank = [_BLANK.fullmatch(text, s, e) is not None for s, e, _ in lines]
    i = 0
    while i < len(lines):
        start, end, line_end = lines[i]
        _line_end(text, end, line_end, edits)
        if blank[i]:
            if end > start:
                edits.append(Edit(start, end, "", KIND, "blank line", logged=False))
            run = i
            while run < len(lines) and blank[run] and lines[run][2] > lines[run][1]:
                run += 1
            # lines[i : run] are blank lines, each ended by a line break; a
            # long run keeps only its first.
            if run - i >= COLLAPSE_BLANK_LINES:
                drop_from = lines[i + 1][0]
                drop_to = lines[run - 1][2]
                edits.append(Edit(drop_from, drop_to, "", KIND, f"{run - i} blank lines", logged=False))
                i = run
                continue
            i += 1
            continue
        _in_line(text, start, end, edits)
        i += 1
    return edits


def _line_end(text: str, end: int, line_end: int, edits: list[Edit]) -> None:
    if line_end > end and text[end:line_end] != "\n":
        edits.append(Edit(end, line_end, "\n", KIND, "line end", logged=False))


def _in_line(text: str, start: int, end: int, edits: list[Edit]) -> None:
    lead = _LEADING.match(text, start, end)
    body_start = lead.end() if lead else start
    if lead:
        edits.append(Edit(start, lead.end(), "", KIND, "indentation", logged=False))
    trail = _TRAILING.search(text, body_start, end)
    body_end = trail.start() if trail else end
    for m in _INNER_ZERO_WIDTH.finditer(text, body_start, body_end):
        if _joins_symbols(text, m.start(), m.end()):
            continue
        names = ", ".join(sorted({_NAMES[ch] for ch in m.group()}))
        edits.append(Edit(m.start(), m.end(), "", KIND, f"removed {names}"))
    for m in _INNER_WIDE.finditer(text, body_start, body_end):
        codes = ", ".join(sorted({f"U+{ord(ch):04X}" for ch in m.group()}))
        edits.append(Edit(m.start(), m.end(), " " * len(m.group()), KIND, f"{codes} to space", logged=False))
    if trail:
        edits.append(Edit(trail.start(), end, "", KIND, "trailing space", logged=False))


def _joins_symbols(text: str, start: int, end: int) -> bool:
    """A lone ZWJ between two symbols (emoji), or before a variation selector."""
    if text[start:end] != "\u200d" or start == 0 or end >= len(text):
        return False
    return _is_symbol(text[start - 1]) and _is_symbol(text[end])


def _is_symbol(ch: str) -> bool:
    return unicodedata.category(ch) in ("So", "Sk") or "\ufe00" <= ch <= "\ufe0f" or "\U0001f3fb" <= ch <= "\U0001f3ff"
