"""What makes a string an organisation name: its suffix and kind, its place
prefix, its body (what is left without place and suffix), and the short forms
an article may use for it.  Pure string rules; organisations.py finds the
strings in the text."""

from __future__ import annotations

import re
from functools import lru_cache

from kb.ingest.extract import lexicon
from kb.ingest.extract.textscan import WordSet, is_cjk

SUFFIXES = WordSet(lexicon.ORG_SUFFIXES)
NATIONAL = WordSet(lexicon.NATIONAL_PREFIXES)
STANDALONE = WordSet(lexicon.STANDALONE_ORGS)
_PARENS = re.compile(r"[(（][^()（）]{1,12}[)）]")
# A suffix followed by one of these is the start of a longer word
# (大学生, 集团化, 学会了), not the end of a name.
SUFFIX_CONTINUATIONS = frozenset("生化了着过们性式界级型制")


def continues_word(text: str, end: int, suffix: str) -> bool:
    """The suffix that ends at `end` goes on into a longer word (大学生,
    集团化, 商务部门, 发展局面): it ends no name."""
    if end >= len(text):
        return False
    if text.startswith(_DEPARTMENT_FIELDS, end):
        return False  # 南京大学化学化工学院, 复旦大学生命科学学院
    ch = text[end]
    return ch in SUFFIX_CONTINUATIONS or ch in lexicon.SUFFIX_WORD_CONTINUATIONS.get(suffix[-1], "")


# Fields that begin a department's name with a continuation character.
_DEPARTMENT_FIELDS = ("化学", "化工", "生物", "生命", "生态", "制药")


_COUNTED = re.compile(r"(?:\d+|[一二三四五六七八九十两几多数各双])[地省市区县国方城]{1,2}$")
_LONG_ADMIN = ("新区", "自治区", "特别行政区", "林区", "地区", "矿区")


def normalise(name: str) -> str:
    """The canonical spelling: half-width brackets, no blanks."""
    return name.replace("（", "(").replace("）", ")").replace(" ", "").replace("\u3000", "")


def looks_like_place(word: str) -> bool:
    """厦门市思明区: a place name the gazetteer may not know (not 社区, not a
    name with an organisation suffix)."""
    return word.endswith(lexicon.PLACE_ENDINGS) and not word.endswith(lexicon.NOT_PLACE_ENDINGS) \
        and suffix_of(word) is None


def begins_word(text: str, i: int) -> bool:
    """The stop character at i begins a word that stands in names (和平)."""
    return text[i:i + 2] in lexicon.STOP_CHAR_WORDS


def join_place(place: str, word: str) -> str:
    """常州市 + 市委 -> 常州市委; 浦东新区 + 区委 -> 浦东新区区委."""
    if place.endswith(word[0]) and not place.endswith(_LONG_ADMIN):
        return place[:-1] + word
    return place + word


_UNITS = ("委员会", "局", "厅", "委", "部", "办")
_FIELD_SHORT = sorted(lexicon.GOV_FIELD_SHORT.items(), key=lambda kv: -len(kv[0]))
_FULL_FIELDS = frozenset(lexicon.GOV_FIELD_SHORT.values()) | frozenset(lexicon.GOV_FIELDS)


def full_form(rest: str) -> str:
    """The long form of a name after its place, to tell that two spellings
    name one body: 科技厅 -> 科学技术厅, 发改委 -> 发展和改革委员会, 管委会 ->
    管理委员会, 政府 -> 人民政府."""
    if rest in lexicon.ORG_SHORT_NAMES:
        return lexicon.ORG_SHORT_NAMES[rest]
    for short, full in _FIELD_SHORT:
        if rest.startswith(short) and rest[len(short):] in _UNITS:
            rest = full + rest[len(short):]
            break
    if rest.endswith("委") and rest[:-1] in _FULL_FIELDS:
        return rest + "员会"
    if rest.endswith("管委会"):
        return rest[:-3] + "管理委员会"
    return rest


def strip_parens(name: str) -> str:
    return _PARENS.sub("", name)


def suffix_of(name: str) -> str | None:
    return SUFFIXES.ending_at(name, len(name))


def body_of(name: str, suffix: str) -> str:
    """The name without its suffix and the legal forms and bracketed place
    before it (中创新航技术研究院(江苏)有限公司 -> 中创新航技术研究院,
    集团股份有限公司 -> '')."""
    rest = strip_parens_tail(name[: len(name) - len(suffix)])
    while True:
        legal = next((f for f in lexicon.LEGAL_FORMS if rest.endswith(f)), None)
        if legal is None:
            return rest
        rest = strip_parens_tail(rest[: -len(legal)])


def strip_parens_tail(name: str) -> str:
    """中创新航技术研究院(江苏) -> 中创新航技术研究院."""
    match = re.search(r"[(（][^()（）]{1,12}[)）]$", name)
    return name[: match.start()] if match else name


@lru_cache(maxsize=4096)
def industry_only(body: str) -> bool:
    """True when `body` is nothing but trade words (生物医药, 医疗产业孵化)."""
    if not body:
        return True
    words = lexicon.INDUSTRY_WORDS
    ok = [True] + [False] * len(body)
    for i in range(1, len(body) + 1):
        ok[i] = any(ok[j] and body[j:i] in words for j in range(max(0, i - 6), i))
    return ok[len(body)]


def kind_of(name: str, suffix: str, has_place: bool) -> str:
    kind = lexicon.ORG_SUFFIXES.get(suffix, "other")
    national = name.startswith(("国务院", "国家", "中央", "全国"))
    if suffix in ("委员会", "办公室", "工作组"):
        if name.startswith(("中共", "党")):
            return "party"
        return "government" if has_place or national else "other"
    if suffix == "委会" and name[:-2].endswith(("居", "村")):
        return "government"
    if suffix in lexicon.BRANCH_SUFFIXES and suffix == "分会":
        return "association"
    return kind


def body_ok(body: str, suffix: str, has_place: bool, quoted: bool, name: str) -> bool:
    """The rules a name's body must pass (see the module doc of
    organisations.py): not empty without a place, not a generic phrase, not
    a verb phrase, not trade words alone without a place.  `quoted` (the name
    stands in quotation marks, or in the organisation slot before a title)
    lets a body of generic or trade words pass (“生物医药创新联盟”,
    企业家联谊会会长)."""
    if name in lexicon.STANDALONE_ORGS:
        return True
    if name in lexicon.GENERIC_ORG_WORDS or \
            (body in lexicon.GENERIC_ORG_WORDS and not has_place and not quoted):
        return False
    if suffix in lexicon.PLACE_REQUIRED and not has_place and not _zone_body(body) and \
            not _unknown_place(body):
        return False
    if not body:
        return has_place and suffix in lexicon.PLACE_INSTITUTIONS
    if any(ch in lexicon.NOT_IN_NAME for ch in body):
        return False
    if (body.startswith(lexicon.GENERIC_LEADS) and not (has_place and body.startswith(lexicon.CLASS_LEADS))) \
            or "上市" in body:  # 主板上市公司
        return False
    if _COUNTED.search(body):  # 粤港澳三地政府, 两省政府: places counted, not named
        return False
    if len(body) < 2 and not has_place:
        return False
    # Universities keep names of trade words (电子科技大学); other bodies made
    # of trade words alone are generic (生物医药实验室).
    academic = suffix == "大学" and len(body) >= 3
    if not has_place and not quoted and not academic and industry_only(strip_parens(body)):
        return False
    # 打造长三角产业科技创新中心: a goal, unless the body names someone.
    if suffix in lexicon.GOAL_SUFFIXES and not quoted and industry_only(strip_parens(body)):
        return False
    if not any(is_cjk(ch) or ch.isalpha() for ch in body):
        return False
    return True


def _unknown_place(body: str) -> bool:
    """渝北区 of 渝北区人民政府: a place the gazetteer lacks, written with its
    level word (a name of two or three characters and 区, 县, 市 …)."""
    return 3 <= len(body) <= 5 and all(is_cjk(ch) for ch in body) and \
        body[-1] in "省市区县旗州" and looks_like_place(body) and \
        body not in lexicon.GENERIC_ZONE_WORDS and not body.endswith(_NOT_PLACE_AREAS) and \
        not body.startswith(lexicon.GENERIC_LEADS) and body[0] not in "全各本该我两三四五六七八九十几多数"


# Parts of a place or kinds of areas, not places (主城区, 高新区, 湾区).
_NOT_PLACE_AREAS = ("城区", "市区", "辖区", "园区", "片区", "景区", "街区", "社区", "校区", "厂区", "营区",
                    "矿区", "林区", "湾区", "开发区", "示范区", "合作区", "保税区", "试验区", "功能区")


_ZONE_SUFFIXES = tuple(sorted((w for w, kind in lexicon.ORG_SUFFIXES.items() if kind == "zone"),
                              key=len, reverse=True))


def _zone_body(body: str) -> bool:
    """洋浦经济开发区 of 洋浦经济开发区交通运输局: a named zone stands for the
    place of its government's departments."""
    zone = next((z for z in _ZONE_SUFFIXES if body.endswith(z)), None)
    return zone is not None and len(body) >= len(zone) + 2 and body not in lexicon.GENERIC_ORG_WORDS \
        and not body.startswith(lexicon.GENERIC_LEADS)


def short_forms(name: str, place: str) -> list[str]:
    """Shorter names an article may use for a company: without its legal form
    (联影集团 -> 联影), its place (晶盛机电), trailing trade words (旭荣针织 ->
    旭荣), and with its place before the shorter core (常州旭荣)."""
    core, forms = strip_parens(name), []
    while True:  # 美的集团股份有限公司 -> 美的集团 -> 美的
        legal = next((f for f in lexicon.LEGAL_FORMS
                      if core.endswith(f) and len(core) > len(f) + 1), None)
        if legal is None:
            break
        core = core[: -len(legal)]
        forms.append(core)
    if place and core.startswith(place):
        core = core[len(place):]
    if not core:
        return forms
    cores = [core]
    while True:
        words = [w for w in lexicon.INDUSTRY_WORDS if cores[-1].endswith(w)]
        if not words:
            break
        shorter = cores[-1][: -len(min(words, key=len))]
        if len(shorter) < 2:
            break
        cores.append(shorter)
    for c in cores:
        forms.append(c)
        if place:
            forms.append(place + c)
    out = []
    for form in forms:
        if (len(form) >= 2 and form != name and form not in out
                and form not in lexicon.GENERIC_ORG_WORDS and not industry_only(form)):
            out.append(form)
    return out


def inside_department(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] lies inside a department's name that the text
    spells out there (文化和旅游部, 工业和信息化厅): its conjunction is no
    boundary of the name that goes on after it."""
    for j in range(max(0, start - 8), start):
        word = SUFFIXES.starting_at(text, j)
        if word and j + len(word) > end and lexicon.ORG_SUFFIXES[word] == "government" and len(word) > 3:
            return True
    return False
