"""The `negotiation` command line: exit codes, messages, and the table's columns."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from factory import ROWS, write_dataset

from negotiation.cli import main
from negotiation.data import exchange, spreadsheet, table


def test_validate_ok(tiny_path, capsys):
    assert main(["validate", str(tiny_path)]) == 0
    out = capsys.readouterr().out
    assert (
        "valid. 3 parties, 2 issues, 2 versions, 1 sources, 16 positions (14 with a known value)"
        in out
    )


def test_validate_reports_every_problem_and_exits_1(tmp_path, capsys):
    rows = [dict(r) for r in ROWS]
    rows[1]["party"] = "zeta"
    rows[2]["value"] = "lots"
    assert main(["validate", str(write_dataset(tmp_path / "bad", rows=rows))]) == 1
    err = capsys.readouterr().err
    assert err.startswith("2 problem(s) found:")
    assert "row 3, column 'party': 'zeta' is not a known party" in err
    assert "row 4, column 'value': 'lots' is not a number" in err
    assert "Traceback" not in err


def test_validate_missing_folder(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "nowhere")]) == 1
    assert "dataset.yaml: is missing" in capsys.readouterr().err


def test_table_csv_to_stdout(tiny_path, capsys):
    assert main(["table", str(tiny_path)]) == 0
    frame = pd.read_csv(io.StringIO(capsys.readouterr().out), dtype=str, keep_default_na=False)
    assert list(frame.columns) == [
        "version", "version_name", "version_date", "party", "party_name", "issue",
        "issue_name", "value", "value_label", "norm", "stance", "status", "confidence",
        "salience", "accept_min", "accept_max", "sources", "quote", "note",
        *exchange.METADATA_COLUMNS,
    ]  # fmt: skip
    assert len(frame) == 16
    assert frame.loc[2, ["party", "issue", "value_label", "norm"]].tolist() == [
        "a", "cap", "600 thousand", "0.6",
    ]  # fmt: skip


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_table_file_round_trips_and_is_inert(tmp_path, fmt):
    rows = [dict(r) for r in ROWS]
    rows[0]["stance"] = '=HYPERLINK("http://evil","click")'
    rows[1]["note"] = "@SUM(A1:A2)"
    rows[2]["stance"] = "-2+3"
    out = tmp_path / f"table.{fmt}"
    assert (
        main(
            [
                "table",
                str(write_dataset(tmp_path / "t", rows=rows)),
                "--format",
                fmt,
                "-o",
                str(out),
            ]
        )
        == 0
    )
    if fmt == "csv":
        raw = pd.read_csv(out, dtype=str, keep_default_na=False)
    else:
        raw = pd.read_excel(out, dtype=str, keep_default_na=False)
    assert raw.loc[0, "stance"] == '\'=HYPERLINK("http://evil","click")'
    assert raw.loc[2, "note"] == "'@SUM(A1:A2)"
    back = spreadsheet.read_back(out.read_bytes(), fmt)
    assert back.loc[0, "stance"] == rows[0]["stance"]
    assert back.loc[4, "stance"] == "-2+3"


def test_xlsx_has_sources_sheet_frozen_header_and_widths(tiny_path, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "t.xlsx"
    main(["table", str(tiny_path), "--format", "xlsx", "-o", str(out)])
    book = load_workbook(out)
    assert book.sheetnames == ["positions", "sources"]
    sheet = book["positions"]
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["K"].width >= len("draft on cap")
    assert book["sources"]["B2"].value == "Wire"


def test_xlsx_needs_a_file(tiny_path, capsys):
    assert main(["table", str(tiny_path), "--format", "xlsx"]) == 1
    assert "xlsx output needs a file" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "+1"),
        ("-5", "-5"),
        ("-x", "'-x"),
        ("@A", "'@A"),
        ("ok", "ok"),
        (3.5, 3.5),
    ],
)
def test_inert(cell, expected):
    assert spreadsheet.inert(cell) == expected
    assert spreadsheet.restore(spreadsheet.inert(cell)) == cell


def test_table_matches_library(tiny, tiny_path, capsys):
    main(["table", str(tiny_path)])
    printed = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert printed["norm"].tolist() == pytest.approx(table.tidy(tiny)["norm"].tolist(), nan_ok=True)


# --- start-up and pipes: run as a separate process, as a shell runs the command ----------

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("altair", "vl_convert", "reportlab", "openpyxl", "pandera", "rich", "streamlit")


def modules_after(argv: list[str]) -> set[str]:
    """The top-level modules a fresh interpreter holds after running the CLI with `argv`."""
    script = (
        "import contextlib, io, sys\n"
        "from negotiation.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        f"    main({argv!r})\n"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return set(done.stdout.split())


def test_help_imports_neither_pandas_nor_any_chart_or_document_library():
    loaded = modules_after(["--help"])
    assert not loaded & {"pandas", "numpy", "pydantic", "yaml", *HEAVY}


@pytest.mark.parametrize("command", ["validate", "forecast", "table"])
def test_data_commands_import_no_chart_or_document_library(tiny_path, command):
    assert not modules_after([command, str(tiny_path)]) & set(HEAVY)


def test_a_reader_that_closes_early_ends_the_command_quietly(tiny_path):
    # `negotiation forecast ... | head -1`: the reader is gone before the command writes
    read, write = os.pipe()
    os.close(read)
    with os.fdopen(write, "wb") as pipe:
        done = subprocess.run(
            [sys.executable, "-m", "negotiation.cli", "forecast", str(tiny_path)],
            cwd=ROOT, stdout=pipe, stderr=subprocess.PIPE, text=True, check=False,
        )  # fmt: skip
    assert (done.returncode, done.stderr) == (0, "")
