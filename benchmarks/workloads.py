"""Library workloads that do not depend on a dataset size of the page runs: importing a tidy
table of real-outcome data (7,000 and 100,000 positions) and backtesting 350 issues × 30
parties, each timed in a warm process (the work beyond start-up).

Run as `python -m benchmarks.workloads OUT.json REPS` by benchmarks.run, or alone to print the
figures."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from benchmarks.generate import outcome_table
from benchmarks.measure import timed
from negotiation.analysis import backtest
from negotiation.data import importers, spreadsheet

IMPORTS = {"7,000": (350, 19), "100,000": (1000, 99)}
"""Tidy tables by their positions: issues × parties (+ one outcome row per issue)."""
BACKTEST = (350, 30)
"""Issues × parties of the backtest measured."""


def measure_import(issues: int, parties: int, reps: int) -> dict:
    """`negotiation import` of a DEU-like tidy table, in process: seconds and rows."""
    data = spreadsheet.to_csv(outcome_table(issues, parties))
    files = {"deu.csv": data}
    ds = importers.import_files(files, "deu")  # untimed: the first call imports lazy modules
    seconds = timed(lambda: importers.import_files(files, "deu"), reps)
    return {"seconds": seconds, "positions": len(ds.positions)}


def measure_backtest(reps: int) -> dict:
    """A backtest of BACKTEST issues × parties: seconds and the issues compared."""
    issues, parties = BACKTEST
    files = {"deu.csv": spreadsheet.to_csv(outcome_table(issues, parties))}
    ds = importers.import_files(files, "deu")
    result = backtest.backtest(ds)
    return {"seconds": timed(lambda: backtest.backtest(ds), reps), "issues": result.used}


def measure(reps: int) -> dict:
    """Every workload."""
    return {
        "import": {size: measure_import(*shape, reps) for size, shape in IMPORTS.items()},
        "backtest": measure_backtest(reps),
    }


def main() -> None:
    out = sys.argv[1] if len(sys.argv) > 1 else "-"
    reps = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    results = json.dumps(measure(reps), indent=1)
    if out == "-":
        print(results)
    else:
        Path(out).write_text(results, encoding="utf-8")


if __name__ == "__main__":
    main()
