"""The two display switches (interface language, script) are POSTs that set
a cookie of the visitor's own and write nothing.  They carry no CSRF token,
because every public page is cached whole and shared by all visitors
(kb.middleware_cache): a per-visitor token cannot be in it.  What the token
would stop, another site making a visitor's browser post the switch, is
stopped by the browser's own word on where the request comes from: the
Origin header (sent with every POST by current browsers), or else the
Referer; a POST with neither, or from another origin, is refused (403).
"""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponseForbidden
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.i18n import set_language


def _origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def same_origin(request) -> bool:
    own = f"{request.scheme}://{request.get_host()}"
    trusted = {own, *settings.CSRF_TRUSTED_ORIGINS}
    origin = request.META.get("HTTP_ORIGIN")
    if origin:
        return origin in trusted
    referer = request.META.get("HTTP_REFERER", "")
    return bool(referer) and _origin_of(referer) in trusted


def same_origin_post(view):
    """POST only, from a page of this site (see the module's docstring)."""

    @csrf_exempt
    @require_POST
    @wraps(view)
    def checked(request, *args, **kwargs):
        if not same_origin(request):
            return HttpResponseForbidden("这个切换只接受本站页面提交的请求。")
        return view(request, *args, **kwargs)

    return checked


language_switch = same_origin_post(set_language)
