"""Retake the README's screenshots: the dashboard on the bundled dataset in Debian's Chromium,
each view at 1440 pixels wide and the Overview's headline numbers at 390.

    python scripts/screenshots.py [NAME ...]     (all of them by default)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS, start_app  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
SHOTS = {
    # name: (URL and query, heading to scroll to ("css=…": an element) or "", width, height)
    "overview": ("?version=eu-counter", "Headline numbers", 1440, 1000),
    "overview-390": ("?version=eu-counter", "Headline numbers", 390, 1200),
    "matrix": ("matrix?version=eu-counter", "", 1440, 1300),
    "gaps": ("gaps?version=eu-counter&issue=army-cap", "", 1440, 1100),
    "compare": ("compare?from=us-28&to=eu-counter&issue=army-cap", "", 1440, 1000),
    "forecast": ("forecast?version=eu-counter&issue=army-cap", "", 1440, 1300),
    "sidebyside": (
        "sidebyside?columns=us-28&columns=eu-counter&columns=ukraine-20&mode=positions",
        "",
        1440,
        1100,
    ),
    "sidebyside-text": (
        "sidebyside?columns=us-28&columns=eu-counter&columns=ukraine-20&mode=text",
        'css=table.sbs tr:has(th:text-is("Ukraine\'s army size cap"))',
        1440,
        1100,
    ),
}


def shoot(page: Page, url: str, heading: str, path: Path) -> None:
    page.goto(url)
    page.locator("[data-testid=stApp][data-test-script-state=notRunning]").wait_for(
        state="attached", timeout=120_000
    )
    if heading:
        target = (
            page.locator(heading)
            if heading.startswith("css=")
            else page.get_by_role("heading", name=heading)
        )
        block = "center" if heading.startswith("css=") else "start"
        target.first.evaluate(f"found => found.scrollIntoView({{block: '{block}'}})")
    time.sleep(3)  # the charts' own rendering, after the run
    page.screenshot(path=path)


def main(names: list[str]) -> None:
    process, url = start_app(timeout=120)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for name in names or list(SHOTS):
                query, heading, width, height = SHOTS[name]
                page = browser.new_page(viewport={"width": width, "height": height})
                shoot(page, f"{url}/{query}", heading, OUT / f"{name}.png")
                page.close()
                print(OUT / f"{name}.png")
    finally:
        process.terminate()


if __name__ == "__main__":
    main(sys.argv[1:])
