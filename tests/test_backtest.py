"""Backtests on the hand-computed negotiation with a known outcome (tests/factory.py): every
model's forecast and error per issue, the summary per model, the verdicts against the status
quo, skipped issues, and which versions are compared."""

import math

import pytest
import vl_convert as vlc
from factory import (
    OUTCOME_ISSUES,
    OUTCOME_ROWS,
    OUTCOME_VERSIONS,
    edit,
    metadata,
    write_dataset,
)

from negotiation.analysis import backtest
from negotiation.charts import views
from negotiation.data.load import load_dataset
from negotiation.documents import export

NAN = math.nan


@pytest.fixture
def result(outcome):
    return backtest.backtest(outcome)


PER_ISSUE = [
    # cap, outcome 800 thousand (20 points). Weights a .5 × salience .5 = .25 at .4 (600),
    # b .5 × 1 (salience missing) = .5 at 0 (no cap, the descending scale's low pole), c unknown.
    ("cap", "compromise", 2, 0.1 / 0.75 * 100, "867 thousand", 20 - 0.1 / 0.75 * 100),
    # cumulative weight from the low end: .5 at 0 passes half of .75 -> no cap.
    ("cap", "median", 2, 0.0, "No cap", 20.0),
    ("cap", "mean", 2, 20.0, "800 thousand", 0.0),
    ("cap", "reference", 2, 10.0, "900 thousand", 10.0),
    ("cap", "party:a", 2, 40.0, "600 thousand", 20.0),
    ("cap", "party:b", 2, 0.0, "No cap", 20.0),
    # nato, outcome by consensus (50). Weights a .5 at 1, b .5 at .5, c 1 at 0: compromise
    # 1 / 2 = .375 (nearest level: by consensus).
    ("nato", "compromise", 3, 37.5, "By consensus", 12.5),
    # the cumulative weight at 0 is exactly half of 2: midway between 0 and .5.
    ("nato", "median", 3, 25.0, "between Open path and By consensus", 25.0),
    ("nato", "mean", 3, 50.0, "By consensus", 0.0),
    ("nato", "party:a", 3, 100.0, "Barred", 50.0),
    ("nato", "party:b", 3, 50.0, "By consensus", 0.0),
    ("nato", "party:c", 3, 0.0, "Open path", 50.0),
]


def test_every_forecast_and_error_per_issue(result):
    rows = result.issues
    assert list(rows.columns) == backtest.ISSUE_COLUMNS
    got = [
        (r["issue"], r["model"], r["known"], r["forecast"], r["forecast_label"], r["error"])
        for r in rows.to_dict("records")
    ]
    assert got == [
        (issue, model, known, pytest.approx(points), label, pytest.approx(error))
        for issue, model, known, points, label, error in PER_ISSUE
    ]
    cap = rows[rows["issue"] == "cap"]
    assert cap["outcome"].tolist() == [pytest.approx(20.0)] * 6
    assert set(cap["outcome_label"]) == {"800 thousand"}


MODELS = [
    # model, issues, mean error, median error, within 10, no forecast
    (
        "compromise",
        2,
        (20 - 0.1 / 0.75 * 100 + 12.5) / 2,
        (20 - 0.1 / 0.75 * 100 + 12.5) / 2,
        0.5,
        0,
    ),
    ("median", 2, 22.5, 22.5, 0.0, 0),
    ("mean", 2, 0.0, 0.0, 1.0, 0),
    ("reference", 1, 10.0, 10.0, 1.0, 1),  # within 10 counts an error of exactly 10
    ("party:a", 2, 35.0, 35.0, 0.0, 0),
    ("party:b", 2, 10.0, 10.0, 0.5, 0),
    ("party:c", 1, 50.0, 50.0, 0.0, 1),  # c's position on cap is unknown
]


def test_the_summary_per_model(result):
    models = result.models
    assert list(models.columns) == backtest.MODEL_COLUMNS
    got = [
        (m["model"], m["issues"], m["mean_error"], m["median_error"], m["within_10"], m["missing"])
        for m in models.to_dict("records")
    ]
    assert got == [(m, n, pytest.approx(a), pytest.approx(b), w, x) for m, n, a, b, w, x in MODELS]
    assert models["model_name"].tolist()[:4] == list(backtest.MODELS.values())
    assert models["model_name"].tolist()[4:] == [
        "Alpha's position",
        "Beta's position",
        "Gamma's position",
    ]


def test_an_issue_without_outcome_is_skipped_and_counted(result):
    assert (result.start, result.final, result.used) == ("v2", "v3", 2)
    assert result.skipped.to_dict("records") == [
        {
            "issue": "aid",
            "issue_name": "Aid",
            "reason": "no outcome: the final version's text is silent or undisclosed on it",
        }
    ]
    assert "aid" not in set(result.issues["issue"])


def test_verdicts_against_the_status_quo(result):
    # on cap, the only issue with a reference point: status quo 10, compromise 6.67, median 20
    assert result.verdicts() == [
        "Compromise model beats the status quo by 3.3 points of mean error (over the 1 issue "
        "with a reference point).",
        "Weighted median does worse than the status quo by 10.0 points of mean error (over the "
        "1 issue with a reference point).",
    ]


def test_missing_saliences_are_said(result):
    # cap: a's salience given, b's not; nato: none given (aid is skipped, so not counted)
    assert result.defaults == "Salience 1 assumed for 4 of 5 positions."


def test_equal_weights_without_capability_are_said(tmp_path):
    meta = metadata(issues=OUTCOME_ISSUES, versions=OUTCOME_VERSIONS)  # no capability given
    ds = load_dataset(write_dataset(tmp_path / "equal", OUTCOME_ROWS, meta))
    result = backtest.backtest(ds)
    assert result.defaults.startswith("No capability is given, so every party weighs the same")
    nato = result.issues.set_index(["issue", "model"]).loc["nato"]
    # equal weights 1 at 1, .5 and 0: both models at .5, which is the outcome
    assert nato.loc["compromise", "error"] == pytest.approx(0.0)
    assert nato.loc["median", "error"] == pytest.approx(0.0)


def test_an_issue_without_party_positions_is_skipped_with_why(tmp_path):
    rows = OUTCOME_ROWS
    for party in ("a", "b", "c"):
        rows = edit(rows, "v2", party, "nato", value="", status="undisclosed")
    meta = metadata(issues=OUTCOME_ISSUES, versions=OUTCOME_VERSIONS)
    result = backtest.backtest(load_dataset(write_dataset(tmp_path / "quiet", rows, meta)))
    assert result.skipped.set_index("issue")["reason"].to_dict() == {
        "nato": "no party's position is known at Second draft",
        "aid": "no outcome: the final version's text is silent or undisclosed on it",
    }
    assert result.used == 1
    assert result.models.set_index("model").loc["compromise", "issues"] == 1


def test_one_party_known_gives_its_position_everywhere(tmp_path):
    rows = edit(OUTCOME_ROWS, "v2", "a", "cap", value="", status="undisclosed")
    meta = metadata(issues=OUTCOME_ISSUES, versions=OUTCOME_VERSIONS)
    result = backtest.backtest(load_dataset(write_dataset(tmp_path / "one", rows, meta)))
    cap = result.issues[result.issues["issue"] == "cap"].set_index("model")
    assert cap["known"].unique().tolist() == [1]
    assert (
        cap.loc[["compromise", "median", "mean", "party:b"], "forecast_label"].tolist()
        == ["No cap"] * 4
    )
    assert "Army cap (1 party known: every forecast is that one position)" in (
        backtest.issue_lines(result)
    )


def test_parties_and_issues_can_be_chosen(outcome):
    result = backtest.backtest(outcome, parties=["a", "b"], issues=["nato"])
    assert set(result.issues["issue"]) == {"nato"} and result.skipped.empty
    nato = result.issues.set_index("model")
    # a .5 at 1 and b .5 at .5: compromise .75, the median midway between them
    assert nato.loc["compromise", "forecast"] == pytest.approx(75.0)
    assert "party:c" not in nato.index


@pytest.mark.parametrize(
    ("start", "final", "expected"),
    [
        (None, None, ("v2", "v3")),
        ("v1", None, ("v1", "v3")),
        (None, "v2", ("v1", "v2")),
    ],
)
def test_which_versions_are_compared(outcome, start, final, expected):
    assert backtest.versions(outcome, start, final) == expected


@pytest.mark.parametrize(
    ("start", "final", "message"),
    [
        ("v9", None, "no version 'v9'; valid: v1, v2, v3"),
        ("v3", None, "the forecast version v3 must come before the outcome v3; valid: v1, v2"),
        ("v2", "v1", "the forecast version v2 must come before the outcome v1; valid: none"),
        (None, "v1", "no version before v1 holds a party's position to forecast from"),
    ],
)
def test_bad_versions_are_refused_with_the_choices(outcome, start, final, message):
    with pytest.raises(ValueError, match="^" + message.replace("(", r"\(").replace(")", r"\)")):
        backtest.versions(outcome, start, final)


def test_no_final_version_says_how_to_name_one(tiny):
    with pytest.raises(ValueError, match=r"has no final version .* with --to, one of: v1, v2"):
        backtest.backtest(tiny)


def test_the_latest_version_before_the_outcome_with_positions_is_the_default(tmp_path):
    # a v2 holding only the draft's text: forecasts start from v1
    rows = [r for r in OUTCOME_ROWS if r["version"] != "v2" or r["party"] == "draft"]
    meta = metadata(issues=OUTCOME_ISSUES, versions=OUTCOME_VERSIONS)
    ds = load_dataset(write_dataset(tmp_path / "gap", rows, meta))
    assert backtest.versions(ds) == ("v1", "v3")


def test_the_chart_draws_forecast_against_outcome(outcome):
    sel = views.Selection.default(outcome)
    frame, note = views.data("backtest", outcome, sel)
    assert note == "" and set(frame["model"]) == set(backtest.MODELS)
    chart = views.build("backtest", outcome, sel)
    spec = chart.to_dict()  # validates against the Vega-Lite schema
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks == ["area", "line", "point"]  # within 10 points, forecast = outcome, forecasts
    assert vlc.vegalite_to_svg(spec, vl_version=export.VL_VERSION).startswith("<svg")


def test_the_chart_is_empty_without_an_outcome(tiny):
    assert views.build("backtest", tiny, views.Selection.default(tiny)) is None


def test_text_lines_name_the_versions_and_the_table(outcome, result):
    lines = backtest.summary_lines(outcome, result)
    assert lines[0] == (
        "Backtest of Tiny talks: forecasts from Second draft (v2) against the outcome in Agreed "
        "text (v3)"
    )
    assert lines[1].startswith("2 issue(s) compared, 1 skipped.")
    header, compromise = lines[3], lines[4]
    assert header.split() == ["Model", "Issues", "Mean", "error", "Median", "error", "Within",
                              "10", "No", "forecast"]  # fmt: skip
    assert compromise.split() == ["Compromise", "model", "2", "9.6", "9.6", "50%", "0"]


def test_without_reference_points_the_status_quo_is_not_compared(tmp_path):
    issues = [{k: v for k, v in i.items() if k != "reference"} for i in OUTCOME_ISSUES]
    meta = metadata(issues=issues, versions=OUTCOME_VERSIONS)
    result = backtest.backtest(load_dataset(write_dataset(tmp_path / "noref", OUTCOME_ROWS, meta)))
    reference = result.models.set_index("model").loc["reference"]
    assert (reference["issues"], reference["missing"]) == (0, 2)
    assert math.isnan(reference["mean_error"])
    assert result.verdicts()[0] == (
        "Compromise model: no issue has both its forecast and a reference point to compare with."
    )
