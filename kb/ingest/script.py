"""Which script an article is written in.  Its Simplified copy, which
remembers where every character came from (`simplify`), lives in kb.chinese:
the curators' workbench maps offsets between the two scripts too.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from kb.chinese import converter, fold_variants

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
