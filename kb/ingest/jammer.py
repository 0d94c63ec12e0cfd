"""Anti-copy noise that forum software scatters through a post.

Bulletin-board software (Discuz and its kin) hides short random strings in
a post so that copied text comes out spoiled: `- K/ {# b* |" w` between two
Chinese words, often with the site's domain.  A copy of such a page carries
them as runs of one- and two-character ASCII tokens, most of them with a
punctuation mark, separated by spaces.  Chinese prose never writes such a
run, English prose has words, not shards, so a run of at least four shards
is removed (logged); a domain glued to the run goes with it.
"""

from __future__ import annotations

import re

from kb.ingest.edits import Edit

# A shard: one or two printable ASCII characters; noisy when it holds a
# punctuation mark or mixes a letter and a digit (a word or a number is text).
_SHARD = r"[!-~]{1,2}"
_RUN = re.compile(
    r"(?:[A-Za-z0-9.\-]+\.(?:com|net|org|cn|cc|tv)\s*)?"  # the site's domain before the run
    rf"(?:{_SHARD}[ \t]+){{3,}}{_SHARD}"
    r"(?:[ \t]*[A-Za-z0-9.\-]+\.(?:com|net|org|cn|cc|tv))?"  # … or after it
)
_PUNCT = re.compile(r"[!-/:-@\[-`{-~]")
_MIXED = re.compile(r"[A-Za-z]\d|\d[A-Za-z]")  # T0, 8s: neither a word nor a number
_MIN_SHARDS = 4


def find_jammer(text: str) -> list[Edit]:
    edits = []
    for match in _RUN.finditer(text):
        shards = [s for s in re.split(r"[ \t]+", match.group()) if s and "." not in s[1:-1]]
        noisy = [s for s in shards if len(s) <= 2 and (_PUNCT.search(s) or _MIXED.fullmatch(s))]
        if len(shards) < _MIN_SHARDS or len(noisy) * 2 < len(shards):
            continue
        if re.fullmatch(r"[\d\s.:/\-]+", match.group()):
            continue  # a date, a time or a list of numbers
        start, end = match.span()
        # The spaces that set the run apart go too; between two Latin words
        # one stays.
        while start > 0 and text[start - 1] in " \t":
            start -= 1
        while end < len(text) and text[end] in " \t":
            end += 1
        latin = 0 < start and end < len(text) and text[start - 1].isascii() and text[end].isascii() \
            and (start, end) != match.span()
        edits.append(Edit(start, end, " " if latin else "", "jammer",
                          detail="anti-copy noise of a forum page"))
    return edits
