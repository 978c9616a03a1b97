"""The app as readers meet it: the cold start (process start to the Overview's charts drawn)
and N simultaneous browser sessions each opening every page, in Debian's Chromium."""

from __future__ import annotations

import asyncio
import subprocess
import time
from pathlib import Path

from playwright.async_api import Browser, async_playwright

from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS
from tests.browser.harness import start_app as serve

PAGE_TIMEOUT_MS = 180_000
# the script is done and as many charts as the page draws hold a canvas or svg
DRAWN = """n => {
  const app = document.querySelector('[data-testid=stApp]');
  const charts = [...document.querySelectorAll('[data-testid=stVegaLiteChart]')];
  return app && app.dataset.testScriptState === 'notRunning'
    && document.querySelector('h1') !== null
    && charts.filter(c => c.querySelector('canvas, svg')).length >= n;
}"""


def start_app(data_dir: Path) -> tuple[subprocess.Popen, str]:
    """`streamlit run dashboard.py` headless on a free port over `data_dir`; once healthy."""
    return serve({"NEGOTIATION_DATA_DIR": str(data_dir)}, timeout=120)


def peak_memory_mb(process: subprocess.Popen) -> float:
    """A running process's peak resident memory (VmHWM), in MB."""
    status = Path(f"/proc/{process.pid}/status").read_text()
    line = next(line for line in status.splitlines() if line.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


async def _open(browser: Browser, url: str, path: str, charts: int) -> list[str]:
    """Open one page in a fresh session; the errors seen (exceptions shown, timeouts)."""
    context = await browser.new_context(viewport={"width": 1440, "height": 1000})
    page = await context.new_page()
    try:
        # "commit": the wait for every chart below is the real measure; on a loaded machine
        # the default 30 s "load" wait failed before the app had a chance to answer
        await page.goto(f"{url}/{path}", timeout=PAGE_TIMEOUT_MS, wait_until="commit")
        await page.wait_for_function(DRAWN, arg=charts, timeout=PAGE_TIMEOUT_MS, polling=100)
        shown = await page.get_by_test_id("stException").count()
        return [f"{path or 'overview'}: {shown} exception(s) shown"] if shown else []
    except Exception as error:  # a timeout or crash is a result of the load run
        first = str(error).splitlines()[0][:200] if str(error) else ""
        return [f"{path or 'overview'}: {type(error).__name__}: {first}"]
    finally:
        await context.close()


async def _session(browser: Browser, url: str, pages: dict[str, int]) -> list[str]:
    errors = []
    for path, charts in pages.items():
        errors += await _open(browser, url, path, charts)
    return errors


async def _measure(data_dir: Path, pages: dict[str, int], sessions: int) -> dict:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        start = time.perf_counter()
        process, url = start_app(data_dir)
        try:
            first = await _open(browser, url, "", pages[""])
            cold = time.perf_counter() - start
            start = time.perf_counter()
            runs = await asyncio.gather(*(_session(browser, url, pages) for _ in range(sessions)))
            load = time.perf_counter() - start
            memory = peak_memory_mb(process)
        finally:
            process.terminate()
            process.wait(timeout=30)
            await browser.close()
    errors = [e for run in runs for e in run]
    return {
        "cold_start": {"seconds": cold, "errors": first},
        "load_run": {"sessions": sessions, "seconds": load, "errors": errors},
        "server_peak_memory_mb": memory,
    }


def measure(data_dir: Path, pages: dict[str, int], sessions: int) -> dict:
    """The cold start and the load run; `pages` maps each URL path to its number of charts."""
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"{CHROMIUM} is missing: apt-get install -y chromium")
    return asyncio.run(_measure(data_dir, pages, sessions))
