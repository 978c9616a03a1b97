"""Start the dashboard with `streamlit run` on a free port and drive it with Debian's Chromium."""

from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS, ROOT, start_app

ARTIFACTS = ROOT / "tests" / "artifacts"
expect.set_options(timeout=30_000)  # a cold first run on 2 busy cores takes seconds


@pytest.fixture(scope="session")
def app_url():
    process, url = start_app()
    yield url
    process.terminate()
    process.wait(timeout=20)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()
