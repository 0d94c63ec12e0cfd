"""Fixtures for the public site's view tests.

`seeded` imports the five seed articles once per test module: the import
runs inside a transaction that is rolled back when the module ends, and
every test runs in a savepoint inside it (as Django's TestCase does with
setUpTestData), so tests see the seeds and leave nothing behind.
"""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("load_regions", stdout=io.StringIO())
            call_command("import_seeds", str(SEEDS), "--no-progress", stdout=io.StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def seeds(seeded, db):
    """The seeds, visible to one test (which runs in a savepoint)."""
    return SEEDS
