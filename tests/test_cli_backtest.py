"""`negotiation backtest`: the per-model table, verdicts and per-issue lines, CSV and JSON,
and one-line errors naming the choices."""

import io
import json

import pandas as pd
import pytest
from factory import write_outcome

from negotiation.analysis import backtest
from negotiation.cli import main


@pytest.fixture
def outcome_path(tmp_path):
    return write_outcome(tmp_path / "outcome")


def test_table_gives_models_verdicts_skipped_and_issues(outcome_path, capsys):
    assert main(["backtest", str(outcome_path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (
        "Backtest of Tiny talks: forecasts from Second draft (v2) against the outcome in Agreed "
        "text (v3)"
    )
    # the compromise misses cap by 6.67 and nato by 12.5 (tests/test_backtest.py)
    assert "Compromise model                   2         9.6           9.6        50%" in out[4]
    assert "Compromise model beats the status quo by 3.3 points" in "\n".join(out)
    assert "  Aid: no outcome: the final version's text is silent or undisclosed on it" in out
    start = out.index("Army cap (2 parties known)")
    assert out[start + 1 : start + 3] == [
        "  Compromise model: 867 thousand -> 800 thousand, error 6.7",
        "  Weighted median: No cap -> 800 thousand, error 20.0",
    ]


def test_csv_has_a_row_per_issue_and_model_and_the_summary_on_stderr(outcome_path, capsys):
    assert main(["backtest", str(outcome_path), "--format", "csv"]) == 0
    captured = capsys.readouterr()
    frame = pd.read_csv(io.StringIO(captured.out), keep_default_na=False)
    assert list(frame.columns) == backtest.ISSUE_COLUMNS
    assert len(frame) == 12  # cap: 4 models + a and b; nato: 3 models + a, b and c
    compromise = frame.set_index(["issue", "model"]).loc[("cap", "compromise")]
    assert (compromise["forecast"], compromise["error"]) == (13.33, 6.67)  # two decimals
    assert captured.err.startswith("Backtest of Tiny talks")


def test_json_holds_every_table(outcome_path, capsys):
    argv = ["backtest", str(outcome_path), "--from", "v2", "--to", "v3", "--format", "json"]
    assert main(argv) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["from"], out["to"], out["used"]) == ("v2", "v3", 2)
    assert [m["model"] for m in out["models"]][:4] == list(backtest.MODELS)
    assert out["models"][1]["mean_error"] == 22.5
    assert out["skipped"] == [
        {
            "issue": "aid",
            "issue_name": "Aid",
            "reason": "no outcome: the final version's text is silent or undisclosed on it",
        }
    ]
    assert out["defaults"] == "Salience 1 assumed for 4 of 5 positions."
    assert len(out["verdicts"]) == 2


def test_an_earlier_start_is_a_choice(outcome_path, capsys):
    assert main(["backtest", str(outcome_path), "--from", "v1", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    # v1 has no aid rows and no c on cap; cap from a 600 (.4) and b 800 (.2), equal salience
    # and capability .5: compromise .3, 10 points from the outcome's .2
    cap = {r["model"]: r["error"] for r in out["issues"] if r["issue"] == "cap"}
    assert out["from"] == "v1" and cap["compromise"] == 10.0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "v9"], "negotiation: no version 'v9'; valid: v1, v2, v3"),
        (
            ["--from", "v3"],
            "negotiation: the forecast version v3 must come before the outcome v3; valid: v1, v2",
        ),
    ],
)
def test_bad_versions_are_one_line_errors(outcome_path, capsys, args, message):
    assert main(["backtest", str(outcome_path), *args]) == 1
    captured = capsys.readouterr()
    assert captured.err.strip() == message and captured.out == ""


def test_no_final_version_is_a_one_line_error(tiny_path, capsys):
    assert main(["backtest", str(tiny_path)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("negotiation: the dataset has no final version")
    assert err.endswith("name the outcome with --to, one of: v1, v2") and "\n" not in err
