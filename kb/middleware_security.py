"""Security middleware Django 5.2 does not ship: a Content-Security-Policy
header, and the public site kept read-only whatever its views do.

The other security headers (HSTS, nosniff, Referrer-Policy,
Cross-Origin-Opener-Policy, X-Frame-Options) come from Django's own
SecurityMiddleware and XFrameOptionsMiddleware, configured in kb.settings.
"""

from __future__ import annotations

from django.http import HttpResponseNotAllowed

# The public pages load their stylesheet, icon and nothing else; no inline
# script, style element or style attribute (the chart is inline SVG with
# classes), so nothing inline is allowed.
PUBLIC_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self'",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}

# The admin's pages need a little more, and only they get it:
# - style: Django's change list writes a <style> element when a model has
#   no actions, and django-import-export's export form has style attributes;
# - script: the export form's select-all box has one inline handler,
#   onchange="onSelectToggleChange(event)", allowed by its hash alone
#   ('unsafe-hashes' covers event-handler attributes, not <script> blocks).
#   The hash is of the attribute's exact text; tests/security/test_headers.py
#   recomputes it from the installed template.
EXPORT_TOGGLE_HASH = "'sha256-wid4zL8fR53ZYy1ljOepzR77Dn6vWUUxuNnnWWBP3I8='"
ADMIN_POLICY = {
    **PUBLIC_POLICY,
    "script-src": f"'self' 'unsafe-hashes' {EXPORT_TOGGLE_HASH}",
    "style-src": "'self' 'unsafe-inline'",
}

ADMIN_PREFIX = "/admin/"


def policy_header(policy: dict[str, str]) -> str:
    return "; ".join(f"{name} {value}" for name, value in policy.items())


PUBLIC_HEADER = policy_header(PUBLIC_POLICY)
ADMIN_HEADER = policy_header(ADMIN_POLICY)


class ContentSecurityPolicyMiddleware:
    """Adds the policy to every response (HTML pages, exports, static files
    served by WhiteNoise: an SVG opened on its own is a document too).  A
    view that sets its own header keeps it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        header = ADMIN_HEADER if request.path.startswith(ADMIN_PREFIX) else PUBLIC_HEADER
        response.headers.setdefault("Content-Security-Policy", header)
        return response


# Public views that take a POST: the interface-language and script switches
# (they set a cookie and write nothing; CSRF-protected like every POST).
PUBLIC_POST_VIEWS = frozenset({"set_language", "script_switch"})
SAFE_METHODS = ("GET", "HEAD")


class PublicReadOnlyMiddleware:
    """Refuses every method but GET and HEAD on public URLs with 405, before
    any view runs, so that a view added later cannot write by mistake.  The
    admin (its own login and permissions) and the two switches are left to
    their views."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method in SAFE_METHODS:
            return None
        match = request.resolver_match
        if match is not None and "admin" in match.namespaces:
            return None
        if request.method == "POST" and match is not None and match.url_name in PUBLIC_POST_VIEWS:
            return None
        return HttpResponseNotAllowed(SAFE_METHODS)
