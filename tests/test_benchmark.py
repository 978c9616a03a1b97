"""The benchmark runs in quick mode on a small synthetic dataset and writes its results."""

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from benchmarks import generate, measure, report, workloads
from benchmarks.generate import Size
from negotiation.charts import views
from negotiation.data.load import load_dataset

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("text", "positions", "parties", "issues"),
    [("3x4x2", 24, 2, 4), ("10x50x10", 5000, 9, 50)],
)
def test_generated_dataset_is_valid_and_sized(tmp_path, text, positions, parties, issues):
    ds = load_dataset(generate.write(tmp_path / "synthetic", Size.parse(text)))
    assert (len(ds.positions), len(ds.parties), len(ds.issues)) == (positions, parties, issues)
    assert {i.scale.kind for i in ds.issues} == {"numeric", "ordinal"}
    assert (ds.positions["status"] == "undisclosed").any()


def test_generator_is_seeded():
    size = Size.parse("3x4x2")
    assert generate.positions(size, seed=1).equals(generate.positions(size, seed=1))
    assert not generate.positions(size, seed=1).equals(generate.positions(size, seed=2))


def _numbers(tree) -> list[float]:
    if isinstance(tree, dict):
        return [n for key, value in tree.items() if key != "ratio" for n in _numbers(value)]
    return [tree] if isinstance(tree, float) else []


def test_quick_run_writes_results(tmp_path):
    out = tmp_path / "RESULTS.md"
    # its own process, as the README runs it (and clear of any event loop a browser test left)
    subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--quick", "--sizes", "3x4x2", "--sessions", "1",
         "--no-workloads", "--out", str(out)],  # the workloads: tested below, on small tables
        cwd=ROOT, check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    results = json.loads(out.with_suffix(".json").read_text())
    size = results["sizes"]["3x4x2"]
    assert results["quick"] is True and results["machine"]["cores"] >= 1
    assert size["positions"] == 24
    assert set(size) >= {"cli", "load", "pages", "charts", "analysis", "cold_start", "load_run",
                         "first_visit"}  # fmt: skip
    assert set(size["first_visit"]) == {"seconds", "floor", "ratio", "cold_seconds", "cold_ratio"}
    assert {name: set(value) for name, value in size["cli"].items()} == {
        "validate": {"seconds", "floor", "ratio"},
        "help": {"seconds", "floor", "ratio"},
    }
    assert set(size["pages"]) == {"empty", *measure.PAGES}
    assert size["load_run"] == size["load_run"] | {"sessions": 1, "errors": []}
    assert all(n > 0 for n in _numbers(size)), "every time and memory is a positive number"
    text = out.read_text()
    assert f"on {results['machine']['cores']} cores" in text and "| 3x4x2 |" in text
    assert results["minutes"] > 0
    run = size["load_run"]
    assert 0 < run["server_cpu_seconds"] <= run["machine_cpu_seconds"]
    assert f"| quick run ≤ 2 min | 3x4x2 | {results['minutes']:.1f} min |" in text
    for target in (
        "`negotiation validate` ≤ 1.5× `import pandas, yaml`",
        "`negotiation --help` ≤ 300 ms",
        "first visit after a restart ≤ 1.3× a minimal app",
    ):
        assert f"| {target} | 3x4x2 | " in text
    assert "| command line: validate (× `import pandas, yaml`) |" in text


@pytest.mark.parametrize(
    ("validate", "usage", "positions", "met"),
    [
        ((1.2, 1.0), (0.10, 0.06), 560, [True, True]),
        ((1.6, 1.0), (0.10, 0.06), 560, [False, True]),
        ((1.2, 1.0), (0.31, 0.06), 560, [True, False]),
        ((1.5, 1.0), (0.30, 0.06), 24, [True, True]),
        ((9.0, 1.0), (0.10, 0.06), 600_000, []),  # there, validate is the load, targeted apart
    ],
)
def test_command_line_start_targets(validate, usage, positions, met):
    cli = {"validate": measure.pair(*validate), "help": measure.pair(*usage)}
    found = report.cli_targets("bundled", {"cli": cli, "positions": positions})
    assert [ok for *_, ok in found] == met
    assert all(size == "bundled" for _, size, _, _ in found)


@pytest.mark.parametrize(
    ("rows_per_issue", "kept", "note"),
    [
        ([10, 20], ["i0", "i1"], ""),
        ([2500, 2500], ["i0", "i1"], ""),
        ([3000, 3000, 10], ["i0"], "Showing the first 1 of 3 issues"),
        ([1000, 3000, 1500], ["i0", "i1"], "Showing the first 2 of 3 issues"),
    ],
)
@pytest.mark.parametrize("column", ["issue", "issue_name"])  # the forecast marks carry names
def test_charts_are_capped_to_whole_issues(rows_per_issue, kept, note, column):
    frame = pd.DataFrame(
        {column: [f"i{n}" for n, count in enumerate(rows_per_issue) for _ in range(count)]}
    )
    shown, said = views.capped(frame)
    assert shown[column].unique().tolist() == kept
    assert len(shown) <= views.MAX_ROWS
    assert said.startswith(note) if note else said == ""


def test_workloads_time_the_import_and_the_backtest(monkeypatch):
    monkeypatch.setattr(workloads, "IMPORTS", {"7,000": (6, 3), "100,000": (12, 4)})
    monkeypatch.setattr(workloads, "BACKTEST", (5, 3))
    found = workloads.measure(reps=1)
    assert {size: v["positions"] for size, v in found["import"].items()} == {
        "7,000": 6 * 4,
        "100,000": 12 * 5,
    }
    assert found["backtest"]["issues"] == 5
    assert all(n > 0 for n in _numbers(found))


@pytest.mark.parametrize(
    ("small", "large", "backtest", "met"),
    [
        ((0.5, 7000), (4.0, 100_000), 0.3, [True, True, True, True]),
        ((1.2, 7000), (6.0, 100_000), 0.6, [False, False, True, False]),
        # 100,000 positions at 5 s against 0.2 s for 7,000: 1.75× per position, not linear
        ((0.2, 7000), (5.0, 100_000), 0.1, [True, True, False, True]),
    ],
)
def test_workload_targets(small, large, backtest, met):
    found = {
        "import": {
            "7,000": {"seconds": small[0], "positions": small[1]},
            "100,000": {"seconds": large[0], "positions": large[1]},
        },
        "backtest": {"seconds": backtest, "issues": 350},
    }
    assert [ok for *_, ok in report.workload_targets(found)] == met
    text = "\n".join(report.workload_lines(found))
    assert "| backtest, 350 issues × 30 parties |" in text
