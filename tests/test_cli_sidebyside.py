"""`negotiation sidebyside`: each format written from the bundled dataset and read back; an
unknown version, party or format is one line on standard error, exit 1, nothing written."""

import csv
import io

import pytest
from conftest import BUNDLED
from openpyxl import load_workbook
from pypdf import PdfReader

from negotiation.cli import main

BOTH = "us-28,eu-counter"


def army_cap(rows: list[dict], column: str) -> dict:
    return next(r for r in rows if r["issue"] == "army-cap" and r["column"] == column)


def test_csv_has_the_army_cap_under_both_drafts(tmp_path, capsys):
    out = tmp_path / "side.csv"
    assert (
        main(
            ["sidebyside", str(BUNDLED), "--versions", BOTH, "--mode", "positions", "-o", str(out)]
        )
        == 0
    )
    assert "Wrote 21 rows × 2 versions side by side (positions)" in capsys.readouterr().err
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert army_cap(rows, "us-28")["term"] == "600 thousand personnel"
    counter = army_cap(rows, "eu-counter")
    assert counter["term"] == "800 thousand personnel"
    assert counter["state_label"].startswith("moved toward Ukraine's aims")
    assert counter["redline_on"] == "quote"
    assert "[-" in counter["redline"] and "{+" in counter["redline"]


def test_versions_default_to_those_with_a_known_text_and_parties_add_columns(tmp_path):
    out = tmp_path / "side.xlsx"
    args = ["sidebyside", str(BUNDLED), "--parties", "us,russia", "--forecast", "-o", str(out)]
    assert main(args) == 0
    sheet = load_workbook(out, rich_text=True)["side by side"]
    header = [str(c.value).split("\n")[0] for c in sheet[1]]
    assert header[2] == "Ukraine's Istanbul memorandum"
    assert "Anchorage summit" not in header  # no text was published
    assert header[-3:] == ["United States", "Russia", "Where it may land"]


@pytest.mark.parametrize("fmt", ["html", "pdf", "md"])
def test_every_format_reads_back(tmp_path, fmt):
    out = tmp_path / f"side.{fmt}"
    assert (
        main(
            ["sidebyside", str(BUNDLED), "--versions", BOTH, "--mode", "positions", "-o", str(out)]
        )
        == 0
    )
    if fmt == "pdf":
        text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    else:
        text = out.read_text(encoding="utf-8")
    assert "600 thousand personnel" in text and "800 thousand personnel" in text
    marks = {"html": "</del>", "md": "~~", "pdf": "Still open"}[fmt]
    assert marks in text


def test_clean_leaves_out_the_marks(tmp_path):
    out = tmp_path / "side.html"
    args = [
        "sidebyside",
        str(BUNDLED),
        "--versions",
        BOTH,
        "--mode",
        "positions",
        "--clean",
        "-o",
        str(out),
    ]
    assert main(args) == 0
    assert "</del>" not in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--versions", "us-28,nope"],
            "unknown version 'nope'; valid: ukraine-memo, istanbul-memo",
        ),
        (["--parties", "us,zz"], "unknown party 'zz'; valid: us, ukraine, russia, europe"),
        (
            ["--format", "rtf"],
            "unknown format 'rtf'; valid: html, docx, xlsx, pdf, md, csv",
        ),
    ],
)
def test_bad_choices_are_one_line_and_write_nothing(tmp_path, capsys, args, message):
    out = tmp_path / "side.html"
    assert main(["sidebyside", str(BUNDLED), *args, "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert message in err
    assert not out.exists()


def test_unknown_extension_without_format_names_the_formats(tmp_path, capsys):
    out = tmp_path / "side.txt"
    assert main(["sidebyside", str(BUNDLED), "-o", str(out)]) == 1
    assert "unknown format 'txt'; valid: html, docx, xlsx, pdf, md, csv" in capsys.readouterr().err
    assert not out.exists()


def test_against_picks_the_column_to_compare_with(tmp_path, capsys):
    from negotiation.cli import main

    out = tmp_path / "sbs.md"
    bundled = "data/ukraine-2025"
    args = [
        "sidebyside",
        bundled,
        "--versions",
        "us-28,eu-counter,ukraine-20",
        "--mode",
        "positions",
        "-o",
        str(out),
    ]
    assert main(args) == 0
    header = next(
        line for line in out.read_text(encoding="utf-8").splitlines() if line.startswith("| Issue")
    )
    assert (
        "European counter-proposal (23 Nov 2025 · counter-proposal · redlined against US 28-point draft (which it revises))"
        in header
    )
    assert (
        "Ukraine's 20-point framework (23 Dec 2025 · framework · a text of its own: no redline)"
        in header
    )
    assert main([*args, "--against", "ukraine-20=eu-counter"]) == 0
    assert "redlined against European counter-proposal" in out.read_text(encoding="utf-8")
    assert main([*args, "--against", "ukraine-20=paris"]) == 1
    assert (
        "ukraine-20 cannot be compared with 'paris'; valid: us-28, eu-counter"
        in capsys.readouterr().err
    )
