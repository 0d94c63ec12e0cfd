"""Chinese first: the interface language comes from the visitor's choice
(the language cookie set by Django's set_language view), never from the
browser's Accept-Language header, so an English browser still sees Chinese
until its user switches."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class CookieOnlyLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
