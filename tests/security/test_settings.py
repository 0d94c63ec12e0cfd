"""Production settings: `manage.py check --deploy` run the way production
runs it (a fresh process, nothing in the environment but what the README's
settings table lists), and the values the checks cannot see."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def manage(tmp_path, *args: str, **environment: str) -> subprocess.CompletedProcess:
    """`python manage.py ARGS` with a clean environment: only PATH, a home,
    the var/ directory under tmp_path and the variables given."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path),
           "KB_VAR_DIR": str(tmp_path / "var"), "LANG": "C.UTF-8", **environment}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=120,
    )


# Production runs manage.py with the production settings (README, Production).
PRODUCTION = {"DJANGO_SETTINGS_MODULE": "kb.settings"}


def production_key() -> str:
    # 64 URL-safe characters from 48 random bytes: what `check --deploy`
    # calls strong (50+ characters, 5+ distinct, no django-insecure- prefix).
    return secrets.token_urlsafe(48)


def test_deploy_check_passes_with_production_environment(tmp_path):
    result = manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING",
                    DJANGO_SECRET_KEY=production_key(), **PRODUCTION)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNINGS" not in result.stderr


def test_deploy_check_passes_behind_a_tls_proxy(tmp_path):
    result = manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING",
                    DJANGO_SECRET_KEY=production_key(), DJANGO_SECURE_PROXY_SSL_HEADER="1", **PRODUCTION,
                    DJANGO_ALLOWED_HOSTS="kb.example.org",
                    DJANGO_CSRF_TRUSTED_ORIGINS="https://kb.example.org")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_deploy_check_fails_with_debug_on(tmp_path):
    result = manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING",
                    DJANGO_SECRET_KEY=production_key(), DJANGO_DEBUG="1", **PRODUCTION)

    assert result.returncode == 1
    assert "security.W018" in result.stderr  # DEBUG in deployment


def test_deploy_check_fails_with_a_weak_secret_key(tmp_path):
    result = manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING",
                    DJANGO_SECRET_KEY="short-key", **PRODUCTION)

    assert result.returncode == 1
    assert "security.W009" in result.stderr


def test_settings_refuse_to_start_without_a_secret_key_when_debug_is_off(tmp_path):
    result = manage(tmp_path, "check", **PRODUCTION)

    assert result.returncode == 1
    assert "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off" in result.stderr


def test_production_settings_secure_cookies_and_headers():
    # tests.settings are the production settings (DEBUG off) with test-only
    # changes that do not touch these.
    assert settings.DEBUG is False
    assert settings.SESSION_COOKIE_SECURE and settings.SESSION_COOKIE_HTTPONLY
    assert settings.CSRF_COOKIE_SECURE
    assert settings.LANGUAGE_COOKIE_SECURE and settings.LANGUAGE_COOKIE_HTTPONLY
    assert settings.SECURE_HSTS_SECONDS == 31_536_000
    assert settings.SECURE_HSTS_INCLUDE_SUBDOMAINS and settings.SECURE_HSTS_PRELOAD
    assert settings.SECURE_CONTENT_TYPE_NOSNIFF
    assert settings.X_FRAME_OPTIONS == "DENY"
    assert settings.SECURE_REFERRER_POLICY == "same-origin"
    assert settings.SECURE_CROSS_ORIGIN_OPENER_POLICY == "same-origin"
    middleware = settings.MIDDLEWARE
    assert "django.middleware.csrf.CsrfViewMiddleware" in middleware
    assert "django.middleware.clickjacking.XFrameOptionsMiddleware" in middleware
    # The policy wraps WhiteNoise, which answers static files without
    # calling the rest of the chain.
    assert middleware.index("kb.middleware_security.ContentSecurityPolicyMiddleware") < \
        middleware.index("whitenoise.middleware.WhiteNoiseMiddleware")
    assert middleware.index("kb.middleware_security.PublicReadOnlyMiddleware") < \
        middleware.index("django.middleware.csrf.CsrfViewMiddleware")


# The first hour: manage.py on a fresh checkout, nothing in the environment ------


def test_manage_py_works_with_no_environment(tmp_path):
    assert manage(tmp_path, "import_seeds", "--help").returncode == 0
    result = manage(tmp_path, "check")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_createsuperuser_works_with_no_environment(tmp_path):
    assert manage(tmp_path, "migrate", "-v", "0").returncode == 0
    result = manage(tmp_path, "createsuperuser", "--noinput", "--username", "curator",
                    "--email", "curator@example.org", DJANGO_SUPERUSER_PASSWORD="correct horse battery")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    # Without a password in --noinput mode: Django's own error, not a traceback.
    result = manage(tmp_path, "createsuperuser", "--noinput")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("CommandError:")


def test_wsgi_entry_point_refuses_to_start_without_a_secret_key(tmp_path):
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path),
           "KB_VAR_DIR": str(tmp_path / "var"), "LANG": "C.UTF-8"}
    for entry in ("kb.wsgi", "kb.asgi"):
        result = subprocess.run([sys.executable, "-c", f"import {entry}"], cwd=ROOT, env=env,
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 1, entry
        assert "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off" in result.stderr
