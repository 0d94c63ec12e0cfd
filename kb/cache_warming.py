"""Warming the public pages after a write that moved the data version: the
end of an import asks for what the first visitor would otherwise pay for
(the timeline, with its counted facets and the chart), so that it is in the
shared cache (kb.middleware_cache; the timeline's summary cache) before
anyone comes.  It asks through Django's test client, so the pages go
through the same middleware, keys and rendering as a visitor's request."""

from __future__ import annotations

import time

from django.conf import settings
from django.test import Client

# The first page most visitors open, in the interface's default language
# and script.
WARM_URLS = ("/",)


def _host() -> str:
    for host in settings.ALLOWED_HOSTS:
        if host and "*" not in host and not host.startswith("."):
            return host.strip("[]") if host.startswith("[") else host
    return "localhost"


def public_pages_warm(*, urls=WARM_URLS) -> tuple[int, float]:
    """Ask for each URL once (as a visitor over HTTPS); returns (pages that
    answered 200, milliseconds taken)."""
    started = time.perf_counter()
    client = Client(SERVER_NAME=_host(), HTTP_HOST=_host())
    answered = 0
    for url in urls:
        response = client.get(url, secure=True)
        if response.streaming:
            b"".join(response.streaming_content)
        answered += response.status_code == 200
    return answered, (time.perf_counter() - started) * 1000
