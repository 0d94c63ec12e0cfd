"""Which script an article is written in, and a Simplified copy of it that
remembers, for every character, where it came from in the original.

Facts are extracted from the Simplified copy (one script to match names and
places against) and shown against the original, so every offset found in
the copy must map back exactly: `Simplified.original_span`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from kb.chinese import converter, fold_variants, restore_kept

# Characters of the 通用规范汉字表 (so Simplified) that OpenCC's t2s still
# folds into another: they occur in names (华为昇腾, 上海新昇半导体) and must
# survive conversion.
_KEEP = frozenset("昇")

# Han characters proper (basic block, extension A, compatibility block,
# supplementary planes), and 〇.
_HAN = re.compile("[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")

# detect_script thresholds.  On the seeds, Traditional articles have 92–99 %
# of their script-marked characters Traditional (the rest are characters
# such as 占 于 后 并 that s2t changes but Traditional text also uses, and a
# spam line); a Simplified article has 0 %.  A text between the two bands is a real mix
# (half-converted pages, a Simplified site quoting a Traditional one).
TRADITIONAL_AT = 0.8
SIMPLIFIED_AT = 0.2
# Fewer Han characters than this, or Han characters less than this share of
# the letters, is "almost no Chinese": the script cannot be told and does
# not matter.
MIN_HAN = 10
MIN_HAN_SHARE = 0.1


@lru_cache(maxsize=65536)
def _char_t2s(char: str) -> str:
    return converter("t2s").convert(fold_variants(char))


@lru_cache(maxsize=65536)
def _only_simplified(char: str) -> bool:
    """s2t changes it, and so do the Taiwan and Hong Kong standards (群 and
    床 are standard in Taiwan, though s2t gives 羣 and 牀)."""
    return all(converter(config).convert(char) != char for config in ("s2t", "s2tw", "s2hk"))


def detect_script(text: str) -> str:
    """'simplified', 'traditional', 'mixed', or 'unknown' (almost no Chinese).

    Counted per Han character: one that t2s changes is Traditional, one that
    s2t changes (and s2tw, s2hk) is Simplified; characters both scripts
    share do not count.
    """
    han = _HAN.findall(text)
    letters = sum(1 for ch in text if ch.isalpha())
    if len(han) < MIN_HAN or len(han) < MIN_HAN_SHARE * letters:
        return "unknown"
    # Counted over the distinct characters (an article repeats most of its).
    counts = Counter(han)
    traditional = sum(n for ch, n in counts.items() if _char_t2s(ch) != ch)
    simplified = sum(n for ch, n in counts.items() if _only_simplified(ch))
    if traditional == 0:
        # Nothing in it is Traditional: it reads as Simplified as it stands.
        return "simplified"
    if simplified == 0:
        return "traditional"
    share = traditional / (traditional + simplified)
    if share >= TRADITIONAL_AT:
        return "traditional"
    if share <= SIMPLIFIED_AT:
        return "simplified"
    return "mixed"


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
