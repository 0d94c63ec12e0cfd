"""Quotes (direct and indirect) with their speakers, and quoted terms.

Direct quotes stand in “…” (also 「…」 and "…").  A short quotation without
sentence punctuation is a term (a slogan, a name, a title: “智改数转网联”,
“国产化”) unless someone is said to say it.  A statement's speaker is found,
in this order:

    before      X表示：“…” / X坦言，“…” (adverbials allowed: X在发言中提到)
    after       “…”X说。 / “…”某公司董事长X斩钉截铁。 / “…”用X的话说
    subject     the one person named before the quote in the same sentence
    opener      a quote that opens a paragraph (or the lead after its
                dateline), and the next sentence names one person:
                “…”日前，……董事长李元雄感触颇深。
    follow-up   the speaker of the quote before, in the same or the previous
                paragraph, when nobody else is named in between
    paragraph   the one person named earlier in the same paragraph

Indirect speech is X表示/指出/认为/介绍/强调/提到/说，followed by what was
said up to the end of the sentence (or up to a direct quote that goes on from
it after a comma: 他认为，……，“……。” — that quote is X's too), with the same
speakers, pronouns (他说 -> the person named before) and groups (学员,
与会代表们, 企业家们, 松江区组织部相关负责人) as speaker_label.  A speaker
that only context gives (opener, follow-up from another paragraph,
paragraph, a pronoun with several people around) marks the quote uncertain.
A noun in -们 that is its clause's whole subject is a group (考察团成员们纷纷
表示); a modifier in 的 may stand between a quote and its speaker (“…”在园区
投资的…总经理秦某说); a person's wish or call without a comma is indirect speech
verb included (她希望…); words quoted inside a clause with nobody named
(坚持“从企业中来，到企业中去”) are a term, not a statement.  A statement with no speaker is kept only when it is a real
sentence; nothing is taken from damaged spans or photo captions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kb.ingest.extract import lexicon
from kb.ingest.extract.document import Document
from kb.ingest.extract.mentions import Organisation, Person, QuoteMention, Term
from kb.ingest.extract.speaker_context import UNNAMED, QuoteContext, Speaker
from kb.ingest.extract.speakers import (
    SPEECH,
    after,
    before,
    follow_up,
    opener,
    opens_clause,
    opens_sentence,
    paragraph,
    speaker_ending_at,
    speaking_subject,
    subject,
)
from kb.ingest.extract.textscan import SENTENCE_ENDS, SpanSet, WordSet, is_cjk

WISHES = WordSet(lexicon.WISH_VERBS)
_WISH_FIRST = frozenset(w[0] for w in lexicon.WISH_VERBS)

_PAIRS = {"“": "”", "「": "」", "『": "』"}
_MIN_STATEMENT = 6  # characters of a quote that has a speaker
_MIN_ALONE = 12  # characters of a statement kept without a speaker
_MIN_CONTEXT = 10  # … and of one whose speaker only the context gives
_MAX_TERM = 40
_MIN_WISH = 10  # characters of a wish or call reported without a comma
_SENTENCE_PUNCT = set("。！？!?…")
_CLAUSE_PUNCT = set("，,；;：:")


# --- quotation marks ---------------------------------------------------------------------


def quote_pairs(text: str, damaged: SpanSet | None = None) -> list[tuple[int, int]]:
    """(open, close) offsets of the outermost quotation marks, paired within a
    paragraph; straight quotes pair in order.  A quote left open at the end
    of a paragraph that ends in a damaged span lost its closing mark there:
    it closes where the damage starts."""
    out, stack, straight = [], [], None
    for i, ch in enumerate(text + "\n"):
        if ch == "\n":
            if stack and damaged is not None:
                end = i
                while end > stack[0][1] and text[end - 1] in " \t":
                    end -= 1
                span = damaged.covering(end - 1, end) if end > stack[0][1] + 1 else None
                if span is not None and span[0] > stack[0][1] + 1:
                    out.append((stack[0][1], span[0]))
            stack, straight = [], None
        elif ch in _PAIRS:
            stack.append((ch, i))
        elif stack and ch == _PAIRS[stack[-1][0]]:
            _, start = stack.pop()
            if not stack:
                out.append((start, i))
        elif ch == '"' and not stack:
            if straight is None:
                straight = i
            else:
                out.append((straight, i))
                straight = None
    return sorted(out)


def _length(s: str) -> int:
    return sum(1 for ch in s if is_cjk(ch) or ch.isalnum())


def _is_statement(content: str) -> bool:
    """A sentence or clauses of one, not a name, a slogan or a list of names
    (“A、B、C” is a term however long)."""
    if any(ch in _SENTENCE_PUNCT for ch in content):
        return True
    clauses = any(ch in _CLAUSE_PUNCT for ch in content)
    n = _length(content)
    return (n >= 8 and clauses) or (n >= 30 and "、" not in content)


# --- the whole -------------------------------------------------------------------------


@dataclass
class _Found:
    start: int
    end: int
    kind: str
    speaker: Speaker | None


# A quote that closes someone's indirect statement is a sentence of its own
# length; shorter ones (一方水土养一方人) are words cited in passing.
_MIN_CLOSING = 10


def find_quotes(doc: Document, people: list[Person],
                organisations: list[Organisation]) -> tuple[list[QuoteMention], list[Term]]:
    ctx = QuoteContext(doc, people, organisations)
    text = ctx.text
    found: list[_Found] = []
    terms: list[Term] = []
    direct = []
    for open_at, close_at in quote_pairs(text, ctx.damaged):
        s, e = open_at + 1, close_at
        content = text[s:e]
        if not content.strip() or not ctx.usable(s, e):
            continue
        alone = _is_statement(content)
        clause = opens_clause(ctx, open_at)
        speaker = ctx.checked(before(ctx, open_at) or (
            after(ctx, close_at, groups=alone) if clause else None))
        if speaker is None and clause and text[open_at - 1:open_at] in "，," \
                and text[close_at + 1:close_at + 2] in ("。", "！", "？", "\n", "") \
                and _length(content) >= _MIN_CLOSING:
            # 他认为，两岸…互补性强，“关键是…”: the words of the one who speaks
            # in this sentence, quoted at the end of what he said.
            speaker = ctx.checked(speaking_subject(ctx, open_at))
        if speaker is None and not clause and not any(ch in _SENTENCE_PUNCT for ch in content):
            alone = False  # 必须坚持“从企业中来，到企业中去”: words cited inside a clause
        statement = alone or (speaker is not None and _length(content) >= _MIN_STATEMENT)
        if not statement:
            if _length(content) <= _MAX_TERM:
                terms.append(Term(s, e, content))
            continue
        direct.append((open_at, close_at))
        found.append(_Found(s, e, "direct", speaker))
    found += _indirect(ctx, SpanSet((o, c + 1) for o, c in direct), [o for o, _ in direct])
    found.sort(key=lambda f: f.start)
    _continuations(ctx, found)
    _attribute_rest(ctx, found)
    quotes = []
    for f in found:
        sp = f.speaker
        if sp is UNNAMED:
            sp = None
        if sp is None:
            # Quoted words nobody is said to speak (a slogan, a list of
            # goals, a name in quotation marks) are no one's quote.
            if f.kind == "direct" and _length(text[f.start:f.end]) <= _MAX_TERM:
                terms.append(Term(f.start, f.end, text[f.start:f.end]))
            continue
        quotes.append(QuoteMention(f.start, f.end, text[f.start:f.end], f.kind, sp.name, sp.label,
                                   sp.title, sp.organisation, sp.start, sp.end,
                                   uncertain=sp.weak))
    terms.sort(key=lambda t: t.start)
    return quotes, terms


def _continuations(ctx: QuoteContext, found: list[_Found]) -> None:
    """他认为，……，“……。”: a direct quote that goes on from indirect speech
    in the same sentence, after a comma, is the same speaker's (whoever a
    name after the quote would suggest: “……。”林某则指出)."""
    text = ctx.text
    for before_, f in zip(found, found[1:], strict=False):
        if f.kind != "direct" or before_.kind != "indirect" or before_.speaker is None:
            continue
        if text[before_.end:f.start - 1].strip(" ") in ("，", ",", "：", ":"):
            f.speaker = before_.speaker


def _attribute_rest(ctx: QuoteContext, found: list[_Found]) -> None:
    """Speakers of direct quotes that name none next to them."""
    text = ctx.text
    previous: _Found | None = None
    for f in found:
        if f.kind == "direct" and f.speaker is None:
            open_at, close_at = f.start - 1, f.end
            opens = opens_sentence(ctx, open_at)
            f.speaker = ctx.checked((None if opens else subject(ctx, open_at))
                                    or _weak(opener(ctx, open_at, close_at)))
            # Context alone gives a speaker only to a real statement, not to a
            # saying (“他山之石,可以攻玉。”).
            if f.speaker is None and opens and _length(text[f.start:f.end]) >= _MIN_CONTEXT:
                said = (previous.start, previous.end) if previous else (0, 0)
                same = follow_up(ctx, previous.speaker if previous else None, said, open_at)
                if same is not None and ctx.paragraph(open_at) != ctx.paragraph(said[0]):
                    same = _weak(same)  # the quote before stands in another paragraph
                f.speaker = ctx.checked(same or _weak(paragraph(ctx, open_at)))
        if f.speaker is not None and f.speaker.name:
            previous = f


def _weak(speaker: Speaker | None) -> Speaker | None:
    return replace(speaker, weak=True) if speaker is not None and speaker.start >= 0 else speaker


def _statement_end(text: str, start: int) -> int:
    """End of the sentence (。！？ or the paragraph; a ； does not end it)."""
    match = re.compile(r"[。！？!?]+|\n").search(text, start)
    return match.end() if match and match.group() != "\n" else (match.start() if match else len(text))


def _wish(ctx: QuoteContext, direct: SpanSet, i: int) -> _Found | None:
    """她希望学员们立足…。: a person's wish or call, the verb right after the
    name or a pronoun, is what they said, verb included."""
    text = ctx.text
    verb = WISHES.starting_at(text, i)
    if verb is None or (i + len(verb) < len(text) and text[i + len(verb)] in "，,：:“"):
        return None
    end = _statement_end(text, i)
    content_end = end
    while content_end > i and text[content_end - 1] in SENTENCE_ENDS:
        content_end -= 1
    if _length(text[i:content_end]) < _MIN_WISH or not ctx.usable(i, content_end) or \
            direct.overlaps(i, content_end):
        return None
    speaker = ctx.checked(speaker_ending_at(ctx, i, i))
    if speaker is None or not speaker.name:
        return None
    return _Found(i, content_end, "indirect", speaker)


_GLUED_VERBS = frozenset(("表示", "认为", "指出", "强调", "介绍", "要求"))


# What 介绍 may take as a mere topic: a noun phrase, one clause, ending so.
_TOPIC_ONLY = re.compile(r"[^，,；;]*(?:情况|概况|进展|成果|经验|做法|工作|历程|规划|项目)")


def _named_before(ctx: QuoteContext, i: int, speaker: Speaker | None) -> bool:
    """A person named right before the verb, or before an occasion
    (李某在会上介绍…, 胡某在讲话中,强调…); `speaker` is the one found there."""
    if ctx.by_end.get(i) is not None:
        return True
    return speaker is not None and bool(speaker.name) and not speaker.weak


_NOT_SAID = re.compile(r"(?:感谢|欢迎|祝贺|慰问|支持|同意|赞同|关注|敬意|歉意|了|过|说|“|\"|「)")


def _indirect(ctx: QuoteContext, direct: SpanSet, opens: list[int]) -> list[_Found]:
    """X表示，…。 up to the end of the sentence, or up to a direct quote that
    goes on from it after a comma (X认为，……，“……”)."""
    text, out, i = ctx.text, [], 0
    while i < len(text):
        verb = SPEECH.starting_at(text, i)
        if not verb:
            wish = _wish(ctx, direct, i) if text[i] in _WISH_FIRST else None
            if wish is not None:
                out.append(wish)
                i = wish.end
                continue
            i += 1
            continue
        v_end = i + len(verb)
        if v_end >= len(text):
            break
        # The speaker before the verb, read once for both uses below.
        speaker = ctx.checked(speaker_ending_at(ctx, i, i)) \
            if text[v_end] in "，,：:" or verb in _GLUED_VERBS else None
        # 谢某表示浙江省委党校与…: what is said may follow the verb at once
        # (not 表示感谢, 介绍了…情况).
        glued = verb in _GLUED_VERBS and text[v_end] not in "，,：:" \
            and not _NOT_SAID.match(text, v_end) and _named_before(ctx, i, speaker)
        if (text[v_end] in "，,：:" or glued) and not direct.overlaps(i, v_end) \
                and not (verb == "说" and text.endswith(lexicon.NOT_BEFORE_SHUO, 0, i)):
            start = v_end + (0 if glued else 1)
            while start < len(text) and text[start] == " ":
                start += 1
            end = _statement_end(text, start)
            quote_at = next((o for o in opens if start < o < end and text[o - 1] in "，,：:"), None)
            if quote_at is not None:
                end = quote_at - 1
            content_end = end
            while content_end > start and text[content_end - 1] in SENTENCE_ENDS:
                content_end -= 1
            if glued and verb == "介绍" and _TOPIC_ONLY.fullmatch(text, start, content_end):
                i = v_end  # 介绍江西经济社会发展情况: a topic named, nothing said
                continue
            if start < len(text) and text[start] not in "“「\"" and content_end - start >= 4 \
                    and ctx.usable(start, content_end) and not direct.overlaps(start, content_end):
                if speaker is not None:
                    out.append(_Found(start, content_end, "indirect", speaker))
                    i = end
                    continue
        i = v_end
    return out
