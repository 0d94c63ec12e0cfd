"""The shape of a Chinese personal name: a surname from the lexicon and a
given name of one or two characters, bounded on the right by what may follow a
name (a speech verb, a particle, punctuation).

Names are only read where the context already says a person stands there
(after a title, after an organisation, a name seen before): the surname
lexicon alone would take 高度, 于是 or 单位 for names.
"""

from __future__ import annotations

import re

from kb.ingest.extract import lexicon
from kb.ingest.extract.textscan import WordSet, is_cjk

FOLLOWERS = WordSet(lexicon.NAME_FOLLOWERS)
_TITLES = frozenset(lexicon.TITLE_CORES) | frozenset(lexicon.TITLE_MODIFIERS)
# One-character followers that are also common last characters of a given
# name (李保和, 何为): after a three-character reading they do not decide
# (则 is not one: 王某则指出 is 王某 contrasting with someone before).
_NAME_LIKE_FOLLOWERS = frozenset("和为正向将从再更便又")
# A four-character phrase that closes the sentence (斩钉截铁, 信心满满):
# the usual shape of an evaluative tail after a name.
_FOUR_CHAR_TAIL = re.compile(r"[\u4e00-\u9fff]{4}(?=[。！？!?；;…]|$)")
# Characters never found in a given name: function words and punctuation-like.
_NOT_GIVEN = frozenset("的了着过是在和与及或等也都就还又们这那其之于把被将对从向吗呢吧啊么个")


def surname_length(text: str, pos: int) -> int:
    """2 for a compound surname at pos, 1 for a single one, 0 for none."""
    if text[pos:pos + 2] in lexicon.COMPOUND_SURNAMES:
        return 2
    if pos < len(text) and text[pos] in lexicon.SURNAMES:
        return 1
    return 0


def follows_name(text: str, end: int) -> bool:
    """True when what stands at `end` may follow a name."""
    if end >= len(text):
        return True
    ch = text[end]
    if not is_cjk(ch):
        return not ch.isascii() or not ch.isalnum()
    return FOLLOWERS.starting_at(text, end) is not None


def _given_ok(given: str) -> bool:
    return all(is_cjk(ch) and ch not in _NOT_GIVEN for ch in given)


def name_end(text: str, pos: int, *, loose: bool = False, slot: bool = False) -> int | None:
    """The end of a personal name that starts at `pos`, or None.

    Of the two readings (one- or two-character given name) the one followed
    by a known follower wins; when both are, the shorter one, unless the
    character it leaves out is a follower that also makes given names.
    `loose` also accepts a name followed by a sentence-closing
    four-character phrase (……”薛敏斩钉截铁。).  `slot` says the name stands
    where a title chain puts one: a name that is also a common word (高峰)
    is read there when a verb or a comma follows it (副区长高峰介绍).
    """
    sl = surname_length(text, pos)
    if not sl or _conjunction_before_word(text, pos):
        return None
    options = []
    for given in (1, 2):
        end = pos + sl + given
        if end > len(text) or not _given_ok(text[pos + sl:end]):
            break
        word = text[pos:end]
        if word in lexicon.NOT_NAMES and not (slot and word in lexicon.WORD_NAMES
                                              and word_name_slot(text, end)):
            continue
        if any(text[pos:k] in _TITLES for k in range(pos + 2, end + 1)):
            continue
        options.append(end)
    ok = [end for end in options if follows_name(text, end)]
    if len(ok) == 2:
        short, long = ok
        return long if text[short] in _NAME_LIKE_FOLLOWERS else short
    if ok:
        return ok[0]
    if loose:
        tails = [end for end in options if _FOUR_CHAR_TAIL.match(text, end)]
        if tails:
            return tails[0]
    return None


# Surnames that are also conjunctions (负责人和高管, 专家与学者).
_CONJUNCTION_SURNAMES = frozenset("和与及同")
_WORDS_AFTER_CONJUNCTION = WordSet(
    [*lexicon.NOT_NAMES, *lexicon.TITLE_CORES, *lexicon.GROUP_SPEAKERS, *lexicon.PEOPLE_NOUNS])


def _conjunction_before_word(text: str, pos: int) -> bool:
    """和/与/及 before a noun of people or a title (负责人和高管, 教授与学者):
    a conjunction, not a surname."""
    return pos < len(text) and text[pos] in _CONJUNCTION_SURNAMES and \
        _WORDS_AFTER_CONJUNCTION.starting_at(text, pos + 1) is not None


def word_name_slot(text: str, end: int) -> bool:
    """What must follow a name that is also a common word: a verb of the
    clause (介绍, 主持, 在…), or a comma of an enumeration."""
    if end < len(text) and text[end] in "，,、":
        return True
    follower = FOLLOWERS.starting_at(text, end)
    return follower is not None and (len(follower) > 1 or follower in _WORD_NAME_FOLLOWERS)


# One-character followers that leave no doubt after a name-like word.
_WORD_NAME_FOLLOWERS = frozenset("说称在率作致")


def name_after(text: str, pos: int, *, loose: bool = False,
               slot: bool = False) -> tuple[int, int] | None:
    """(start, end) of a name at `pos`, or after one blank there
    (董事长 李刚: some outlets set names apart with a space)."""
    end = name_end(text, pos, loose=loose, slot=slot)
    if end is not None:
        return pos, end
    if pos < len(text) and text[pos] in " \u3000":
        end = name_end(text, pos + 1, loose=loose, slot=slot)
        if end is not None:
            return pos + 1, end
    return None


# A name of the minorities written with a middle dot (艾尔肯·吐尼亚孜,
# 阿卜杜勒·克里木): read only after a title.
_DOTTED = re.compile(r"[\u4e00-\u9fff]{1,5}[·•・][\u4e00-\u9fff]{1,6}")


def dotted_name_after(text: str, pos: int) -> tuple[int, int] | None:
    """(start, end) of a name with a middle dot at `pos` that a verb, a
    particle or punctuation follows."""
    match = _DOTTED.match(text, pos)
    if match is None:
        return None
    dot = next(k for k in range(pos, match.end()) if text[k] in "·•・")
    for end in range(dot + 2, match.end() + 1):  # the shortest reading a follower follows
        if follows_name(text, end):
            return (pos, end) if not any(ch in _NOT_GIVEN for ch in text[pos:end]) else None
    return None


def looks_like_name(name: str) -> bool:
    """A whole string that has the shape of a personal name."""
    sl = surname_length(name, 0)
    return (sl > 0 and 1 <= len(name) - sl <= 2 and _given_ok(name[sl:])
            and name not in lexicon.NOT_NAMES)

