"""Date mentions in Simplified Chinese news text, resolved against the
article's publication date.

    find_dates(text, published=date(2025, 6, 8), published_precision=DAY)

finds absolute dates (2025年6月7日, 2025-06-07, 二〇二五年六月七日, 2023年6月,
2011年), month-days and bare months resolved against the publication date
(6月7日, 12月), ranges (4月15日至20日, 4月15-20日, 2024年1—3月, 2021—2025年),
enumerations (4月9日、18日、26日 → one mention per date), relative words
(今天, 昨天, 本月, 去年, 今年3月, 日前) and the bare day that opens a news
lead (`23日，…`).  A time of day (下午, 上午9时, 14:30) stays inside the span
but out of the date: DateMention.time_of_day.

Nothing is invented.  When the text and the publication date together do not
fix the year (or the day), the mention keeps its text with precision UNKNOWN
and no date; impossible dates (2月30日, 13月5日) give no mention at all.

Event-relative words (当天, 当日, 同日) mean "the day of the event just
reported", which only the caller knows: they come back with form 'relative',
precision UNKNOWN and start_date None, and the caller resolves them against
that event's own date.  Vague words (日前, 近日, 近期, 不久前, 此前) come back
the same way, because the day they stand for is unknown.

A month-day without a year (6月7日, 12月) takes the year -- the publication
year, the one before or the one after -- that puts it nearest the publication
date: 12月23日 in an article of 2025-01-05 is 2024-12-23, 1月1日 in one of
2024-12-20 is 2025-01-01, and 6月20日 in one of 2025-06-08 stays 2025, because
news announce coming events (将于6月20日举办, 预计12月建成, 1月1日起施行).
A publication date known only to the month counts as its 15th; known only
to the year, it fixes no month-day.

How it works: one compiled regex finds the date tokens in a single pass (a
number with its unit 年/月/日, a range dash, a relative word, a 2025-06-07
style date); a small parser then joins tokens that touch into expressions.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from kb.dates import DAY, MONTH, PRECISIONS, UNKNOWN, YEAR
from kb.ingest.extract.date_resolution import (
    FROM_PUBLISHED,
    FROM_TEXT,
    NOT_RESOLVED,
    UNRESOLVED,
    Context,
    Expr,
    Point,
    date,
    nearest_year,
    possible,
    relative,
    resolve,
    shift_month,
    year_of,
)
from kb.ingest.extract.date_tokens import (
    ENUM_SEP,
    LEAD_BEFORE,
    MAX_YEAR,
    MIN_YEAR,
    TIME,
    Tok,
    in_range,
    tokens,
)

# Forms of a mention.
ABSOLUTE = "absolute"  # the text gives the year: 2025年6月7日, 2023年6月
MONTH_DAY = "month_day"  # no year in the text: 6月7日, and the lead's bare 23日
RANGE = "range"  # 4月15日至20日, 2024年1—3月, 2021—2025年
ENUMERATION_ITEM = "enumeration_item"  # each date of 4月9日、18日、26日
RELATIVE = "relative"  # 今天, 去年, 今年3月, 日前, 当天
YEAR_FORM = "year"  # 2011年, 2035年
MONTH_FORM = "month"  # 12月, 四月 (no year in the text)

# Where the year (or the day) came from: FROM_TEXT, FROM_PUBLISHED,
# FROM_NAME, UNRESOLVED (date_resolution).


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int  # span of the whole expression, time of day included
    end: int
    text: str
    start_date: dt.date | None  # first day of the period (see kb.dates)
    end_date: dt.date | None  # ranges only
    precision: str  # DAY | MONTH | YEAR | UNKNOWN
    form: str
    time_of_day: str = ""
    resolved_from: str = UNRESOLVED


# ---------------------------------------------------------------- the parser


_ORDER = {"y": 0, "m": 1, "d": 2}
_LEVEL = {"y": YEAR, "m": MONTH, "d": DAY}
_LIMITS = {"y": (MIN_YEAR, MAX_YEAR), "m": (1, 12), "d": (1, 31)}


def _take(toks: list[Tok], j: int, at: int, kinds: tuple[str, ...]) -> Tok | None:
    """toks[j] when it starts exactly at `at` (touches the expression) and is of one of kinds."""
    if j < len(toks) and toks[j].start == at and toks[j].kind in kinds:
        return toks[j]
    return None


def _point(
    toks: list[Tok], j: int, at: int, day_alone: bool = False
) -> tuple[dict[str, Tok], int, int]:
    """Year? Month? Day? (or a unit-less number before a dash) from toks[j].
    A day needs its month, except where day_alone allows a lone day (the
    end of a range, an enumeration item)."""
    parts: dict[str, Tok] = {}
    for slot, kinds in (("y", ("Y", "relyear")), ("m", ("M",)), ("d", ("D",))):
        if slot == "d" and "m" not in parts and (parts or not day_alone):
            break
        tok = _take(toks, j, at, kinds)
        if tok:
            parts[slot], j, at = tok, j + 1, tok.end
    if "d" not in parts:
        tok = _take(toks, j, at, ("N",))
        if tok:
            parts["n"], j, at = tok, j + 1, tok.end
    return parts, j, at


def _year_part(tok: Tok | None, n_year: int | None = None) -> tuple[int, str] | None:
    if n_year is not None:
        return n_year, "Y"
    if tok is None:
        return None
    return tok.value, ("Y" if tok.kind == "Y" else "relyear")


def _calendar(toks: list[Tok], i: int) -> tuple[Expr | None, int]:
    """The expression starting at toks[i] (a year, a month or a number before a dash)."""
    p1, j, end = _point(toks, i, toks[i].start)
    real = [s for s in ("y", "m", "d") if s in p1]
    if not real and "n" not in p1:
        return None, i + 1
    to = _take(toks, j, end, ("to",))
    if to:
        p2, j2, end2 = _point(toks, j + 1, to.end, day_alone=True)
        real2 = [s for s in ("y", "m", "d") if s in p2]
        n_slot = None
        ok = bool(real2) and "n" not in p2
        if ok and "n" in p1:
            # 1—3月, 2024年1—3月, 4月15-20日, 2021—2025年: the number takes the
            # unit of the single token after the dash, one below p1's last.
            below = {"": ("y", "m"), "y": ("m",), "m": ("d",)}[real[-1] if real else ""]
            ok = len(real2) == 1 and real2[0] in below
            n_slot = real2[0] if ok else None
        elif ok:
            # 4月15日至20日, 6月28日至7月2日, 2024年1月至3月: same last unit,
            # and the end gives no unit the start lacks.
            ok = real2[-1] == real[-1] and _ORDER[real2[0]] >= _ORDER[real[0]]
        if ok:
            if any(t.value is None for t in (*p1.values(), *p2.values())):
                return None, j2  # 4月15日至32日: impossible, drop it all
            n = p1["n"].value if n_slot else None
            if n_slot and in_range(n, *_LIMITS[n_slot]) is None:
                return None, j2  # 0—3月, 13-20日
            first = Point(
                _year_part(p1.get("y"), n if n_slot == "y" else None),
                n if n_slot == "m" else (p1["m"].value if "m" in p1 else None),
                n if n_slot == "d" else (p1["d"].value if "d" in p1 else None),
            )
            last = Point(
                _year_part(p2.get("y")),
                p2["m"].value if "m" in p2 else None,
                p2["d"].value if "d" in p2 else None,
            )
            level = _LEVEL[real2[-1]]
            return Expr(toks[i].start, end2, first, last, level), j2
    if "n" in p1:  # no range after all: the bare number is not part of it
        del p1["n"]
        j -= 1
        end = toks[j - 1].end if j > i else toks[i].start
        if not real:
            return None, i + 1
    if any(t.value is None for t in p1.values()):
        return None, j  # 13月5日, 6月32日: impossible, drop it all
    first = Point(
        _year_part(p1.get("y")),
        p1["m"].value if "m" in p1 else None,
        p1["d"].value if "d" in p1 else None,
    )
    return Expr(toks[i].start, end, first, None, _LEVEL[real[-1]]), j


# ---------------------------------------------------------------- the entry point


def find_dates(
    text: str, *, published: dt.date | None, published_precision: str, year: int | None = None
) -> list[DateMention]:
    """Every date mention of `text` (Simplified Chinese), in text order.
    `year`: the year of what the text reports, when its own name gives one
    (month-days the publication date does not place fall in it)."""
    if published_precision not in PRECISIONS:
        raise ValueError(f"unknown precision {published_precision!r}")
    if published is None or not MIN_YEAR <= published.year <= MAX_YEAR:
        published = None  # a nonsense publication year resolves nothing
    ctx = Context(published, published_precision if published else UNKNOWN, year)
    toks = tokens(text)
    out: list[DateMention] = []
    i = 0
    while i < len(toks):
        i = _parse_at(text, toks, i, ctx, out)
    return out


def _add(
    out: list[DateMention],
    text: str,
    start: int,
    end: int,
    dates: tuple,
    form: str,
    clock: str = "",
) -> None:
    start_date, end_date, precision, source = dates
    out.append(
        DateMention(
            start, end, text[start:end], start_date, end_date, precision, form, clock, source
        )
    )


def _time_after(text: str, pos: int) -> tuple[int, str]:
    """(end, time) of a time of day starting at pos: 下午, 上午9时, 14:30."""
    m = TIME.match(text, pos)
    return (m.end(), m.group(1)) if m else (pos, "")


def _parse_at(text: str, toks: list[Tok], i: int, ctx: Context, out: list[DateMention]) -> int:
    """Read the expression at toks[i] into `out`; return the next token index."""
    tok = toks[i]
    if out and tok.start < out[-1].end:
        return i + 1  # inside the time of day of the mention before
    if tok.kind in ("Y", "relyear", "M", "N"):
        expr, j = _calendar(toks, i)
        if expr is not None:
            j = _emit(text, toks, j, expr, ctx, out)
        return max(j, i + 1)
    if tok.kind == "iso" and tok.value is not None:
        end, clock = _time_after(text, tok.end)
        _add(out, text, tok.start, end, (tok.value, None, DAY, FROM_TEXT), ABSOLUTE, clock)
    elif tok.kind in ("relday", "event"):
        end, clock = _time_after(text, tok.end)
        _add(out, text, tok.start, end, relative(tok, ctx), RELATIVE, clock)
    elif tok.kind == "relmonth" and i + 1 < len(toks) and toks[i + 1].kind == "D" \
            and toks[i + 1].start == tok.end:
        # 上月20日: the day of the month before the publication's.
        day = toks[i + 1]
        month, _, precision, source = relative(tok, ctx)
        end, clock = _time_after(text, day.end)
        if month is not None and precision == MONTH and isinstance(day.value, int):
            try:
                _add(out, text, tok.start, end, (month.replace(day=day.value), None, DAY, source),
                     RELATIVE, clock)
            except ValueError:
                pass  # 上月31日 in a 30-day month: impossible, no mention
        return i + 2
    elif tok.kind in ("relmonth", "vague"):
        _add(out, text, tok.start, tok.end, relative(tok, ctx), RELATIVE)
    elif tok.kind == "D":
        _lead_day(text, tok, ctx, out)
    return i + 1


def _form(expr: Expr) -> str:
    if expr.last is not None:
        return RANGE
    if expr.first.year is not None:
        if expr.first.year[1] == "relyear":
            return RELATIVE
        return ABSOLUTE if expr.first.month is not None else YEAR_FORM
    return MONTH_DAY if expr.first.day is not None else MONTH_FORM


def _emit(
    text: str, toks: list[Tok], j: int, expr: Expr, ctx: Context, out: list[DateMention]
) -> int:
    """Resolve one expression (and the enumeration it may open) into `out`."""
    end, clock = _time_after(text, expr.end) if expr.level == DAY else (expr.end, "")
    if expr.level == DAY and expr.last is None:
        items, j = _enumeration(text, toks, j, end)
        if items:
            _emit_enumeration(text, expr, end, clock, items, ctx, out)
            return j
    resolved = resolve(expr, ctx)
    if resolved is not None:
        _add(out, text, expr.start, end, resolved, _form(expr), clock)
    return j


def _enumeration(text: str, toks: list[Tok], j: int, pos: int) -> tuple[list, int]:
    """The items after a day (、18日、26日 / 和5月6日): [(parts, start, end, clock)]."""
    items = []
    while True:
        sep = ENUM_SEP.match(text, pos)
        if not sep or j >= len(toks) or toks[j].start != sep.end():
            break
        parts, j2, at = _point(toks, j, sep.end(), day_alone=True)
        if "d" not in parts or "n" in parts or _take(toks, j2, at, ("to",)):
            break  # not a day, or the start of a range: leave it to the main loop
        end, clock = _time_after(text, at)
        items.append((parts, toks[j].start, end, clock))
        j, pos = j2, end
    return items, j


def _emit_enumeration(text, expr, end, clock, items, ctx, out) -> None:
    """4月9日、18日、26日: one mention per day; each item carries the month
    (and the year) of the item before it."""
    resolved = resolve(expr, ctx)
    if resolved is not None:
        _add(out, text, expr.start, end, resolved, ENUMERATION_ITEM, clock)
    year, source = (resolved[0].year, resolved[3]) if resolved and resolved[0] else (None, "")
    month = expr.first.month
    for parts, start, stop, item_clock in items:
        point = Point(
            _year_part(parts.get("y")),
            parts["m"].value if "m" in parts else month,
            parts["d"].value,
        )
        if any(t.value is None for t in parts.values()) or not possible(point):
            continue  # an impossible item: drop it, keep the others
        if point.year is not None:
            year, source = year_of(point, ctx)
        elif year is not None and point.month < month:
            year += 1  # 12月28日、1月3日
        month = point.month
        if year is None:
            _add(out, text, start, stop, NOT_RESOLVED, ENUMERATION_ITEM, item_clock)
            continue
        day = date(year, point, DAY)
        if day is not None:  # else 2025年2月28日、29日: that year has no such day
            _add(out, text, start, stop, (day, None, DAY, source), ENUMERATION_ITEM, item_clock)


def _lead_day(text: str, tok: Tok, ctx: Context, out: list[DateMention]) -> None:
    """A bare day that dates what is told: 23日，… opening a sentence, or a
    day right after a name and before its verb (深港合作会议6日在深圳举行,
    论坛于23日举行).  Its month is the narrative's (the last month written
    earlier in the paragraph), else the publication's (the month before when
    the day is after the publication day).  Elsewhere (18日的第二场, 30日前)
    a bare day is left alone."""
    if not tok.text[:-1].isdigit() or tok.text[-1] != "日":
        return
    month_lost = None
    if tok.value is None:
        # 1130日, 221日: a page that lost the 月 (11月30日, 2月21日); read so
        # only where one split gives a real month and day, and only in the
        # places a lead's day stands (checked below).
        month_lost = _lost_month(tok.text[:-1])
        if month_lost is None:
            return
    before = tok.start - 1
    while before >= 0 and text[before] in " \t\u3000":
        before -= 1
    day = tok.value if month_lost is None else month_lost[1]
    # 18日-19日, 18日至19日: a range of bare days.
    last_day = None
    range_end = _DAY_RANGE.match(text, tok.end)
    if range_end and int(range_end.group(1)) > day:
        last_day = int(range_end.group(1))
    end, clock = _time_after(text, range_end.end() if last_day else tok.end)
    lead = before < 0 or text[before] in LEAD_BEFORE
    if lead and not clock and (end >= len(text) or text[end] not in ",，"):
        lead = False  # 18日的第二场 is no lead; 「…论坛」3日在… is a name's day
    if not lead and not (before >= 0 and _PREDICATE.match(text, end) and (
            text[before] in "于”\"" or _NAME_CHAR.match(text[before]))):
        return
    dates = NOT_RESOLVED
    if month_lost is not None:
        _month_day_lost(text, tok, end, clock, month_lost, ctx, out)
        return
    month = _narrative_month(text, tok.start, out) if not lead or ctx.published is None else None
    if month is None and ctx.published is not None and ctx.precision == DAY:
        pub = ctx.published
        month = pub.replace(day=1) if day <= pub.day else shift_month(pub, -1)
        source = FROM_PUBLISHED
    else:
        source = FROM_TEXT
    if month is not None:
        start = date(month.year, Point(None, month.month, day), DAY)
        stop = date(month.year, Point(None, month.month, last_day), DAY) if last_day else None
        if start is not None and (last_day is None or stop is not None):
            # (else 31日 in an article of 5 May: April has no 31st)
            dates = (start, stop, DAY, source)
    _add(out, text, tok.start, end, dates, RANGE if last_day else MONTH_DAY, clock)


def _lost_month(digits: str) -> tuple[int, int] | None:
    """(month, day) of a month and day written without 月 (1130 -> 11, 30),
    when exactly one split of the digits gives a real one."""
    if len(digits) not in (3, 4) or digits.startswith("0"):
        return None
    splits = {(int(digits[:k]), int(digits[k:])) for k in (1, 2) if digits[k] != "0" or k == len(digits) - 1}
    real = [(m, d) for m, d in splits if 1 <= m <= 12 and 1 <= d <= 31 and len(str(d)) == len(digits) - len(str(m))]
    return real[0] if len(real) == 1 else None


def _month_day_lost(text, tok: Tok, end: int, clock: str, month_day, ctx: Context,
                    out: list[DateMention]) -> None:
    month, day = month_day
    start = None
    if ctx.published is not None and ctx.precision in (DAY, MONTH):
        year = nearest_year(month, day, ctx)
        start = date(year, Point(None, month, day), DAY) if year is not None else None
    dates = (start, None, DAY, FROM_PUBLISHED) if start is not None else NOT_RESOLVED
    _add(out, text, tok.start, end, dates, MONTH_DAY, clock)


_DAY_RANGE = re.compile(r"\s*[-－—~至到]\s*(\d{1,2})日")
# After a bare day that dates an event: where or how it happened.
_PREDICATE = re.compile(r"(?:上午|下午|晚上|晚|在|于|起在|举行|召开|开幕|举办|启动|开班|结业|闭幕|揭牌|签署|"
                        r"成立|登场|落幕|至\d)")
_NAME_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z0-9”」)）]")


def _narrative_month(text: str, pos: int, out: list[DateMention]) -> dt.date | None:
    """The month of the last dated mention earlier in the paragraph."""
    paragraph = text.rfind("\n", 0, pos)
    for mention in reversed(out):
        if mention.start <= paragraph:
            break
        if mention.start_date is not None and mention.precision in (DAY, MONTH) and "月" in mention.text:
            return mention.start_date.replace(day=1)
    return None


def in_year(mention: DateMention, year: int) -> DateMention | None:
    """A month-day mention that nothing placed, placed in `year` (taken from
    the name of the event it dates); None when it still says no day or month."""
    found = find_dates(mention.text, published=None, published_precision=UNKNOWN, year=year)
    if not found or found[0].start_date is None:
        return None
    first = found[0]
    return DateMention(mention.start + first.start, mention.start + first.end, first.text,
                       first.start_date, first.end_date, first.precision, first.form,
                       first.time_of_day, first.resolved_from)
