"""`negotiation forecast`: per issue, compromise, weighted median, zone and draft term, in
the table, CSV and JSON formats; clear errors."""

import io
import json

import pandas as pd
import pytest
from factory import ROWS, edit, write_dataset, write_outcome

from negotiation.cli import main

DEFAULTS = (
    "No capability is given, so every party weighs the same (1). "
    "No salience is given, so every issue matters equally (1)."
)


def test_table_is_the_default_and_names_the_defaults(tiny_path, capsys):
    assert main(["forecast", str(tiny_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Forecast for Second draft (Tiny talks)"
    # v2 cap: (600 + 800 + 900) / 3 = 766.67, shown to the scale's precision (0-1,000: whole
    # thousands); median 800; the draft says 800.
    start = lines.index("Army cap")
    assert lines[start + 1 : start + 6] == [
        "  Parties known: 3",
        "  Compromise: 767 thousand",
        "  Weighted median: 800 thousand",
        "  Zone of agreement: no red lines given",
        "  Draft's term: 800 thousand",
    ]
    assert lines[-1] == DEFAULTS


@pytest.mark.parametrize(
    ("version", "issue", "expected"),
    [
        # v1 cap: a 600, b 800 -> 700 both ways; draft 600.
        ("v1", "cap", (700.0, "700 thousand", 700.0, 600.0, "600 thousand")),
        # v1 nato: levels 3, 2, 1 -> level 2; draft barred (level 3).
        ("v1", "nato", (2.0, "By consensus", 2.0, 3.0, "Barred")),
        # v2 nato: levels 3 and 2 -> 2.5, midway.
        ("v2", "nato", (2.5, "between By consensus and Barred", 2.5, 2.0, "By consensus")),
    ],
)
def test_csv_gives_values_in_the_issues_terms(tiny_path, capsys, version, issue, expected):
    assert main(["forecast", str(tiny_path), "--version", version, "--format", "csv"]) == 0
    captured = capsys.readouterr()
    frame = pd.read_csv(io.StringIO(captured.out), keep_default_na=False).set_index("issue")
    cells = frame.loc[issue, ["compromise", "compromise_label", "median", "draft", "draft_label"]]
    assert tuple(cells) == expected
    assert captured.err.strip() == DEFAULTS


def test_json_with_zone_and_missing_forecast(tmp_path, capsys):
    rows = [dict(r) for r in ROWS]
    rows[9] |= {"accept_min": "500", "accept_max": "700"}  # v2 a cap 600
    rows[10] |= {"accept_min": "650"}  # v2 b cap 800
    for hidden in (11, 12, 14):  # v2 c cap, draft nato, b nato: only a is left on nato
        rows[hidden] |= {"value": "", "status": "undisclosed"}
    path = write_dataset(tmp_path / "zoned", rows)
    assert main(["forecast", str(path), "--format", "json", "--positions", "event"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["version"], out["defaults"]) == ("v2", DEFAULTS)
    cap, nato = out["issues"]
    assert (cap["compromise"], cap["median"]) == (700.0, 700.0)
    assert (cap["zone"], cap["zone_from"], cap["zone_to"]) == (
        "650 thousand to 700 thousand",
        "650 thousand",
        "700 thousand",
    )
    assert (nato["compromise"], nato["compromise_label"], nato["draft"]) == (3.0, "Barred", None)


def test_no_forecast_is_said_not_divided_by_zero(tmp_path, capsys):
    rows = [
        r | {"value": "", "status": "undisclosed"} if r["party"] != "draft" else r for r in ROWS
    ]
    assert main(["forecast", str(write_dataset(tmp_path / "quiet", rows)), "--format", "json"]) == 0
    issues = json.loads(capsys.readouterr().out)["issues"]
    assert [(i["compromise"], i["note"]) for i in issues] == [
        (None, "no party's position is known")
    ] * 2


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--version", "v9"], "negotiation: no version 'v9'; valid: v1, v2"),
        (["--format", "csv", "--version", "v9"], "negotiation: no version 'v9'"),
    ],
)
def test_bad_version_is_one_line_and_exit_1(tiny_path, capsys, argv, message):
    assert main(["forecast", str(tiny_path), *argv]) == 1
    err = capsys.readouterr().err
    assert err.startswith(message) and "Traceback" not in err


def test_bad_dataset_lists_problems(tmp_path, capsys):
    rows = [dict(r) for r in ROWS]
    rows[1] |= {"accept_max": "500"}  # v1 a cap 600: outside its own red line
    assert main(["forecast", str(write_dataset(tmp_path / "bad", rows))]) == 1
    assert "row 3, column 'value': '600' is outside the party's own acceptable range" in (
        capsys.readouterr().err
    )


def test_the_default_version_is_the_latest_with_a_partys_position(tmp_path, capsys):
    # v3, the agreed text, holds the draft's terms alone: forecasting from it says nothing
    path = write_outcome(tmp_path / "outcome")
    assert main(["forecast", str(path), "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["version"] == "v2"
    assert captured.err.strip() == "Agreed text holds no party's position; forecasting from v2."


def test_a_forecast_from_one_party_says_so(tmp_path, capsys):
    rows = edit(ROWS, "v2", "a", "cap", value="", status="undisclosed")
    rows = edit(rows, "v2", "b", "cap", value="", status="undisclosed")
    folder = write_dataset(tmp_path / "one", rows)
    assert main(["forecast", str(folder), "--positions", "event"]) == 0
    lines = capsys.readouterr().out.splitlines()
    start = lines.index("Army cap")
    assert lines[start + 1 : start + 3] == ["  Parties known: 1", "  Compromise: 900 thousand"]
    assert (
        "  Note: only one party's position is known, so the forecast is that position"
        in lines[start:]
    )
