"""Who made the article: reporters, editors, photographers, authors and
reviewers, from bylines, datelines, footers and photo captions.

A page credits people in many shapes: (记者 王逸飞) after a dateline,
本报讯 记者X报道: in a lead, 【我要纠错】责任编辑:X in a footer, 王刚 摄 under a
photo.  Each credit keeps its label as written (責編, 本报记者, 攝)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.ingest import captions, junk, page_chrome

REPORTER = "reporter"
EDITOR = "editor"
PHOTOGRAPHER = "photographer"
AUTHOR = "author"
REVIEWER = "reviewer"
OTHER = "other"

# Credit labels (Simplified, agency prefix removed) -> role.
ROLE_OF = {
    **dict.fromkeys(("记者", "特约记者", "通讯员", "实习生", "实习记者", "见习记者", "全媒体记者", "融媒体记者",
                     "首席记者"), REPORTER),
    **dict.fromkeys(
        ("责任编辑", "网络编辑", "值班编辑", "实习编辑", "图片编辑", "文字编辑", "视频编辑", "美术编辑",
         "新媒体编辑", "编辑", "责编", "主编", "美编", "排版", "编译"),
        EDITOR,
    ),
    **dict.fromkeys(
        ("一审", "二审", "三审", "初审", "复审", "终审", "审核", "审校", "审稿", "校对", "编审"),
        REVIEWER,
    ),
    **dict.fromkeys(("作者", "文", "文字", "撰文"), AUTHOR),
    **dict.fromkeys(("摄影", "摄影记者", "摄像", "图", "图片", "摄"), PHOTOGRAPHER),
    **dict.fromkeys(
        ("监制", "总监制", "制片人", "出品人", "出品", "策划", "统筹", "制作", "设计", "视频", "翻译",
         "海报", "配音"),
        OTHER,
    ),
}
SOURCE_LABELS = {"来源", "稿源", "稿件来源", "文章来源", "信息来源", "出处", "发布单位", "发布者", "发布人"}
# Words that fill a name slot without being a name.
_NOT_NAMES = {"本报", "本网", "本站", "记者", "小编", "佚名", "未知", "综合", "整理", "原创", "编辑", "通讯员"}


@dataclass(frozen=True)
class Credit:
    name: str  # Simplified
    role: str  # reporter, editor, photographer, author, reviewer, other
    role_original: str  # the label as written: 責編, 本报记者, 攝



_BRACKETED = re.compile(
    r"[【\[(]\s*(?:" + "|".join(sorted(page_chrome.EDITORIAL_ROLES, key=len, reverse=True)) + r")\s*:[^【】\[\]()]{1,40}[】\])]"
)
# A lead's byline in brackets: 南方日报讯 (记者/冯嘉文 通讯员/顺宣), …电(记者 X).
_LEAD_BYLINE = re.compile(r"^[^。!?]{0,30}?(?:讯|电)\s*[(]([^()]{2,40})[)]")
# Bullets and the closing 报道 around a byline line: □记者 张思凯 通讯员 李明远 报道.
_BYLINE_BULLETS = re.compile(r"^[□■●◆◇○\s]+")
_BYLINE_END = re.compile(r"\s*(?:报道|摄影报道|报导|文/图)\s*$")


def _names(value: str) -> list[str]:
    names = []
    for token in page_chrome.split_names(value):
        for name in _unglued(token):
            if page_chrome.looks_like_name(name) and name not in _NOT_NAMES and name not in ROLE_OF:
                if not page_chrome.looks_like_outlet(name):
                    names.append(name)
    return names


def _unglued(token: str) -> list[str]:
    """刘宥廷摄: a photographer's name with the 摄 that credits it; 张倩陈华:
    two names of two characters written without a separator."""
    if len(token) == 4 and token.endswith("摄") and page_chrome.looks_like_name(token[:-1]):
        return [token[:-1]]
    if len(token) == 4 and token[:2] not in page_chrome.COMPOUND_SURNAMES \
            and all(page_chrome.looks_like_name(half) for half in (token[:2], token[2:])) \
            and token[2] not in _NOT_A_SECOND_SURNAME:
        return [token[:2], token[2:]]
    return [token]


# Characters that are surnames but far more often the first character of a
# given name's second half (王小明: 小 is no surname here).
_NOT_A_SECOND_SURNAME = frozenset("小大文明金国建海红华志晓春")


def read_credits(lines: list[junk.Line], dateline_credit: str, text: str) -> list[Credit]:
    """The credits of an article, one per name and role, in reading order."""
    found: list[tuple[str, str, str]] = []

    def add(fields):
        for fld in fields:
            role = ROLE_OF.get(fld.label)
            if role:
                found.extend((name, role, fld.label_original) for name in _names(fld.value))

    def add_names(value: str, role: str, label: str) -> None:
        found.extend((name, role, label) for name in _names(value))

    if dateline_credit:
        fields = page_chrome.find_fields(page_chrome.normalise(dateline_credit), dateline_credit)
        add(f for _, _, f in fields)
        if not fields:  # 中新网厦门7月6日电 (杨伏山 欧阳桂莲): the dateline's reporters
            add_names(page_chrome.normalise(dateline_credit), REPORTER, "")
    for line in lines:
        for fld in line.fields:  # 来源:中国民族报 闵轩: the outlet, then its writer
            if fld.label in SOURCE_LABELS and " " in fld.value.strip():
                add_names(fld.value.strip().split(" ", 1)[1], AUTHOR, fld.label_original)
        if not line.blank and not line.junk:
            for match in _REPORTED.finditer(line.norm):  # 记者马叔安/综合报导, (记者 张福芳 金慧)
                add_names(match.group("names") or match.group("names2"), REPORTER,
                          match.group("label") or match.group("label2"))
            tokens = line.norm.split()
            if _NAMES_LINE.fullmatch(line.norm.strip()) and len(_names(line.norm)) == len(tokens):
                add_names(line.norm, AUTHOR, "")  # a byline of names alone: 甘海琼 陈明菊
    last = next((ln for ln in reversed(lines) if not ln.blank and not ln.junk), None)
    if last is not None:
        signed = _SIGNED_END.search(last.norm)  # …参观考察。 (李彩英)
        if signed:
            add_names(signed.group(1), AUTHOR, "")
    for line in lines:
        if line.junk:
            add(line.fields)
        elif not line.blank:
            if len(line.norm.strip()) <= 60:  # 文|孙阳 中国(深圳)综合开发研究院
                add(f for s, _, f in page_chrome.find_fields(line.norm, line.text)[:1] if not line.norm[:s].strip())
                add(_byline_fields(line))
            if len(line.norm.strip()) <= 80 and not _SENTENCE.search(line.norm):
                # 【我要纠错】责任编辑:张三, (图文来源:… 校对、编辑:李四 审核:王五):
                # editorial credits anywhere in a line that is no sentence.
                add(f for s, _, f in page_chrome.find_fields(line.norm, line.text)
                    if f.editorial and _labelled_apart(line.norm, s, f))
            lead = _LEAD_REPORTER.match(line.norm)
            if lead:  # 本报讯 记者武自然报道:…, 【香港商报网讯】记者姚一鹤报导:…
                add_names(lead.group("names"), REPORTER, lead.group("label"))
            lead = _LEAD_BYLINE.match(line.norm)
            if lead:
                s, e = lead.span(1)
                add(f for _, _, f in page_chrome.find_fields(lead.group(1), line.text[s:e]))
            for match in _BRACKETED.finditer(line.norm):  # (责任编辑:张三) after a paragraph
                s, e = match.span()
                add(f for _, _, f in page_chrome.find_fields(match.group(), line.text[s:e]))
    for credit in captions.find_credits(text):
        found.extend((name, PHOTOGRAPHER, credit.role_original) for name in credit.names)
    seen, credits = set(), []
    for name, role, original in found:
        if (name, role) not in seen:  # one credit per name and role (the database's rule)
            seen.add((name, role))
            credits.append(Credit(name, role, original))
    return credits


# (记者 张福芳 金慧), (记者袁泉、琼达卓嘎、鲜敢), 记者李忠宪/台中报导, 【通讯员姚旭东】
_REPORTED = re.compile(
    r"[(\[【]\s*(?P<label>记者|通讯员|实习记者|摄影记者)\s*(?P<names>[\u4e00-\u9fff·、\s]{2,30}?)\s*[)\]】]"
    r"|(?P<label2>记者)(?P<names2>[\u4e00-\u9fff]{2,4})\s*/\s*[\u4e00-\u9fff]{0,6}报[导道]"
)
_SENTENCE = re.compile(r"[。!?！？]")


def _labelled_apart(norm: str, start: int, fld) -> bool:
    """A credit label that stands apart (after a bracket, a comma or a
    space) and is followed by a colon: not 图 of 网站地图 | 关于我们."""
    label_end = start + len(fld.label_original)
    return (start == 0 or not "\u4e00" <= norm[start - 1] <= "\u9fff") and norm[label_end:label_end + 1] in (":", "：")


# A lead's reporter before a colon: 本报讯 记者武自然报道:…, 【…网讯】记者X报导:….
_LEAD_REPORTER = re.compile(
    r"^[^。!?:：]{0,30}?(?:讯|电)[】\]」)]?\s*(?P<label>记者|通讯员|实习记者)\s*"
    r"(?P<names>[\u4e00-\u9fff·]{2,4}(?:[、\s]+[\u4e00-\u9fff·]{2,4}){0,3}?)\s*(?:报道|报导)\s*[:：]")
_NAMES_LINE = re.compile(r"[\u4e00-\u9fff]{2,4}(?:\s+[\u4e00-\u9fff]{2,4}){1,3}")
_SIGNED_END = re.compile(r"[。!?]\s*[(（]([\u4e00-\u9fff]{2,4}(?:[、\s][\u4e00-\u9fff]{2,4}){0,2})[)）]\s*$")


def _byline_fields(line: junk.Line) -> list:
    """Every field of a line that is nothing but a byline (after a bullet,
    before 报道): □记者 张思凯 通讯员 李明远 报道."""
    body = _BYLINE_END.sub("", _BYLINE_BULLETS.sub("", line.norm))
    if not body or body == line.norm:
        return []
    fields = page_chrome.find_fields(body)
    covered = sum(e - s for s, e, _ in fields)
    if not fields or covered < len(body.replace(" ", "")) - 1:
        return []
    return [f for _, _, f in fields]
