"""The bargaining models on hand-computed examples: compromise, weighted median, zone of
agreement, draft drift and sensitivity, plus the red-line and capability data they read."""

import math

import pandas as pd
import pytest
import vl_convert as vlc
from factory import ISSUES, PARTIES, ROWS, VERSIONS, metadata, row, write_dataset

from negotiation.analysis import drift, forecast, zone
from negotiation.charts import views
from negotiation.data.load import load_dataset, validate_dataset
from negotiation.data.model import Scale

NAN = math.nan


def weights(*points: tuple[float, float], issue: str = "x") -> pd.DataFrame:
    return pd.DataFrame(
        {"issue": issue, "norm": [p for p, _ in points], "weight": [w for _, w in points]}
    )


MODEL_CASES = [
    # (norm, weight) points -> compromise Σwx/Σw, weighted median
    ("single party", [(0.3, 1)], 0.3, 0.3),
    ("two equal: half lands exactly on the first, so midway", [(0.2, 1), (0.8, 1)], 0.5, 0.5),
    ("heavier side wins the median", [(0.2, 1), (0.8, 3)], (0.2 + 2.4) / 4, 0.8),
    ("three equal", [(0.0, 1), (0.5, 1), (1.0, 1)], 0.5, 0.5),
    ("equal positions pool their weight", [(0.4, 1), (0.4, 1), (1.0, 1)], 1.8 / 3, 0.4),
    ("exactly half at the low end", [(0.0, 2), (0.6, 1), (1.0, 1)], 1.6 / 4, 0.3),
    ("a zero weight does not count", [(0.2, 0), (0.8, 2)], 0.8, 0.8),
    ("all weights zero: no forecast", [(0.2, 0), (0.8, 0)], NAN, NAN),
    ("unordered input", [(0.9, 1), (0.1, 1), (0.5, 2)], 2.0 / 4, 0.5),
]


@pytest.mark.parametrize(
    ("points", "compromise", "median"),
    [c[1:] for c in MODEL_CASES],
    ids=[c[0] for c in MODEL_CASES],
)
def test_compromise_and_weighted_median(points, compromise, median):
    frame = weights(*points)
    assert forecast.compromise(frame)["x"] == pytest.approx(compromise, nan_ok=True)
    assert forecast.weighted_median(frame)["x"] == pytest.approx(median, nan_ok=True)


def test_models_are_per_issue():
    frame = pd.concat([weights((0.0, 1), (1.0, 3), issue="p"), weights((0.5, 2), issue="q")])
    assert forecast.compromise(frame).to_dict() == {"p": 0.75, "q": 0.5}
    assert forecast.weighted_median(frame).to_dict() == {"p": 1.0, "q": 0.5}


# The tiny dataset (tests/factory.py) with capabilities a .5, b .25, c 1 and, in v1, a's
# salience on cap .8. v2 overrides a's capability to 0.
WEIGHTED_PARTIES = [p | {"capability": c} for p, c in zip(PARTIES, (0.5, 0.25, 1.0), strict=True)]
WEIGHTED_VERSIONS = [VERSIONS[0], VERSIONS[1] | {"capabilities": {"a": 0.0}}]


@pytest.fixture
def weighted(tmp_path):
    rows = [dict(r) for r in ROWS]
    rows[1]["salience"] = "0.8"
    meta = metadata(parties=WEIGHTED_PARTIES, versions=WEIGHTED_VERSIONS)
    return load_dataset(write_dataset(tmp_path / "weighted", rows, meta))


FORECASTS = [
    # v1 cap: a .6 and b .8, equal weights: (.6 + .8) / 2; the median is midway.
    ("tiny", "v1", "cap", {}, (0.7, 700.0, "700 thousand"), (0.7, "700 thousand")),
    # v1 nato: barred 1, consensus .5, open 0 -> .5, level 2 of 3.
    ("tiny", "v1", "nato", {}, (0.5, 2.0, "By consensus"), (0.5, "By consensus")),
    # v2 cap: .6, .8, .9 -> 2.3 / 3; median .8 (cum 2 of 3 passes 1.5 there).
    ("tiny", "v2", "cap", {}, (2.3 / 3, 766.67, "767 thousand"), (0.8, "800 thousand")),
    # v2 nato: barred 1 and consensus .5 -> .75, midway between levels 2 and 3.
    (
        "tiny",
        "v2",
        "nato",
        {},
        (0.75, 2.5, "between By consensus and Barred"),
        (0.75, "between By consensus and Barred"),
    ),
    # weights a .5 × .8 = .4 at .6, b .25 × 1 at .8: (.24 + .2) / .65; median .6.
    ("weighted", "v1", "cap", {}, (0.44 / 0.65, 676.92, "677 thousand"), (0.6, "600 thousand")),
    # v2 capability of a is 0: b .25 at .8, c 1 at .9 -> (.2 + .9) / 1.25.
    ("weighted", "v2", "cap", {}, (0.88, 880.0, "880 thousand"), (0.9, "900 thousand")),
    # a slider beats the version: a 1 at .6 -> (.6 + .2 + .9) / 2.25.
    (
        "weighted",
        "v2",
        "cap",
        {"capability": {"a": 1.0}},
        (1.7 / 2.25, 755.56, "756 thousand"),
        (0.8, "800 thousand"),
    ),
    # and a salience slider: b's salience on cap 0 leaves a .6 and c .9 at weight 1 each.
    (
        "weighted",
        "v2",
        "cap",
        {"capability": {"a": 1.0}, "salience": {("b", "cap"): 0.0}},
        (0.75, 750.0, "750 thousand"),
        (0.75, "750 thousand"),
    ),
]


@pytest.mark.parametrize(
    ("fixture", "version", "issue", "overrides", "compromise", "median"), FORECASTS
)
def test_forecast_in_both_scales(request, fixture, version, issue, overrides, compromise, median):
    ds = request.getfixturevalue(fixture)
    result = forecast.forecast(ds, version, **overrides).set_index("issue").loc[issue]
    norm, value, label = compromise
    assert result["compromise"] == pytest.approx(norm)
    assert result["compromise_value"] == pytest.approx(value, abs=0.005)
    assert result["compromise_label"] == label
    assert (result["median"], result["median_label"]) == (pytest.approx(median[0]), median[1])
    assert result["reason"] == ""


def test_forecast_reports_the_draft_term(tiny):
    result = forecast.forecast(tiny, "v1").set_index("issue")
    assert result.loc["cap", ["draft", "draft_value", "draft_label"]].tolist() == [
        0.6,
        600.0,
        "600 thousand",
    ]
    assert result.loc["nato", ["draft_value", "draft_label"]].tolist() == [3.0, "Barred"]


def test_single_party_forecast_is_its_position(tiny):
    result = forecast.forecast(tiny, "v1", parties=["b"]).set_index("issue")
    assert result["compromise_label"].tolist() == ["800 thousand", "By consensus"]
    assert result["median"].tolist() == [0.8, 0.5]


def test_all_undisclosed_issue_has_no_forecast_and_says_why(tmp_path):
    rows = [r for r in ROWS if not (r["version"] == "v1" and r["issue"] == "cap")]
    rows += [row("v1", p, "cap") for p in ("a", "b", "c")]
    ds = load_dataset(write_dataset(tmp_path / "secret", rows))
    result = forecast.forecast(ds, "v1").set_index("issue").loc["cap"]
    assert result["known"] == 0
    assert math.isnan(result["compromise"]) and math.isnan(result["median"])
    assert (result["compromise_label"], result["reason"]) == ("", "no party's position is known")


def test_zero_weights_give_no_forecast_and_say_why(tiny):
    zero = {"capability": {"a": 0.0, "b": 0.0, "c": 0.0}}
    result = forecast.forecast(tiny, "v2", **zero)
    assert result["compromise"].isna().all() and result["median"].isna().all()
    assert set(result["reason"]) == {"the known parties' weights are all zero"}


@pytest.mark.parametrize(
    ("fixture", "version", "expected"),
    [
        (
            "tiny",
            "v1",
            "No capability is given, so every party weighs the same (1). "
            "No salience is given, so every issue matters equally (1).",
        ),
        # c has no position in v2 nato; the only salience given is in v1.
        ("weighted", "v1", "Salience 1 assumed for 4 of 5 positions."),
    ],
)
def test_defaults_are_said(request, fixture, version, expected):
    ds = request.getfixturevalue(fixture)
    assert forecast.defaults_note(ds, forecast.inputs(ds, version)) == expected


def test_capability_sources(weighted):
    assert forecast.capabilities(weighted, "v2", {"b": 0.9}) == {
        "a": (0.0, "version"),
        "b": (0.9, "set here"),
        "c": (1.0, "dataset"),
    }


@pytest.mark.parametrize(
    ("norm", "value", "label"),
    [
        (0.0, 1.0, "Open path"),
        (0.2, 1.4, "Open path"),
        (0.25, 1.5, "between Open path and By consensus"),
        (0.3, 1.6, "By consensus"),
        (1.0, 3.0, "Barred"),
    ],
)
def test_ordinal_forecast_as_number_and_nearest_level(tiny, norm, value, label):
    scale = tiny.issue("nato").scale
    assert scale.native(norm) == pytest.approx(value)
    assert scale.native_label(norm) == label


# --- zone of possible agreement -------------------------------------------------------------


def red_line_rows(**lines: dict[str, str]) -> list[dict]:
    """ROWS with red lines set on v2 cells keyed 'party_issue'."""
    out = []
    for r in ROWS:
        key = f"{r['party']}_{r['issue']}"
        out.append(r | lines.get(key, {}) if r["version"] == "v2" else r)
    return out


ZONES = [
    # v2 values: cap a 600, b 800, c 900; nato a barred, b consensus, c none.
    ("no red lines", {}, "cap", (pd.NA, NAN, NAN, "no red lines given", "")),
    (
        "one party bounds the zone",
        {"a_cap": {"accept_min": "500", "accept_max": "700"}},
        "cap",
        (True, 0.5, 0.7, "500 thousand to 700 thousand", ""),
    ),
    (
        "two ranges overlap; a missing bound is the scale's end",
        {"a_cap": {"accept_max": "700"}, "b_cap": {"accept_min": "650"}},
        "cap",
        (True, 0.65, 0.7, "650 thousand to 700 thousand", ""),
    ),
    (
        "a single point",
        {"a_cap": {"accept_max": "700"}, "c_cap": {"accept_min": "700"}},
        "cap",
        (True, 0.7, 0.7, "700 thousand", ""),
    ),
    (
        "no overlap names the blocking pair",
        {"a_nato": {"accept_min": "barred"}, "b_nato": {"accept_max": "consensus"}},
        "nato",
        (False, NAN, NAN, "none: Alpha vs Beta", "Alpha vs Beta"),
    ),
    (
        "only the pairs that do not overlap block",
        {
            "a_cap": {"accept_max": "650"},
            "b_cap": {"accept_min": "700"},
            "c_cap": {"accept_min": "600"},
        },
        "cap",
        (False, NAN, NAN, "none: Alpha vs Beta", "Alpha vs Beta"),
    ),
]


@pytest.mark.parametrize(
    ("lines", "issue", "expected"), [z[1:] for z in ZONES], ids=[z[0] for z in ZONES]
)
def test_zone_of_agreement(tmp_path, lines, issue, expected):
    ds = load_dataset(write_dataset(tmp_path / "zones", red_line_rows(**lines)))
    found = zone.zone_of_agreement(ds, "v2").set_index("issue").loc[issue]
    overlap, low, high, summary, blocking = expected
    assert (found["overlap"] is pd.NA) if overlap is pd.NA else (found["overlap"] == overlap)
    assert found["low"] == pytest.approx(low, nan_ok=True)
    assert found["high"] == pytest.approx(high, nan_ok=True)
    assert (found["summary"], found["blocking"]) == (summary, blocking)


# --- draft drift ----------------------------------------------------------------------------

# v1 -> v2, party positions as of v2 (c's v1 nato "open" where v2 has none):
#   cap: draft .6 -> .8; a .6 (0 -> .2), b .8 (.2 -> 0), c .9 (.3 -> .1)
#   nato: draft 1 -> .5; a 1 (0 -> .5), b .5 (.5 -> 0), c 0 (1 -> .5)
DRIFT = [
    ("a", "cap", 0.0, 0.2),
    ("b", "cap", 0.2, 0.0),
    ("c", "cap", 0.3, 0.1),
    ("a", "nato", 0.0, 0.5),
    ("b", "nato", 0.5, 0.0),
    ("c", "nato", 1.0, 0.5),
]


@pytest.mark.parametrize(("party", "issue", "before", "after"), DRIFT)
def test_draft_drift_per_issue(tiny, party, issue, before, after):
    row = drift.draft_drift(tiny).set_index(["party", "issue"]).loc[(party, issue)]
    assert (row["old"], row["new"]) == ("v1", "v2")
    assert row["distance_old"] == pytest.approx(before)
    assert row["distance_new"] == pytest.approx(after)
    assert row["change"] == pytest.approx(after - before)


@pytest.mark.parametrize(
    ("party", "before", "after"),
    [("a", 0.0, 0.35), ("b", 0.35, 0.0), ("c", 0.65, 0.3)],
)
def test_draft_drift_overall_is_the_mean_over_issues(tiny, party, before, after):
    overall = drift.drift_overall(drift.draft_drift(tiny)).set_index("party").loc[party]
    assert (overall["distance_old"], overall["distance_new"]) == (
        pytest.approx(before),
        pytest.approx(after),
    )
    assert overall["issues"] == 2


def test_drift_is_salience_weighted(tmp_path):
    # a's salience .9 on nato and .1 on cap: (.1 × .2 + .9 × .5) / 1 after, 0 before.
    rows = [
        r | {"salience": {"cap": "0.1", "nato": "0.9"}[r["issue"]]} if r["party"] == "a" else r
        for r in ROWS
    ]
    ds = load_dataset(write_dataset(tmp_path / "salient", rows))
    overall = drift.drift_overall(drift.draft_drift(ds)).set_index("party")
    assert overall.loc["a", "change"] == pytest.approx(0.1 * 0.2 + 0.9 * 0.5)


def test_moved_toward_overall_and_per_issue(tiny):
    moved = drift.moved_toward(drift.draft_drift(tiny)).set_index("issue_name")
    assert list(moved.index) == ["Overall", "Army cap", "NATO membership"]
    for issue in moved.index:
        assert set(moved.loc[issue, "toward"].split(", ")) == {"Beta", "Gamma"}
        assert moved.loc[issue, "away"] == "Alpha"
    assert set(moved["revision"]) == {"First draft → Second draft"}


def test_drift_with_one_version_is_empty(tmp_path):
    rows = [r for r in ROWS if r["version"] == "v1"]
    ds = load_dataset(write_dataset(tmp_path / "one", rows, metadata(versions=VERSIONS[:1])))
    assert drift.draft_drift(ds).empty
    assert drift.moved_toward(drift.draft_drift(ds)).empty


# --- sensitivity ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("factor", "setting", "compromise"),
    [
        # v2 cap: a .6 (weight = setting), b .8, c .9 at weight 1.
        ("capability", 0.0, 1.7 / 2),
        ("capability", 0.5, (0.3 + 1.7) / 2.5),
        ("capability", 1.0, 2.3 / 3),
        ("salience", 0.25, (0.15 + 1.7) / 2.25),
    ],
)
def test_sensitivity_moves_the_compromise(tiny, factor, setting, compromise):
    frame = forecast.sensitivity(tiny, "v2", factor)
    cell = frame[
        (frame["issue"] == "cap") & (frame["setting"] == setting) & (frame["party"] == "a")
    ]
    assert cell["compromise"].item() == pytest.approx(compromise)


def test_sensitivity_refuses_an_unknown_factor(tiny):
    with pytest.raises(ValueError, match="factor must be 'capability' or 'salience'"):
        forecast.sensitivity(tiny, "v2", "charm")


def test_sensitivity_varies_each_party_in_turn(tiny):
    frame = forecast.sensitivity(tiny, "v1", "capability", parties=["a", "b"], issues=["cap"])
    assert len(frame) == 2 * len(forecast.SENSITIVITY_GRID)
    # b's capability 0 leaves a alone at 600; a's 0 leaves b at 800.
    zero = frame[frame["setting"] == 0.0].set_index("party")
    assert zero["compromise_label"].to_dict() == {"a": "800 thousand", "b": "600 thousand"}


def test_every_model_has_two_sentences_and_a_formula():
    for name, explanation, formula in forecast.MODELS.values():
        assert name and formula
        assert explanation.count(". ") + explanation.endswith(".") == 2


# --- the data the models read ---------------------------------------------------------------

BAD = [
    (
        "red lines out of order",
        {"rows": red_line_rows(a_cap={"accept_min": "700", "accept_max": "500"})},
        "row 11, column 'accept_min': '700' is above accept_max '500'",
    ),
    (
        "a stance outside its own red line",
        {"rows": red_line_rows(b_cap={"accept_max": "700"})},
        "row 12, column 'value': '800' is outside the party's own acceptable range "
        "scale start to 700",
    ),
    (
        "an ordinal stance outside its own red line",
        {"rows": red_line_rows(a_nato={"accept_max": "consensus"})},
        "row 15, column 'value': 'barred' is outside the party's own acceptable range",
    ),
    (
        "version capability for an unknown party",
        {"meta": metadata(versions=[VERSIONS[0], VERSIONS[1] | {"capabilities": {"z": 0.5}}])},
        "capabilities name unknown party id(s) z; valid: a, b, c",
    ),
    (
        "version capability above 1",
        {"meta": metadata(versions=[VERSIONS[0], VERSIONS[1] | {"capabilities": {"a": 1.5}}])},
        "column 'versions > #2 (v2) > capabilities > a': Input should be less than or equal to 1",
    ),
]


@pytest.mark.parametrize(("files", "expected"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_red_lines_and_capabilities_are_reported(tmp_path, files, expected):
    problems = [str(p) for p in validate_dataset(write_dataset(tmp_path / "bad", **files))]
    assert any(expected in p for p in problems), problems


def test_red_lines_within_range_and_version_capabilities_load(weighted, tmp_path):
    assert dict(weighted.version("v2").capabilities) == {"a": 0.0}
    rows = red_line_rows(a_cap={"accept_min": "600", "accept_max": "600"})
    assert validate_dataset(write_dataset(tmp_path / "ok", rows)) == []
    assert ISSUES[0]["id"] == "cap"


# --- the forecast and drift views -----------------------------------------------------------


def test_forecast_marks_and_chart_with_a_zone_and_a_block(tmp_path):
    lines = {
        "a_cap": {"accept_min": "500", "accept_max": "700"},
        "a_nato": {"accept_min": "barred"},
        "b_nato": {"accept_max": "consensus"},
    }
    ds = load_dataset(write_dataset(tmp_path / "zones", red_line_rows(**lines)))
    sel = views.Selection.default(ds)
    frame = views.VIEWS["forecast"].data(ds, sel)
    by_kind = frame.groupby("kind")["text"].apply(list).to_dict()
    assert by_kind["zone"] == ["500 thousand to 700 thousand"]
    assert by_kind["no zone"] == ["No overlap: Alpha vs Beta"]
    assert by_kind["compromise"] == ["767 thousand", "between By consensus and Barred"]
    assert by_kind["draft"] == ["800 thousand", "By consensus"]
    spec = views.build("forecast", ds, sel).to_dict(validate=True)
    svg = vlc.vegalite_to_svg(spec)
    assert "Where it may land" in svg and "No overlap: Alpha vs Beta" in svg


def test_draft_drift_view_rows(tiny):
    frame = views.VIEWS["draft-drift"].data(tiny, views.Selection.default(tiny))
    assert frame.set_index("party")["change"].round(2).to_dict() == {
        "a": 0.35,
        "b": -0.35,
        "c": -0.35,
    }


@pytest.mark.parametrize(
    ("low", "high", "tolerance", "decimals", "label"),
    [
        # a hundredth of the range, or the decimals the bounds are given with, whichever is finer
        (0, 1000, 50, 0, "767 thousand"),
        (0, 10000, 0, 0, "7,667 thousand"),
        (0, 100, 0, 0, "77 thousand"),
        (0, 10, 0, 1, "7.7 thousand"),
        (1, 5, 0, 2, "4.07 thousand"),
        (0, 0.5, 0.05, 3, "0.383 thousand"),
        (0, 100, 2.5, 1, "76.7 thousand"),
    ],
)
def test_forecasts_are_shown_to_the_issues_precision(low, high, tolerance, decimals, label):
    scale = Scale("numeric", "thousand", low, high, tolerance)
    assert scale.decimals == decimals
    assert scale.native_label(0.76667) == label


def test_forecasts_in_the_issues_terms_are_rounded_too(tiny):
    cap = forecast.forecasts(tiny, "v2").set_index("issue").loc["cap"]
    assert (cap["compromise"], cap["compromise_label"]) == (767.0, "767 thousand")


def test_a_forecast_from_one_party_carries_the_caveat(tiny):
    result = forecast.forecast(tiny, "v1", parties=["b"]).set_index("issue")
    assert result["known"].tolist() == [1, 1]
    assert set(result["reason"]) == {forecast.ONE_PARTY}


def test_the_default_version_has_a_partys_position(tiny, outcome):
    assert forecast.default_version(tiny) == "v2"
    assert forecast.default_version(outcome) == "v2"  # v3 holds the agreed text alone
