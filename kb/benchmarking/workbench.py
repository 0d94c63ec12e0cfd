"""The curators' workbench of a long article: server time to open the page
for a source of 20,000 characters with 300 evidence spans over records of
every type, Simplified and as written, and its query count.  The source and
its records are made inside a transaction that is rolled back."""

from __future__ import annotations

import random

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.models import Event
from kb.chinese import to_traditional
from kb.models import Evidence, Organisation, Person, Quote, Region, Source

from .common import median_ms, site_client, site_settings, timed

CHARACTERS = 20_000
SPANS = 300
# Sentences of the kind the articles hold, repeated to the length asked for.
SENTENCES = (
    "12日，长三角数字经济产业对接会在嘉兴举行，三省一市的二百余名代表参加。",
    "嘉兴市人民政府副市长王海明在会上介绍了当地产业合作的进展。",
    "会上，十二家企业签署了战略合作框架协议，总投资超过八十亿元。",
    "“我们要把区域协同的文章做深做实。”浙江大学教授李华说。",
    "会后，与会代表还赴南湖区考察了光伏产业园和科创中心。",
)


class _Rollback(Exception):
    pass


def _article() -> str:
    text, k = [], 0
    while sum(map(len, text)) < CHARACTERS:
        text.append(SENTENCES[k % len(SENTENCES)] + ("\n" if k % 3 == 2 else ""))
        k += 1
    return "".join(text)[:CHARACTERS]


def _source_with_spans(text: str) -> Source:
    source = Source.objects.create(
        file_name="benchmark-workbench.txt", content_hash="0" * 64, title="工作台基准测试",
        raw_text=to_traditional(text), text_original=to_traditional(text), text=text,
    )
    rng = random.Random(7)
    records = (
        [Event.objects.create(title=f"对接会{i}", kind="forum") for i in range(20)]
        + [Organisation.objects.create(name=f"机构{i}") for i in range(30)]
        + [Person.objects.create(name=f"人物{i}") for i in range(20)]
        + [Quote.objects.create(text=f"引语{i}", source=source) for i in range(10)]
        + list(Region.objects.order_by("pk")[:20])
    )
    types = {type(r): ContentType.objects.get_for_model(type(r)) for r in records}
    spans = []
    for k in range(SPANS):
        record = records[k % len(records)]
        start = rng.randrange(0, len(text) - 40)
        spans.append(Evidence(source=source, content_type=types[type(record)], object_id=record.pk,
                              start=start, end=start + rng.randrange(2, 30), sentence=""))
    Evidence.objects.bulk_create(spans, ignore_conflicts=True)
    return source


def measure_workbench(*, repeat: int, log=print) -> dict:
    log("workbench: a source of 20,000 characters with 300 spans")
    result: dict = {}
    try:
        with transaction.atomic(), site_settings():
            source = _source_with_spans(_article())
            user = get_user_model().objects.create_superuser("benchmark-curator", "b@example.org", None)
            client = site_client()
            client.force_login(user)
            url = reverse("admin:kb_source_workbench", args=[source.pk])
            for name, query in (("simplified", ""), ("as_written", "?script=original")):
                def fetch(url=url + query):
                    response = client.get(url, secure=True)
                    if response.status_code != 200:
                        raise RuntimeError(f"GET {url} answered {response.status_code}")
                    return response
                seconds, response = timed(fetch, repeat)
                with CaptureQueriesContext(connection) as queries:
                    fetch()
                result[name] = {"median_ms": median_ms(seconds), "max_ms": round(max(seconds) * 1000, 1),
                                "queries": len(queries), "bytes": len(response.content)}
            result["characters"] = len(source.text)
            result["spans"] = Evidence.objects.filter(source=source).count()
            raise _Rollback
    except _Rollback:
        pass
    return result
