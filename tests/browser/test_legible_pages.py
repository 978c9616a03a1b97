"""Every page legible at 1440 and at 390 pixels wide: no figure cut, no table cell reading
"None" or "nan", nothing running off the page (a wide chart or table scrolls inside its box)."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from negotiation.ui import registry
from tests.browser.test_browser_pages import page_at

pytestmark = pytest.mark.browser

MEASURE = (Path(__file__).with_name("legible.js")).read_text(encoding="utf-8")
"""Measures the page in the browser: cut metric values, "None"/"nan" cells, overflow."""
TEXT_VIEWS = ["sidebyside?columns=us-28&columns=eu-counter", "texts?text=us-28"]
"""The drafts' own words: the side by side in Text mode, and the US draft read whole."""


@pytest.mark.parametrize("width", [1440, 390])
@pytest.mark.parametrize("path", [page.url_path for page in registry.PAGES] + TEXT_VIEWS)
def test_page_is_legible(browser, app_url: str, path: str, width: int):
    with page_at(browser, f"{app_url}/{path}", width) as page:
        charts = page.get_by_test_id("stVegaLiteChart")
        for index in range(charts.count()):  # drawn, so that their width counts
            expect(charts.nth(index).locator("svg, canvas").first).to_be_attached()
        found = page.evaluate(MEASURE)
        for _ in range(20):  # the scroll boxes' style can land just after the charts: settle
            if not found["overflow"]:
                break
            page.wait_for_timeout(500)
            found = page.evaluate(MEASURE)
        assert found["cutMetrics"] == [], f"metric values cut at {width} px"
        assert found["cutLabels"] == [], f"metric labels cut at {width} px"
        assert found["cells"] == [], f"table cells reading None or nan at {width} px"
        assert found["overflow"] == [], f"elements running off the page at {width} px"
        assert found["docScroll"] <= found["vw"]


BAD_PAGE = """<body style="margin:0"><div data-testid="stMain" style="width:400px">
<div data-testid="stMetricValue" style="width:80px;overflow:hidden;white-space:nowrap">
Held along the current line of contact</div>
<div style="width:700px">a line that runs off the page</div>
<div style="width:300px;overflow-x:auto"><div style="width:900px">scrolls in its box</div></div>
<table><tr><td role="gridcell">None</td><td role="gridcell">—</td></tr></table></div></body>"""


def test_the_measure_finds_what_it_looks_for(browser):
    page = browser.new_page(viewport={"width": 400, "height": 400})
    try:
        page.set_content(BAD_PAGE)
        found = page.evaluate(MEASURE)
    finally:
        page.close()
    assert found["cutMetrics"] == ["Held along the current line of contact"]
    assert found["overflow"] == ["DIV. right=700 > 400"]  # the scrolling box's is not
    assert found["cells"] == ["None"]
