"""Generate zh_lm.txt, the character and character-pair table behind
kb.ingest.plausibility.  Run once; the output is committed, so nothing here
runs at import time.

Source: jieba 0.42.1 (MIT licence), the most widely used Chinese word
segmenter, which ships two tables built from segmented newspaper text
(installed in the dev environment; the runtime never imports jieba):

  * `jieba/finalseg/prob_emit.py`, `prob_trans.py`: its HMM, P(character |
    state) for the states B, M, E, S (begins, continues, ends a word, or is
    a word of its own) and the state transitions.  For the KEEP_HMM
    commonest characters the file keeps P(c | a word starts) and P(c | a
    word goes on) -- emissions weighted by the transition into each state
    from the stationary distribution -- and P(c ends a word).  Unlike counts
    from a word list, this knows that 的 is the commonest character and
    that a word starts after it.
  * `jieba/dict.txt`: about 349,000 words with their corpus frequencies,
    converted to Simplified (OpenCC t2s).  C(c) = sum of the frequencies of
    the words containing c (per occurrence) gives P(c) = C(c) / total for
    the characters outside the HMM list; C(ab) the same for two characters
    adjacent inside a word, and P(b|a) = C(ab) / C(a) is the chance that a
    is followed by b inside a word.  Pairs across a word boundary are
    missing: the scorer takes a known pair as evidence, an unknown one as
    none.  Only the KEEP_PAIRS commonest pairs are kept.

The file stays under 300 KB.  Lines (costs are round(-2 * log2 P), i.e.
half-bit steps):

    H <char> <start cost> <continue cost> <ends a word, in tenths>
    U <cost> <characters run together>
    B <cost> <pairs, two characters each, run together>

    .venv/bin/python kb/ingest/data/make_zh_lm.py [path/to/jieba/dict.txt]
"""

from __future__ import annotations

import math
import sys
from collections import Counter, defaultdict
from pathlib import Path

KEEP_PAIRS = 32_000
KEEP_HMM = 6_000
# Characters rarer than this (per word-frequency mass) are left out: the
# scorer gives an unknown character the floor cost anyway.
MIN_CHAR_COUNT = 3


def is_han(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf"


def default_dict_path() -> Path:
    import jieba  # only the generator needs it

    return Path(jieba.__file__).parent / "dict.txt"


def hmm_tables(to_simplified) -> dict[str, tuple[float, float, float]]:
    """character -> (P(c | a word starts), P(c | a word goes on), P(c ends
    a word)), from jieba's HMM, characters merged by their Simplified form."""
    from jieba.finalseg.prob_emit import P as emit
    from jieba.finalseg.prob_trans import P as trans

    states = "BMES"
    pi = dict.fromkeys(states, 0.25)
    for _ in range(200):  # power iteration to the stationary distribution
        nxt = dict.fromkeys(states, 0.0)
        for a in states:
            for b, logp in trans[a].items():
                nxt[b] += pi[a] * math.exp(logp)
        pi = nxt
    emission: dict[str, Counter[str]] = {}
    for s in states:
        total = sum(math.exp(v) for v in emit[s].values())
        emission[s] = Counter()
        for c, logp in emit[s].items():
            simple = to_simplified(c)
            emission[s][simple if len(simple) == 1 else c] += math.exp(logp) / total

    def step(froms: str, to: str) -> float:
        """P(next state = to | the current state is one of froms)."""
        mass = sum(pi[f] for f in froms)
        return sum(pi[f] * math.exp(trans[f].get(to, -math.inf)) for f in froms) / mass

    after_end = {s: step("ES", s) for s in "BS"}
    inside = {s: step("BM", s) for s in "ME"}
    out = {}
    for c in set().union(*emission.values()):
        start = sum(after_end[s] * emission[s][c] for s in "BS")
        cont = sum(inside[s] * emission[s][c] for s in "ME")
        mass = {s: pi[s] * emission[s][c] for s in states}
        ends = (mass["E"] + mass["S"]) / sum(mass.values())
        out[c] = (start, cont, ends)
    return out


def main(argv: list[str]) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
    from kb.chinese import to_simplified

    source = Path(argv[1]) if len(argv) > 1 else default_dict_path()
    chars: Counter[str] = Counter()
    pairs: Counter[str] = Counter()
    for line in source.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) < 2:
            continue
        word, freq = to_simplified(parts[0]), int(parts[1])
        for c in word:
            if is_han(c):
                chars[c] += freq
        for a, b in zip(word, word[1:], strict=False):
            if is_han(a) and is_han(b):
                pairs[a + b] += freq

    total = sum(chars.values())
    hmm = {c: v for c, v in hmm_tables(to_simplified).items() if is_han(c)}
    # The commonest characters get the HMM's context model; the rest only
    # a frequency (that is what keeps the file small).
    by_freq = sorted(hmm, key=lambda c: (-(0.55 * hmm[c][0] + 0.45 * hmm[c][1]), c))[:KEEP_HMM]

    lines = [
        "# Character and character-pair costs for kb.ingest.plausibility, generated by",
        "# kb/ingest/data/make_zh_lm.py from jieba 0.42.1 (HMM emissions; dict.txt word pairs), t2s-converted.",
        "# H <char> <start> <cont> <end>: start/cont = round(-2*log2 P(char | a word starts / goes on)),",
        "#   end = P(the char ends a word) in tenths.",
        "# U <cost> <chars>: cost = round(-2*log2 P(char)); B <cost> <pairs>: cost = round(-2*log2 P(b | a)).",
    ]
    for c in by_freq:
        start, cont, ends = hmm[c]
        lines.append(f"H {c} {_cost(start)} {_cost(cont)} {round(10 * ends)}")
    by_cost: dict[tuple[str, int], list[str]] = defaultdict(list)
    keep = set(by_freq)
    for c in set(chars) | set(hmm):
        if c in keep or not is_han(c):
            continue
        p = 0.55 * hmm[c][0] + 0.45 * hmm[c][1] if c in hmm else chars[c] / total
        if c in hmm or chars[c] >= MIN_CHAR_COUNT:
            by_cost["U", _cost(p)].append(c)
    for pair, n in pairs.most_common(KEEP_PAIRS):
        by_cost["B", _cost(n / chars[pair[0]])].append(pair)
    for (kind, cost), items in sorted(by_cost.items()):
        lines.append(f"{kind} {cost} {''.join(sorted(items))}")
    out = Path(__file__).with_name("zh_lm.txt")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(
        f"{out}: {len(by_freq)} + {sum(len(v) for k, v in by_cost.items() if k[0] == 'U')} characters, "
        f"{min(KEEP_PAIRS, len(pairs))} pairs, {out.stat().st_size} bytes"
    )


def _cost(p: float) -> int:
    return round(-2 * math.log2(max(p, 1e-30)))


if __name__ == "__main__":
    main(sys.argv)
