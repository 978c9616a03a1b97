"""The Texts page in Chromium: the US 28-point draft's clauses in the text's order, each with
its issue links and source, at 1440 and 390 px."""

import pytest
from playwright.sync_api import expect

from negotiation.data.load import load_dataset
from tests.browser.conftest import ARTIFACTS
from tests.browser.test_browser_pages import page_at

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1440, 390])
def test_the_us_draft_reads_in_order(browser, app_url: str, width: int):
    ds = load_dataset("data/ukraine-2025")
    expected = ds.provisions.loc[ds.provisions["version"] == "us-28", "provision"].tolist()
    with page_at(browser, f"{app_url}/texts?text=us-28", width) as page:
        labels = page.locator("[data-testid='stMain'] [data-testid='stMarkdown'] strong")
        expect(labels.first).to_be_visible()
        shown = [t.rstrip(".") for t in labels.all_inner_texts() if t.endswith(".")]
        assert shown[: len(expected)] == expected
        army = page.get_by_text(
            "6. The size of the Ukrainian Armed Forces will be limited to 600,000"
        )
        expect(army).to_be_visible()
        assert army.bounding_box()["x"] + army.bounding_box()["width"] <= width
        expect(page.get_by_role("link", name="Ukraine's army size cap").first).to_be_visible()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=ARTIFACTS / f"texts-{width}.png", full_page=True)
