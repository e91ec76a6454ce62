"""Fixtures for the browser tests: headless Chromium driving the live server.

`live_server` runs on a transactional database, which is emptied after every test, so the
reference data loaded once for the session is gone by the second test. Each browser test
loads it again, and the country fixtures the personas are built on wait for it.
"""

import io
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from cadre.directory.models import Country, Region

# Playwright's sync API runs an event loop in the test thread, which Django would
# otherwise take for async code and refuse to run queries in.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 800}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


@pytest.fixture(autouse=True)
def reference_data(transactional_db: None) -> None:
    call_command("load_reference", stdout=io.StringIO())


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """allauth remembers used TOTP codes by user id in the cache, and ids come round again
    once the database is emptied between tests."""
    cache.clear()


@pytest.fixture
def kenya(reference_data: None) -> Country:
    return Country.objects.get(iso2="KE")


@pytest.fixture
def france(reference_data: None) -> Country:
    return Country.objects.get(iso2="FR")


@pytest.fixture
def africa(reference_data: None) -> Region:
    return Region.objects.get(code="africa")


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    yield browser
    browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh browser profile (no cookies) at a desktop size."""
    context = browser.new_context(viewport=DESKTOP)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    """A fresh browser profile the size of a small phone."""
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    yield context.new_page()
    context.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
