"""Another negotiation in the browser (issue 27): six parties with long names, at 1440 and
390 pixels wide. No card label is cut; the Compare page's change table shows Before, After and
Moved toward at 1440 and no column without text; the matrix shows all six parties without a
sideways scroll."""

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.harness import serve_only
from tests.browser.test_browser_pages import page_at
from tests.factory import SIX_PARTIES, write_six_parties

pytestmark = pytest.mark.browser

MEASURE = (Path(__file__).with_name("legible.js")).read_text(encoding="utf-8")
HEADERS = """() => [...document.querySelectorAll('[data-testid=stDataFrame]')].map(
  grid => [...grid.querySelectorAll('[role=columnheader]')].map(h => h.textContent))"""
CHARTS = """() => [...document.querySelectorAll('[data-testid=stVegaLiteChart]')].map(chart => {
  const drawn = chart.querySelector('canvas, svg');
  return {box: chart.clientWidth, scroll: chart.scrollWidth, drawn: drawn.getBoundingClientRect().width};
})"""

SIZES = """() => [...document.querySelectorAll(
  '[data-testid=stVegaLiteChart], [data-testid=stDataFrame], [data-testid=stMetric]')].map(
  e => [e.clientWidth, e.scrollWidth, e.clientHeight,
        (e.querySelector('canvas, svg') || e).getBoundingClientRect().width])"""
"""The page's charts, tables and cards as sizes: the layout has settled when they stop changing."""


@pytest.fixture(scope="module")
def six_url(tmp_path_factory):
    yield from serve_only(tmp_path_factory, "nuclear", write_six_parties)


@contextlib.contextmanager
def opened(browser: Browser, url: str, width: int) -> Iterator[Page]:
    """The page at `width` (`page_at`) once its layout has settled."""
    with page_at(browser, url, width) as page:
        page.wait_for_timeout(500)
        last = None
        for _ in range(40):  # the cards', charts' and tables' last layout, on a busy machine too
            sizes = page.evaluate(SIZES)
            if sizes == last:
                break
            last = sizes
            page.wait_for_timeout(400)
        yield page


@pytest.mark.parametrize("width", [1440, 390])
@pytest.mark.parametrize("path", ["", "compare", "forecast", "gaps", "matrix", "sidebyside"])
def test_no_card_label_or_figure_is_cut(browser, six_url, path, width):
    with opened(browser, f"{six_url}/{path}", width) as page:
        found = page.evaluate(MEASURE)
        assert found["cutLabels"] == [], f"card labels cut at {width} px"
        assert found["cutMetrics"] == [], f"card figures cut at {width} px"
        assert found["overflow"] == [], f"elements running off the page at {width} px"


def test_the_change_table_shows_before_after_and_moved_toward(browser, six_url):
    with opened(browser, f"{six_url}/compare", 1440) as page:
        # the grid writes its header cells once laid out: wait for them, on a busy machine too
        page.wait_for_function(f"() => ({HEADERS})().length && ({HEADERS})()[0].length >= 7")
        first = page.evaluate(HEADERS)[0]
        assert first[:7] == [
            "Party", "Issue", "Change", "Before", "After", "Moved toward", "Moved away from"
        ]  # fmt: skip
        assert "In the source's words" not in first  # no quote in this dataset: no empty column


def test_the_matrix_shows_every_party_without_a_sideways_scroll(browser, six_url):
    with opened(browser, f"{six_url}/matrix", 1440) as page:
        (matrix,) = page.evaluate(CHARTS)
        assert matrix["scroll"] <= matrix["box"] and matrix["drawn"] <= matrix["box"], matrix
        text = page.get_by_test_id("stVegaLiteChart").inner_text()
        shown = page.evaluate(HEADERS)[0]  # the matrix as text names them too
        assert len(SIX_PARTIES) == 6 and text is not None and shown[:3] == [
            "Issue", "Group", "Draft text"
        ]  # fmt: skip
