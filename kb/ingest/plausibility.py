"""How much a piece of text reads like Chinese.

A small character-bigram model built from jieba's tables (data/zh_lm.txt,
made by data/make_zh_lm.py): for the commonest characters, how likely each
is to start, continue or end a word (jieba's HMM, trained on newspaper
text), so that after 展 a word-starting 的 is likely; pairs seen inside
dictionary words (上海, 科學); and a "document cache" -- the counts of
characters and pairs in the article itself -- because names and terms recur
within an article (陳斐斐, 上海市經信委) and no dictionary knows them.
Traditional text is scored through a per-character t2s mapping, so both
scripts score alike (a secondary variant such as 閤 for 合 gets a tenth).
Punctuation gets hand-set rates (jieba's tables have none) and a few
typography rules (。” is normal, ，。 is not).

    chinese_score(text)  mean log-probability per character; clean Chinese
                         news scores about -6 to -8, GBK mojibake about -11
                         or lower.
    Scorer(document)     the model with the document's own counts; used by
                         the mojibake step to compare readings of one span.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kb.chinese import converter

DATA = Path(__file__).with_name("data") / "zh_lm.txt"

LN2 = math.log(2)
# A Han character the table does not know (rarer than any it keeps).
UNKNOWN_HAN = -17.5
# Symbols that are not everyday punctuation (⑴ γ ぃ ┃, private-use
# characters …): in news prose they are almost always damage.
SYMBOL = -16.0
OTHER = -12.0
# An ASCII letter or digit that starts a run of them (AI, 5G, G60); further
# ones in the same run are cheap.  A lone letter between Han characters
# therefore costs about as much as a rare character.
ASCII_START = -10.0
ASCII_NEXT = -1.0
ASCII_PUNCT = -9.0  # . - / & + … that stand for no CJK punctuation mark
SPACE = -6.0

# Rough shares of punctuation in Chinese news prose (hand-set estimates;
# only their order of magnitude matters).  Folded ASCII forms share them.
# fmt: off
PUNCT_LOGP = {
    "，": -3.6, "。": -4.3, "、": -5.0, "“": -5.2, "”": -5.2, "：": -6.0,
    "；": -7.0, "？": -7.5, "！": -7.8, "《": -6.8, "》": -6.8, "（": -6.8,
    "）": -6.8, "…": -8.0, "—": -8.0, "·": -8.5, "‘": -9.0, "’": -9.0,
    "「": -9.0, "」": -9.0, "『": -10.0, "』": -10.0, "【": -9.0, "】": -9.0,
    "〈": -10.5, "〉": -10.5, "％": -8.0, "～": -10.0,
}
# fmt: on
OPEN = set("“‘（《「『【〈")
CLOSE = set("”’）》」』】〉")
STOP = set("。！？…")
PAUSE = set("，、；：")
# A pair of punctuation marks that typography does not produce (，。 or
# “，) costs this much on top of the second mark.
BAD_PUNCT_PAIR = -6.0
# A closing quote right after a sentence end (。”) is the usual way a quote
# ends; this is its probability given the sentence end.
CLOSE_AFTER_STOP = 0.15

# Interpolation weights: dictionary pair, document pair, unigram; and the
# document's share in the unigram.
W_PAIR = 0.35
W_DOC_PAIR = 0.35
W_DOC_CHAR = 0.15
# ln of the share a secondary Traditional variant gets of its Simplified
# form's probability.
VARIANT_SHARE = math.log(0.1)
# The share of characters that end a word (jieba's HMM: states E and S).
WORD_END = 0.55


def fold_width(text: str) -> str:
    """Full-width ASCII (U+FF01-FF5E) to ASCII, as the damaged sites did."""
    return "".join(chr(ord(c) - 0xFEE0) if "\uff01" <= c <= "\uff5e" else c for c in text)


def is_han(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf" or "\uf900" <= c <= "\ufaff"


def to_punct(c: str) -> str:
    """The CJK punctuation mark a character stands for ('' if none)."""
    if c in PUNCT_LOGP:
        return c
    if "!" <= c <= "~" and not c.isalnum():
        wide = chr(ord(c) + 0xFEE0)
        if wide in PUNCT_LOGP:
            return wide
    return ""


@dataclass(frozen=True)
class _Tables:
    start: dict[str, float]  # ln P(c | a word starts)
    cont: dict[str, float]  # ln P(c | a word goes on)
    ends: dict[str, float]  # P(c ends a word)
    chars: dict[str, float]  # ln P(c), every known character
    pairs: dict[str, float]  # ln P(b | a) inside words


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    """The data file, loaded once per process."""
    t = _Tables({}, {}, {}, {}, {})
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        kind, rest = line.split(" ", 1)
        if kind == "H":
            c, start, cont, ends = rest.split(" ")
            t.start[c], t.cont[c] = _logp(start), _logp(cont)
            t.ends[c] = int(ends) / 10
            t.chars[c] = math.log(
                WORD_END * math.exp(t.start[c]) + (1 - WORD_END) * math.exp(t.cont[c])
            )
            continue
        cost, items = rest.split(" ", 1)
        if kind == "U":
            for c in items:
                t.chars[c] = _logp(cost)
        else:
            for k in range(0, len(items), 2):
                t.pairs[items[k : k + 2]] = _logp(cost)
    return t


def _logp(cost: str) -> float:
    return -int(cost) / 2 * LN2


@lru_cache(maxsize=1)
def _secondary_variants() -> frozenset[str]:
    """Traditional characters that are not the usual form of their
    Simplified one (閤 for 合, 隻 for 只): OpenCC's STCharacters lists the
    usual form first.  They are scored through the Simplified form, so
    without a discount 閤 would look as common as 合."""
    import opencc

    path = Path(opencc.__file__).parent / "dictionary" / "STCharacters.txt"
    secondary: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        secondary.update(c for c in parts[2:] if c != parts[0])
    return frozenset(secondary)


@lru_cache(maxsize=65536)
def simplified(c: str) -> str:
    """One character in Simplified (character by character is enough here)."""
    out = converter("t2s").convert(c)
    return out if len(out) == 1 else c


@lru_cache(maxsize=65536)
def traditional(c: str) -> str:
    out = converter("s2t").convert(c)
    return out if len(out) == 1 else c


def char_logp(c: str) -> float:
    """ln P of one character on its own (no context, no document)."""
    if is_han(c):
        return _tables().chars.get(simplified(c), UNKNOWN_HAN)
    p = to_punct(c)
    if p:
        return PUNCT_LOGP[p]
    if c.isascii() and c.isalnum():
        return ASCII_START
    if c.isspace():
        return SPACE
    if c.isascii() and c.isprintable():
        return ASCII_PUNCT
    if is_symbol(c):
        return SYMBOL
    return OTHER


def _in_context(a: str, b: str) -> float:
    """ln P(b | a) from the characters' roles in words alone: after a
    character that usually ends a word (的, 展) the next one starts a word;
    punctuation comes after word ends too."""
    t = _tables()
    ends = t.ends.get(simplified(a), WORD_END) if is_han(a) else 1.0
    if is_han(b):
        sb = simplified(b)
        if sb in t.start:
            return math.log(ends * math.exp(t.start[sb]) + (1 - ends) * math.exp(t.cont[sb]))
        return char_logp(b)
    if to_punct(b) and is_han(a):
        return char_logp(b) + math.log(max(ends, 0.05) / WORD_END)
    return char_logp(b)


def is_symbol(c: str) -> bool:
    """Characters that GBK has but prose hardly uses: the symbol rows (Greek,
    Cyrillic, kana, box drawing, circled and parenthesised numbers …) and
    the private-use area that GBK's user-defined rows decode to."""
    o = ord(c)
    return (
        0x0370 <= o <= 0x04FF  # Greek, Cyrillic
        or 0x2150 <= o <= 0x23FF  # number forms, arrows, math, technical
        or 0x2460 <= o <= 0x27BF  # enclosed numbers, boxes, shapes, dingbats
        or 0x3040 <= o <= 0x31BF  # kana, bopomofo
        or 0x3200 <= o <= 0x33FF  # enclosed CJK, squared units
        or 0xE000 <= o <= 0xF8FF  # private use
        or 0xFE30 <= o <= 0xFE4F  # vertical forms
        or o == 0xFFFD
        or (
            o < 0x3000
            and not c.isascii()
            and not c.isalpha()
            and not to_punct(c)
            and c not in "—…·"
        )
    )


def punct_pair_ok(a: str, b: str) -> bool:
    """Whether two adjacent punctuation marks are normal typography."""
    if a in STOP and b in CLOSE:
        return True
    if (a in STOP or a in PAUSE or a in OPEN) and b in OPEN:
        return True
    if a in CLOSE and (b in STOP or b in PAUSE or b in CLOSE or b in OPEN):
        return True
    if a in "？！" and b in "？！":
        return True
    return a == b and a in "…—"


class Scorer:
    """The model, optionally with a document cache."""

    def __init__(self, document: str = ""):
        self.pairs = _tables().pairs
        self.doc_chars: Counter[str] = Counter(document)
        self.doc_pairs: Counter[str] = Counter(
            document[k : k + 2] for k in range(len(document) - 1)
        )
        self.doc_size = max(1, len(document))
        # Whether the document is written in Traditional: more of its
        # characters change under t2s than under s2t.
        han = [c for c in self.doc_chars if is_han(c)]
        to_simp = sum(self.doc_chars[c] for c in han if simplified(c) != c)
        to_trad = sum(self.doc_chars[c] for c in han if traditional(c) != c)
        self.traditional = to_simp > to_trad
        self._cache: dict[tuple[str, str], float] = {}

    def transition(self, a: str, b: str) -> float:
        """ln P(b | a); a may be '' (no left context)."""
        key = (a, b)
        logp = self._cache.get(key)
        if logp is None:
            logp = self._cache[key] = self._transition(a, b)
        return logp

    def _transition(self, a: str, b: str) -> float:
        if b.isascii() and b.isalnum() and a.isascii() and a.isalnum():
            return ASCII_NEXT
        base = _in_context(a, b) if a else char_logp(b)
        if b in _secondary_variants():
            base += VARIANT_SHARE
        n = self.doc_chars.get(b, 0)
        p = (1 - W_DOC_CHAR) * math.exp(base) + W_DOC_CHAR * n / self.doc_size
        if is_han(a) and is_han(b):
            p *= 1 - W_PAIR - W_DOC_PAIR
            dict_pair = self.pairs.get(simplified(a) + simplified(b))
            if dict_pair is not None:
                if b in _secondary_variants():
                    dict_pair += VARIANT_SHARE
                p += W_PAIR * math.exp(dict_pair)
        else:
            p *= 1 - W_DOC_PAIR
        n_ab = self.doc_pairs.get(a + b, 0) if a else 0
        if n_ab:
            p += W_DOC_PAIR * n_ab / self.doc_chars[a]
        pa, pb = to_punct(a), to_punct(b)
        if pa and pb:
            if pa in STOP and pb in CLOSE:
                p = max(p, CLOSE_AFTER_STOP)
            elif not punct_pair_ok(pa, pb):
                return math.log(p) + BAD_PUNCT_PAIR
        return math.log(p)

    def logprob(self, text: str, left: str = "", right: str = "") -> float:
        """ln P(text, right | left)."""
        total = 0.0
        prev = left
        for c in text + right:
            total += self.transition(prev, c)
            prev = c
        return total

    def attested(self, a: str, b: str) -> bool:
        """Whether a and b are a known pair (dictionary or this document)."""
        return simplified(a) + simplified(b) in self.pairs or self.doc_pairs.get(a + b, 0) > 0


def chinese_score(text: str) -> float:
    """Mean ln-probability per character (no document cache); higher reads
    more like Chinese.  0.0 for empty text."""
    text = fold_width(text)
    if not text:
        return 0.0
    # A fresh scorer: its per-pair cache must not grow across articles.
    return Scorer().logprob(text) / len(text)
