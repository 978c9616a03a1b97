"""Measure speed, memory and load on the bundled dataset and synthetic ones, side by side.

    python -m benchmarks.run [--quick] [--sizes bundled 10x50x10 50x300x40] [--out PATH]
                             [--no-workloads]

Writes PATH (default benchmarks/RESULTS.md) and the same numbers as JSON beside it. Each
dataset is measured in its own process (benchmarks.measure) so its peak memory is its own,
then served by `streamlit run` for the cold start and the browser load run (benchmarks.browser);
then the import and backtest workloads (benchmarks.workloads), once.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import browser, generate, report
from negotiation.ui import registry

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "data" / "ukraine-2025"
FULL_SIZES = ("bundled", "10x50x10", "50x300x40")
QUICK_SIZES = ("bundled",)
BASELINE = ROOT / "benchmarks" / "baseline.json"
"""The numbers measured before the fixes, shown beside the new ones."""
FIRST_VISIT_REPS = 5
"""Fresh servers per side for the first visit (each start takes seconds)."""
FINDINGS = ROOT / "benchmarks" / "FINDINGS.md"
"""What the profiles showed, what was fixed and why the remaining misses remain (hand-written,
appended to RESULTS.md)."""


def prepare(size: str, work: Path) -> tuple[Path, str]:
    """A data folder holding just the dataset `size` (generated, or a copy of the bundled one)
    and the dataset's name."""
    root = work / size
    if size == "bundled":
        if not BUNDLED.is_dir():
            raise FileNotFoundError(f"{BUNDLED} is missing; pass --sizes without 'bundled'")
        shutil.copytree(BUNDLED, root / BUNDLED.name, dirs_exist_ok=True)
        return root, BUNDLED.name
    generate.write(root / "synthetic", generate.Size.parse(size))
    return root, "synthetic"


def measure_size(size: str, work: Path, reps: int, sessions: int) -> dict:
    """Every measurement of one dataset size."""
    root, name = prepare(size, work)
    out = work / f"{size}.json"
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "benchmarks.measure", str(root), name, str(out), str(reps)],
        cwd=ROOT,
        check=True,
        stderr=subprocess.DEVNULL,  # Streamlit's bare-mode warnings
    )
    print(f"  in process: {time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)
    start = time.perf_counter()
    result = json.loads(out.read_text(encoding="utf-8"))
    charts = {
        registry.page(page).url_path: int(value.get("charts", 0))
        for page, value in result["pages"].items()
        if page != "empty"
    }
    served = browser.measure(root, charts, sessions)
    print(f"  served: {time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)
    start = time.perf_counter()
    first = browser.first_visit(root, min(reps, FIRST_VISIT_REPS))
    print(f"  first visit: {time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)
    return result | served | {"first_visit": first}


def measure_workloads(work: Path, reps: int) -> dict:
    """The import and backtest workloads (benchmarks.workloads), in a process of their own."""
    out = work / "workloads.json"
    subprocess.run(
        [sys.executable, "-m", "benchmarks.workloads", str(out), str(reps)], cwd=ROOT, check=True
    )
    return json.loads(out.read_text(encoding="utf-8"))


def machine() -> dict:
    """What the numbers were measured on, and how busy it was."""
    return {
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average": os.getloadavg()[0],
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="one repetition, 2 sessions")
    parser.add_argument("--sizes", nargs="+", help="'bundled' and/or PxIxV (parties incl. draft)")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "RESULTS.md")
    parser.add_argument("--reps", type=int, help="repetitions per measurement (median taken)")
    parser.add_argument("--sessions", type=int, help="simultaneous browser sessions")
    parser.add_argument(
        "--baseline", type=Path, default=BASELINE, help="an earlier JSON shown as 'before'"
    )
    parser.add_argument(
        "--no-workloads", action="store_true", help="skip the import and backtest workloads"
    )
    args = parser.parse_args(argv)
    sizes = args.sizes or (QUICK_SIZES if args.quick else FULL_SIZES)
    reps = args.reps or (1 if args.quick else 5)
    sessions = args.sessions or (2 if args.quick else 10)
    results = {"machine": machine(), "quick": args.quick, "reps": reps, "sizes": {}}
    baseline = json.loads(args.baseline.read_text()) if args.baseline.is_file() else None
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="negotiation-bench-") as work:
        for size in sizes:
            print(f"measuring {size}…", file=sys.stderr, flush=True)
            results["sizes"][size] = measure_size(size, Path(work), reps, sessions)
            write(results, baseline, args.out)  # after each size: a long run leaves its part
        if not args.no_workloads:
            print("measuring the import and backtest workloads…", file=sys.stderr, flush=True)
            results["workloads"] = measure_workloads(Path(work), reps)
    results["minutes"] = (time.perf_counter() - start) / 60
    write(results, baseline, args.out)
    done = f"wrote {args.out} and {args.out.with_suffix('.json')} in {results['minutes']:.1f} min"
    print(done, file=sys.stderr)


def write(results: dict, baseline: dict | None, out: Path) -> None:
    """RESULTS.md at `out` and the JSON beside it."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.with_suffix(".json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    findings = FINDINGS.read_text(encoding="utf-8") if FINDINGS.is_file() else ""
    out.write_text(report.markdown(results, baseline) + findings, encoding="utf-8")


if __name__ == "__main__":
    main()
