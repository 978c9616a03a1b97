"""In a real browser: the SVG button in the Download menu under the matrix downloads the chart,
built on click."""

from pathlib import Path
from xml.etree import ElementTree

import pytest
from factory import write_dataset
from playwright.sync_api import Page, expect

from tests.browser.harness import serve_only

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def tiny_url(tmp_path_factory):
    """A dashboard over a data folder holding only the tiny dataset."""
    yield from serve_only(tmp_path_factory, "tiny", write_dataset)


def test_download_the_matrix_as_svg(page: Page, tiny_url):
    page.goto(f"{tiny_url}/matrix?version=v1")
    menu = page.get_by_test_id("stPopover").filter(has_text="Download").first
    expect(menu).to_be_visible(timeout=60_000)
    # the page is drawn down to its last table, but the chart's buttons only once the menu opens
    expect(page.get_by_test_id("stDataFrame")).to_be_visible()
    assert not page.get_by_test_id("stDownloadButton").count()
    menu.get_by_role("button").click()
    button = page.get_by_test_id("stDownloadButton").filter(has_text="SVG").first
    expect(button).to_be_visible()
    with page.expect_download() as download:
        button.locator("button").click()
    assert download.value.suggested_filename == "matrix.svg"
    svg = Path(download.value.path()).read_text(encoding="utf-8")
    ElementTree.fromstring(svg)
    assert "Position matrix" in svg
    assert "Tiny talks · First draft" in svg
    assert not page.get_by_test_id("stException").count()
