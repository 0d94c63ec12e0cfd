"""Who said a quotation: the rules of quotes.py that find a speaker before,
after or around a quote, and the speakers of indirect speech (a person, a
pronoun resolved to a person, a group or an organisation as a label)."""

from __future__ import annotations

import re

from kb.ingest.extract import lexicon
from kb.ingest.extract.speaker_context import UNNAMED, QuoteContext, Speaker
from kb.ingest.extract.textscan import SENTENCE_ENDS, WordSet, is_cjk, sentence_end
from kb.ingest.extract.titles import CORES

SPEECH = WordSet(lexicon.SPEECH_VERBS)
# Acts of speaking that stand between a speaker and the verb that opens what
# was said (致辞表示, 讲话指出, 在开班动员讲话中强调).
_ACTS = WordSet(("致辞", "讲话", "发言", "作报告", "动员讲话", "主旨演讲", "演讲", "视频致辞", "书面致辞",
                 "致辞时", "讲话时", "发言时"))
_WHEN = re.compile(r"(?:当日|当天|今天|昨天|日前|近日|\d{1,2}日)$")
INTRO = WordSet(lexicon.QUOTE_INTRO_VERBS)
EVALUATIVE = WordSet(lexicon.EVALUATIVE_PHRASES)
ADVERBS = WordSet(lexicon.SPEECH_ADVERBS)
GROUPS = WordSet(lexicon.GROUP_SPEAKERS)
_AFTER_CLAUSE = 12  # how long the attribution after a quote may run
_MAX_PHRASE = 16  # how far a speech verb may stand after a quote
# 在谈到凯达时 / 在发言中 / 在结业仪式上 / 致辞时: an adverbial between speaker and verb.
_ADVERBIAL = re.compile(r"(?:在[^，。；！？,;!?\n]{1,24}?(?:时|中|上|后|期间)|(?:在|于)?(?:"
                        + "|".join(lexicon.SPEECH_OCCASIONS) + r")(?:时|中))[，,]?$")
# How someone speaks, before the speech verb: 颇为感慨地, 动情地, 笑着.
_MANNER = re.compile(r"[\u4e00-\u9fff]{1,6}?(?:地|着)")
_ADVERBIAL_AFTER = re.compile(r"(?:在|于)[^，。；！？,;!?\n“”]{1,16}?(?:时|中|上|后|期间)|(?:在|于)?(?:"
                              + "|".join(lexicon.SPEECH_OCCASIONS) + r")(?:时|中)?")
_LEADS = WordSet(lexicon.GROUP_LEADS)
_USE_WORDS = re.compile(r"(?:用|借用|套用|借)")
_QUANTIFIER = re.compile(r"(?:有|据|一位|一名|多位|多名|不少|部分|一些|某|另一位|其中一位)$")
_ADVERBIAL_BEFORE = re.compile(r"在[^，。,]{1,12}上$")
# The dateline a lead paragraph opens with (新华网嘉兴6月12日电(记者 沈嘉言),
# 本报讯): a quote right after it opens the paragraph.
_DATELINE = re.compile(r"[^，。！？,!?“”\n]{0,30}(?:电|讯|消息)\s*(?:[(（][^()（）]{0,30}[)）])?")
# 来自唐山的…董事长X说: a relative clause of origin before the speaker.
_RELATIVE = re.compile(r"(?:来自|出身|身为|作为)[^，,。；;]{1,16}的$")
# The words before 相关负责人: a name-like run without function words.
_LABEL_LEAD = re.compile(r"[A-Za-z\u4e00-\u9fff]{2,10}$")


# --- speakers --------------------------------------------------------------------------


def speaker_ending_at(ctx: QuoteContext, pos: int, verb_start: int) -> Speaker | None:
    """The speaker whose words end at `pos` (right before a speech verb)."""
    text = ctx.text
    pos = _skip_blanks_back(text, pos)
    for _ in range(4):  # 王某也感慨地说 / 王某介绍说 / 致辞表示: manner words and a first verb
        word = ADVERBS.ending_at(text, pos) or SPEECH.ending_at(text, pos) or _ACTS.ending_at(text, pos)
        if word:
            pos -= len(word)
        elif pos > 0 and text[pos - 1] in "地着":
            pos -= 1
        else:
            break
    adverbial = _ADVERBIAL.search(text, max(0, pos - 30), pos)
    if adverbial:
        pos = _skip_blanks_back(text, adverbial.start())
    when = _WHEN.search(text, max(0, pos - 6), pos)  # 李某当日在活动上致辞时说
    if when:
        pos = when.start()
    hit = ctx.by_end.get(pos)
    if hit is None:
        # 陈某秘书长在发言中表示: the title after the name.
        title = CORES.ending_at(text, pos)
        if title:
            hit = ctx.by_end.get(pos - len(title))
    if hit:
        return ctx.speaker_of(*hit)
    if pos >= 1 and text[pos - 1] in lexicon.PRONOUNS and \
            (pos < 2 or text[pos - 2] not in "其利排吉"):
        return _pronoun(ctx, pos - 1)
    label = _label_ending_at(ctx, pos)
    if label:
        return label
    org = ctx.org_by_end.get(pos)
    if org is not None and _clause_starts_at(text, org.start):
        return Speaker("", org.name, "", org.name, org.start, org.end)
    return None


def _skip_blanks_back(text: str, pos: int) -> int:
    while pos > 0 and text[pos - 1] in " \u3000":
        pos -= 1
    return pos


def _pronoun(ctx: QuoteContext, at: int) -> Speaker | None:
    """他/她: the person named last before, in this or the previous paragraph;
    among them one who spoke in this paragraph comes first (寿子琪表示…。他指出)."""
    paragraph = ctx.paragraph(at)
    before = [(m, p) for m, p in ctx.persons_between(ctx.paragraph_starts[max(0, paragraph - 1)], at)
              if not _cited(ctx.text, m.end)]
    if not before:
        return None
    mention, person = before[-1]
    for m, p in reversed(before):
        if ctx.paragraph(m.start) == paragraph and _speaks_at(ctx.text, m.end):
            mention, person = m, p
            break
    speaker = ctx.speaker_of(mention, person)
    # Sure when the person is the only one named in the paragraph before it.
    here = {p.name for m, p in before if ctx.paragraph(m.start) == paragraph}
    return Speaker(speaker.name, "", speaker.title, speaker.organisation, at, at + 1,
                   weak=here != {person.name})


# 落实习近平总书记重要指示精神: a leader named for his words or ideas, not
# someone present who could be 他.
_CITED = re.compile(r"(?:同志)?的?(?:重要|新时代|关于|系列|指示|讲话|思想|批示|嘱托|回信|贺信|号召|视察)")


def _cited(text: str, end: int) -> bool:
    core = CORES.starting_at(text, end)
    return _CITED.match(text, end + len(core) if core else end) is not None


def _speaks_at(text: str, pos: int) -> bool:
    """A speech verb at pos, after adverbs or an occasion (也表示, 在会上说)."""
    adverb = ADVERBS.starting_at(text, pos)
    if adverb:
        pos += len(adverb)
    adverbial = _ADVERBIAL_AFTER.match(text, pos)
    if adverbial:
        pos = adverbial.end()
    return SPEECH.starting_at(text, pos) is not None


def _label_ending_at(ctx: QuoteContext, pos: int) -> Speaker | None:
    """学员表示 / 松江区组织部相关负责人表示 / 有专家表示 / 据信达生物相关负责人介绍
    / 青年企业家们纷纷表示."""
    return _group_label_ending_at(ctx, pos) or _plural_ending_at(ctx.text, pos)


def _plural_ending_at(text: str, pos: int) -> Speaker | None:
    """考察团成员们, 会员企业家们, 投资人们: a noun in -们 that is the whole
    subject of its clause names a group of speakers."""
    start = pos
    while start > 0 and is_cjk(text[start - 1]) and pos - start < _MAX_PLURAL:
        start -= 1
    label = text[start:pos]
    if _plural_label(label) and _clause_starts_at(text, start):
        return Speaker("", label, "", "", start, pos)
    return None


def _plural_at(text: str, pos: int) -> str | None:
    """The -们 group that starts at pos (after a quote)."""
    end = text.find("们", pos, pos + _MAX_PLURAL + 1)
    label = text[pos:end + 1] if end > pos else ""
    return label if _plural_label(label) and all(is_cjk(ch) for ch in label) else None


def _plural_label(label: str) -> bool:
    return 3 <= len(label) <= _MAX_PLURAL and label.endswith("们") and \
        label not in _NOT_GROUPS and not any(ch in _NOT_IN_LABEL for ch in label)


_MAX_PLURAL = 7
_NOT_GROUPS = frozenset("人们 咱们 我们 你们 他们 她们 它们".split())
_NOT_IN_LABEL = frozenset("的了着过是在和与及把被将对从向这那其也都就还又")


def _group_label_ending_at(ctx: QuoteContext, pos: int) -> Speaker | None:
    text = ctx.text
    group = GROUPS.ending_at(text, pos)
    if not group:
        return None
    start = pos - len(group)
    lead = _LEADS.ending_at(text, start)
    if lead:  # 与会代表们: the lead is part of the label
        start -= len(lead)
    org = ctx.org_by_end.get(start)
    if org is not None:
        start = org.start
    elif group.endswith("负责人"):  # 华为相关负责人: who they answer for, as written
        lead = _LABEL_LEAD.search(text, max(0, start - 10), start)
        if lead and _clause_starts_at(text, lead.start()):
            start = lead.start()
    if not _clause_starts_at(text, start):
        return None
    return Speaker("", text[start:pos], "", org.name if org else "", start, pos)


def _clause_starts_at(text: str, pos: int) -> bool:
    """Nothing but a clause mark, an adverbial or a quantifier (有专家, 据…)
    stands before pos in its clause."""
    lead = _QUANTIFIER.search(text, max(0, pos - 3), pos)
    if lead:
        pos = lead.start()
    return pos == 0 or not is_cjk(text[pos - 1]) or bool(_ADVERBIAL_BEFORE.search(text, max(0, pos - 16), pos))


def before(ctx: QuoteContext, open_at: int) -> Speaker | None:
    """X表示：“…” / X坦言，“…” / X：“…”."""
    text = ctx.text
    pos = open_at
    while pos > 0 and text[pos - 1] in "：:，, ":
        pos -= 1
    if pos == open_at:
        return None
    verb = INTRO.ending_at(text, pos)
    if verb and not (verb == "说" and text[:pos - 1].endswith(lexicon.NOT_BEFORE_SHUO)):
        return speaker_ending_at(ctx, pos - len(verb), pos - len(verb))
    if text[pos:open_at].strip() in ("：", ":"):
        hit = ctx.by_end.get(pos)
        return ctx.speaker_of(*hit) if hit else None
    return None


def after(ctx: QuoteContext, close_at: int, groups: bool = True) -> Speaker | None:
    """“…”X说。 / “…”某公司董事长X斩钉截铁。 / “…”用X的话说 / “…”企业家们达成了共识."""
    text = ctx.text
    pos = close_at + 1
    while pos < len(text) and text[pos] in "，, ":
        pos += 1
    use = _USE_WORDS.match(text, pos)
    if use:
        hit = ctx.by_chain.get(use.end())
        if hit and text.startswith("的话", hit[0].end):
            return ctx.speaker_of(*hit)
        return None
    hit = ctx.by_chain.get(pos) or _after_modifier(ctx, pos)
    if hit:
        mention, person = hit
        if _attribution_tail(text, mention.end) and not _new_statement(text, close_at, mention.end):
            return ctx.speaker_of(mention, person)
        return None
    if pos < len(text) and text[pos] in lexicon.PRONOUNS and not text.startswith("们", pos + 1):
        if _attribution_tail(text, pos + 1):
            return _pronoun(ctx, pos)
        return None
    group = _group_at(text, pos) if groups else None
    org = ctx.org_by_start.get(pos)
    if org is not None:
        group = GROUPS.starting_at(text, org.end)
        if group:
            label_end = org.end + len(group)
            if _attribution_tail(text, label_end, loose=True):
                return Speaker("", text[pos:label_end], "", org.name, pos, label_end)
        elif _attribution_tail(text, org.end):
            return Speaker("", org.name, "", org.name, org.start, org.end)
        return None
    if group and _attribution_tail(text, pos + len(group), loose=True):
        return Speaker("", group, "", "", pos, pos + len(group))
    plural = _plural_at(text, pos) if groups else None
    if plural and _attribution_tail(text, pos + len(plural)):
        return Speaker("", plural, "", "", pos, pos + len(plural))
    return _attribution_phrase(text, pos)


def _after_modifier(ctx: QuoteContext, pos: int):
    """“…”在高竹新区投资的重庆某公司总经理秦川说: a person whose chain
    follows a short modifier ending in 的."""
    text = ctx.text
    for k in range(pos + 1, min(len(text), pos + _MAX_MODIFIER)):
        ch = text[k]
        if ch in "，,。！？!?；;：:\n“”":
            return None
        if ch == "的":
            return ctx.by_chain.get(k + 1)
    return None


_MAX_MODIFIER = 16


def _group_at(text: str, pos: int) -> str | None:
    """企业家们 / 与会代表们 at pos."""
    lead = _LEADS.starting_at(text, pos)
    if lead:
        group = GROUPS.starting_at(text, pos + len(lead))
        if group:
            return lead + group
    return GROUPS.starting_at(text, pos)


def _new_statement(text: str, close_at: int, pos: int) -> bool:
    """“……。”林某则指出，…… : after a quote that ends its sentence, a person
    with 则 (whereas) begins a statement of their own; the quote is someone
    else's."""
    return text[close_at - 1] in "。！？!?…" and text.startswith("则", pos)


def _attribution_phrase(text: str, pos: int) -> Speaker | None:
    """“…”一位参会企业负责人说: a short phrase before a speech verb names
    someone the text does not name otherwise.  A phrase with a group word is
    the speaker's label; any other says only that the quote is attributed
    (no follow-up rule may give it to someone else)."""
    for v in range(pos + 1, min(len(text), pos + _MAX_PHRASE) + 1):
        if text[v - 1] in "，,。！？!?；;\n“”":
            return None
        verb = SPEECH.starting_at(text, v)
        if verb is None:
            continue
        phrase = text[pos:v]
        lead = re.match(r"(?:一位|一名|有位|某位|另一位|其中一位)", phrase)
        label = phrase[lead.end():] if lead else phrase
        adverb = ADVERBS.ending_at(label, len(label))
        if adverb and adverb != label:
            label = label[: -len(adverb)]
        if any(g in label for g in lexicon.GROUP_SPEAKERS):
            start = pos + (lead.end() if lead else 0)
            return Speaker("", label, "", "", start, start + len(label))
        return UNNAMED
    return None


def _attribution_tail(text: str, pos: int, loose: bool = False) -> bool:
    """What follows a speaker after a quote: a speech verb or an evaluative
    phrase (after adverbs), or — loose, for groups — a short clause."""
    core = CORES.starting_at(text, pos)  # “…”冯某委员说: a title after the name
    if core and not loose:
        pos += len(core)
    adverb = ADVERBS.starting_at(text, pos)
    if adverb:
        pos += len(adverb)
    manner = _MANNER.match(text, pos)  # 颇为感慨地说, 笑着说
    if manner and SPEECH.starting_at(text, manner.end()):
        return True
    adverbial = _ADVERBIAL_AFTER.match(text, pos)  # 高某在发布会上说
    if adverbial and SPEECH.starting_at(text, adverbial.end()):
        return True
    if SPEECH.starting_at(text, pos) or EVALUATIVE.starting_at(text, pos):
        return True
    end = pos
    while end < len(text) and text[end] not in "，,。！？!?；;\n":
        end += 1
    clause = end - pos
    if loose:
        return 0 < clause <= _AFTER_CLAUSE
    return clause == 4 and end < len(text) and text[end] in "。！？!?"


def subject(ctx: QuoteContext, open_at: int) -> Speaker | None:
    """The one person named in the same sentence before the quote; or the
    person a pronoun that opens the sentence with a speech verb stands for
    (他认为，两岸…互补性强，“关键是…”)."""
    sentence = ctx.doc.sentence_at(open_at)
    if sentence is None:
        return None
    found = _only_subject(ctx, ctx.persons_between(sentence.start, open_at))
    if found is None and ctx.text[sentence.start:sentence.start + 1] in lexicon.PRONOUNS \
            and _speaks_at(ctx.text, sentence.start + 1):
        found = _pronoun(ctx, sentence.start)
    return found


def speaking_subject(ctx: QuoteContext, open_at: int) -> Speaker | None:
    """The subject of the sentence, when it opens the sentence with a speech
    verb (郭某说，公司已…，“…” / 他认为，…，“…”)."""
    sentence = ctx.doc.sentence_at(open_at)
    if sentence is None:
        return None
    found = subject(ctx, open_at)
    if found is None:
        return None
    at = found.end if found.end > 0 else sentence.start + 1
    return found if _speaks_at(ctx.text, at) else None


def _only_subject(ctx: QuoteContext, found) -> Speaker | None:
    """The one person named, when named as a subject: at the start of a
    clause (not 他向李四提问 …)."""
    names = {p.name for _, p in found}
    if len(names) != 1:
        return None
    mention, person = found[0]
    before = ctx.text[mention.chain_start - 1] if mention.chain_start > 0 else ""
    if is_cjk(before) and not (before == "的" and _RELATIVE.search(ctx.text, 0, mention.chain_start)):
        return None  # 他向李四提问, but 来自唐山的X公司董事长X说 is X
    return ctx.speaker_of(mention, person)


def opener(ctx: QuoteContext, open_at: int, close_at: int) -> Speaker | None:
    """A quote that opens a paragraph, attributed in the sentence after it."""
    text = ctx.text
    lead = text[ctx.paragraph_starts[ctx.paragraph(open_at)]:open_at].strip()
    if lead and not _DATELINE.fullmatch(lead):
        return None
    end = sentence_end(text, close_at + 1)
    found = ctx.persons_between(close_at + 1, end)
    names = {p.name for _, p in found}
    whole = text[close_at - 1:close_at] in "。！？!?"  # the quote is a sentence of its own
    if not found:
        return None
    mention, person = found[-1]
    if end - mention.end > _AFTER_CLAUSE:
        # “……。”此前,秘书长某某在接受记者采访时表示,…: the speech verb after.
        return _next_sentence_speaker(ctx, close_at + 1) if whole else None
    if len(names) != 1 and not (SPEECH.starting_at(text, mention.end) or EVALUATIVE.starting_at(text, mention.end)):
        return None  # several people and none of them the one who speaks
    return ctx.speaker_of(mention, person)


def _next_sentence_speaker(ctx: QuoteContext, start: int) -> Speaker | None:
    """“……。”此前,亚信秘书长某某在接受记者采访时表示,…: a quote that is a
    whole sentence, attributed by the speech verb of the next one."""
    text = ctx.text
    while start < len(text) and text[start] in " \u3000":
        start += 1
    end = sentence_end(text, start)
    for pos in range(start, min(end, start + 60)):
        verb = SPEECH.starting_at(text, pos)
        if verb:
            speaker = speaker_ending_at(ctx, pos, pos)
            return speaker if speaker is not None and speaker.name else None
    return None


def opens_clause(ctx: QuoteContext, open_at: int) -> bool:
    """The quote stands on its own: it opens a sentence or follows a comma
    or colon (not “…” in the middle of a clause: 开展“创新发展”活动)."""
    pos = open_at
    while pos > 0 and ctx.text[pos - 1] in " \t":
        pos -= 1
    return opens_sentence(ctx, open_at) or ctx.text[pos - 1] in "，,：:"


def opens_sentence(ctx: QuoteContext, open_at: int) -> bool:
    text = ctx.text
    pos = open_at
    while pos > 0 and text[pos - 1] in " \t":
        pos -= 1
    return pos == 0 or text[pos - 1] in "\n" or text[pos - 1] in SENTENCE_ENDS or \
        text[pos - 1] in "”」"


# --- context rules ---------------------------------------------------------------------


def follow_up(ctx: QuoteContext, speaker: Speaker | None, said: tuple[int, int],
              open_at: int) -> Speaker | None:
    """The speaker of what was said before (at `said`), in the same or the
    previous paragraph, when nobody else is named in between."""
    if speaker is None or ctx.paragraph(open_at) - ctx.paragraph(said[0]) > 1:
        return None
    between = ctx.persons_between(said[1], open_at)
    if any(p.name != speaker.name for _, p in between):
        return None
    return speaker


def paragraph(ctx: QuoteContext, open_at: int) -> Speaker | None:
    """The one person named, as a subject, earlier in the paragraph."""
    start = ctx.paragraph_starts[ctx.paragraph(open_at)]
    return _only_subject(ctx, ctx.persons_between(start, open_at))


