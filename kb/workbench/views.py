"""The workbench's admin views.  Each checks Django's permissions itself
(admin_view only checks that the user is active staff): viewing needs
kb.view_source, accepting and rejecting the record type's change
permission, adding the type's add permission.  Without them the page is
read-only: no forms are shown and a POST is refused.

The pages are served under the public site's strict Content-Security-Policy
(no inline script or style): behaviour is in static/kb/workbench.js, looks
in static/kb/workbench.css.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events.models import Event
from kb.middleware_security import PUBLIC_HEADER
from kb.models import Organisation, Person, Quote, ReviewStatus, Source
from kb.selectors.workbench import (
    REVIEWABLE_MODELS,
    flag_reasons,
    original_segments,
    review_progress,
    review_queue,
    selection_reading,
    source_progress,
    source_records,
    text_segments,
)
from kb.services import workbench as services
from kb.services.curation import CurationError
from kb.workbench.forms import FORMS

# What each add form creates, and the permission it needs.
ADDS = {"event": (Event, "add"), "organisation": (Organisation, "add"), "person": (Person, "add"),
        "quote": (Quote, "add"), "link": (Event, "change"), "region": (Event, "change")}
TYPE_LABELS = {"event": "活动", "organisation": "机构", "person": "人物", "quote": "引语", "region": "地区"}


def _perm(user, model, action: str) -> bool:
    return user.has_perm(f"{model._meta.app_label}.{action}_{model._meta.model_name}")


def _strict(response):
    response.headers["Content-Security-Policy"] = PUBLIC_HEADER
    return response


def _workbench_url(source: Source, *, focus: str = "", script: str = "") -> str:
    url = reverse("admin:kb_source_workbench", args=[source.pk])
    query = {k: v for k, v in (("focus", focus), ("script", script)) if v}
    return f"{url}?{urlencode(query)}" if query else url


def _render_segments(segments) -> str:
    return format_html_join(
        "", '<span class="wb-seg{}" data-s="{}" data-e="{}"{}>{}</span>',
        (
            (
                "".join(f" t-{kind}" for kind in seg.types),
                seg.start, seg.end,
                format_html(' data-k="{}"', " ".join(seg.keys)) if seg.keys else "",
                seg.text,
            )
            for seg in segments
        ),
    )


def _label(row) -> str:
    record = row.record
    if row.type == "event":
        return f"{record.date_display_iso or '日期未知'} · {record.title}"
    if row.type == "quote":
        speaker = record.speaker_name or "说话人未知"
        return f"{speaker}：{record.text[:60]}"
    return str(record)


def _records_context(request, records) -> list[dict]:
    groups = []
    for type_name, rows in records.items():
        if not rows:
            continue
        model = REVIEWABLE_MODELS.get(type_name)
        can_change = model is not None and _perm(request.user, model, "change")
        groups.append({
            "type": type_name,
            "label": TYPE_LABELS[type_name],
            "rows": [{
                "row": row,
                "label": _label(row),
                "edit_url": reverse(f"admin:{row.record._meta.app_label}_{row.record._meta.model_name}_change",
                                    args=[row.record.pk]),
                "can_change": can_change and row.reviewable,
                "status_label": row.record.get_review_status_display() if row.reviewable else "",
            } for row in rows],
        })
    return groups


def workbench(request, source_id: int):
    if not _perm(request.user, Source, "view"):
        raise PermissionDenied
    source = get_object_or_404(Source, pk=source_id)
    records = source_records(source=source)
    segments = text_segments(source.text, records)
    as_written = original_segments(source, segments)
    show_original = request.GET.get("script") == "original" and as_written is not None
    done, total = source_progress(records=records)
    context = {
        **admin.site.each_context(request),
        "title": _("审核工作台：%(source)s") % {"source": source},
        "opts": Source._meta,
        "source": source,
        "text_html": _render_segments(as_written if show_original else segments),
        "show_original": show_original,
        "has_original": as_written is not None,
        "simplified_url": _workbench_url(source),
        "original_url": _workbench_url(source, script="original"),
        "groups": _records_context(request, records),
        "done": done,
        "total": total,
        "can_mark_reviewed": (done == total and source.review_status == ReviewStatus.AUTO
                              and _perm(request.user, Source, "change")),
        "adds": [(what, label) for what, (_form, label) in FORMS.items()
                 if _perm(request.user, *ADDS[what])],
        "focus": request.GET.get("focus", ""),
        "source_change_url": reverse("admin:kb_source_change", args=[source.pk]),
        "queue_url": reverse("admin:kb_source_queue"),
    }
    return _strict(TemplateResponse(request, "admin/kb/workbench.html", context))


def _next_unreviewed(records, after: str) -> str:
    rows = [row for rows in records.values() for row in rows if row.reviewable]
    keys = [row.key for row in rows]
    start = keys.index(after) + 1 if after in keys else 0
    for row in rows[start:] + rows[:start]:
        if row.status == ReviewStatus.AUTO:
            return row.key
    return after


@require_POST
def decide(request, source_id: int):
    source = get_object_or_404(Source, pk=source_id)
    type_name, decision = request.POST.get("type", ""), request.POST.get("decision", "")
    model = REVIEWABLE_MODELS.get(type_name)
    if model is None or decision not in ("accept", "reject"):
        raise PermissionDenied
    if not _perm(request.user, model, "change"):
        raise PermissionDenied
    record = get_object_or_404(model, pk=request.POST.get("id"))
    key = f"{type_name}-{record.pk}"
    try:
        services.record_decide(record=record, accept=decision == "accept", user=request.user)
    except CurationError as exc:
        messages.error(request, str(exc))
        return HttpResponseRedirect(_workbench_url(source, focus=key))
    messages.success(request, (_("已审核：%(record)s") if decision == "accept" else _("已驳回：%(record)s"))
                     % {"record": record})
    return HttpResponseRedirect(_workbench_url(source, focus=_next_unreviewed(source_records(source=source), key),
                                               script=request.POST.get("script", "")))


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def add(request, source_id: int, what: str):
    if what not in FORMS:
        raise PermissionDenied
    model, action = ADDS[what]
    if not _perm(request.user, model, action):
        raise PermissionDenied
    source = get_object_or_404(Source, pk=source_id)
    data = request.POST if request.method == "POST" else request.GET
    start, end = _int(data.get("start")), _int(data.get("end"))
    if start is None or end is None or not (0 <= start < end <= len(source.text)):
        messages.error(request, _("请先在文本中选择一段文字。"))
        return HttpResponseRedirect(_workbench_url(source))
    reading = selection_reading(source=source, start=start, end=end)
    form_class, label = FORMS[what]
    searching = request.method == "POST" and "search" in request.POST
    if request.method == "POST" and not searching:
        form = form_class(request.POST, reading=reading, source=source)
        if form.is_valid():
            try:
                key = _save(what, form.cleaned_data, source=source, user=request.user)
            except CurationError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("已添加。"))
                return HttpResponseRedirect(_workbench_url(source, focus=key))
    elif searching:
        form = form_class(initial={"start": start, "end": end, "q": request.POST.get("q", "")},
                          reading=reading, source=source)
    else:
        form = form_class(initial={"start": start, "end": end}, reading=reading, source=source)
    sentence_start, sentence_end = reading.sentence
    context = {
        **admin.site.each_context(request),
        "title": label,
        "opts": Source._meta,
        "source": source,
        "form": form,
        "what": what,
        "selected": source.text[start:end],
        "before": source.text[max(sentence_start, start - 60):start],
        "after": source.text[end:min(sentence_end, end + 60)],
        "workbench_url": _workbench_url(source),
    }
    return _strict(TemplateResponse(request, "admin/kb/workbench_add.html", context))


def _save(what: str, data: dict, *, source: Source, user) -> str:
    span = {"source": source, "start": data["start"], "end": data["end"], "user": user}
    if what == "event":
        event = services.event_create_from_selection(
            **span, title=data["title"], kind=data["kind"], start_date=data["start_date"],
            end_date=data["end_date"], date_precision=data["date_precision"], regions=data["regions"],
            organisers=data["organisers"], participants=data["participants"], people=data["people"])
        return f"event-{event.pk}"
    if what == "organisation":
        org = services.organisation_create_from_selection(**span, name=data["name"], kind=data["kind"],
                                                          region=data["region"])
        return f"organisation-{org.pk}"
    if what == "person":
        person = services.person_create_from_selection(
            **span, name=data["name"], title=data["title"], organisation=data["organisation"],
            organisation_name=data["organisation_name"])
        return f"person-{person.pk}"
    if what == "quote":
        quote = services.quote_create_from_selection(
            **span, text=data["text"], kind=data["kind"], speaker=data["speaker"],
            speaker_label=data["speaker_label"], speaker_title=data["speaker_title"],
            speaker_organisation=data["speaker_organisation"], event=data["event"])
        return f"quote-{quote.pk}"
    if what == "link":
        services.event_add_source(event=data["event"], **span)
        return f"event-{data['event'].pk}"
    services.event_add_region(event=data["event"], region=data["region"], **span)
    return f"region-{data['region'].pk}"


@require_POST
def mark_reviewed(request, source_id: int):
    if not _perm(request.user, Source, "change"):
        raise PermissionDenied
    source = get_object_or_404(Source, pk=source_id)
    try:
        services.source_mark_reviewed(source=source, user=request.user)
    except CurationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("来源已标记为已审核。"))
    return HttpResponseRedirect(_workbench_url(source))


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def queue(request):
    if not _perm(request.user, Source, "view"):
        raise PermissionDenied
    filters = {
        "outlet": request.GET.get("outlet", "").strip()[:100],
        "published_from": _date(request.GET.get("published_from", "")),
        "published_to": _date(request.GET.get("published_to", "")),
        "flag_reason": request.GET.get("flag_reason", "").strip()[:200],
    }
    sources = review_queue(**filters)
    page = Paginator(sources, 50).get_page(request.GET.get("page"))
    done, total = review_progress(sources=sources.values("pk"))
    query = {k: v for k, v in request.GET.items() if k != "page" and v}
    context = {
        **admin.site.each_context(request),
        "title": _("审核队列"),
        "opts": Source._meta,
        "page": page,
        "done": done,
        "total": total,
        "filters": filters,
        "outlets": Source.objects.exclude(outlet="").order_by("outlet").values_list("outlet", flat=True).distinct(),
        "reasons": flag_reasons(),
        "query": urlencode(query),
    }
    return _strict(TemplateResponse(request, "admin/kb/review_queue.html", context))
