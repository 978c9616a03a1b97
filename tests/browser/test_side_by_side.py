"""The Side by side page in Chromium: choose the versions, toggle the redlines, read the army
cap under the US 28-point draft and the European counter-proposal, at 1440 and 390 px."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import ARTIFACTS
from tests.browser.test_browser_pages import page_at, wait_for_script

pytestmark = pytest.mark.browser

ARMY_CAP = "Ukraine's army size cap"


def remove_version(page: Page, label: str) -> None:
    """Remove a version from the page's picker by its chip's button, as a reader would (the
    dropdown is left alone: its list moves as a rerun lands, so a click there can miss)."""
    picker = page.get_by_test_id("stMultiSelect").filter(has_text="Versions, one column each")
    picker.get_by_role("button", name=f"Remove {label}").click()
    wait_for_script(page)


def army_cap_cells(page: Page):
    return page.locator("table.sbs tr", has_text=ARMY_CAP).locator("td")


def test_choose_versions_toggle_redlines_and_read_the_army_cap(page: Page, app_url: str):
    page.goto(
        f"{app_url}/sidebyside?columns=us-28&columns=eu-counter&columns=geneva&mode=positions"
    )
    wait_for_script(page)
    expect(page.get_by_role("heading", name="Side by side")).to_be_visible()
    header = page.locator("table.sbs thead th")
    expect(header).to_have_count(4)  # the issue column and three versions
    remove_version(page, "US–Ukraine talks in Geneva (23 Nov 2025)")
    expect(header).to_have_count(3)
    expect(page).not_to_have_url(re.compile("geneva"))
    expect(header.nth(1)).to_contain_text("US 28-point draft")
    expect(header.nth(2)).to_contain_text("European counter-proposal")
    cells = army_cap_cells(page)
    expect(cells).to_have_count(2)
    expect(cells.nth(0)).to_contain_text("600 thousand personnel")
    expect(cells.nth(1)).to_contain_text("800 thousand personnel")
    expect(cells.nth(1).locator("del").first).to_be_visible()
    expect(cells.nth(1).locator("ins").first).to_be_visible()
    page.get_by_test_id("stCheckbox").filter(has_text="Redlines").click()
    wait_for_script(page)
    expect(army_cap_cells(page).nth(1).locator("del")).to_have_count(0)
    expect(army_cap_cells(page).nth(1)).to_contain_text("800 thousand personnel")
    expect(page.get_by_test_id("stException")).to_have_count(0)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / "sidebyside.png", full_page=True)


@pytest.mark.parametrize("width", [1440, 390])
def test_text_mode_strikes_the_old_army_cap_and_inserts_the_new(browser, app_url: str, width):
    with page_at(browser, f"{app_url}/sidebyside?columns=us-28&columns=eu-counter", width) as page:
        cells = army_cap_cells(page)
        expect(cells.nth(0)).to_contain_text("limited to 600,000 personnel")
        expect(cells.nth(1).locator("del", has_text="600,000")).to_be_visible()
        expect(cells.nth(1).locator("ins", has_text="800,000")).to_be_visible()
        expect(page.locator("table.sbs thead th").nth(2)).to_contain_text(
            "redlined against US 28-point draft (which it revises)"
        )
        expect(page.get_by_test_id("stException")).to_have_count(0)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=ARTIFACTS / f"sidebyside-text-{width}.png", full_page=True)


def test_narrow_screen_scrolls_the_table_not_the_page(browser, app_url: str):
    with page_at(browser, f"{app_url}/sidebyside", 390) as page:
        frame = page.locator(".sbs-scroll").first
        expect(frame).to_be_visible()
        widths = page.evaluate(
            "[document.documentElement.scrollWidth, document.querySelector('.sbs-scroll')"
            ".clientWidth, document.querySelector('.sbs-scroll').scrollWidth]"
        )
        page_width, frame_width, table_width = widths
        assert page_width <= 390  # the page itself does not overflow
        assert frame_width <= 390 < table_width  # the table scrolls inside its frame
        expect(page.get_by_test_id("stException")).to_have_count(0)
