"""Settings for the regional-development knowledge base.

Everything that differs between a laptop and production comes from the
environment (12-factor): DATABASE_URL, DJANGO_SECRET_KEY, DJANGO_DEBUG,
DJANGO_ALLOWED_HOSTS.  These are the production settings: DEBUG is off
unless DJANGO_DEBUG says otherwise, and then a secret key is required.  The
WSGI and ASGI entry points load them; manage.py loads kb.settings_dev, these
same settings with DJANGO_DEBUG defaulting to on, so that it works on a
fresh checkout with no environment.  The database defaults to an embedded
SQLite file under var/.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("KB_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off "
            "(set DJANGO_DEBUG=1 for local development)."
        )
    SECRET_KEY = "django-insecure-local-development-only"  # noqa: S105 - DEBUG only

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_filters",
    "import_export",
    "kb",
    "events",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before WhiteNoise, which answers static files itself: they get the
    # policy too (kb/middleware_security.py).
    "kb.middleware_security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kb.middleware.CookieOnlyLocaleMiddleware",
    # After the language is known (part of the key); answers cached public
    # pages before the rest of the chain runs.
    "kb.middleware_cache.PublicPageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before CSRF: a PUT to a public page is a 405, not a missing token.
    "kb.middleware_security.PublicReadOnlyMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "kb.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "kb.wsgi.application"

DEFAULT_DATABASE_URL = f"sqlite:///{VAR_DIR / 'kb.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL),
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the site read while an import writes; IMMEDIATE transactions make
    # a second writer wait for the lock instead of failing half-way through.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 30,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Chinese first; English available through the language switch.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "kb" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# dumpdata keeps many-to-many lists in link order (an event's regions are
# read in that order): see kb/serialization.py.
SERIALIZATION_MODULES = {"json": "kb.serialization"}

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns when it is missing
STATICFILES_DIRS = [BASE_DIR / "kb" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("DJANGO_STATIC_MANIFEST", not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# django-import-export: the admin's CSV/XLSX formats escape formula-like cells
# reversibly themselves (kb.exporting.escape_formula); the library's own flag
# deletes a leading "=" outright, which would break the round trip.
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = False
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False

# Security: strict by default when DEBUG is off; `manage.py check --deploy`
# passes with these.  Behind a TLS-terminating proxy set
# DJANGO_SECURE_PROXY_SSL_HEADER=1.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # The interface-language cookie: like the script cookie, HTTPS only and
    # out of reach of scripts (nothing on the site reads it in JavaScript).
    LANGUAGE_COOKIE_SECURE = True
    LANGUAGE_COOKIE_HTTPONLY = True
    LANGUAGE_COOKIE_SAMESITE = "Lax"
if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGIN_URL = "admin:login"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

# Caches (kb.middleware_cache keeps whole public pages; the timeline keeps
# its summaries).  KB_CACHE_URL picks the backend:
#   (unset)            files under var/cache: no set-up, shared by every
#                      process of one machine (import warms what the site reads)
#   locmem://          each process its own memory
#   db://TABLE         Django's database cache (run `manage.py createcachetable`)
#   redis://HOST:PORT/N  Redis (needs the redis package)
def cache_from_url(url: str) -> dict:
    scheme, _, rest = (url or f"file://{VAR_DIR / 'cache'}").partition("://")
    if scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": rest or "kb",
                "OPTIONS": {"MAX_ENTRIES": 5_000}}
    if scheme == "db":
        return {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": rest or "kb_cache",
                "OPTIONS": {"MAX_ENTRIES": 50_000}}
    if scheme in ("redis", "rediss"):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if scheme == "file":
        return {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": rest,
                "OPTIONS": {"MAX_ENTRIES": 20_000}}
    raise ImproperlyConfigured(f"KB_CACHE_URL: unknown cache {url!r} (locmem://, db://, redis://, file://)")


CACHES = {"default": cache_from_url(os.environ.get("KB_CACHE_URL", ""))}
# Whole public pages: how long one is kept at most (a write moves the data
# version and so retires it at once; 0 turns page caching off), and what
# shared caches (a reverse proxy, a CDN) are told.
KB_PAGE_CACHE_ALIAS = "default"
KB_PAGE_CACHE_SECONDS = int(os.environ.get("KB_PAGE_CACHE_SECONDS", "600"))
KB_PUBLIC_SHARED_MAX_AGE = int(os.environ.get("KB_PUBLIC_SHARED_MAX_AGE", "10"))
KB_PUBLIC_STALE_WHILE_REVALIDATE = int(os.environ.get("KB_PUBLIC_STALE_WHILE_REVALIDATE", "60"))

# Import limits (see kb.ingest.decode); overridable per run on the command line.
KB_IMPORT_MAX_BYTES = int(os.environ.get("KB_IMPORT_MAX_BYTES", str(5 * 1024 * 1024)))
# A curator's edit of the gazetteer in the admin refreshes every event's
# derived rows at once when there are at most this many events (refreshing
# 100,000 on PostgreSQL takes 7-25 s, so 5,000 about a second); above it,
# the admin says to run `manage.py refresh_events`.
KB_INLINE_REFRESH_MAX = int(os.environ.get("KB_INLINE_REFRESH_MAX", "5000"))
