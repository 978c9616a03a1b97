"""The first request to a fresh server is a deep link: the page opens with the shared sidebar
and the navigation, not a traceback (Streamlit would run the pages/ file on its own)."""

import pytest
from playwright.sync_api import expect

from negotiation.ui import registry
from tests.browser.harness import start_app
from tests.browser.test_browser_pages import wait_for_script

pytestmark = pytest.mark.browser


@pytest.fixture
def fresh_url():
    process, url = start_app()
    yield url
    process.terminate()
    process.wait(timeout=20)


def test_a_deep_link_first_opens_the_page_with_the_sidebar(page, fresh_url):
    page.goto(f"{fresh_url}/matrix?version=us-28")
    wait_for_script(page)
    expect(page.get_by_role("heading", name="Matrix").first).to_be_visible()
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text("Dataset", exact=True)).to_be_visible()
    nav = page.get_by_test_id("stSidebarNav")
    for spec in registry.PAGES:
        expect(nav.get_by_text(spec.title, exact=True)).to_be_visible()
    expect(page.get_by_test_id("stVegaLiteChart")).to_have_count(1)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert page.url.startswith(f"{fresh_url}/matrix")
    assert "version=us-28" in page.url
