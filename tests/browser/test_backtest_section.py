"""In a real browser, at a desktop's and a phone's width: the Forecast page's "How well did the
models do here" on a dataset with an agreed text, its table and chart drawn whole."""

import pytest
from factory import write_outcome
from playwright.sync_api import expect

from tests.browser.harness import serve_only
from tests.browser.test_browser_pages import page_at

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def outcome_app(tmp_path_factory):
    """A dashboard over a data folder holding only the dataset with an agreed text."""
    yield from serve_only(tmp_path_factory, "outcome", write_outcome)


@pytest.mark.parametrize("width", [1440, 390])
def test_the_backtest_section_is_drawn_whole(browser, outcome_app, width):
    with page_at(browser, f"{outcome_app}/forecast", width) as page:
        heading = page.get_by_role("heading", name="How well did the models do here")
        expect(heading).to_be_visible()
        beats = "Compromise model beats the status quo by 3.3 points"
        expect(page.get_by_text(beats)).to_be_visible()
        chart = page.get_by_test_id("stVegaLiteChart").last
        chart.scroll_into_view_if_needed()
        expect(chart.locator("canvas, svg").first).to_be_visible()
        box = chart.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width  # not cut at the page's edge
        expect(page.get_by_test_id("stException")).to_have_count(0)
