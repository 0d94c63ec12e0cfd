"""Pinyin glued after characters by some sites: 培訓(xùn) -> 培訓.

An annotation goes only when the parenthesised text is one of pypinyin's
readings (all heteronyms) of the single Han character right before it, in
any of the forms sites use: tone marks (xùn), no tone (xun), tone number
(xun4), ü written v or u: (lv4, lü).  Everything else stays: (长春),
(WOYLC), (2025), (完), and a syllable after anything but a Han character,
as in `Mind (a)` or `5G(ai)`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pypinyin import Style, pinyin  # imported once, with this module

from kb.ingest.edits import Edit

KIND = "pinyin"

_HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# A Han character and the parenthesised groups right after it that could be
# one syllable (letters, tone marks or a tone digit); half- or full-width,
# sometimes with a space inside the bracket (chuàng ).
_ANNOTATED = re.compile(rf"([{_HAN}])((?:[(（] ?[^\s()（）]{{1,8}} ?[)）])+)")
_GROUP = re.compile(r"[(（] ?([^\s()（）]{1,8}) ?[)）]")
_SYLLABLE = re.compile(r"[a-z]{1,6}[0-5]?")

# Combining tone marks after NFD: macron, acute, caron, grave -> tone 1–4.
_TONE_MARKS = {"\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4"}


def find_pinyin(text: str) -> list[Edit]:
    edits: list[Edit] = []
    for m in _ANNOTATED.finditer(text):
        char = m.group(1)
        readings = _readings(char)
        end = m.start(2)
        shown: list[str] = []
        # Several groups in a row: drop each one that is a reading, stop at
        # the first that is not (it is a real parenthesis: `訓(xùn)(拓展…)`).
        for group in _GROUP.finditer(m.group(2)):
            if _key(group.group(1)) not in readings:
                break
            end = m.start(2) + group.end()
            shown.append(group.group(1))
        if shown:
            edits.append(Edit(m.start(2), end, "", KIND, f"{char} {' '.join(shown)}"))
    edits.extend(_orphans(text))
    return sorted(edits, key=lambda e: e.start)


# A mojibake span that could not be repaired ends in "?" where its last
# character and the "(" of that character's annotation were lost together:
# `…紕?chuàng)新`.  The annotation's remains go; a tone mark is required so
# that nothing but pinyin is ever taken.
_ORPHAN = re.compile(r"(?<=[?\ufffd])([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7})\)")


def _orphans(text: str) -> list[Edit]:
    edits = []
    for m in _ORPHAN.finditer(text):
        key = _key(m.group(1))
        if key is not None and key[1] and unicodedata.normalize("NFD", m.group(1)) != m.group(1):
            edits.append(Edit(m.start(), m.end(), "", KIND, f"annotation left by a lost character: {m.group(1)}"))
    return edits


def _key(annotation: str) -> tuple[str, str] | None:
    """(syllable with ü as v, tone digit or '' when not given), or None if
    it cannot be pinyin."""
    plain = unicodedata.normalize("NFD", annotation)
    if plain != plain.lower():
        return None  # capitals: an abbreviation or a name, never an annotation
    tone = ""
    letters = []
    for ch in plain:
        if ch in _TONE_MARKS:
            if tone:
                return None
            tone = _TONE_MARKS[ch]
        elif ch == "\u0308":  # diaeresis: ü
            if not letters or letters[-1] != "u":
                return None
            letters[-1] = "v"
        else:
            letters.append(ch)
    syllable = "".join(letters).replace("u:", "v")
    if not _SYLLABLE.fullmatch(syllable):
        return None
    if syllable[-1].isdigit():
        if tone:
            return None
        syllable, tone = syllable[:-1], syllable[-1]
    if tone in ("5", "0"):
        tone = ""  # neutral tone
    return syllable, tone


@lru_cache(maxsize=16384)
def _readings(char: str) -> frozenset[tuple[str, str]]:
    """Every key an annotation of char may have: each reading with its tone
    and without; for ü also with u (lü written lu)."""
    keys: set[tuple[str, str]] = set()
    found = pinyin(char, style=Style.TONE, heteronym=True, errors="ignore")
    for reading in found[0] if found else []:
        key = _key(reading)
        if key is None:
            continue
        syllable, tone = key
        for form in {syllable, syllable.replace("v", "u")}:
            keys.add((form, tone))
            keys.add((form, ""))
    return frozenset(keys)
