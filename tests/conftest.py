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
