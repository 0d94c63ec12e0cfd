import io
from contextlib import contextmanager

import pytest

from tests.factories import StaffUserFactory


@pytest.fixture
def staff_user(db):
    return StaffUserFactory()


@pytest.fixture
def staff_client(client, staff_user):
    """A test client logged in as a curator (staff, all permissions)."""
    client.force_login(staff_user)
    return client


@pytest.fixture(autouse=True)
def _empty_caches():
    """Every test starts with empty caches: its database starts again from
    the same data version, so a page kept by another test would match."""
    from django.core.cache import caches

    for cache in caches.all(initialized_only=True):
        cache.clear()


@contextmanager
def module_data(django_db_blocker, *commands: tuple[str, ...]):
    """Run management commands once for a test module, inside a transaction
    rolled back when the module ends; each test runs in a savepoint inside
    it (as Django's TestCase does with setUpTestData), so tests see the
    data and leave nothing behind."""
    from django.core.management import call_command
    from django.db import transaction

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            for command in commands:
                call_command(*command, stdout=io.StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
