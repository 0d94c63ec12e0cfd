"""Article metadata: title, outlet, publication date and its precision, the
dateline's place, and the people credited (read by kb.ingest.credits).

`read_metadata` runs on the repaired text *before* junk lines go, because the
date line, the 来源 line and the sign-offs are junk for the body but carry
the facts read here.  It reads lines the way kb.ingest.junk does (one parser,
`junk.analyse`), so "the first real line" means the first line junk removal
keeps.

Nothing is invented: a date has day precision only when a day is written; a
dateline without a year takes its year from a year written in the article
(and says so in `notes`), or stays unknown.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from kb import dates
from kb.chinese import to_simplified
from kb.ingest import captions, headline, junk, page_chrome
from kb.ingest.credits import SOURCE_LABELS, Credit, read_credits

TITLE_MAX = 30


@dataclass
class ArticleMetadata:
    title: str = ""  # original script
    title_simplified: str = ""
    title_generated: bool = False  # no title line: taken from the lead
    outlet: str = ""  # canonical Simplified name
    published: dt.date | None = None
    published_time: dt.time | None = None
    precision: str = dates.UNKNOWN
    dateline_place: str = ""  # Simplified
    credits: list[Credit] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# --- datelines: 中新网杭州12月23日电(记者 王逸飞) ------------------------------

_AGENCY_NAMES = sorted(
    {a for aliases in page_chrome.OUTLETS.values() for a in aliases if re.fullmatch(r"[\u4e00-\u9fff]+", a)}
    | set(page_chrome.OUTLETS) | {"本报", "本网", "本台"},
    key=len,
    reverse=True,
)
_DATELINE = re.compile(
    r"^\s*[【\[]?\s*(?P<agency>" + "|".join(_AGENCY_NAMES) + r"|[\u4e00-\u9fff]{1,8}?(?:网|社|报|台|新闻)(?:网)?)"
    r"(?:客户端)?(?P<place>[\u4e00-\u9fff]{2,10}?)?(?:(?P<y>(?:19|20)\d{2})年)?"
    r"(?P<m>1[0-2]|0?[1-9])月(?P<d>3[01]|[12]\d|0?[1-9])日\s*(?:电|讯|消息)\s*[】\]]?"
    r"(?:\s*[(\[](?P<credit>[^()\[\]]{0,60})[)\]])?\s*"
)
# 本报讯(记者 张三) — a dateline without a date.
# 本报讯(记者 张三), 大河网讯(河南日报记者 赵振杰), 【文汇网讯】: a dateline without a date.
_NEWS_FLASH = re.compile(
    r"^\s*[【\[]?\s*(?P<agency>本报|本网|本台|[\u4e00-\u9fff]{2,8}?(?:网|报|台|新闻))?讯\s*[】\]]?"
    r"(?:\s*\((?P<credit>[^()]{0,60})\))?\s*"
)


@dataclass(frozen=True)
class Dateline:
    line: junk.Line
    end: int  # where the lead text starts in the line
    agency: str
    place: str
    year: int | None
    month: int | None
    day: int | None
    credit: str


def find_dateline(line: junk.Line) -> Dateline | None:
    match = _DATELINE.match(line.norm)
    if match:
        return Dateline(
            line, match.end(), match["agency"], match["place"] or "",
            int(match["y"]) if match["y"] else None, int(match["m"]), int(match["d"]),
            _original(line, match, "credit"),
        )
    match = _NEWS_FLASH.match(line.norm)
    if match and match.group().strip() and (match["credit"] is not None or match["agency"]):
        agency = match["agency"] if match["agency"] not in ("本报", "本网", "本台") else ""
        return Dateline(line, match.end(), agency or "", "", None, None, None, _original(line, match, "credit"))
    return None


def _original(line: junk.Line, match: re.Match, group: str) -> str:
    """A group of a match on the normalised line, as written in the line."""
    if match[group] is None:
        return ""
    start, end = match.span(group)
    return line.text[start:end]


# --- title -----------------------------------------------------------------

# The day that opens a lead: 23日, / 23日上午, / 近日, / 当地时间6日,
_DAY_PREFIX = re.compile(
    r"^\s*(?:当地时间)?(?:(?:\d{1,2}月)?\d{1,2}日|日前|近日|近期|今天|今日|昨天|昨日|前天"
    r"|本周[一二三四五六日]?|上周[一二三四五六日]?|周[一二三四五六日])"
    r"(?:上午|下午|晚间|晚上|晚|早上|早间|中午|凌晨|傍晚|夜间|白天)?\s*,\s*"
)


_SENTENCE_END = re.compile(r"[。!?]")
# 记者22日从国家发展改革委获悉, — who told the reporter, not what happened.
_HEARD_FROM = re.compile(r"^\s*记者(?:\d{1,2}日)?(?:从|在|自)[^,。]{1,40}?(?:获悉|了解到|得知|获知)\s*,\s*")


def _lead_title(line: junk.Line, start: int) -> str:
    """A title from a lead: its first sentence, cut at a clause boundary."""
    norm = line.norm
    for prefix in (_DAY_PREFIX, _HEARD_FROM):
        match = prefix.match(norm[start:])
        if match:
            start += match.end()
    end_match = _SENTENCE_END.search(norm, start)
    end = end_match.start() if end_match else len(norm)
    if end - start > TITLE_MAX:
        cut = start
        for clause in re.finditer(r"[,;:]", norm[start:end]):
            if clause.start() > TITLE_MAX:
                break
            cut = start + clause.start()
        end = cut if cut > start else min(end, start + TITLE_MAX * 2)
    return line.text[start:end].strip(" ,;:")


def _read_title(meta: ArticleMetadata, lines: list[junk.Line], dateline: Dateline | None, text: str):
    """The headline line when the page has one (kb.ingest.headline), else a
    title generated from the lead's first sentence (title_generated)."""
    caption_starts = {s for s, _, _ in captions.caption_lines(text)}
    first_body, _ = junk.body_bounds(lines)
    chosen = headline.choose(lines, first_body, caption_starts)
    if chosen is not None and (dateline is None or chosen.index < dateline.line.index):
        meta.title = page_chrome.strip_site_suffix(chosen.text)[0].strip()
    else:
        for line in lines:
            if line.junk or line.blank or line.start + len(line.text) - len(line.text.lstrip()) in caption_starts:
                continue
            if dateline and dateline.line is line:
                meta.title = _lead_title(line, dateline.end)
            elif line.index >= first_body or _looks_like_lead(line):
                meta.title = _lead_title(line, 0)
            if meta.title:
                meta.title_generated = True
                meta.notes.append("title generated from the lead: the page has no title line")
                break
    meta.title_simplified = to_simplified(meta.title)


def _looks_like_lead(line: junk.Line) -> bool:
    """A short first paragraph (4月18日,吉林省长春市双阳区考察组来贾。)."""
    return bool(re.search(r"[。,]", line.norm)) and len(re.findall(r"[\u4e00-\u9fff]", line.norm)) >= 10


# --- outlet ----------------------------------------------------------------

_DOMAINS = {
    "news.cn": "新华网", "xinhuanet.com": "新华网", "chinanews.com": "中新网", "chinanews.com.cn": "中新网",
    "people.com.cn": "人民网", "thepaper.cn": "澎湃新闻", "eastday.com": "东方网", "sina.com.cn": "新浪网",
    "163.com": "网易", "sohu.com": "搜狐网", "qq.com": "腾讯网", "ifeng.com": "凤凰网", "gmw.cn": "光明网",
    "cctv.com": "央视网", "cnr.cn": "央广网", "china.com.cn": "中国网", "chinadaily.com.cn": "中国日报网",
    "huanqiu.com": "环球网", "jiemian.com": "界面新闻", "yicai.com": "第一财经", "ce.cn": "中国经济网",
}
_COPYRIGHT = [
    re.compile(r"本文(?:由|系|来自|转自|转载自)\s*(?P<x>[^\s,。;:]{2,20}?)\s*(?:发布|原创|整理|授权|提供)"),
    re.compile(r"版权归\s*(?P<x>[^\s,。;:]{2,20}?)\s*所有"),
    re.compile(r"(?P<x>[^\s,。;:©]{2,20}?)\s*版权所有"),
]


# Values a 来源 field holds that name no outlet.
_NO_OUTLET = {"不详", "未知", "佚名", "网络", "互联网", "本站", "本网", "原创", "综合", "admin", "管理员"}


def _outlet_name(value: str) -> str:
    """The outlet a 来源 value or a stamp's word names: 改革网 朱璇 黄纲 is
    改革网 with its reporters, 天山网-新疆日报原创 is 天山网-新疆日报; '' for
    what names no outlet (不详, admin, sp20241101)."""
    value = value.strip()
    tokens = page_chrome.split_names(value)
    if len(tokens) > 1 and all(page_chrome.looks_like_name(t) for t in tokens[1:]):
        value = tokens[0]
    value = re.sub(r"(?:原创|转载|整理)$", "", value)
    known = page_chrome.canonical_outlet(value)
    if known:
        return known
    if value in _NO_OUTLET or len(re.findall(r"[\u4e00-\u9fff]", value)) < 2 or len(value) > 24:
        return ""
    return value


def _read_outlet(meta, lines: list[junk.Line], dateline: Dateline | None, file_name: str) -> None:
    """The first of: 来源 line, outlet-and-date line, title suffix, dateline,
    breadcrumb, copyright line, outlet name alone, a URL file name."""
    def found(name: str, how: str) -> bool:
        name = _outlet_name(name)
        if not name or name in page_chrome.NOT_OUTLETS:
            return False
        meta.outlet = name
        meta.notes.append(f"outlet from {how}")
        return True

    for line in lines:  # 1. 来源:X
        if line.junk:
            for fld in line.fields:
                if fld.label in SOURCE_LABELS and fld.value and found(fld.value, "来源 line"):
                    return
    for line in lines:  # 2. X 2024-05-07 16:43:38, 2024-07-30 来源 湖南日报
        if line.kind == junk.METADATA_LINE and line.dates and line.residue:
            words = [w for w in line.residue if not junk.STAMP_WORDS.fullmatch(w)]
            after_label = [b for a, b in zip(line.residue, line.residue[1:], strict=False)
                           if a in SOURCE_LABELS]
            if any(found(w, "outlet and date line") for w in after_label + words[:1]):
                return
    first = next((ln for ln in lines if not ln.blank and ln.kind in ("", junk.DUPLICATE_TITLE)), None)
    if first is not None:  # 3. TITLE-新华网
        site = page_chrome.strip_site_suffix(first.text)[1]
        if site and found(site, "title suffix"):
            return
    if dateline and dateline.agency and found(dateline.agency, "dateline"):  # 4.
        return
    for line in lines:  # 5. 新华网 > 时政 > 正文
        if line.crumbs and page_chrome.looks_like_outlet(line.crumbs[0]) and found(line.crumbs[0], "breadcrumb"):
            return
    for line in lines:  # 6. 本文由一点团建发布
        if line.kind == junk.SITE_CHROME:
            for pattern in _COPYRIGHT:
                match = pattern.search(line.norm)
                if match and found(match["x"], "copyright line"):
                    return
    for line in reversed(lines):  # 7. an outlet's name alone at the end
        if line.outlet and found(line.outlet, "outlet name line"):
            return
    host = file_name.lower()
    for domain, name in _DOMAINS.items():  # 8. the file name, when it is a URL
        if re.search(rf"(?:^|[./_-]){re.escape(domain)}(?:$|[./_-])", host) and found(name, "file name"):
            return


# --- publication date ------------------------------------------------------

# A year in an event name (2025长三角…) or a year written with 年.  A target
# (到2035年), a range's end or a span (2020年以来, 2025年底前) says little
# about when the text was written.
# A year after 自/从/早在 (自2015年实现…以来) looks back from the article.
_EVENT_YEAR = re.compile(r"(?<![\d.\-/~到至—])(?<![自从])(?<!早在)(?P<y>20\d{2})(?=[\u4e00-\u9fff])(?!年)")
_NIAN_YEAR = re.compile(r"(?<![\d.\-/~到至—])(?<![自从])(?<!早在)(?P<y>20\d{2})年(?![以前后底末内间度])")


def _infer_year(lead: str, text: str) -> re.Match | None:
    """The year an article was written in, from the years it writes: an
    event name in the lead, a 20xx年 in the lead, then the first anywhere."""
    for pattern in (_EVENT_YEAR, _NIAN_YEAR):
        match = pattern.search(lead)
        if match:
            return match
    found = [m for m in (_EVENT_YEAR.search(text), _NIAN_YEAR.search(text)) if m]
    return min(found, key=lambda m: m.start()) if found else None


def _set_date(meta: ArticleMetadata, date: page_chrome.DateMatch, how: str) -> bool:
    try:
        day = dt.date(date.year, date.month or 1, date.day or 1)
    except ValueError:
        return False
    meta.published = day
    meta.precision = dates.DAY if date.day else dates.MONTH if date.month else dates.YEAR
    if date.day and date.has_time:
        meta.published_time = dt.time(date.hour, date.minute or 0, date.second or 0)
    meta.notes.append(f"date from {how}")
    return True


# A date under an English label above the article (date 2025-12-03, Posted: …),
# as portals that syndicate Chinese news write it.
_LATIN_DATE_LABEL = re.compile(r"\s*(?:date|posted(?: on)?|published(?: on)?|updated)\s*:?\s*\d{4}[-/.]\d",
                               re.IGNORECASE)


# A calendar block above the article: the day on one line and the year and
# month on the next (05 / 2019-12), or the other way round.
_WIDGET_DAY = re.compile(r"\s*(0?[1-9]|[12]\d|3[01])\s*")
_WIDGET_MONTH = re.compile(r"\s*((?:19|20)\d{2})\s*[-/.]\s*(0?[1-9]|1[0-2])\s*")


def _calendar_widget(lines: list[junk.Line], first_body: int) -> page_chrome.DateMatch | None:
    header = [line for line in lines if line.index < first_body and line.norm.strip()]
    for a, b in zip(header, header[1:], strict=False):
        for day_line, month_line in ((a, b), (b, a)):
            day = _WIDGET_DAY.fullmatch(day_line.norm)
            month = _WIDGET_MONTH.fullmatch(month_line.norm)
            if day and month:
                return page_chrome.DateMatch(int(month[1]), int(month[2]), int(day[1]))
    return None


def _read_date(meta, lines: list[junk.Line], dateline: Dateline | None, text: str) -> None:
    first_body, _ = junk.body_bounds(lines)
    for line in lines:  # a metadata line, or a date with a time above the article
        label = _LATIN_DATE_LABEL.match(line.norm)
        if label:  # the line may go on with a caption or the lead
            found = list(page_chrome.find_dates(line.norm[:label.end() + 24]))
            if found and _set_date(meta, found[0][2], "the date line"):
                return
        dated_line = line.kind in (junk.METADATA_LINE, junk.SIGNOFF)
        if line.dates and (dated_line or (line.index < first_body and line.dates[0].has_time)):
            if _set_date(meta, line.dates[0], "the date line"):
                return
    widget = _calendar_widget(lines, first_body)
    if widget is not None and _set_date(meta, widget, "the calendar block"):
        return
    if not dateline or dateline.month is None:
        return
    written = f"{dateline.month}月{dateline.day}日"
    year, how = dateline.year, "the dateline"
    if year is None:
        lead = dateline.line.norm[dateline.end:]
        match = _infer_year(lead, text.translate(page_chrome.FOLD))
        if match is None:
            meta.notes.append(f"dateline gives {written} without a year and no year is written: date unknown")
            return
        year = int(match["y"])
        how = "the dateline"
        meta.notes.append(f"year {year} inferred from “{match.group()}” in the text; the dateline gives {written}")
    _set_date(meta, page_chrome.DateMatch(year, dateline.month, dateline.day), how)


# --- the step --------------------------------------------------------------


def read_metadata(text: str, *, file_name: str = "") -> ArticleMetadata:
    meta = ArticleMetadata()
    lines = junk.analyse(text)
    kept = [line for line in lines if not line.junk and not line.blank]
    # Chrome (hotlines, a summary, 正文内容, the title again) may stand above it.
    dateline = next((d for d in map(find_dateline, kept[:10]) if d), None)
    if dateline and dateline.place:
        meta.dateline_place = dateline.place
    _read_title(meta, lines, dateline, text)
    _read_outlet(meta, lines, dateline, file_name)
    _read_date(meta, lines, dateline, text)
    meta.credits = read_credits(lines, dateline.credit if dateline else "", text)
    return meta
