"""A timeline entry's markup (the timeline, and the organisation, person and
region pages), built here in Python rather than in a template.

A page shows 50 entries and their sub-events, about 90 in all.  As a
template (one include per entry, some twenty variable look-ups each) they
cost about 40 µs an entry, a quarter of the page's server time, more than
its SQL; the same markup from the format strings below costs a tenth of
that.  Every value is escaped on the way in (html.escape, which Django's
escape calls too, without its lazy-text wrapper, whose own cost showed on a
page of entries); the markup around them is constant.

entries_prepare works out what the markup shows, in the active language and
script, once per page (a URL reversed or a plural translated per entry
cost more than the rest of the page); entry_html puts an entry together
when the template asks for it (Entry.html), after the organisation and
person pages have added their roles.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from kb import dates
from kb.models import ReviewStatus

from .models import EventKind

if TYPE_CHECKING:
    from .selectors import Entry

# Between the region or organisation links of an entry.
LINK_SEPARATOR = '<span class="sep">、</span>'

ENTRY = (
    '<li class="entry{child_class}">\n<article>\n'
    '<p class="entry-meta"><time{datetime}>{date}</time>\n'
    '<span class="badge kind-{kind}">{kind_label}</span>{badges}</p>\n'
    '<h3 class="entry-title"><a href="{url}">{title}</a></h3>\n'
    "{lines}"
    '<p class="entry-counts">{counts}</p>\n'
    "{children}"
    "</article>\n</li>\n"
)
BADGE = '\n<span class="badge {css}">{text}</span>'
LINE = '<p class="entry-line"><span class="label">{label}</span> {links}</p>\n'
CHILDREN = '<ol class="entries children" aria-label="{label}">\n{items}</ol>\n'


def url_maker(name: str):
    """pk -> reverse(name, args=[pk]), reversing once: a URL pattern with
    one integer argument, filled in by string formatting."""
    marker = 987654321987
    before, after = reverse(name, args=[marker]).split(str(marker))
    return lambda pk: f"{before}{pk}{after}"


def links_html(links: Iterable[tuple[str, str]]) -> str:
    """(url, text) pairs as links between LINK_SEPARATORs, escaped."""
    return LINK_SEPARATOR.join(f'<a href="{html.escape(url)}">{html.escape(text)}</a>' for url, text in links)


def entries_prepare(entries: Iterable[Entry], *, traditional: bool = False) -> None:
    """Fill in what entry_html shows, in the active language and, with
    `traditional`, with content text in Traditional characters (as the `zh`
    template tag would give it)."""
    from kb.chinese import to_traditional
    from kb.templatetags.kb_public import format_period

    def zh(text: str) -> str:
        return to_traditional(text) if traditional and text else text

    # get_kind_display() translates every choice on each call.
    kind_labels = {value: str(label) for value, label in EventKind.choices}
    labels = {
        "reviewed": gettext("已审核"),
        "place": gettext("地点"),
        "organisers": gettext("主办/牵头"),
        "parent": gettext("所属活动"),
        "see_parent": gettext("查看上级活动"),
        "children": gettext("子活动"),
    }
    counts: dict[tuple[str, int], str] = {}

    def counted(what: str, n: int) -> str:
        # The literal ngettext calls are what makemessages finds.
        if (what, n) not in counts:
            if what == "quotes":
                text = ngettext("%(counter)s 条引语", "%(counter)s 条引语", n)
            else:
                text = ngettext("%(counter)s 篇来源", "%(counter)s 篇来源", n)
            counts[(what, n)] = text % {"counter": n}
        return counts[(what, n)]

    event_url = url_maker("event_detail")
    region_url = url_maker("region_detail")
    organisation_url = url_maker("organisation_detail")
    for entry in entries:
        event = entry.event
        entry.labels = labels
        entry.title = zh(event.title)
        entry.url = event_url(event.pk)
        entry.parent_url = event_url(event.parent_id) if event.parent_id else ""
        entry.date_text = format_period(event.start_date, event.end_date, event.date_precision)
        entry.date_iso = dates.iso_at_precision(event.start_date, event.date_precision)
        entry.kind_label = kind_labels.get(event.kind, event.kind)
        entry.regions_html = links_html((region_url(pk), zh(name)) for pk, name in entry.regions)
        entry.organisers_html = links_html((organisation_url(pk), zh(name)) for pk, name, _ in entry.organisers)
        entry.counts_text = (
            f"{counted('quotes', entry.quote_count)} · {counted('sources', entry.source_count)}"
        )


def entry_html(entry: Entry, *, nested: bool = False) -> SafeString:
    """An entry (prepared by entries_prepare) as a list item, its nested
    sub-events inside it."""
    escape = html.escape
    event, labels = entry.event, entry.labels
    badges = ""
    if event.review_status == ReviewStatus.REVIEWED:
        badges += BADGE.format(css="badge-reviewed", text=escape(labels["reviewed"]))
    for role in entry.roles:
        badges += BADGE.format(css="badge-role", text=escape(str(role)))
    lines = ""
    if entry.regions:
        lines += LINE.format(label=escape(labels["place"]), links=entry.regions_html)
    if entry.organisers:
        lines += LINE.format(label=escape(labels["organisers"]), links=entry.organisers_html)
    if entry.parent_url and not nested:
        lines += LINE.format(
            label=escape(labels["parent"]), links=links_html([(entry.parent_url, labels["see_parent"])])
        )
    children = ""
    if entry.children:
        children = CHILDREN.format(
            label=escape(labels["children"]),
            items="".join(entry_html(child, nested=True) for child in entry.children),
        )
    return mark_safe(  # noqa: S308 - every value above is escaped; the rest is constant markup
        ENTRY.format(
            child_class=" entry-child" if nested else "",
            datetime=f' datetime="{escape(entry.date_iso)}"' if event.start_date else "",
            date=escape(entry.date_text),
            kind=escape(event.kind),
            kind_label=escape(entry.kind_label),
            badges=badges,
            url=escape(entry.url),
            title=escape(entry.title),
            lines=lines,
            counts=escape(entry.counts_text),
            children=children,
        )
    )
