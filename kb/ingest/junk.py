"""Junk lines: SEO spam, site chrome, breadcrumbs, metadata lines, editorial
sign-offs and a repeated title.

`find_junk(text)` removes whole lines only (kind "junk_line", detail = the
rule).  A line goes only when *all* of it is accounted for by a rule: a line
is cut into the pieces the rules know (dates, `角色:名字` fields, chrome
words) and it is junk when nothing else is left.  A real sentence always
leaves something, so it stays; when in doubt a line stays.

Rules that could hit a real line in the middle of an article (a date alone,
an outlet name alone, a `简介:` blurb, a repeated title) only apply in the
header (before the first body paragraph) or the footer (after the last).

`analyse(text)` gives the per-line reading (dates, fields, outlet names) that
kb.ingest.metadata uses, so both steps read a line the same way.  Lines are
matched on a Simplified copy with full-width ASCII folded to half width, so
keywords are written once; the copy has the line's length, so offsets agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kb.ingest.edits import Edit
from kb.ingest.page_chrome import (
    BLURB,
    CHROME,
    CHROME_REST,
    EMPTY_HTML_LINE,
    FOOTER_MARKS,
    ORIGINAL_TITLE,
    SECTIONS,
    SENTENCE_PUNCT,
    SEPARATORS,
    SYMBOLS_ONLY,
    DateMatch,
    Field,
    breadcrumb_parts,
    canonical_outlet,
    find_dates,
    find_fields,
    is_section_label,
    is_seo_spam,
    looks_like_outlet,
    normalise,
    strip_site_suffix,
)

KIND = "junk_line"

SEO_SPAM = "seo_spam"
SITE_CHROME = "site_chrome"
SIGNOFF = "signoff"
METADATA_LINE = "metadata_line"
BREADCRUMB = "breadcrumb"
DUPLICATE_TITLE = "duplicate_title"
EMPTY_HTML = "empty_html"

# Lines longer than this are never metadata, chrome or a sign-off.
_MAX_FIELD_LINE = 120


# --- per-line analysis -----------------------------------------------------


@dataclass
class Line:
    index: int
    start: int  # offset of the line in the text
    end: int  # offset of its end (before the \n)
    text: str
    norm: str
    kind: str = ""  # the junk rule that fired, "" for a kept line
    dates: list[DateMatch] = field(default_factory=list)
    fields: list[Field] = field(default_factory=list)
    chrome: bool = False
    residue: list[str] = field(default_factory=list)  # what no rule accounted for
    crumbs: list[str] | None = None
    outlet: str = ""  # set when the line is an outlet's name alone

    @property
    def blank(self) -> bool:
        return not self.norm.strip()

    @property
    def junk(self) -> bool:
        return bool(self.kind)


def _split_lines(text: str) -> list[Line]:
    lines, pos = [], 0
    for i, raw in enumerate(text.split("\n")):
        lines.append(Line(i, pos, pos + len(raw), raw, normalise(raw)))
        pos += len(raw) + 1
    return lines


def _blank_out(norm: str, spans: list[tuple[int, int]]) -> str:
    chars = list(norm)
    for s, e in spans:
        chars[s:e] = " " * (e - s)
    return "".join(chars)


def _read_pieces(line: Line) -> None:
    """Dates, chrome words and fields of a short line, and what is left."""
    norm = line.norm
    if len(norm.strip()) > _MAX_FIELD_LINE:
        line.residue = [norm.strip()]
        return
    spans = []
    for s, e, date in find_dates(norm):
        line.dates.append(date)
        spans.append((s, e))
    rest = _blank_out(norm, spans)
    chrome_rest = CHROME_REST.match(rest) or FOOTER_MARKS.match(rest) or ORIGINAL_TITLE.match(rest)
    if chrome_rest:
        line.chrome = True
        rest = _blank_out(rest, [(chrome_rest.start(), len(rest))])
    spans = []
    for s, e, fld in find_fields(rest, line.text):
        line.fields.append(fld)
        spans.append((s, e))
    rest = _blank_out(rest, spans)
    spans = [m.span() for m in CHROME.finditer(rest) if m.group().strip()]
    if spans:
        line.chrome = True
        rest = _blank_out(rest, spans)
    line.residue = [p for p in SEPARATORS.split(rest) if p]


def _is_body(line: Line) -> bool:
    text = line.norm.strip()
    if line.junk or _stamp_line(line):
        return False
    return (len(text) >= 30 and re.search(r"[。!?]", text) is not None) or (
        len(text) >= 50 and re.search(r"[,;:]", text) is not None
    )


def _outlet_residue(line: Line) -> bool:
    """The residue of a date line is an outlet name or two (覓渡新語, 东方网)."""
    if not line.residue or len(line.residue) > 3:
        return False
    return all(
        canonical_outlet(p)
        or (2 <= len(p) <= 16 and not SENTENCE_PUNCT.search(p) and not re.search(r"\d", p))
        for p in line.residue
    )


def _only_a_date(line: Line) -> bool:
    """A date without a time and without a label other than 时间/日期."""
    return (
        bool(line.dates)
        and not any(d.has_time for d in line.dates)
        and all(f.label in ("时间", "日期") for f in line.fields)
    )


def analyse(text: str) -> list[Line]:
    """Every line of `text`, with its junk rule (or "") and what was read."""
    lines = _split_lines(text)
    # Zone-free rules first: they hold wherever the line is.
    for line in lines:
        if line.blank:
            continue
        if EMPTY_HTML_LINE.match(line.text):
            line.kind = EMPTY_HTML
            continue
        if is_seo_spam(line.norm):
            line.kind = SEO_SPAM
            continue
        line.crumbs = breadcrumb_parts(line.norm)
        if line.crumbs:
            line.kind = BREADCRUMB
            continue
        if SYMBOLS_ONLY.match(line.norm):
            line.kind = SITE_CHROME  # |, ———: page furniture without words
            continue
        _read_pieces(line)
        if line.residue:
            if line.dates and any(d.has_time for d in line.dates) and _outlet_residue(line):
                line.kind = METADATA_LINE  # 覓渡新語 2024-05-07 16:43:38
            continue
        if any(f.editorial for f in line.fields):
            line.kind = SIGNOFF
        elif _only_a_date(line):
            pass  # a bare date may be a heading in the body: zones decide
        elif line.fields or line.dates:
            line.kind = METADATA_LINE
        elif line.chrome:
            line.kind = SITE_CHROME
    # Zone rules look at the lines kept so far; repeat until nothing changes
    # so that running the step again on its own output finds nothing more.
    while _zone_rules(lines):
        pass
    return lines


def body_bounds(lines: list[Line]) -> tuple[int, int]:
    """Indexes of the first and last body paragraph; (len, -1) when none."""
    body = [line.index for line in lines if _is_body(line)]
    return (body[0], body[-1]) if body else (len(lines), -1)


def _zone_rules(lines: list[Line]) -> bool:
    """Mark header and footer junk; True when a line was newly marked."""
    first_body, last_body = body_bounds(lines)
    outlets = _outlets_named(lines)
    before = sum(1 for line in lines if line.junk)
    for line in lines:
        if line.junk or line.blank:
            continue
        header, footer = line.index < first_body, line.index > last_body
        if not (header or footer):
            continue
        stripped = line.norm.strip()
        if line.dates and all(looks_like_outlet(p) or p in outlets or p in SECTIONS for p in line.residue):
            # A date alone, or with an outlet's name, above or below the
            # article (a title that starts with a date leaves other words).
            line.kind = METADATA_LINE
        elif _stamp_line(line):
            line.kind = METADATA_LINE  # 来源 天山网 发布时间 2022-09-21 21:09 阅读
        elif stripped in outlets or canonical_outlet(stripped) and len(stripped) <= 16:
            line.kind = SITE_CHROME  # an outlet's name alone
            line.outlet = stripped
        elif header and len(stripped) <= 12 and looks_like_outlet(stripped):
            line.kind = SITE_CHROME  # 内蒙古日报 alone above the title: the paper's name
            line.outlet = stripped
        elif header and is_section_label(stripped):
            # A section name alone above the title: a saved page's menu
            # (<li>首页</li><li>新闻中心</li>) laid out one item a line.
            line.kind = SITE_CHROME
        elif footer and BLURB.match(stripped) and len(stripped) <= 80:
            line.kind = SITE_CHROME  # 简介:…栏目 profile blurb
    _duplicate_title(lines, first_body)
    return sum(1 for line in lines if line.junk) > before


# Words of a page's publication stamp, labelled or not, with or without a
# colon: 发布时间, 来源, 编辑日期, 点击次数, 浏览(10)人次.
STAMP_WORDS = re.compile(
    r"发布|发表|时间|日期|来源|稿源|出处|更新|编辑|作者|点击|浏览|阅读|录入|[Dd]ate|[\u4e00-\u9fff]{0,4}(?:时间|日期|次数|查询)"
)


def _stamp_line(line: Line) -> bool:
    """A line above or below the article that dates the page: a full date
    with a time or a stamp word, and no sentence in it.  Sites write these
    with words no rule lists (发布开发区:…, 投稿收藏, 字号:【), so a stamp
    need not be accounted for word by word the way a line in the body is."""
    return (
        any(d.day for d in line.dates)
        and len(line.norm.strip()) <= _MAX_FIELD_LINE
        and not re.search(r"[。!?]", line.norm)
        and (any(d.has_time for d in line.dates) or STAMP_WORDS.search(line.norm) is not None)
    )


def _outlets_named(lines: list[Line]) -> set[str]:
    """Outlet names this article gives in its metadata lines (normalised)."""
    names = set()
    for line in lines:
        if line.kind == METADATA_LINE and line.dates:
            names.update(line.residue)
        for fld in line.fields:
            if fld.label in ("来源", "稿源", "稿件来源", "文章来源", "出处") and fld.value:
                names.add(fld.value)
        if line.crumbs and looks_like_outlet(line.crumbs[0]):
            names.add(line.crumbs[0])
    first = next((line for line in lines if not line.junk and not line.blank), None)
    if first is not None:
        site = strip_site_suffix(first.text)[1]
        if site:
            names.add(site)
    return {n for n in names if n}


def _title_key(line: Line) -> str:
    stripped = strip_site_suffix(line.text)[0]
    return re.sub(r"\s+", "", normalise(stripped))


def _duplicate_title(lines: list[Line], first_body: int) -> None:
    """A page title `TITLE-新华网` and the heading `TITLE` below it: keep one.

    The suffixed copy goes when there is a clean one (the site name is kept
    by the metadata reader); of two identical lines the later goes."""
    seen: dict[str, Line] = {}
    for line in lines[:first_body]:
        if line.junk or line.blank:
            continue
        key = _title_key(line)
        if len(key) < 4:
            continue
        earlier = seen.get(key)
        if earlier is None:
            seen[key] = line
            continue
        suffixed = re.sub(r"\s+", "", earlier.norm) != key
        clean_now = re.sub(r"\s+", "", line.norm) == key
        (earlier if suffixed and clean_now else line).kind = DUPLICATE_TITLE
        return


# --- the step --------------------------------------------------------------


def find_junk(text: str) -> list[Edit]:
    """Edits that remove every junk line, its line end included."""
    edits = []
    for line in analyse(text):
        if not line.kind:
            continue
        end = line.end + 1 if line.end < len(text) else line.end
        edits.append(Edit(line.start, end, "", KIND, detail=line.kind))
    return edits
