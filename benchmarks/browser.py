"""The app as readers meet it: the cold start (process start to the Overview's charts drawn)
and N simultaneous browser sessions each opening every page, in Debian's Chromium. A session
opens the Overview by its URL, then every other page from the sidebar's navigation, as a
reader does (one websocket session; the app's scripts load once per reader)."""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from playwright.async_api import Browser, Page, async_playwright

from benchmarks import compile_package
from negotiation.ui.disk_cache import VARIABLE as DISK_VARIABLE
from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS, ROOT
from tests.browser.harness import start_app as serve

PAGE_TIMEOUT_MS = 180_000
# the script is done, the page's heading shows (when given) and as many charts as the page
# draws hold a canvas or svg
DRAWN = """([n, heading]) => {
  const app = document.querySelector('[data-testid=stApp]');
  const h1 = document.querySelector('h1');
  const charts = [...document.querySelectorAll('[data-testid=stVegaLiteChart]')];
  return app && app.dataset.testScriptState === 'notRunning'
    && h1 !== null && (heading === null || h1.innerText.includes(heading))
    && charts.filter(c => c.querySelector('canvas, svg')).length >= n;
}"""


FIRST_CHART = """() => [...document.querySelectorAll('[data-testid=stVegaLiteChart]')]
  .some(chart => chart.querySelector('canvas, svg'))"""
FLOOR_APP = """import altair as alt
import pandas as pd
import streamlit as st

st.title("Floor")
frame = pd.DataFrame({"x": ["a", "b", "c"], "y": [1, 3, 2]})
st.altair_chart(alt.Chart(frame).mark_bar().encode(x="x:N", y="y:Q"))
"""
"""The floor of the first visit: a minimal Streamlit app drawing one Altair chart."""


def start_app(data_dir: Path) -> tuple[subprocess.Popen, str]:
    """`streamlit run dashboard.py` headless on a free port over `data_dir`; once healthy."""
    return serve({"NEGOTIATION_DATA_DIR": str(data_dir)}, timeout=120)


def cpu_seconds(pid: int | None = None) -> float:
    """CPU time (user + system) of a process so far, or of the whole machine when None."""
    tick = os.sysconf("SC_CLK_TCK")
    if pid is None:
        fields = [int(f) for f in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        return (sum(fields) - fields[3] - fields[4]) / tick  # all but idle and iowait
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / tick  # utime, stime


def _busy(pid: int, seconds: float = 0.5) -> bool:
    """Whether a process used more than a tenth of a core over the next `seconds`."""
    before = cpu_seconds(pid)
    time.sleep(seconds)
    return cpu_seconds(pid) - before > seconds / 10


def peak_memory_mb(process: subprocess.Popen) -> float:
    """A running process's peak resident memory (VmHWM), in MB."""
    status = Path(f"/proc/{process.pid}/status").read_text()
    line = next(line for line in status.splitlines() if line.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


async def _drawn(page: Page, path: str, charts: int, heading: str | None) -> list[str]:
    """Wait until the page shows its charts; the errors seen (exceptions shown, timeouts)."""
    name = path or "overview"
    try:
        await page.wait_for_function(
            DRAWN, arg=[charts, heading], timeout=PAGE_TIMEOUT_MS, polling=100
        )
        shown = await page.get_by_test_id("stException").count()
        return [f"{name}: {shown} exception(s) shown"] if shown else []
    except Exception as error:  # a timeout or crash is a result of the load run
        first = str(error).splitlines()[0][:200] if str(error) else ""
        return [f"{name}: {type(error).__name__}: {first}"]


async def _session(browser: Browser, url: str, pages: dict[str, int]) -> list[str]:
    """One reader: the Overview by URL, then every other page from the navigation."""
    context = await browser.new_context(viewport={"width": 1440, "height": 1000})
    page = await context.new_page()
    try:
        # "commit": the wait for every chart is the real measure; on a loaded machine the
        # default 30 s "load" wait failed before the app had a chance to answer
        await page.goto(url, timeout=PAGE_TIMEOUT_MS, wait_until="commit")
        errors = await _drawn(page, "", pages[""], None)
        for path, charts in pages.items():
            if path:
                link = page.locator(f"[data-testid=stSidebarNavLink][href$='/{path}']")
                # the link reads "<icon name>\n\n<title>"; the page's heading is its title
                heading = (await link.inner_text(timeout=PAGE_TIMEOUT_MS)).split("\n")[-1]
                await link.click(timeout=PAGE_TIMEOUT_MS)
                errors += await _drawn(page, path, charts, heading)
        return errors
    except Exception as error:
        return [f"session: {type(error).__name__}: {str(error).splitlines()[0][:200]}"]
    finally:
        await context.close()


async def _measure(data_dir: Path, pages: dict[str, int], sessions: int) -> dict:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        start = time.perf_counter()
        process, url = start_app(data_dir)
        try:
            first = await _session(browser, url, {"": pages[""]})
            cold = time.perf_counter() - start
            start = time.perf_counter()
            server, machine = cpu_seconds(process.pid), cpu_seconds()
            runs = await asyncio.gather(*(_session(browser, url, pages) for _ in range(sessions)))
            load = time.perf_counter() - start
            server, machine = cpu_seconds(process.pid) - server, cpu_seconds() - machine
            memory = peak_memory_mb(process)
        finally:
            process.terminate()
            process.wait(timeout=30)
            await browser.close()
    errors = [e for run in runs for e in run]
    return {
        "cold_start": {"seconds": cold, "errors": first},
        # where the machine's CPU went meanwhile: the app's server, or the readers' browsers
        "load_run": {
            "sessions": sessions,
            "seconds": load,
            "errors": errors,
            "server_cpu_seconds": server,
            "machine_cpu_seconds": machine,
        },
        "server_peak_memory_mb": memory,
    }


async def _first_chart_wait(
    browser: Browser, script: Path, env: dict[str, str], settle: bool = False
) -> float:
    """A fresh server of `script`, and a reader who opens it as soon as its health check
    answers: the seconds until the first chart is drawn. `settle`: stop the server only once
    it is idle, so that it has written its disk cache for the next start."""
    process, url = serve(env, timeout=120, script=script)
    context = await browser.new_context(viewport={"width": 1440, "height": 1000})
    try:
        page = await context.new_page()
        start = time.perf_counter()
        await page.goto(url, timeout=PAGE_TIMEOUT_MS, wait_until="commit")
        await page.wait_for_function(FIRST_CHART, timeout=PAGE_TIMEOUT_MS, polling=50)
        seconds = time.perf_counter() - start
        while settle and _busy(process.pid):
            pass
        return seconds
    finally:
        await context.close()
        process.terminate()
        process.wait(timeout=30)


async def _first_visit(data_dir: Path, reps: int) -> dict:
    """The first reader's wait for the Overview's first chart after a server start, beside the
    same wait on FLOOR_APP, each a fresh server, alternated; medians of `reps` each (the
    package byte-compiled first: `compile_package`). Each rep starts the dashboard twice: its
    first start over an empty disk cache (`cold_*`), then a restart that reads back what the
    first start kept there (`seconds`, `ratio`)."""
    compile_package()
    cold: list[float] = []
    restart: list[float] = []
    bare: list[float] = []
    dashboard = ROOT / "dashboard.py"
    # the floor's script and each rep's disk cache in folders of their own, not beside the data
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            with tempfile.TemporaryDirectory(prefix="first-visit-floor-") as scripts:
                floor = Path(scripts) / "floor.py"
                floor.write_text(FLOOR_APP, encoding="utf-8")
                for _ in range(reps):
                    with tempfile.TemporaryDirectory() as disk:
                        env = {"NEGOTIATION_DATA_DIR": str(data_dir), DISK_VARIABLE: disk}
                        cold.append(await _first_chart_wait(browser, dashboard, env, settle=True))
                        restart.append(await _first_chart_wait(browser, dashboard, env))
                    bare.append(await _first_chart_wait(browser, floor, {}))
        finally:
            await browser.close()
    base = statistics.median(bare)
    seconds, first = statistics.median(restart), statistics.median(cold)
    return {
        "seconds": seconds,
        "floor": base,
        "ratio": seconds / base,
        "cold_seconds": first,
        "cold_ratio": first / base,
    }


def first_visit(data_dir: Path, reps: int) -> dict:
    """The first visit after a server start, beside a minimal app's (see _first_visit)."""
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"{CHROMIUM} is missing: apt-get install -y chromium")
    return asyncio.run(_first_visit(data_dir, reps))


def measure(data_dir: Path, pages: dict[str, int], sessions: int) -> dict:
    """The cold start and the load run; `pages` maps each URL path to its number of charts."""
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"{CHROMIUM} is missing: apt-get install -y chromium")
    return asyncio.run(_measure(data_dir, pages, sessions))
