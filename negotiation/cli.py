"""The `negotiation` command line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from negotiation import analysis, tables
from negotiation.load import DatasetError, load_dataset


class CommandError(Exception):
    """A user error the CLI reports in one line and exit status 1."""


def cmd_validate(args: argparse.Namespace) -> int:
    ds = load_dataset(args.path)
    known = int(ds.positions["norm"].notna().sum())
    print(
        f"{args.path}: valid. {len(ds.parties)} parties, {len(ds.issues)} issues, "
        f"{len(ds.versions)} versions, {len(ds.sources)} sources, "
        f"{len(ds.positions)} positions ({known} with a known value)."
    )
    return 0


def cmd_table(args: argparse.Namespace) -> int:
    ds = load_dataset(args.path)
    frame = analysis.table(ds)
    if args.format == "xlsx":
        if args.output is None:
            raise CommandError("xlsx output needs a file: add -o FILE.xlsx")
        data = tables.to_xlsx({"positions": frame, "sources": tables.sources_frame(ds)})
    else:
        data = tables.to_csv(frame)
    if args.output is None:
        sys.stdout.write(data.decode("utf-8"))
    else:
        Path(args.output).write_bytes(data)
        print(f"Wrote {len(frame)} rows to {args.output}", file=sys.stderr)
    return 0


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
    table.set_defaults(run=cmd_table)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; every error is a message on standard error, never a traceback."""
    args = build_parser().parse_args(argv)
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
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
