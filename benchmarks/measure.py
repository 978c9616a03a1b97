"""The in-process measurements of one dataset: the command line's start against a bare
interpreter's, load, page runs against their chart floors, charts and exports against bare
vl-convert, analysis against a plain pivot, peak memory.

Run as `python -m benchmarks.measure ROOT NAME OUT.json` by benchmarks.run, one process per
size, so that peak memory belongs to that size alone.
"""

from __future__ import annotations

import json
import os
import pickle
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pyarrow as pa
import vl_convert as vlc
from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.testing.v1 import AppTest, app_test, local_script_runner

from benchmarks import compile_package
from benchmarks.report import BUDGET_SECONDS, CLI_REPS
from negotiation import ui
from negotiation.analysis import agreement, forecast, standing
from negotiation.charts import views
from negotiation.data.load import load_dataset
from negotiation.data.model import DRAFT
from negotiation.documents import export, sidebyside
from negotiation.ui import registry

ROOT = Path(__file__).resolve().parent.parent
DASHBOARD = ROOT / "dashboard.py"
PAGES = tuple(page.name for page in registry.PAGES)
EXPORT_FORMATS = ("png", "svg")
CLI = (sys.executable, "-m", "negotiation.cli")
"""The command line as `negotiation` runs it, from this checkout (`-m` from ROOT imports the
code here, not whatever the installed console script points at)."""
CLI_FLOORS = {
    "validate": (sys.executable, "-c", "import pandas, yaml"),
    "help": (sys.executable, "-c", "pass"),
}
"""Each command's floor: what `validate` cannot do without (the interpreter, pandas and
PyYAML), and for `--help` the bare interpreter."""

FLOOR_SCRIPT = """
import pickle
import streamlit as st

@st.cache_resource
def drawn(path):
    with open(path, "rb") as file:
        return pickle.load(file)

widgets, charts = drawn({path!r})
for kind, label, options, chosen in widgets:  # the sidebar, for the floor that includes it
    if kind == "selectbox":
        st.sidebar.selectbox(label, options, index=chosen[0])
    elif kind == "multiselect":
        st.sidebar.multiselect(label, options, default=[options[i] for i in chosen])
    else:
        st.sidebar.markdown(label)
for spec in charts:
    st.vega_lite_chart(dict(spec), width="content")
"""
EMPTY_SCRIPT = "import streamlit as st\n"


def timed(action: Callable[[], object], reps: int) -> float:
    """The median wall time of `action` in seconds, over `reps` runs (fewer past the budget)."""
    times: list[float] = []
    while len(times) < reps and sum(times) < BUDGET_SECONDS:
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def timed_pair(action: Callable[[], object], floor: Callable[[], object], reps: int) -> dict:
    """`action` beside its floor, their runs alternated so that both meet the machine in the
    same state (a busy moment does not land on one side only), after one untimed run of the
    floor: the first render of a spec costs vl-convert up to half as much again, and with one
    timed pair of a slow render it fell on whichever side ran first."""
    own: list[float] = []
    bare: list[float] = []
    floor()
    while len(own) < reps and sum(own) + sum(bare) < 2 * BUDGET_SECONDS:
        for times, step in ((own, action), (bare, floor)):
            start = time.perf_counter()
            step()
            times.append(time.perf_counter() - start)
    return pair(statistics.median(own), statistics.median(bare))


def pair(value: float, floor: float) -> dict[str, float]:
    """A measurement beside its floor, with their ratio."""
    return {"seconds": value, "floor": floor, "ratio": value / floor if floor else float("nan")}


def measure_load(folder: Path, reps: int) -> dict[str, float]:
    """Load + validate against a bare read_csv of the same positions file."""
    return timed_pair(
        lambda: load_dataset(folder), lambda: pd.read_csv(folder / "positions.csv"), reps
    )


def _run(argv: tuple[str, ...] | list[str]) -> None:
    subprocess.run(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)


def measure_cli(folder: Path) -> dict[str, dict]:
    """The command line's start, each command in a fresh process beside its floor, their runs
    alternated: `validate FOLDER` and `--help`, the median of CLI_REPS each (no budget: the
    targets are about the median of five; the package byte-compiled first: `compile_package`)."""
    compile_package()
    commands = {"validate": [*CLI, "validate", str(folder)], "help": [*CLI, "--help"]}
    results = {}
    for name, argv in commands.items():
        own: list[float] = []
        bare: list[float] = []
        _run(CLI_FLOORS[name])  # untimed: the first start reads the files from disk
        for _ in range(CLI_REPS):
            for times, step in ((own, argv), (bare, CLI_FLOORS[name])):
                start = time.perf_counter()
                _run(step)
                times.append(time.perf_counter() - start)
        results[name] = pair(statistics.median(own), statistics.median(bare))
    return results


def serve_compiled_scripts() -> None:
    """Let every AppTest run share one bytecode cache, as `streamlit run` does: AppTest
    compiles the entry point and the page anew on every run, a cost the server pays once
    (both the pages and their floors are measured this way)."""
    shared = ScriptCache()
    app_test.ScriptCache = local_script_runner.ScriptCache = lambda: shared


def _open(page: str) -> AppTest:
    at = AppTest.from_file(str(DASHBOARD), default_timeout=600)
    at.run()
    spec = registry.page(page)
    if not spec.default:
        at.switch_page(spec.path).run()
    return at


def _chart_specs(at: AppTest) -> list[dict]:
    """Each chart the page drew as a Vega-Lite spec carrying its datasets as DataFrames."""
    specs = []
    for element in at.get("vega_lite_chart"):
        spec = json.loads(element.proto.spec)
        spec["datasets"] = {
            d.name: pa.ipc.open_stream(d.data.data).read_pandas() for d in element.proto.datasets
        }
        specs.append(spec)
    return specs


def _script_run(script: str, reps: int) -> float:
    at = AppTest.from_string(script, default_timeout=600)
    at.run()  # the cold run fills the cache; the measured runs are warm
    return timed(at.run, reps)


def _sidebar(at: AppTest) -> list[tuple]:
    """The sidebar's widgets as (kind, label, options, chosen indices), for a floor to draw."""
    sidebar = at.sidebar
    return (
        [("selectbox", w.label, list(w.options), [w.index]) for w in sidebar.get("selectbox")]
        + [("multiselect", w.label, list(w.options), w.indices) for w in sidebar.get("multiselect")]
        + [("markdown", m.value, [], []) for m in sidebar.get("markdown")]
    )


def _floor(widgets: list[tuple], specs: list[dict], path: Path, reps: int) -> float:
    path.write_bytes(pickle.dumps((widgets, specs)))
    return _script_run(FLOOR_SCRIPT.format(path=str(path)), reps)


def measure_pages(reps: int, work: Path) -> dict[str, dict]:
    """Each page's warm run against its chart floor, and against the floor that also draws the
    shared sidebar's widgets (under `with_sidebar`); the empty script's run under `empty`."""
    results: dict[str, dict] = {"empty": {"seconds": _script_run(EMPTY_SCRIPT, reps)}}
    for page in PAGES:
        at = _open(page)
        if at.exception:
            results[page] = {"error": at.exception[0].message}
            continue
        warm = timed(at.run, reps)
        specs = _chart_specs(at)
        floor = _floor([], specs, work / f"{page}.pickle", reps)
        with_sidebar = _floor(_sidebar(at), specs, work / f"{page}-sidebar.pickle", reps)
        rows = [sum(len(f) for f in spec["datasets"].values()) for spec in specs]
        results[page] = pair(warm, floor) | {
            "with_sidebar": pair(warm, with_sidebar),
            "charts": len(specs),
            "max_rows": max(rows or [0]),
        }
    return results


def _bare(spec: dict, fmt: str) -> bytes | str:
    """The bare vl-convert call for a spec, as export.FORMATS makes it."""
    if fmt == "png":
        return vlc.vegalite_to_png(spec, vl_version=export.VL_VERSION, scale=export.PNG_SCALE)
    return vlc.vegalite_to_svg(spec, vl_version=export.VL_VERSION)


def _chart(name: str, ds, sel: views.Selection, reps: int) -> dict:
    chart = views.build(name, ds, sel)
    if chart is None:
        return {"error": "no data"}
    spec = chart.to_dict()
    # the dashboard keeps the drawn spec (datasets as DataFrames) and its export context
    drawn = spec | {"datasets": {k: pd.DataFrame(v) for k, v in spec.get("datasets", {}).items()}}
    context = export.context(ds, sel, name)

    def click(fmt: str) -> bytes:
        return export.chart_bytes(export.titled(ui.as_json(drawn), name, context.lines()), fmt)

    out = {
        "build": timed(lambda: views.build(name, ds, sel).to_dict(), reps),
        "rows": sum(len(v) for v in spec.get("datasets", {}).values()),
    }
    titled = export.with_context(spec, ds, sel, name)
    for fmt in EXPORT_FORMATS:
        # what a click on a download button does: rows back to JSON, title, render
        out[fmt] = timed_pair(lambda: click(fmt), lambda: _bare(titled, fmt), reps)  # noqa: B023
    return out


def measure_charts(ds, reps: int) -> dict[str, dict]:
    """Each view: building its spec (`to_dict()`), and exporting it against bare vl-convert."""
    sel = views.Selection.default(ds)
    results: dict[str, dict] = {}
    for name in views.VIEWS:
        try:
            results[name] = _chart(name, ds, sel, reps)
        except Exception as error:  # a failing chart is a result to report, not a crash
            results[name] = {"error": f"{type(error).__name__}: {error}"[:300]}
    return results


def measure_analysis(ds, reps: int) -> dict[str, dict]:
    """The analysis functions against a plain pandas pivot of the same version."""
    sel = views.Selection.default(ds)
    rows = ds.positions

    def pivot() -> pd.DataFrame:
        one = rows[rows["version"] == sel.version]
        return one.pivot_table(index="issue", columns="party", values="norm")

    floor = timed(pivot, reps)
    columns, first_page = sidebyside.default_versions(ds), sidebyside.pages(ds, sel.issues)[0]
    steps = {
        "agreement_matrix": lambda: agreement.agreement_matrix(
            ds, sel.version, [DRAFT, *sel.parties], sel.issues
        ),
        "version_diff": lambda: agreement.version_diff(
            ds, sel.old, sel.new, sel.parties, sel.issues
        ),
        "forecast": lambda: forecast.forecasts(ds, sel.version, sel.parties, sel.issues),
        # the Side by side page's first view (every version with a known text, its first page
        # of issues), and the table its downloads build (every issue)
        "sidebyside_page": lambda: sidebyside.build(ds, columns, sel.parties, first_page),
        "sidebyside_all": lambda: sidebyside.build(ds, columns, sel.parties, sel.issues),
    }
    return {name: pair(timed(step, reps), floor) for name, step in steps.items()}


def peak_memory_mb() -> float:
    """This process's peak resident memory so far, in MB (ru_maxrss is KB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(root: Path, name: str, reps: int) -> dict:
    """Every in-process measurement of the dataset `root/name`."""
    os.environ["NEGOTIATION_DATA_DIR"] = str(root)
    serve_compiled_scripts()
    folder = root / name
    result: dict = {"cli": measure_cli(folder), "load": measure_load(folder, reps)}
    ds = standing.as_of(load_dataset(folder))  # as the pages read it: standing positions
    result["positions"] = len(ds.positions)
    result["analysis"] = measure_analysis(ds, reps)
    result["charts"] = measure_charts(ds, reps)
    with tempfile.TemporaryDirectory() as work:
        result["pages"] = measure_pages(reps, Path(work))
    result["peak_memory_mb"] = peak_memory_mb()
    return result


def main() -> None:
    root, name, out, reps = sys.argv[1:5]
    Path(out).write_text(json.dumps(measure(Path(root), name, int(reps))), encoding="utf-8")


if __name__ == "__main__":
    main()
