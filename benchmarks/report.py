"""RESULTS.md from the benchmark's JSON: every measurement side by side, then the targets."""

from __future__ import annotations

PAGE_TARGET_RATIO = 1.5
PAGE_TARGET_SECONDS = 0.150
LARGE_PAGE_SECONDS = 0.2
"""Every page's warm run at 600,000 positions, standing positions on."""
LOAD_TARGET_RATIO = 3.0
EXPORT_TARGET_RATIO = 1.3
MAX_ROWS = 5000
MEMORY_MB = 1024
BUDGET_SECONDS = 3.0
"""Repetitions stop early once one measurement has taken this long in all: a median of fewer
runs of a slow step (a 15 s PNG at 600,000 positions) says enough, and keeps the whole
benchmark under ten minutes."""
CLI_VALIDATE_RATIO = 1.5
CLI_HELP_SECONDS = 0.3
CLI_START_POSITIONS = 1_000
"""The command line's start targets hold for datasets up to this size (the bundled one has
560 positions): past it, `validate` is the loading it does, which the load target covers."""
FIRST_VISIT_RATIO = 1.3
"""The first reader after a server start waits at most this many times as long for the
Overview's first chart as for a minimal app's one Altair chart: a restart, which reads the
warm-up's results back from the disk cache; the first start of all is reported beside it."""
FIRST_VISIT_LARGE_RATIO = 1.5
"""The same at 600,000 positions, where the warm-up loads and takes the standing positions of
the whole table first."""
CLI_REPS = 5
"""Runs of each command and its floor (alternated; the median taken), in quick mode too."""
IMPORT_SECONDS = {"7,000": 1.0, "100,000": 5.0}
"""A tidy table's import, in a warm process: 7,000 positions well under a second, 100,000 in
a few seconds."""
LINEAR_RATIO = 1.5
"""Import time per position at 100,000 positions, at most this many times that at 7,000:
import grows linearly with rows."""
BACKTEST_SECONDS = 0.5
"""A backtest of 350 issues × 30 parties: well under a second."""
RUN_MINUTES = {False: 10, True: 2}
"""The whole benchmark's time by hand: the full run, and quick mode."""


def _cell(value: dict | None) -> str:
    """'0.123 s (1.4×)' for a measurement beside its floor, the error when it failed."""
    if not value:
        return "—"
    if "error" in value:
        return f"error: {value['error'][:60]}"
    ratio = value.get("ratio")
    return f"{value['seconds']:.3f} s" + (f" ({ratio:.2f}×)" if ratio == ratio and ratio else "")


def first_start(visit: dict | None) -> dict | None:
    """The first visit after a server's first start (its disk cache empty), as a cell."""
    if not visit or "cold_seconds" not in visit:
        return None
    return {"seconds": visit["cold_seconds"], "ratio": visit["cold_ratio"]}


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def _rows(sizes: dict) -> list[list[str]]:
    """One row per measurement, one column per size."""
    first = next(iter(sizes.values()))
    rows = [["positions", *(f"{s['positions']:,}" for s in sizes.values())]]
    rows.append(
        ["command line: validate (× `import pandas, yaml`)"]
        + [_cell(s.get("cli", {}).get("validate")) for s in sizes.values()]
    )
    rows.append(
        ["command line: --help (× bare interpreter)"]
        + [_cell(s.get("cli", {}).get("help")) for s in sizes.values()]
    )
    rows.append(["load + validate (× read_csv)", *(_cell(s["load"]) for s in sizes.values())])
    rows.append(
        ["first visit: Overview's first chart after a restart (× minimal Altair app)"]
        + [_cell(s.get("first_visit")) for s in sizes.values()]
    )
    rows.append(
        ["first visit after the first start, nothing on disk yet (× minimal Altair app)"]
        + [_cell(first_start(s.get("first_visit"))) for s in sizes.values()]
    )
    rows.append(["empty page run", *(_cell(s["pages"]["empty"]) for s in sizes.values())])
    for page in (p for p in first["pages"] if p != "empty"):
        cells = [_cell(s["pages"].get(page)) for s in sizes.values()]
        rows.append([f"page {page}, warm (× chart floor)", *cells])
        rows.append(
            [f"page {page}, warm (× chart floor + sidebar widgets)"]
            + [_cell(s["pages"].get(page, {}).get("with_sidebar")) for s in sizes.values()]
        )
        rows.append(
            [f"page {page}, most rows in a chart"]
            + [str(s["pages"].get(page, {}).get("max_rows", "—")) for s in sizes.values()]
        )
    rows.append(["cold start to Overview drawn", *(_cell(s["cold_start"]) for s in sizes.values())])
    for name in first["charts"]:
        charts = [s["charts"].get(name, {}) for s in sizes.values()]
        rows.append(
            [f"chart {name}: to_dict()"]
            + [_cell({"seconds": c["build"]} if "build" in c else c) for c in charts]
        )
        for fmt in ("png", "svg"):
            rows.append(
                [f"chart {name}: {fmt} (× bare vl-convert)"]
                + [_cell(c.get(fmt, c)) for c in charts]
            )
    for name in first["analysis"]:
        rows.append(
            [f"analysis {name} (× pivot)", *(_cell(s["analysis"][name]) for s in sizes.values())]
        )
    rows.append(
        ["peak memory, measuring process"]
        + [f"{s['peak_memory_mb']:.0f} MB" for s in sizes.values()]
    )
    rows.append(
        ["peak memory, server under load"]
        + [f"{s['server_peak_memory_mb']:.0f} MB" for s in sizes.values()]
    )
    rows.append(
        ["load run: sessions × every page, until all charts drawn"]
        + [
            f"{s['load_run']['sessions']} sessions, {s['load_run']['seconds']:.1f} s"
            for s in sizes.values()
        ]
    )
    rows.append(["load run: errors"] + [str(len(s["load_run"]["errors"])) for s in sizes.values()])
    rows.append(
        ["load run: CPU of the server / of the machine"] + [_cpu(s) for s in sizes.values()]
    )
    return rows


def _cpu(size: dict) -> str:
    """'35 s of 402 s (9%)': the server's share of the CPU the machine spent in the load run
    (the rest went to the readers' browsers, on the same cores)."""
    run = size["load_run"]
    if "server_cpu_seconds" not in run:
        return "—"
    server, machine = run["server_cpu_seconds"], run["machine_cpu_seconds"]
    return f"{server:.0f} s of {machine:.0f} s ({server / machine:.0%})" if machine else "—"


def targets(sizes: dict) -> list[tuple[str, str, str, bool]]:
    """Each target as (target, size, measured, met)."""
    out = []
    for size, s in sizes.items():
        pages = {p: v for p, v in s["pages"].items() if p != "empty"}
        if size == "bundled":
            for page, v in pages.items():
                met = "error" not in v and v["ratio"] <= PAGE_TARGET_RATIO
                met = met and v["seconds"] <= PAGE_TARGET_SECONDS
                target = f"page {page} ≤ {PAGE_TARGET_RATIO}× floor and ≤ 150 ms"
                out.append((target, size, _cell(v), met))
        out += cli_targets(size, s)
        if "first_visit" in s:
            visit = s["first_visit"]
            most = FIRST_VISIT_LARGE_RATIO if s["positions"] >= 600_000 else FIRST_VISIT_RATIO
            out.append((f"first visit after a restart ≤ {most}× a minimal app", size, _cell(visit),
                        visit["ratio"] <= most))  # fmt: skip
        if s["positions"] >= 600_000:
            load = s["load"]
            out.append((f"load ≤ {LOAD_TARGET_RATIO}× read_csv", size, _cell(load),
                        load["ratio"] <= LOAD_TARGET_RATIO))  # fmt: skip
            within = f"{LARGE_PAGE_SECONDS * 1000:.0f} ms"
            for page, v in pages.items():
                out.append((f"page {page} ≤ {within} warm", size, _cell(v),
                            "error" not in v and v["seconds"] <= LARGE_PAGE_SECONDS))  # fmt: skip
            rows = max([v.get("max_rows", 0) for v in pages.values()]
                       + [c.get("rows", 0) for c in s["charts"].values()])  # fmt: skip
            out.append((f"no chart sends > {MAX_ROWS:,} rows", size, f"{rows:,}", rows <= MAX_ROWS))
            # the app's process: the server after ten sessions opened every page (the measuring
            # process also holds the AppTest sessions, repeated loads and every chart's export)
            memory = s["server_peak_memory_mb"]
            out.append(("peak memory of the app ≤ 1 GB", size, f"{memory:.0f} MB",
                        memory <= MEMORY_MB))  # fmt: skip
        for name, chart in s["charts"].items():
            for fmt in ("png", "svg"):
                if fmt in chart:
                    ok = chart[fmt]["ratio"] <= EXPORT_TARGET_RATIO
                    target = f"export {name} {fmt} ≤ {EXPORT_TARGET_RATIO}× vl-convert"
                    out.append((target, size, _cell(chart[fmt]), ok))
        errors = len(s["load_run"]["errors"]) + len(s["cold_start"]["errors"])
        sessions = s["load_run"]["sessions"]
        out.append((f"{sessions} sessions: zero errors", size, str(errors), errors == 0))
    return out


def cli_targets(size: str, s: dict) -> list[tuple[str, str, str, bool]]:
    """The command line's start: `validate` beside `python -c "import pandas, yaml"`, and
    `--help` in absolute time, on datasets small enough for the start to be what is measured."""
    cli = s.get("cli")
    if not cli or s["positions"] > CLI_START_POSITIONS:
        return []
    validate, usage = cli["validate"], cli["help"]
    return [
        (f"`negotiation validate` ≤ {CLI_VALIDATE_RATIO}× `import pandas, yaml`", size,
         _cell(validate), validate["ratio"] <= CLI_VALIDATE_RATIO),
        (f"`negotiation --help` ≤ {CLI_HELP_SECONDS * 1000:.0f} ms", size,
         _cell(usage), usage["seconds"] <= CLI_HELP_SECONDS),
    ]  # fmt: skip


def workload_targets(workloads: dict) -> list[tuple[str, str, str, bool]]:
    """The import and backtest workloads against their targets."""
    out = []
    imports = workloads["import"]
    for size, limit in IMPORT_SECONDS.items():
        took = imports[size]["seconds"]
        out.append((f"import a tidy table of {size} positions ≤ {limit:g} s", "workloads",
                    f"{took:.3f} s", took <= limit))  # fmt: skip
    small, large = (imports[s]["seconds"] / imports[s]["positions"] for s in IMPORT_SECONDS)
    ratio = large / small
    out.append((f"import per position at 100,000 ≤ {LINEAR_RATIO}× at 7,000 (linear)",
                "workloads", f"{ratio:.2f}×", ratio <= LINEAR_RATIO))  # fmt: skip
    took = workloads["backtest"]["seconds"]
    out.append((f"backtest of 350 issues × 30 parties ≤ {BACKTEST_SECONDS:g} s", "workloads",
                f"{took:.3f} s", took <= BACKTEST_SECONDS))  # fmt: skip
    return out


def workload_lines(workloads: dict) -> list[str]:
    """The workloads' table for RESULTS.md."""
    rows = [
        [f"import a DEU-like tidy table, {size} positions (in process)", f"{v['seconds']:.3f} s"]
        for size, v in workloads["import"].items()
    ]
    backtest = workloads["backtest"]
    rows.append(
        [f"backtest, {backtest['issues']} issues × 30 parties", f"{backtest['seconds']:.3f} s"]
    )
    return ["## Import and backtest workloads", "", *_table(["workload", "time"], rows), ""]


def _run_time(results: dict) -> list[tuple[str, str, str, bool]]:
    """The whole run against its time limit, once it has finished."""
    if "minutes" not in results:
        return []
    limit = RUN_MINUTES[results["quick"]]
    mode = "quick run" if results["quick"] else "full run"
    minutes = results["minutes"]
    return [(f"{mode} ≤ {limit} min", ", ".join(results["sizes"]), f"{minutes:.1f} min",
             minutes <= limit)]  # fmt: skip


def _before_after(results: dict, baseline: dict) -> list[str]:
    rows = []
    for size, now in results["sizes"].items():
        then = baseline["sizes"].get(size, {})
        for command in ("validate", "help"):
            if command in now.get("cli", {}):
                before = _cell(then.get("cli", {}).get(command))
                rows.append([size, f"command line: {command}", before, _cell(now["cli"][command])])
        rows.append([size, "load + validate", _cell(then.get("load")), _cell(now["load"])])
        for page, value in now["pages"].items():
            before = _cell(then.get("pages", {}).get(page))
            rows.append([size, f"page {page}", before, _cell(value)])
        memory = then.get("peak_memory_mb")
        rows.append([size, "peak memory", f"{memory:.0f} MB" if memory else "—",
                     f"{now['peak_memory_mb']:.0f} MB"])  # fmt: skip
    return [
        "## Before and after the fixes",
        "",
        baseline.get("note", ""),
        "",
        *_table(["size", "measure", "before", "after"], rows),
        "",
    ]


def markdown(results: dict, baseline: dict | None = None) -> str:
    """The whole RESULTS.md."""
    m = results["machine"]
    sizes = results["sizes"]
    workloads = results.get("workloads")
    met = targets(sizes) + (workload_targets(workloads) if workloads else []) + _run_time(results)
    lines = [
        "# Benchmark results",
        "",
        f"Measured {m['date']} on {m['cores']} cores ({m['platform']}, Python {m['python']}), "
        f"load average {m['load_average']:.1f} at the start; "
        f"{'quick mode, ' if results['quick'] else ''}median of up to {results['reps']} "
        f"repetitions each (fewer once a measurement has taken {BUDGET_SECONDS:g} s). Ratios are "
        "to each "
        "measurement's floor (see benchmarks/README.md)."
        + (f" The whole run took {results['minutes']:.1f} min." if "minutes" in results else ""),
        "",
        "## Measurements",
        "",
        *_table(["measure", *sizes], _rows(sizes)),
        "",
        *(workload_lines(workloads) if workloads else []),
        f"## Targets: {sum(t[3] for t in met)} of {len(met)} met",
        "",
        *_table(
            ["target", "size", "measured", "met"],
            [[t, s, v, "yes" if ok else "**no**"] for t, s, v, ok in met],
        ),
        "",
    ]
    errors = [(size, e) for size, s in sizes.items() for e in s["load_run"]["errors"]]
    if errors:
        lines += ["## Load-run errors", "", *(f"- {size}: {e}" for size, e in errors[:30]), ""]
    if baseline:
        lines += _before_after(results, baseline)
    return "\n".join(lines)
