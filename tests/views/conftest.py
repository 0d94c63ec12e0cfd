"""Fixtures for the public site's view tests.

`seeded` imports the five seed articles once per test module: the import
runs inside a transaction that is rolled back when the module ends, and
every test runs in a savepoint inside it (as Django's TestCase does with
setUpTestData), so tests see the seeds and leave nothing behind.
"""

from pathlib import Path

import pytest

from tests.conftest import module_data

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with module_data(django_db_blocker, ("load_regions",), ("import_seeds", str(SEEDS), "--no-progress")):
        yield


@pytest.fixture
def seeds(seeded, db):
    """The seeds, visible to one test (which runs in a savepoint)."""
    return SEEDS
