"""The `negotiation` command line.

Each command imports what it needs when it runs: pandas alone costs more than `--help` may
take, and altair, vl-convert, reportlab and openpyxl serve one or two commands each. The
parser names each registry's choices (`_Names`) without importing the module that holds it.

About 400 lines: a short function per command, and the parser that documents every command's
options in one place (`build_parser`, a third of the file); splitting the parser from the
commands would put each option's help far from the code that reads it."""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from negotiation.data.problems import DatasetError

if TYPE_CHECKING:
    from negotiation.data.model import Dataset


class _Names:
    """The keys of a registry dict in another module, read when argparse first asks for them
    (to check a value or to show the choices), so building the parser imports nothing."""

    def __init__(self, module: str, registry: str, first: Sequence[str] = ()):
        self.module, self.registry, self.first = module, registry, tuple(first)

    def names(self) -> list[str]:
        return [*self.first, *getattr(importlib.import_module(self.module), self.registry)]

    def __iter__(self) -> Iterator[str]:
        return iter(self.names())

    def __contains__(self, name: object) -> bool:
        return name in self.names()

    def __str__(self) -> str:
        return ", ".join(self.names())


class CommandError(Exception):
    """A user error the CLI reports in one line and exit status 1."""


def cmd_validate(args: argparse.Namespace) -> int:
    from negotiation.data.load import load_dataset

    ds = load_dataset(args.path)
    known = int(ds.positions["norm"].notna().sum())
    print(
        f"{args.path}: valid. {len(ds.parties)} parties, {len(ds.issues)} issues, "
        f"{len(ds.versions)} versions, {len(ds.sources)} sources, "
        f"{len(ds.positions)} positions ({known} with a known value)."
    )
    if ds.notes:
        print(f"{len(ds.notes)} note(s), on what the dataset leaves to defaults or should add:")
        for note in ds.notes:
            print(f"  {note}")
    return 0


def _load(args: argparse.Namespace) -> Dataset:
    """The dataset at args.path as --positions reads it: standing positions by default."""
    from negotiation.analysis import standing
    from negotiation.data.load import load_dataset

    return standing.as_of(load_dataset(args.path), args.positions)


def cmd_table(args: argparse.Namespace) -> int:
    from negotiation.data import exchange, spreadsheet, table
    from negotiation.data.load import load_dataset

    if args.version:  # the positions at one version, standing by default, with their origin
        ds = _load(args)
        if args.version not in ds.version_ids:
            valid = ", ".join(ds.version_ids)
            raise CommandError(f"no version '{args.version}'; valid: {valid}")
        frame = table.tidy(ds, [args.version])
    else:  # the dataset's own rows, with everything a lossless import needs
        ds = load_dataset(args.path)
        frame = exchange.positions_table(ds)
    sources = exchange.sources_table(ds)
    beside = {"sources": sources}
    if ds.provisions is not None and not args.version:
        beside["provisions"] = ds.provisions
    if args.format == "xlsx":
        if args.output is None:
            raise CommandError("xlsx output needs a file: add -o FILE.xlsx")
        data = spreadsheet.to_xlsx({"positions": frame, **beside})
    else:
        data = spreadsheet.to_csv(frame)
    if args.output is None:
        sys.stdout.write(data.decode("utf-8"))
        if args.format == "csv":
            print(f"The {' and '.join(beside)} tables are written only with -o FILE (beside "
                  "it).", file=sys.stderr)  # fmt: skip
        return 0
    output = Path(args.output)
    output.write_bytes(data)
    print(f"Wrote {len(frame)} rows to {output}", file=sys.stderr)
    if args.format == "csv":
        paths = {"sources": exchange.sources_path, "provisions": exchange.provisions_path}
        for kind, rows in beside.items():
            paths[kind](output).write_bytes(spreadsheet.to_csv(rows))
            print(f"Wrote {len(rows)} {kind} to {paths[kind](output)}", file=sys.stderr)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from negotiation.data import importers, store
    from negotiation.data.load import resolve_dataset

    output = Path(args.output)
    try:
        resolve_dataset(output.parent, output.name)
        levels = importers.parse_levels(args.levels)
    except ValueError as error:
        raise CommandError(str(error)) from None
    paths = [Path(p) for p in args.sources]
    for beside in importers.tables_beside(paths):
        print(f"Reading the table beside it: {beside}", file=sys.stderr)
        paths.append(beside)
    files = importers.read_paths(paths)
    ds = importers.import_files(files, output.name, args.format, levels)
    store.save(ds, output, overwrite=args.force)
    print(
        f"Imported {len(ds.parties)} parties, {len(ds.issues)} issues, {len(ds.versions)} "
        f"versions and {len(ds.positions)} positions into {output}",
        file=sys.stderr,
    )
    return 0


def cmd_forecast(args: argparse.Namespace) -> int:
    import json

    from negotiation.analysis import forecast
    from negotiation.data import spreadsheet

    ds = _load(args)
    version = args.version or forecast.default_version(ds)
    if version not in ds.version_ids:
        raise CommandError(f"no version '{version}'; valid: {', '.join(ds.version_ids)}")
    if version != ds.version_ids[-1] and not args.version:
        latest = ds.version(ds.version_ids[-1]).name
        print(f"{latest} holds no party's position; forecasting from {version}.", file=sys.stderr)
    frame = forecast.forecasts(ds, version)
    defaults = forecast.defaults_note(ds, forecast.inputs(ds, version))
    if args.format == "json":
        issues = json.loads(frame.to_json(orient="records"))
        print(json.dumps({"version": version, "defaults": defaults, "issues": issues}, indent=2))
    elif args.format == "csv":
        sys.stdout.write(spreadsheet.to_csv(frame).decode("utf-8"))
    else:
        print(f"Forecast for {ds.version(version).name} ({ds.title})")
        labels = {k: v for k, v in forecast.FORECASTS_LABELS.items() if k != "issue_name"}
        for row in frame.to_dict("records"):
            # a block per issue: level labels are sentences, too long for a table's columns
            print(f"\n{row['issue_name']}")
            for column, label in labels.items():
                if row[column] or column == "known":
                    print(f"  {label}: {row[column]}")
    if defaults and args.format != "json":  # CSV keeps standard output machine-readable
        print(f"\n{defaults}", file=sys.stdout if args.format == "table" else sys.stderr)
    return 0


def cmd_backtest(args: argparse.Namespace) -> int:
    import json

    from negotiation.analysis import backtest
    from negotiation.data import spreadsheet

    ds = _load(args)
    try:
        result = backtest.backtest(ds, args.start, args.final)
    except ValueError as error:
        raise CommandError(str(error)) from None
    if args.format == "json":
        tables = {
            name: json.loads(backtest.rounded(getattr(result, name)).to_json(orient="records"))
            for name in ("models", "issues", "skipped")
        }
        head = {"from": result.start, "to": result.final, "used": result.used}
        extra = {"defaults": result.defaults, "verdicts": result.verdicts()}
        print(json.dumps(head | extra | tables, indent=2))
    elif args.format == "csv":  # the rows per issue; the summary in words to standard error
        sys.stdout.write(spreadsheet.to_csv(backtest.rounded(result.issues)).decode("utf-8"))
        print("\n".join(backtest.summary_lines(ds, result)), file=sys.stderr)
    else:
        lines = backtest.summary_lines(ds, result)
        print(
            "\n".join(
                [*lines, "", "Per issue (forecast -> outcome):", *backtest.issue_lines(result)]
            )
        )
    return 0


def _names(text: str | None, every: list[str]) -> list[str]:
    """A comma-separated choice, or every name when none is given."""
    return [n.strip() for n in text.split(",") if n.strip()] if text else every


def cmd_export(args: argparse.Namespace) -> int:
    from rich.progress import Progress

    from negotiation.charts import views
    from negotiation.documents import export

    if args.list:
        for name, view in views.VIEWS.items():
            scope = "one file per version" if view.per_version else "one file, all versions"
            print(f"{name:<16} {view.title} ({scope})")
        return 0
    if args.path is None or args.output is None:
        raise CommandError("export needs a dataset folder and -o DIR (or --list)")
    ds = _load(args)
    charts = _names(args.charts, list(views.VIEWS))
    versions = _names(args.versions, ds.version_ids)
    formats = _names(args.format, list(export.FORMATS))
    try:
        export.check(ds, charts, versions, formats, [args.issue] if args.issue else [])
    except ValueError as error:
        raise CommandError(str(error)) from None
    sel = views.Selection.default(ds)
    if args.issue:
        sel = dataclasses.replace(sel, issue=args.issue)
    folder = Path(args.output)
    folder.mkdir(parents=True, exist_ok=True)
    files = export.export_all(ds, sel, charts, versions, formats)
    written, empty = 0, []
    # the bar goes to standard error on a terminal only, so logs and pipes stay clean
    with Progress(disable=args.quiet or not sys.stderr.isatty(), transient=True) as progress:
        task = progress.add_task("Exporting", total=export.count(charts, versions, formats))
        for name, data in files:
            if data is None:
                empty.append(name)
            else:
                (folder / name).write_bytes(data)
                written += 1
            progress.update(task, advance=1, description=name)
    if not args.quiet:
        print(f"Wrote {written} files to {folder}", file=sys.stderr)
        if empty:
            print(f"Nothing to show, not written: {', '.join(empty)}", file=sys.stderr)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    import dataclasses

    from negotiation.charts import views
    from negotiation.documents import briefing, export, report

    ds = _load(args)
    default = views.Selection.default(ds)
    old, new = args.old or default.old, args.new or default.new
    try:
        export.check(ds, [], [old, new], [])
    except ValueError as error:
        raise CommandError(str(error)) from None
    sel = dataclasses.replace(default, old=old, new=new)
    Path(args.output).write_bytes(report.render(briefing.build(ds, sel), args.format))
    print(f"Wrote the {old} to {new} briefing to {args.output}", file=sys.stderr)
    return 0


def cmd_sidebyside(args: argparse.Namespace) -> int:
    from negotiation.documents import sidebyside

    output = Path(args.output)
    fmt = args.format or output.suffix.lstrip(".").lower()
    if fmt not in sidebyside.FORMATS:
        valid = ", ".join(sidebyside.FORMATS)
        raise CommandError(f"unknown format '{fmt}'; valid: {valid} (--format, or -o's extension)")
    ds = _load(args)
    versions = _names(args.versions, sidebyside.default_versions(ds))
    mode = args.mode or sidebyside.default_mode(ds, versions)
    if mode == sidebyside.TEXT and (args.parties is not None or args.forecast):
        raise CommandError("--parties and --forecast are columns of --mode positions only")
    parties = _names(args.parties, ds.party_ids)
    try:
        against = [pair.split("=", 1) for pair in _names(args.against, [])]
        if any(len(pair) != 2 for pair in against):
            raise ValueError("--against takes VERSION=VERSION pairs, comma-separated")
        table = (
            sidebyside.build_text(ds, versions, None, against)
            if mode == sidebyside.TEXT
            else sidebyside.build(
                ds, versions, parties, None, args.parties is not None, args.forecast, against
            )
        )
    except ValueError as error:
        raise CommandError(str(error)) from None
    output.write_bytes(sidebyside.render(table, fmt, redlines=not args.clean))
    print(
        f"Wrote {len(table.rows)} rows × {len(versions)} versions side by side ({mode}) to "
        f"{output}",
        file=sys.stderr,
    )
    return 0


def cmd_text(args: argparse.Namespace) -> int:
    from negotiation.data.load import load_dataset
    from negotiation.documents import draft_files, texts

    ds = load_dataset(args.path)
    written = texts.versions_with_texts(ds)
    if not written:
        raise CommandError(f"{ds.id} has no provisions.csv: no draft's own words to show")
    version = args.version or written[-1]
    if version not in written:
        raise CommandError(
            f"no provisions for '{version}'; versions with texts: {', '.join(written)}"
        )
    if args.output is None and args.format in ("pdf", "docx"):
        raise CommandError(f"--format {args.format} writes a file: give it with -o FILE")
    data = draft_files.render(ds, version, args.format)
    if args.output is None:
        sys.stdout.write(data.decode("utf-8"))
        return 0
    Path(args.output).write_bytes(data)
    print(f"Wrote {len(texts.clauses(ds, version))} provisions of {version} to {args.output}",
          file=sys.stderr)  # fmt: skip
    return 0


def _positions_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--positions", choices=_Names("negotiation.analysis.standing", "MODES"),
        default="standing", metavar="MODE",
        help="standing: each party's last disclosed position carried forward, a revision "
        "keeping its parent's terms where its own are undisclosed (default); event: only what "
        "was said at each version",
    )  # fmt: skip


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="negotiation",
        description="Negotiation Positions: validate, tabulate and export negotiation datasets.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", help="check a dataset folder and report problems")
    validate.add_argument("path", help="dataset folder (dataset.yaml + positions.csv)")
    validate.set_defaults(run=cmd_validate)

    table = commands.add_parser("table", help="write the tidy positions matrix as CSV or XLSX")
    table.add_argument("path", help="dataset folder")
    table.add_argument("--format", choices=["csv", "xlsx"], default="csv")
    table.add_argument("-o", "--output", help="output file (default: CSV on standard output)")
    table.add_argument(
        "--version", metavar="V",
        help="the positions at version V, one row per party and issue, with carried_from and "
        "carried_date (default: the dataset's own rows, every version)",
    )  # fmt: skip
    _positions_option(table)
    table.set_defaults(run=cmd_table)

    imports = commands.add_parser(
        "import", help="validate another format and write it as a dataset folder"
    )
    imports.add_argument(
        "sources", nargs="+", metavar="SOURCE",
        help="a dataset folder, a zip, dataset.yaml + positions.csv, a CSV/XLSX table, "
        "or a decide file",
    )  # fmt: skip
    imports.add_argument("-o", "--output", required=True, help="dataset folder to write")
    imports.add_argument(
        "--format", choices=_Names("negotiation.data.importers", "FORMATS", ["auto"]),
        default="auto", metavar="FORMAT", help="one of: %(choices)s (default: auto)",
    )  # fmt: skip
    imports.add_argument(
        "--levels", action="append", default=[], metavar="ISSUE=L1,L2,...",
        help="ordered levels of an ordinal issue in a table (repeat per issue)",
    )  # fmt: skip
    imports.add_argument("--force", action="store_true", help="replace an existing dataset")
    imports.set_defaults(run=cmd_import)

    predict = commands.add_parser(
        "forecast", help="per issue: compromise, weighted median, zone of agreement, draft term"
    )
    predict.add_argument("path", help="dataset folder")
    predict.add_argument(
        "--version", help="version id (default: the latest with a party's position)"
    )
    predict.add_argument("--format", choices=["table", "csv", "json"], default="table")
    _positions_option(predict)
    predict.set_defaults(run=cmd_forecast)

    back = commands.add_parser(
        "backtest", help="how far each model's forecast landed from the final version's terms"
    )
    back.add_argument("path", help="dataset folder")
    back.add_argument(
        "--from", dest="start", metavar="V",
        help="version to forecast from (default: the latest before the outcome with a position)",
    )  # fmt: skip
    back.add_argument(
        "--to", dest="final", metavar="FINAL", help="the outcome (default: the final version)"
    )
    back.add_argument("--format", choices=["table", "csv", "json"], default="table")
    _positions_option(back)
    back.set_defaults(run=cmd_backtest)

    charts = commands.add_parser(
        "export", help="write each chart for each version as PNG, SVG, PDF, HTML or JSON"
    )
    charts.add_argument("path", nargs="?", help="dataset folder")
    charts.add_argument("--charts", metavar="NAMES", help="comma-separated (default: all)")
    charts.add_argument("--versions", metavar="IDS", help="comma-separated (default: all)")
    formats = charts.add_argument(
        "--format", metavar="FORMATS", default="png,svg,pdf,html,json",
        help="comma-separated, of: %(formats)s (default: all)",
    )  # fmt: skip
    # read by the help's %(formats)s
    formats.formats = _Names("negotiation.documents.export", "FORMATS")
    charts.add_argument(
        "--issue", metavar="ID",
        help="the issue of the one-issue charts (default: the first with a known position)",
    )  # fmt: skip
    charts.add_argument("-o", "--output", metavar="DIR", help="folder to write into")
    charts.add_argument("--quiet", action="store_true", help="no progress bar, no summary")
    charts.add_argument("--list", action="store_true", help="list the chart names and exit")
    _positions_option(charts)
    charts.set_defaults(run=cmd_export)

    side = commands.add_parser(
        "sidebyside",
        help="the drafts side by side, with redlines (HTML, DOCX, XLSX, PDF, MD, CSV)",
    )
    side.add_argument("path", help="dataset folder")
    side.add_argument(
        "--versions", metavar="IDS",
        help="comma-separated (default: every version whose own text is known on an issue)",
    )  # fmt: skip
    side.add_argument(
        "--parties",
        metavar="IDS",
        help="comma-separated: a column each, at the newest version (default: no column; "
        "changes are judged against every party)",
    )
    side.add_argument("--forecast", action="store_true", help="add where each issue may land")
    side.add_argument(
        "--against", metavar="V=W,...",
        help="redline column V against column W (default: each against the text it revises)",
    )  # fmt: skip
    side.add_argument(
        "--mode", choices=("text", "positions"),
        help="text: the drafts' own words, clause by clause; positions: terms and stances "
        "(default: text when every chosen version's text is recorded)",
    )  # fmt: skip
    side.add_argument("--clean", action="store_true", help="clean text, without redlines")
    side.add_argument(
        "--format", metavar="FORMAT",
        help="html, docx, xlsx, pdf, md or csv (default: the output file's extension)",
    )  # fmt: skip
    side.add_argument("-o", "--output", required=True, metavar="FILE", help="file to write")
    _positions_option(side)
    side.set_defaults(run=cmd_sidebyside)

    text = commands.add_parser(
        "text", help="a draft's own words, clause by clause (MD, HTML, PDF or DOCX)"
    )
    text.add_argument("path", help="dataset folder")
    text.add_argument("--version", help="version id (default: the latest with provisions)")
    text.add_argument("--format", choices=("md", "html", "pdf", "docx"), default="md",
                      help="default: md")  # fmt: skip
    text.add_argument("-o", "--output", metavar="FILE", help="file to write (default: stdout)")
    text.set_defaults(run=cmd_text)

    brief = commands.add_parser("report", help="a briefing comparing two versions (PDF or HTML)")
    brief.add_argument("path", help="dataset folder")
    brief.add_argument("--from", dest="old", help="version id (default: the one before the latest)")
    brief.add_argument("--to", dest="new", help="version id (default: the latest)")
    brief.add_argument(
        "--format", choices=_Names("negotiation.documents.report", "FORMATS"), default="pdf",
        metavar="FORMAT", help="one of: %(choices)s (default: pdf)",
    )  # fmt: skip
    brief.add_argument("-o", "--output", required=True, metavar="FILE", help="file to write")
    _positions_option(brief)
    brief.set_defaults(run=cmd_report)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; every error is a message on standard error, never a traceback."""
    args = build_parser().parse_args(argv)
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        status = run(args)
        sys.stdout.flush()  # here, so that a reader gone early is caught below, not at exit
        return status
    except BrokenPipeError:
        # the reader closed the pipe (`| head`): it has what it wanted, so stop quietly; standard
        # output goes to devnull so that Python's flush at exit does not fail once more
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except DatasetError as error:
        print(f"{len(error.problems)} problem(s) found:", file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    except (CommandError, OSError) as error:
        print(f"negotiation: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
