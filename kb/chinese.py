"""Shared OpenCC converters: Simplified and Traditional script for the
pipeline and the web pages alike (a neutral module, no Django imports).

Building an OpenCC converter costs far more than a conversion, so each config
is built once per process and reused (opencc-python-reimplemented).

opencc-python-reimplemented looks every substring of up to 14 characters up
in its dictionaries, for every piece of text, even when nothing in it
converts: a Simplified article of 5,000 characters cost about 10 ms.  Most
text holds no multi-character dictionary entry at all, and then what the
library computes is a character-for-character mapping, which str.translate
does in microseconds.  `Converter` takes that path only when no
multi-character entry can occur in the text (no two-character start of one
does), and otherwise hands the text to OpenCC itself, so its output is
always exactly OpenCC's.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from opencc import OpenCC


class Converter:
    """OpenCC's convert with a fast path for text without phrase entries."""

    def __init__(self, config: str):
        self.opencc = OpenCC(config)
        self._groups = self._fast_groups()

    def _fast_groups(self) -> list[tuple[frozenset[str], dict[int, str]]] | None:
        """Per step of the conversion chain: the two-character starts of its
        multi-character entries, and the table that maps each single
        character as OpenCC would (an earlier dictionary of a group wins, a
        value with alternatives gives its first).  None when the chain is
        not of a shape this reasoning covers."""
        separator = self.opencc.split_chars_re
        groups = []
        for group in self.opencc._dict_chain_data:
            starts: set[str] = set()
            table: dict[int, str] = {}
            for _max_len, _min_len, entries in group:
                for key, value in entries.items():
                    if len(key) > 1:
                        starts.add(key[:2])
                    elif len(key) == 1:
                        first = value.split(" ")[0]
                        # OpenCC never converts its separators, and converts
                        # each piece between them on its own: a value that
                        # is or holds a separator would break that.
                        if separator.search(first):
                            return None
                        if not separator.fullmatch(key):
                            table.setdefault(ord(key), first)
            groups.append((frozenset(starts), table))
        return groups

    def convert(self, text: str) -> str:
        if self._groups is None:
            return self.opencc.convert(text)
        out = self._mapped(text)
        if out is not None:
            return out
        # OpenCC converts the pieces between its separators one by one (the
        # odd items of the split are the separators): only a piece that
        # may hold an entry goes through its dictionaries.
        pieces = self.opencc.split_chars_re.split(text)
        for i in range(0, len(pieces), 2):
            out = self._mapped(pieces[i])
            pieces[i] = out if out is not None else self.opencc._convert(pieces[i], self.opencc._dict_chain_data)
        return "".join(pieces)

    def _mapped(self, text: str) -> str | None:
        """The text converted character by character, or None when a
        multi-character entry may occur in it."""
        for starts, table in self._groups:
            if starts and _holds_any(text, starts):
                return None
            text = text.translate(table)
        return text


def _holds_any(text: str, pairs: frozenset[str]) -> bool:
    return any(text[i : i + 2] in pairs for i in range(len(text) - 1))


@lru_cache(maxsize=8)
def converter(config: str) -> Converter:
    """config: t2s, s2t, s2tw, tw2s, s2hk, hk2s …"""
    return Converter(config)


def to_simplified(text: str) -> str:
    return restore_kept(text, converter("t2s").convert(fold_variants(text)))


# OpenCC reads 乾 as 乾燥 (dry) and writes 干, but in place names 乾 is the
# Simplified character too: 乾县, 乾安县, 吉首市乾州街道, 乾陵.
_KEEP_QIAN = re.compile(r"乾(?=[县縣州陵]|安[县縣])")


def restore_kept(original: str, converted: str, *, keep: frozenset[str] = frozenset()) -> str:
    """`converted` (original's t2s conversion) with what must survive
    conversion put back: 乾 of a place name, and the characters of `keep`
    wherever they stand.  Only a conversion that kept the length can be
    mended character by character; another is returned as it is."""
    if len(converted) != len(original) or not ("乾" in original or any(ch in keep for ch in original)):
        return converted
    chars = [o if o in keep else c for o, c in zip(original, converted, strict=True)]
    for match in _KEEP_QIAN.finditer(original):
        chars[match.start()] = "乾"
    return "".join(chars)


def to_traditional(text: str, variant: str = "s2t") -> str:
    return converter(variant).convert(text)


# Variant and old forms that OpenCC's t2s leaves as they are, mapped to the
# standard Simplified character (通用规范汉字表).  Only unambiguous ones: 著
# is itself a Simplified character (著作) and stays; 硷 is in GB 2312 and stays.
_EXTRA_T2S = str.maketrans(
    {
        "堿": "碱",
        "衞": "卫",
        "兎": "兔",
        "汚": "污",
        "緖": "绪",
        "吿": "告",
        "淸": "清",
        "靑": "青",
        "値": "值",
        "槪": "概",
        "粧": "妆",
        "陜": "陕",
        "姪": "侄",
        "牠": "它",
        "劄": "札",
        "谘": "咨",
    }
)


def fold_variants(text: str) -> str:
    """Length-preserving fixes applied before OpenCC: compatibility
    ideographs (U+F900 block, U+2F800 block) to their unified character, and
    the variants OpenCC misses."""
    if _COMPAT.search(text):
        text = _COMPAT.sub(lambda m: unicodedata.normalize("NFC", m.group()), text)
    return text.translate(_EXTRA_T2S)


_COMPAT = re.compile("[\uf900-\ufaff\U0002f800-\U0002fa1f]")


# Characters of the 通用规范汉字表 (so Simplified) that OpenCC's t2s still
# folds into another: they occur in names (华为昇腾, 上海新昇半导体) and must
# survive conversion.
_KEEP = frozenset("昇")


@dataclass
class Simplified:
    """The Simplified copy of a text.

    to_original[i] is the index in the original text of the character that
    produced text[i]; it never decreases.
    """

    text: str
    to_original: list[int]
    original_length: int

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that text[start:end] came from."""
        n = len(self.text)
        start, end = max(0, min(start, n)), max(0, min(end, n))
        if start >= n:
            return self.original_length, self.original_length
        orig_start = self.to_original[start]
        if end <= start:
            return orig_start, orig_start
        last = self.to_original[end - 1]
        if end < n and self.to_original[end] > last:
            # Up to where the next character's source starts: covers source
            # characters a shortened phrase dropped.
            orig_end = self.to_original[end]
        elif end == n:
            orig_end = self.original_length
        else:
            orig_end = last + 1
        return orig_start, orig_end

    def simplified_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the Simplified text made from original[start:end]."""
        s = bisect_left(self.to_original, start)
        e = bisect_left(self.to_original, end) if end > start else s
        return s, max(s, e)


# OpenCC never converts across these (its own sentence separators), so
# converting the pieces between them one by one gives the same text.
_PIECE = re.compile(r"[^\s\-,.?!*，。、；：？！…“”‘’『』「」—－（）《》〈〉～．／＼【】]+")


def simplify(text: str, *, config: str = "t2s") -> Simplified:
    """The text in Simplified characters, with an offset map to the original.

    config: an OpenCC config that converts to Simplified (t2s, tw2s, tw2sp,
    hk2s).  Phrase conversion (tw2sp: 網際網路 → 互联网) can change a piece's
    length; only such a piece gets a non-trivial alignment.
    """
    convert = converter(config).convert
    pre = fold_variants(text)
    out = convert(pre)
    if len(out) == len(text):
        return Simplified(restore_kept(text, out, keep=_KEEP), list(range(len(text))), len(text))
    parts: list[str] = []
    mapping: list[int] = []
    pos = 0
    for m in _PIECE.finditer(pre):
        # Separators between pieces are copied as they are.
        parts.append(pre[pos : m.start()])
        mapping.extend(range(pos, m.start()))
        piece_out = convert(m.group())
        parts.append(piece_out)
        mapping.extend(_align(m.group(), piece_out, convert, m.start()))
        pos = m.end()
    parts.append(pre[pos:])
    mapping.extend(range(pos, len(pre)))
    return Simplified("".join(parts), mapping, len(text))


def _align(src: str, out: str, convert, offset: int) -> list[int]:
    """For each character of out (src converted), the index of its source."""
    if len(out) == len(src):
        return list(range(offset, offset + len(src)))
    # Character-wise conversion tells which characters convert alone; the
    # parts where it agrees with the phrase conversion (a common prefix and
    # suffix) map one to one, the differing middle maps proportionally.
    charwise: list[str] = []
    char_src: list[int] = []
    for i, ch in enumerate(src):
        conv = convert(ch)
        charwise.append(conv)
        char_src.extend([i] * len(conv))
    flat = "".join(charwise)
    prefix = 0
    while prefix < min(len(flat), len(out)) and flat[prefix] == out[prefix]:
        prefix += 1
    suffix = 0
    while (
        suffix < min(len(flat), len(out)) - prefix
        and flat[len(flat) - 1 - suffix] == out[len(out) - 1 - suffix]
    ):
        suffix += 1
    head = char_src[:prefix]
    tail = char_src[len(flat) - suffix :] if suffix else []
    mid_src_start = char_src[prefix] if prefix < len(char_src) else len(src)
    mid_src_end = tail[0] if tail else len(src)
    mid_len = len(out) - prefix - suffix
    span = max(0, mid_src_end - mid_src_start)
    if span == 0:
        middle = [min(mid_src_start, len(src) - 1)] * mid_len
    else:
        middle = [mid_src_start + (k * span) // mid_len for k in range(mid_len)]
    return [offset + i for i in head + middle + tail]
