"""Public pages and exports, cached whole and answered conditionally.

A regional-development timeline is read far more than written, and nearly
every request repeats one answered a moment ago.  A public GET is kept in
Django's cache (the backend comes from KB_CACHE_URL, kb.settings) under

    the normalised URL (path, and its query with empty values dropped and
    parameters sorted) + the interface language + the script choice
    + the data version (kb.models.DataVersion)

so every import and every curator save, which move the version, makes the
next request render afresh in every worker: there is no fixed-delay
staleness.  The version's time is Last-Modified and, with the key, the
ETag; a repeat request that sends them back gets 304.  Cache-Control lets a
shared cache (a reverse proxy, a CDN) keep a page briefly and serve it stale
while it revalidates; Vary: Cookie, because language and script are cookies.

Never cached: the admin, the language and script switches, static files
(WhiteNoise answers them first), anything but a 200, a response that sets a
cookie or says it is private, and any request that carries a session (a
logged-in curator): those get `Cache-Control: private, no-cache`.
"""

from __future__ import annotations

import hashlib
import logging
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.db import connection, transaction
from django.http import HttpResponse, StreamingHttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import get_language

from kb.services.data_version import data_version_seen
from kb.templatetags.kb_public import SCRIPT_COOKIE

logger = logging.getLogger(__name__)

# Paths that are never public pages.
PRIVATE_PREFIXES = ("/admin/", "/i18n/", "/script/")
# Headers a cached response keeps (the rest are added on the way out).
KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Content-Language")
# A streamed export larger than this is served but not kept.
MAX_CACHED_BYTES = 8 * 1024 * 1024


def normalised_url(request) -> str:
    """The path and the query with empty values dropped, parameters sorted:
    ?kind=forum&q= and ?q=&kind=forum are one page."""
    pairs = sorted((key, value) for key, values in request.GET.lists() for value in values if value != "")
    return request.path + ("?" + urlencode(pairs) if pairs else "")


def page_key(request, version: int) -> str:
    identity = "\x1f".join([
        normalised_url(request), get_language() or "", request.COOKIES.get(SCRIPT_COOKIE, ""), str(version),
    ])
    return "kb:page:" + hashlib.sha256(identity.encode()).hexdigest()


def _public(request) -> bool:
    return (request.method in ("GET", "HEAD")
            and not request.path.startswith(PRIVATE_PREFIXES)
            and not request.path.startswith("/" + settings.STATIC_URL.lstrip("/")))


def _shared_cache_control() -> str:
    return (f"public, max-age=0, s-maxage={settings.KB_PUBLIC_SHARED_MAX_AGE}, "
            f"stale-while-revalidate={settings.KB_PUBLIC_STALE_WHILE_REVALIDATE}")


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _public(request):
            return self.get_response(request)
        if settings.SESSION_COOKIE_NAME in request.COOKIES or not settings.KB_PAGE_CACHE_SECONDS:
            response = self.get_response(request)
            if response.status_code == 200 and "Cache-Control" not in response:
                response["Cache-Control"] = "private, no-cache"
            return response
        version = data_version_seen(request)
        key = page_key(request, version.version)
        etag = '"' + key.rsplit(":", 1)[1][:32] + '"'
        last_modified = version.changed_at.timestamp()
        cache = caches[settings.KB_PAGE_CACHE_ALIAS]
        kept = _cache_call(cache.get, key)
        if kept is not None:
            status, content, headers = kept
            response = HttpResponse(content, status=status, headers=headers)
            response["X-Cache"] = "hit"
        else:
            response = self.get_response(request)
            if not self._keepable(response):
                return response
            if isinstance(response, StreamingHttpResponse):
                response, too_large = _materialised(response)
                if too_large:
                    return response
            headers = _copy_headers(response, {})
            _cache_call(cache.set, key, (response.status_code, response.content, headers),
                        settings.KB_PAGE_CACHE_SECONDS)
            response["X-Cache"] = "miss"
        response["ETag"] = etag
        response["Last-Modified"] = http_date(last_modified)
        response["Cache-Control"] = _shared_cache_control()
        patch_vary_headers(response, ("Cookie",))
        return get_conditional_response(request, etag=etag, last_modified=int(last_modified),
                                        response=response)

    @staticmethod
    def _keepable(response) -> bool:
        return (response.status_code == 200 and not response.cookies
                and "private" not in response.get("Cache-Control", "")
                and "no-store" not in response.get("Cache-Control", ""))


def _cache_call(method, *args):
    """A cache that fails (a database cache table not created, Redis down)
    costs the speed-up, never the page: logged, and the page is rendered."""
    try:
        if connection.in_atomic_block:
            # Inside a transaction (ATOMIC_REQUESTS, a test) a failed query of
            # a database cache must not abort it: a savepoint takes the blow.
            with transaction.atomic():
                return method(*args)
        return method(*args)
    except Exception:  # noqa: BLE001 - any backend's error
        logger.warning("page cache unavailable", exc_info=True)
        return None


def _copy_headers(source, target):
    for name in KEPT_HEADERS:
        if name in source:
            target[name] = source[name]
    return target


def _materialised(response):
    """A streamed export read into memory to be kept: (the response, False);
    when it passes MAX_CACHED_BYTES, (a stream of all of it, True)."""
    chunks, size = [], 0
    stream = iter(response.streaming_content)
    for chunk in stream:
        chunks.append(chunk)
        size += len(chunk)
        if size > MAX_CACHED_BYTES:
            rest = StreamingHttpResponse(_chain(chunks, stream), status=response.status_code)
            return _copy_headers(response, rest), True
    return _copy_headers(response, HttpResponse(b"".join(chunks), status=response.status_code)), False


def _chain(first: list[bytes], rest):
    yield from first
    yield from rest
