"""GBK text decoded one byte out of step: find the spans, repair them when
the repair is certain, mark them damaged otherwise.

How the damage looks.  Somewhere upstream a GBK byte stream lost the lead
byte of a character (it shows as `?`), so the decoder paired every trail
byte with the next lead byte -- `。”上海市` (A1A3 A1B1 C9CF BAA3 CAD0) came
out as `?` + A3A1 B1C9 CFBA A3CA D0.. = `?！鄙虾Ｊ…` -- and full-width ASCII
was then folded to half width (`！` -> `!`).  The decoder gets back in step
at the first byte it cannot pair:

  * a trail byte in the ASCII range (GBK trail bytes go down to 0x40): it
    comes out as that ASCII letter, e.g. `琳f` = C1D5 66 where 66 is the
    trail of 說 (D566), and the next byte is a lead again;
  * a trail byte followed by an ASCII byte that cannot be a trail (`(`, `<`,
    a digit …): both come out as one `?`.  When that byte was the `(` of a
    pinyin annotation the text shows `薪?jīng)`; `?/p>` means it was a `<`;
  * a trail byte followed by an ASCII letter of the text: they pair into
    one character (`荊` = C7 47 is the trail of 角 and the G of G60).

These sites glue pinyin annotations after rarer characters, and some ran the
annotator on the out-of-step text: `因?yàn)閰…` is 因 D2F2, then `?` for
the lost lead 9E whose annotation belongs to the out-of-step pair F29E
(驗, yàn), then 閰 = E985 …  Such an annotation tells the lost lead byte
(the pair (trail of the previous character, lead) must read so); an
annotation right after a span tells the reading of its last character.

The repair re-encodes the span (an ASCII character inside a span is a
folded full-width character, A3 xx), puts the lost lead (and trail) byte
back, decodes in step and keeps the reading only if it reads as Chinese far
better than the span, every character in it is plausible, and no other
choice of the lost bytes comes close.  Some sites also dropped the
private-use characters that some out-of-step pairs decode to, so bytes can
be missing inside a span: a reading that a dropped pair would explain about
as well is not trusted either.  Whatever is not certain is marked damaged
and left as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.ingest.bracket_marks import mark_cost, open_marks
from kb.ingest.edits import Edit
from kb.ingest.gbk_bytes import (
    body_bytes,
    by_reading,
    decode_pair,
    gbk_pair,
    pua_pairs,
    reads,
    repairable,
    with_lead,
    with_trail,
)
from kb.ingest.plausibility import (
    Scorer,
    char_logp,
    fold_width,
    is_han,
    is_symbol,
    punct_pair_ok,
    simplified,
    to_punct,
)

KIND = "mojibake"

LOST = "?\ufffd"  # what a lost byte shows as
# Longest out-of-step run considered (characters).  Traditional text gets
# back in step within a few characters (many trail bytes are ASCII
# letters); a longer run cannot be told apart from text and is left alone.
MAX_RUN = 120
# Thresholds in nats (natural-log probability), measured on the seeds and on
# simulated damage of clean articles.  A repair must beat the span as it
# stands by MIN_GAIN and MIN_GAIN_PER_CHAR per span character ...
MIN_GAIN = 12.0
MIN_GAIN_PER_CHAR = 2.0
# ... the best choice for a lost byte must beat the next one by MIN_MARGIN
# (BOTH_LOST_MARGIN when a whole character is inferred from its pinyin) ...
MIN_MARGIN = 3.0
BOTH_LOST_MARGIN = 5.0
# ... and no reading with a dropped private-use pair may come within
# GAP_MARGIN of it.
GAP_MARGIN = 4.0
# Without a sure sign (a swallowed "(" or "<", an annotation that cannot
# belong where it is), a `?` starts a damaged span only when some reading
# beats the span by this much; otherwise it is a real question mark.
DAMAGE_GAIN = 12.0
# Mean ln-probability per character below which text is garbled (clean
# Chinese scores about -6 to -8, out-of-step GBK about -11 to -13).
GARBLED = -10.0
# A character in a repair is plausible when it is at least this common, or
# forms a known pair with a neighbour, or occurs elsewhere in the article,
# or a pinyin annotation confirms it.
COMMON_LOGP = -9.0
FULLWIDTH_ALNUM = -5.0
INF = float("inf")

_PINYIN = "a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹḿ"
# An annotation whose "(" was swallowed together with a trail byte.
_TAIL = re.compile(rf"([{_PINYIN}]{{1,7}})\)")
_ANNOTATION = re.compile(rf"\(([{_PINYIN}]{{1,7}})\)")
# An HTML end tag whose "<" was swallowed.
_TAG_TAIL = re.compile(r"/[A-Za-z][A-Za-z0-9]*>")


def _prior(c: str) -> float:
    """A lost byte that makes a full-width letter or digit (A3 xx) is
    unlikely: Chinese news writes those in ASCII, and a guessed one would
    glue onto any ASCII word next to it."""
    return FULLWIDTH_ALNUM if c.isascii() and c.isalnum() else 0.0


# --- spans -------------------------------------------------------------


@dataclass
class _End:
    index: int  # of the last character of the span
    kind: str  # "letter": a one-byte trail; "ate": a trail paired with an
    # ASCII letter of the text; "lost": a trail + a swallowed byte
    swallowed: str | None = None  # "lost": "(" / "<" / None (unknown)
    reading: str | None = None  # pinyin the last character must have


@dataclass
class _Reading:
    text: str  # the repaired characters (folded), before a restored "(" or "<"
    score: float  # ln P with context
    lead: int
    trail: int | None
    margin: float  # over the next best choice of the lost byte(s)
    confirmed_last: bool  # a pinyin annotation confirms the last character
    known: bytes  # the bytes after the lost lead, for the dropped-pair check


def find_mojibake(text: str) -> list[Edit]:
    """Out-of-step GBK spans in text: repaired, or marked damaged."""
    anchors = [i for i, c in enumerate(text) if c in LOST]
    if not anchors:
        return []
    scorer = Scorer(_clean_part(text, anchors))
    # Some out-of-step pairs decode to private-use characters.  A site that
    # kept one shows it; one that shows none may have dropped them.
    may_drop_pua = not any("\ue000" <= c <= "\uf8ff" for c in text)
    edits: list[Edit] = []
    pos = 0
    for i in anchors:
        if i < pos:
            continue
        edit = _examine(text, i, scorer, may_drop_pua)
        if edit is not None:
            edits.append(edit)
            pos = edit.end
    return edits


def _clean_part(text: str, anchors: list[int]) -> str:
    """The text without whatever may be out of step and without pinyin
    annotations, for the document cache: the same damage repeats within an
    article (every 。” becomes ?!…), and it must not vouch for itself."""
    parts = []
    pos = 0
    for i in anchors:
        if i < pos:
            continue
        parts.append(text[pos:i])
        body = _body_start(text, i)
        ends = _ends(text, body)
        pos = max(body, ends[-1].index + 1) if ends else body
        parts.append("\n")
    parts.append(text[pos:])
    # Annotations are not prose: their parentheses and letters would make
    # a `(` look like a likely character.
    return _ANNOTATION.sub("", "".join(parts))


def _body_start(text: str, i: int) -> int:
    tail = _TAIL.match(text, i + 1)
    return tail.end() if tail else i + 1


def _examine(text: str, i: int, scorer: Scorer, may_drop_pua: bool) -> Edit | None:
    """The edit for a span that starts with the lost byte at i, if any."""
    if i + 1 < len(text) and text[i + 1] in LOST:
        # `??`: a whole character lost -- its lead, and its trail with the
        # byte after it.
        if _TAIL.match(text, i + 2):
            return _both_lost(text, i, scorer, may_drop_pua)
        if _TAG_TAIL.match(text, i + 2):
            return _damaged(text, i, i + 2, "a character lost with a swallowed '<'")
        return None  # `??` is also written on purpose
    if _TAG_TAIL.match(text, i + 1):
        return _damaged(text, i, i + 1, "lost bytes and a swallowed '<'")
    start_reading = None
    tail = _TAIL.match(text, i + 1)
    if tail:
        # The annotation of the out-of-step pair (trail of the previous
        # character, lost lead); its "(" went with the lost byte.
        start_reading = tail.group(1)
    body = _body_start(text, i)
    ends = _ends(text, body)
    if not ends:
        return _damaged(text, i, body, "annotation of an out-of-step pair") if tail else None

    left = _left_context(text, i)
    prev = gbk_pair(text[i - 1]) if i > 0 else None
    leads = _leads(prev[1] if prev else None, start_reading)
    opened = open_marks(text, i)
    best: tuple[float, _End, _Reading | None] | None = None
    for end in ends:
        right, rest = _right_context(text, end), _line_rest(text, end)
        reading = _best_reading(text, body, end, leads, left, right, opened, rest, scorer)
        span = text[i : end.index + 1]
        observed = scorer.logprob(span, left, right) + mark_cost(opened, span, rest)
        gain = reading.score - observed if reading else -INF
        if best is None or gain > best[0]:
            best = (gain, end, reading)
    gain, end, reading = best
    sure = (
        bool(tail)
        or end.swallowed is not None
        or (end.kind != "lost" and end.reading is not None)
        or (end.kind == "letter" and not left.isascii() and _stray_letter(text, end.index))
    )
    if not sure and gain < DAMAGE_GAIN:
        return None
    span_end = end.index + 1
    # Without a sure sign the `?` may be a real question mark before odd but
    # clean text: only a certain repair, or text that is garbled on its own,
    # overrides that.
    marked = sure or _garbled(text[body:span_end], scorer)
    if reading is None:
        return _damaged(text, i, span_end, "no in-step reading") if marked else None
    why = _doubt(
        text,
        i,
        span_end,
        end,
        reading,
        gain,
        left,
        _right_context(text, end),
        leads,
        scorer,
        may_drop_pua,
    )
    if why:
        return _damaged(text, i, span_end, why) if marked else None
    restored = end.swallowed or ""
    detail = (
        f"GBK out of step: lead {reading.lead:02X}"
        + (f", trail {reading.trail:02X}" if reading.trail is not None else "")
        + (f", '{restored}'" if restored else "")
        + f" restored; gain {gain:.1f}, margin {min(reading.margin, 99):.1f}"
    )
    return Edit(i, span_end, reading.text + restored, KIND, detail)


def _garbled(chars: str, scorer: Scorer) -> bool:
    """Whether out-of-step text reads as garbage by itself: symbols or
    private-use characters, or characters that make no sense together."""
    if any(is_symbol(c) for c in chars):
        return True
    han = "".join(c for c in chars if is_han(c))  # odd punctuation alone is no proof
    return len(han) >= 2 and scorer.logprob(han) / len(han) < GARBLED


def _damaged(text: str, start: int, end: int, why: str) -> Edit:
    return Edit(
        start, end, text[start:end], KIND, f"GBK out of step, not repaired: {why}", damaged=True
    )


def _ends(text: str, body: int) -> list[_End]:
    """Where an out-of-step run starting at body may end.  The run stops
    where its bytes cannot be read in step (a pair that does not decode)."""
    ends: list[_End] = []
    limit = min(len(text), body + MAX_RUN)
    trail = None  # second byte of the previous character
    for j in range(body, limit):
        c = text[j]
        if c in LOST:
            if j > body:  # a lost trail needs its lead before it
                ends.append(_lost_end(text, j))
            break
        if "@" <= c <= "~" and (trail is None or decode_pair(trail, ord(c))):
            ends.append(_End(j, "letter", reading=_annotation_after(text, j)))
        b = body_bytes(c)
        if b is None or (trail is not None and decode_pair(trail, b[0]) is None):
            break
        if b[1] < 0x80:
            ends.append(_End(j, "ate"))
        trail = b[1]
    return ends


def _stray_letter(text: str, j: int) -> bool:
    """A lowercase letter or ASCII symbol standing alone before non-ASCII
    text: a trail byte, not writing (5G, AI and B超 are capitals or words;
    the caller checks that the span follows Chinese, not a URL)."""
    c, before, after = text[j], text[j - 1], text[j + 1 : j + 2]
    alone = (before in LOST or not before.isascii()) and not (after.isascii() and after.isalnum())
    return alone and (c.islower() or not c.isalnum())


def _lost_end(text: str, j: int) -> _End:
    tail = _TAIL.match(text, j + 1)
    if tail:
        return _End(j, "lost", "(", tail.group(1))
    if _TAG_TAIL.match(text, j + 1):
        return _End(j, "lost", "<")
    return _End(j, "lost")


def _annotation_after(text: str, j: int) -> str | None:
    m = _ANNOTATION.match(text, j + 1)
    return m.group(1) if m else None


def _left_context(text: str, i: int) -> str:
    """The character before i for the model, skipping an annotation."""
    j = i
    if j > 0 and text[j - 1] == ")":
        k = text.rfind("(", max(0, j - 10), j)
        if k > 0 and _ANNOTATION.fullmatch(text, k, j):
            j = k
    return text[j - 1] if j > 0 else ""


def _right_context(text: str, end: _End) -> str:
    """The character after the span for the model, skipping an annotation."""
    j = end.index + 1
    if end.swallowed == "<":
        return "\n"
    m = _TAIL.match(text, j) if end.swallowed == "(" else _ANNOTATION.match(text, j)
    if m:
        j = m.end()
    return text[j] if j < len(text) else ""


def _line_rest(text: str, end: _End) -> frozenset[str]:
    """The marks on the rest of the line after the span, pinyin annotations
    left out (for whether a parenthesis opened in the span closes)."""
    j = end.index + 1
    m = _TAIL.match(text, j) if end.swallowed == "(" else None
    if m:
        j = m.end()
    stop = text.find("\n", j)
    rest = _ANNOTATION.sub("", text[j : stop if stop >= 0 else len(text)])
    return frozenset(to_punct(c) or c for c in rest)


def _leads(prev_trail: int | None, start_reading: str | None) -> list[int]:
    """Candidate lost lead bytes; with a start annotation, only those whose
    pair with the previous trail byte reads so."""
    leads = list(range(0x81, 0xFF))
    if start_reading is None:
        return leads
    if prev_trail is None:
        return []
    return [b for b in leads if reads(decode_pair(prev_trail, b), start_reading)]


# --- readings ----------------------------------------------------------


def _best_reading(
    text: str,
    body: int,
    end: _End,
    leads: list[int],
    left: str,
    right: str,
    opened: list[str],
    rest: frozenset[str],
    scorer: Scorer,
) -> _Reading | None:
    """The most plausible in-step reading of the span, choosing the lost
    byte(s); None if no choice decodes."""
    known = bytearray()  # the bytes after the lost lead
    for c in text[body : end.index]:
        known += body_bytes(c)
    if end.kind == "letter":
        known.append(ord(text[end.index]))
    elif end.kind == "ate":
        known += body_bytes(text[end.index])
    if not known or (end.kind == "lost" and len(known) < 2):
        return None  # lead and trail both lost: nothing to go on
    # Lost lead + known[0] is the first character; then whole pairs; then
    # for "ate" an ASCII letter, for "lost" a lead whose trail is lost.
    first_trail = known[0]
    middle = known[1:] if end.kind == "letter" else known[1:-1]
    last_lead = known[-1] if end.kind == "lost" else None
    suffix = chr(known[-1]) if end.kind == "ate" else ""
    chars = [decode_pair(middle[k], middle[k + 1]) for k in range(0, len(middle), 2)]
    if None in chars:
        return None
    mid = fold_width("".join(chars)) + suffix

    # Only characters a repair may contain compete for a lost byte.
    firsts = list(with_trail(first_trail))
    if len(leads) < 0xFF - 0x81:
        allowed = set(leads)
        firsts = [(b, c) for b, c in firsts if b in allowed]
    lasts: list[tuple[int | None, str]] = [(None, "")]
    if last_lead is not None:
        lasts = list(with_lead(last_lead))
        if end.reading:
            lasts = [(b, c) for b, c in lasts if reads(c, end.reading)]
    if end.kind == "letter" and end.reading and not mid:
        # The one character of the span carries the annotation after it.
        firsts = [(b, c) for b, c in firsts if reads(c, end.reading)]
    if not firsts or not lasts:
        return None

    t = scorer.transition
    if mid or last_lead is None:
        # The two lost bytes do not touch: choose each on its own.
        after = mid[:1] or right
        later = rest | frozenset(to_punct(c) or c for c in mid)
        fs = sorted(
            (
                (t(left, c) + t(c, after) + mark_cost(opened, c, later) + _prior(c), b, c)
                for b, c in firsts
            ),
            reverse=True,
        )
        first = fs[0][2]
        ls: list[tuple[float, int | None, str]] = [(0.0, None, "")]
        if last_lead is not None:
            base = mark_cost(opened, first + mid, rest)
            ls = sorted(
                (
                    (
                        t(mid[-1], c)
                        + t(c, right)
                        + mark_cost(opened, first + mid + c, rest)
                        - base
                        + _prior(c),
                        b,
                        c,
                    )
                    for b, c in lasts
                ),
                reverse=True,
            )
        (_, lead, first), (_, trail, last) = (
            _script_form(fs, scorer.traditional),
            _script_form(ls, scorer.traditional),
        )
        margin = min(_margin(fs), _margin(ls))
    else:
        # Lost lead, one known pair of bytes, lost trail: choose both
        # together among the likelier ones on their own.
        top_f = sorted(firsts, key=lambda x: -t(left, x[1]))[:30]
        top_l = sorted(lasts, key=lambda x: -t("", x[1]) - t(x[1], right))[:30]
        scored = sorted(
            (
                (
                    t(left, f)
                    + t(f, g)
                    + t(g, right)
                    + mark_cost(opened, f + g, rest)
                    + _prior(f)
                    + _prior(g),
                    bf,
                    f,
                    bg,
                    g,
                )
                for bf, f in top_f
                for bg, g in top_l
            ),
            reverse=True,
        )
        _, lead, first, trail, last = _script_form(scored, scorer.traditional)
        margin = _margin(scored)
    repaired = first + mid + last
    if end.reading is not None:
        if end.kind == "letter" and not reads(repaired[-1], end.reading):
            return None  # the annotation after the span says otherwise
        confirmed = True
    else:
        confirmed = False
    return _Reading(
        text=repaired,
        score=scorer.logprob(repaired, left, right) + mark_cost(opened, repaired, rest),
        lead=lead,
        trail=trail,
        margin=margin,
        confirmed_last=confirmed,
        known=bytes(known),
    )


def _margin(ranked: list[tuple]) -> float:
    """How far the best (score, …, character[s]) entry is ahead of the next
    one that is another character: the Traditional and Simplified forms of
    one character score alike and are no rival (the script is chosen by
    _script_form)."""
    best = _as_simplified(ranked[0])
    for entry in ranked[1:]:
        if _as_simplified(entry) != best:
            return ranked[0][0] - entry[0]
    return INF


def _as_simplified(entry: tuple) -> str:
    return "".join(simplified(x) for x in entry[1:] if isinstance(x, str))


def _script_form(ranked: list[tuple], traditional: bool) -> tuple:
    """Among the entries that tie with the best but for script, the one in
    the document's script."""
    best = _as_simplified(ranked[0])
    for entry in ranked:
        if _as_simplified(entry) != best or ranked[0][0] - entry[0] > 1.0:
            break
        chars = "".join(x for x in entry[1:] if isinstance(x, str))
        if (_as_simplified(entry) != chars) == traditional:
            return entry
    return ranked[0]


def _both_lost(text: str, i: int, scorer: Scorer, may_drop_pua: bool) -> Edit:
    """`??jīng)`: a character lost whole; only its annotation and its
    neighbours say what it was.  Where dropped private-use pairs are
    possible, `??` may hide more characters, so it is only marked."""
    syllable = _TAIL.match(text, i + 2).group(1)
    left = _left_context(text, i)
    right = _right_context(text, _End(i + 1, "lost", "("))
    opened = open_marks(text, i)
    t = scorer.transition
    ranked = sorted(
        (
            (t(left, c) + t(c, right) + mark_cost(opened, c), c)
            for c in by_reading().get(syllable, [])
        ),
        reverse=True,
    )
    if not ranked:
        return _damaged(text, i, i + 2, f"no character reads {syllable}")
    c = _script_form(ranked, scorer.traditional)[1]
    margin = _margin(ranked)
    context = (left or "\n") + c + (right or "\n")
    if may_drop_pua:
        return _damaged(
            text, i, i + 2, f"a character lost whole (reads {syllable}); more may be missing"
        )
    if margin < BOTH_LOST_MARGIN or not (
        scorer.attested(context[0], c) or scorer.attested(c, context[2])
    ):
        return _damaged(
            text,
            i,
            i + 2,
            f"a character lost whole; reads {syllable}, margin {min(margin, 99):.1f}",
        )
    return Edit(
        i,
        i + 2,
        c + "(",
        KIND,
        f"GBK out of step: a character lost whole, {c} by its reading {syllable} "
        f"and its neighbours; margin {min(margin, 99):.1f}",
    )


# --- doubts ------------------------------------------------------------


def _doubt(
    text: str,
    start: int,
    end: int,
    span_end: _End,
    reading: _Reading,
    gain: float,
    left: str,
    right: str,
    leads: list[int],
    scorer: Scorer,
    may_drop_pua: bool,
) -> str | None:
    """Why the reading is not certain enough to use (None if it is)."""
    if span_end.kind == "lost" and span_end.swallowed is None:
        return "the byte swallowed after the span is unknown"
    if gain < max(MIN_GAIN, MIN_GAIN_PER_CHAR * (end - start)):
        return f"the reading gains only {gain:.1f}"
    if reading.margin < MIN_MARGIN:
        return f"lost byte ambiguous (margin {reading.margin:.1f})"
    repaired = reading.text
    context = (left or "\n") + repaired + (right or "\n")
    for k, c in enumerate(repaired, start=1):
        if is_han(c):
            confirmed = k == len(repaired) and reading.confirmed_last
            if not confirmed and not _plausible(context, k, scorer):
                return f"implausible character {c}"
        elif to_punct(c):
            a, p, b = to_punct(context[k - 1]), to_punct(c), to_punct(context[k + 1])
            if (a and not punct_pair_ok(a, p)) or (b and not punct_pair_ok(p, b)):
                return f"odd punctuation {c}"
        elif not (c.isascii() and c.isalnum()) and c != " ":
            return f"symbol {c}"
    if may_drop_pua and (gap := _gap_gain(reading, leads, left, right, scorer)) > -GAP_MARGIN:
        return f"bytes may be missing (a dropped pair reads {gap:+.1f} as well)"
    return None


def _plausible(context: str, k: int, scorer: Scorer) -> bool:
    c = context[k]
    if char_logp(c) >= COMMON_LOGP or scorer.doc_chars.get(c, 0):
        return True
    return scorer.attested(context[k - 1], c) or scorer.attested(c, context[k + 1])


def _gap_gain(reading: _Reading, leads: list[int], left: str, right: str, scorer: Scorer) -> float:
    """How much better the reading gets, at best, if a private-use pair
    (P1 P2) was dropped inside the span: between the lost lead and the
    first known byte, the first character (L, k0) becomes (L', P1) (P2, k0);
    between two known bytes a, b, the character (a, b) becomes (a, P1) (P2, b)."""
    t = scorer.transition
    pua = pua_pairs()
    text, known = reading.text, reading.known
    best = -INF
    # Character k of the reading is bytes (known[2k-1], known[2k]) for
    # k >= 1; character 0 is (lost lead, known[0]).
    n_pairs = min((len(known) - 1) // 2, len(text) - 1)
    for k in range(0, n_pairs + 1):
        before = text[k - 1] if k else left
        after = text[k + 1] if k + 1 < len(text) else right
        current = t(before, text[k]) + t(text[k], after)
        b = known[2 * k]
        # x = (a, P1) for a known byte a, or (lost lead, P1) at the start;
        # y = (P2, b).  Likely ys first, then every x against them.
        if k:
            a = known[2 * k - 1]
            xs = [(p1, x) for p1 in pua if repairable(x := decode_pair(a, p1))]
            xs = [(p1, fold_width(x)) for p1, x in xs]
        else:
            # The likeliest few per P1 on their own, then in context.
            allowed_leads = set(leads)
            xs = [
                (p1, x) for p1 in pua for lead, x in with_trail(p1)[:16] if lead in allowed_leads
            ]
            xs = sorted(xs, key=lambda px: -t(before, px[1]))[:24]
        ys = {p2: (t("", y) + t(y, after) + _prior(y), y) for p2, y in with_trail(b)[:96]}
        top_y = sorted(ys.items(), key=lambda item: -item[1][0])[:16]
        for p1, x in xs:
            allowed = pua[p1]
            for p2, (_, y) in top_y:
                if p2 in allowed:
                    gain = t(before, x) + t(x, y) + t(y, after) + _prior(x) + _prior(y) - current
                    best = max(best, gain)
    return best
