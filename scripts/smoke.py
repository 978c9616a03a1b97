"""Check a dashboard that someone else started: its health check answers, and the Overview
draws its charts with no exception, in Debian's Chromium. CI runs it against the README's first
command, installed in a fresh virtual environment of its own.

    python scripts/smoke.py URL [--timeout SECONDS]
"""

from __future__ import annotations

import argparse
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS  # noqa: E402


def healthy(url: str, timeout: float) -> None:
    """Wait for the server's health check to answer; fail with the time waited."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(1)
    sys.exit(f"smoke: {url} did not answer its health check within {timeout:.0f} s")


def overview_charts(url: str) -> int:
    """Open the Overview; the number of charts it drew (it fails on an exception shown)."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 1000})
        page.set_default_timeout(60_000)
        page.goto(url)
        expect(
            page.locator("[data-testid=stApp][data-test-script-state=notRunning]")
        ).to_be_attached(timeout=60_000)
        drawn = page.locator(
            "[data-testid=stVegaLiteChart] canvas, [data-testid=stVegaLiteChart] svg"
        )
        expect(drawn.first).to_be_visible(timeout=60_000)
        expect(page.get_by_test_id("stException")).to_have_count(0)
        count = page.get_by_test_id("stVegaLiteChart").count()
        browser.close()
        return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args()
    healthy(args.url, args.timeout)
    print(f"smoke: {args.url} is healthy; the Overview drew {overview_charts(args.url)} chart(s)")


if __name__ == "__main__":
    main()
