"""Browser tests: Playwright drives Debian's /usr/bin/chromium (apt
`chromium`, with `fonts-wqy-microhei` for Chinese glyphs) against Django's
live_server.  Never `playwright install`: the browser comes from apt."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # A Chinese reader's browser: the site is Chinese first.
    return {
        **browser_context_args,
        "locale": "zh-CN",
        "viewport": {"width": 1280, "height": 900},
        "accept_downloads": True,
    }


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    """The site as it runs: public pages cached (the live server's requests
    commit, so every write moves the data version)."""
    settings.KB_PAGE_CACHE_SECONDS = 600


@pytest.fixture
def seeded_live_server(live_server, transactional_db):
    """The live server with the gazetteer and the five seed articles."""
    call_command("load_regions", stdout=io.StringIO())
    call_command("import_seeds", str(SEEDS), "--no-progress", stdout=io.StringIO())
    return live_server


@pytest.fixture
def shot():
    """Save a screenshot under test-artifacts/ (git-ignored)."""
    ARTIFACTS.mkdir(exist_ok=True)

    def save(page, name: str, *, full_page: bool = False) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return save
