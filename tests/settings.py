"""Test settings: the production settings with what a test run needs.

The database still comes from DATABASE_URL, so the same suite runs on the
embedded SQLite default and on PostgreSQL."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-secret-key-not-for-production")
# Playwright's sync API runs an event loop in the test thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
os.environ.setdefault("DJANGO_STATIC_MANIFEST", "0")
# Each test process its own memory (tests of the other backends say so).
os.environ.setdefault("KB_CACHE_URL", "locmem://")
# Whole-page caching off by default: a test's writes never commit (the
# data version moves on commit), and most tests read a page, write, and read
# it again.  tests/test_middleware_cache.py and the browser tests (real
# commits) turn it on.
os.environ.setdefault("KB_PAGE_CACHE_SECONDS", "0")

from kb.settings import *  # noqa: E402,F403

SECURE_SSL_REDIRECT = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
