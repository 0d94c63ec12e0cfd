"""Template tags of the public site: the Simplified/Traditional display
switch, dates at their precision, query strings, and the month chart."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kb import dates
from kb.chinese import to_traditional
from kb.selectors.public import record_url as _record_url

register = template.Library()

SCRIPT_COOKIE = "script"


def wants_traditional(context) -> bool:
    request = context.get("request")
    return request is not None and request.COOKIES.get(SCRIPT_COOKIE) == "traditional"


@register.simple_tag(takes_context=True)
def zh(context, value):
    """Content text in the script the visitor chose (cookie `script`): the
    stored text is Simplified; Traditional is converted for display only.
    Autoescaped like any simple_tag output.  `{% zh value as name %}` works."""
    if value is None:
        return ""
    text = str(value)
    if text and wants_traditional(context):
        return to_traditional(text)
    return text


@register.simple_tag(takes_context=True)
def html_lang(context) -> str:
    language = get_language() or "zh-hans"
    if language.startswith("zh"):
        return "zh-Hant" if wants_traditional(context) else "zh-Hans"
    return language


# Dates ------------------------------------------------------------------------------

EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
EN_MONTHS_LONG = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)


def english() -> bool:
    return (get_language() or "").startswith("en")


def format_period(start: dt.date | None, end: dt.date | None, precision: str) -> str:
    """A date or date range as precise as known: 2025年6月7日, 2023年6月,
    2024年, 2025年4月15日至20日 (English: 7 Jun 2025, Jun 2023, 2024,
    15–20 Apr 2025)."""
    if start is None or precision == dates.UNKNOWN:
        return _("日期不详")
    if end is not None and end <= start:
        end = None
    if english():
        return _format_en(start, end, precision)
    return _format_zh(start, end, precision)


def _format_zh(start, end, precision):
    if precision == dates.YEAR:
        first = f"{start.year}年"
        return f"{first}至{end.year}年" if end and end.year != start.year else first
    if precision == dates.MONTH:
        first = f"{start.year}年{start.month}月"
        if not end or (end.year, end.month) == (start.year, start.month):
            return first
        return f"{first}至{end.month}月" if end.year == start.year else f"{first}至{end.year}年{end.month}月"
    first = f"{start.year}年{start.month}月{start.day}日"
    if not end:
        return first
    if end.year != start.year:
        return f"{first}至{end.year}年{end.month}月{end.day}日"
    if end.month != start.month:
        return f"{first}至{end.month}月{end.day}日"
    return f"{first}至{end.day}日"


def _format_en(start, end, precision):
    if precision == dates.YEAR:
        return f"{start.year}–{end.year}" if end and end.year != start.year else str(start.year)
    if precision == dates.MONTH:
        first = f"{EN_MONTHS[start.month - 1]} {start.year}"
        if not end or (end.year, end.month) == (start.year, start.month):
            return first
        if end.year == start.year:
            return f"{EN_MONTHS[start.month - 1]}–{EN_MONTHS[end.month - 1]} {start.year}"
        return f"{first} – {EN_MONTHS[end.month - 1]} {end.year}"
    first = f"{start.day} {EN_MONTHS[start.month - 1]} {start.year}"
    if not end:
        return first
    if end.year != start.year:
        return f"{first} – {end.day} {EN_MONTHS[end.month - 1]} {end.year}"
    if end.month != start.month:
        return f"{start.day} {EN_MONTHS[start.month - 1]} – {end.day} {EN_MONTHS[end.month - 1]} {start.year}"
    return f"{start.day}–{end.day} {EN_MONTHS[start.month - 1]} {start.year}"


@register.simple_tag
def event_date(event) -> str:
    return format_period(event.start_date, event.end_date, event.date_precision)


@register.simple_tag
def date_at(value, precision) -> str:
    return format_period(value, None, precision)


@register.simple_tag
def iso_at(value, precision) -> str:
    """The machine-readable date for <time datetime=…>."""
    return dates.iso_at_precision(value, precision)


@register.simple_tag
def month_heading(year, month) -> str:
    if year is None:
        return _("日期不详")
    if month is None:
        return _("%(year)s年（月份不详）") % {"year": year}
    if english():
        return f"{EN_MONTHS_LONG[month - 1]} {year}"
    return f"{year}年{month}月"


@register.simple_tag
def year_heading(year) -> str:
    if year is None:
        return _("日期不详")
    return str(year) if english() else f"{year}年"


# Query strings --------------------------------------------------------------------------


@register.simple_tag(takes_context=True)
def query(context, **changes) -> str:
    """The current query string with some parameters set (None or "" removes
    one); `page` is dropped unless set.  Returns "?…" (or "?" for none)."""
    params = context["request"].GET.copy()
    params.pop("page", None)
    for name, value in changes.items():
        params.pop(name, None)
        if value not in (None, ""):
            params[name] = str(value)
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag(takes_context=True)
def query_without(context, name, value=None) -> str:
    """The current query string without parameter `name` (or without one of
    its values), and without `page`."""
    params = context["request"].GET.copy()
    params.pop("page", None)
    if value is None:
        params.pop(name, None)
    else:
        params.setlist(name, [v for v in params.getlist(name) if v != str(value)])
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


# Records ----------------------------------------------------------------------------------


@register.filter
def record_url(record) -> str:
    return _record_url(record)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


# The chart ----------------------------------------------------------------------------------

CHART_WIDTH = 720
CHART_HEIGHT = 160
CHART_LEFT = 28
CHART_BOTTOM = 22
CHART_TOP = 8


def month_name(day: dt.date) -> str:
    if english():
        return f"{EN_MONTHS[day.month - 1]} {day.year}"
    return f"{day.year}年{day.month}月"


@register.inclusion_tag("public/_chart.html")
def month_chart(chart):
    """Bars of events per month, as plain SVG (no script): geometry here,
    markup in the template."""
    months = chart.months
    plot_width = CHART_WIDTH - CHART_LEFT - 4
    plot_height = CHART_HEIGHT - CHART_BOTTOM - CHART_TOP
    step = plot_width / max(len(months), 1)
    gap = min(2.0, step * 0.2)
    maximum = max(chart.maximum, 1)
    bars, ticks = [], []
    # A few months far apart would otherwise give slabs, not bars.
    width = min(max(step - gap, 0.5), 28.0)
    for index, item in enumerate(months):
        height = round(plot_height * item.count / maximum, 1)
        x = round(CHART_LEFT + index * step + (step - width) / 2, 1)
        bars.append(
            {
                "x": x,
                "y": round(CHART_TOP + plot_height - height, 1),
                "width": round(width, 1),
                "height": height,
                "label": month_name(item.month),
                "count": item.count,
            }
        )
        # A year label under each January (and under the first month), as
        # long as the labels do not run into each other.
        if item.month.month == 1 or index == 0:
            if not ticks or x - ticks[-1]["x"] > 34:
                ticks.append({"x": x, "label": str(item.month.year)})
    busiest = max(months, key=lambda m: m.count) if months else None
    if months:
        description = _(
            "%(first)s至%(last)s每月开始的活动数，共 %(total)s 个；最多的月份是%(busiest)s（%(count)s 个）。"
        ) % {
            "first": month_name(months[0].month),
            "last": month_name(months[-1].month),
            "total": chart.total,
            "busiest": month_name(busiest.month),
            "count": busiest.count,
        }
    else:
        description = _("没有日期精确到月份的活动。")
    return {
        "chart": chart,
        "bars": bars,
        "ticks": ticks,
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "baseline": CHART_HEIGHT - CHART_BOTTOM,
        "left": CHART_LEFT,
        "top": CHART_TOP,
        "right": CHART_WIDTH - 4,
        "maximum": chart.maximum,
        "description": description,
        "label_y": CHART_HEIGHT - 6,
    }


@register.filter
def get_list(querydict, key):
    """All values of a repeated query parameter."""
    return querydict.getlist(key) if hasattr(querydict, "getlist") else []
