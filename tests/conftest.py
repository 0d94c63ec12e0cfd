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
