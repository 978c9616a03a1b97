"""Data model v2 (issue 13): descending scales and named values ("no-cap") normalised the
same way as ordinal levels and carried through gaps, agreement, diffs, forecasts, zones and
every chart; reference points drawn but never counted; sources without a link reported as
notes; bad input to every new field refused in one line naming file, row and field, nothing
written; old folders without the new fields still loading."""

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml
from factory import CAP_DOWN, ISSUES, NEEDS_OUTCOME, NO_CAP, ROWS, edit, metadata, write_dataset

from negotiation.analysis import agreement, forecast, zone
from negotiation.charts import views
from negotiation.cli import main
from negotiation.data import store
from negotiation.data.load import DatasetError, load_dataset
from negotiation.data.model import Dataset, Poles
from negotiation.data.references import references

CAP = CAP_DOWN | {
    "description": "Ceiling on the army; a bigger army is the low pole's aim.",
    "reference": {"value": 880, "label": "About 880,000 in service", "sources": ["s1"]},
}
NATO = ISSUES[1]  # ordinal, levels listed from the low pole: open, consensus, barred
NATO_DOWN = NATO | {"scale": NATO["scale"] | {"direction": "descending"}}
LINKED = [
    {
        "id": "s1",
        "publisher": "Wire",
        "title": "Report",
        "date": "2025-01-02",
        "url": "https://example.org/report",
    },
    {
        "id": "s2",
        "publisher": "Ministry",
        "title": "Statement",
        "date": "2025-01-03",
        "unpublished": "Read on television; no transcript published",
    },
]
PER_VERSION = [  # a default reference point and v2's own
    {"value": 880, "label": "About 880,000", "sources": ["s1"]},
    {"value": 900, "label": "About 900,000", "sources": ["s1", "s2"], "version": "v2"},
]
POLES = {"low": "Kyiv's aims", "high": "Moscow's demands"}

# v2 of the factory's ROWS with no-cap in it (norm in brackets, cap descending 0-1000):
#   cap: draft no-cap (0; it was 600 in v1), a 600 (.4), b 800 (.2), c no-cap (0; undisclosed
#   in v1); nato as in ROWS: draft consensus, a barred, b consensus, c none
NO_CAP_ROWS = edit(
    edit(ROWS, "v2", "c", "cap", value="no-cap"), "v2", "draft", "cap", value="no-cap"
)
ROW_OF = {(r["version"], r["party"], r["issue"]): n + 2 for n, r in enumerate(ROWS)}
"""Each (version, party, issue)'s row in positions.csv, the header being row 1."""


def v2_meta(**changes: object) -> dict:
    """The factory's metadata with every v2 field: poles, the descending army cap with its
    named value and reference point, linked sources."""
    return metadata(poles=POLES, issues=[CAP, NATO], sources=LINKED) | changes


def load(folder: Path, rows: list[dict] | None = None, meta: dict | None = None) -> Dataset:
    return load_dataset(write_dataset(folder, NO_CAP_ROWS if rows is None else rows, meta))


def problems(folder: Path, rows: list[dict] | None = None, meta: dict | None = None) -> list[str]:
    """The problems, in words, that refuse the dataset written from `rows` and `meta`."""
    with pytest.raises(DatasetError) as error:
        load(folder, rows, meta)
    return [str(p) for p in error.value.problems]


@pytest.fixture
def v2(tmp_path: Path) -> Dataset:
    return load(tmp_path / "v2", meta=v2_meta())


# --- 1. one direction for every scale ------------------------------------------------------


def cap_scale(**changes: object) -> dict:
    return CAP | {"scale": CAP["scale"] | changes}


SCALES = {
    "cap down": CAP,
    "cap up": CAP | {"scale": CAP["scale"] | {"direction": "ascending"}},
    "cap down, named at min": cap_scale(
        named=[NO_CAP, {"id": "disbanded", "label": "Disbanded", "at": "min"}]
    ),
    "nato": NATO,
    "nato down": NATO_DOWN,
}


def scale_of(tmp_path: Path, name: str):
    """The scale of SCALES[name] as the loader reads it from dataset.yaml."""
    issue = SCALES[name]
    issues = [issue, NATO] if issue["id"] == "cap" else [CAP, issue]
    return load(tmp_path / "scale", meta=v2_meta(issues=issues)).issue(issue["id"]).scale


@pytest.mark.parametrize(
    ("scale", "cell", "norm"),
    [
        ("cap down", "600", 0.4),
        ("cap down", "800", 0.2),
        ("cap down", "1000", 0.0),
        ("cap down", "0", 1.0),
        ("cap down", "no-cap", 0.0),
        ("cap up", "600", 0.6),
        ("cap up", "no-cap", 1.0),
        ("cap down, named at min", "disbanded", 1.0),
        ("nato", "open", 0.0),
        ("nato", "consensus", 0.5),
        ("nato", "barred", 1.0),
        ("nato down", "open", 1.0),
        ("nato down", "barred", 0.0),
    ],
)
def test_normalised_position_runs_from_the_low_pole(tmp_path, scale, cell, norm):
    found = scale_of(tmp_path, scale)
    assert found.normalise(found.parse(cell)) == pytest.approx(norm)


def test_descending_numeric_and_ordinal_scales_share_one_direction(v2):
    """A bigger army and an open path to NATO both sit at the low pole: 600 nearer the high
    pole than 800, no cap at 0 like the ordinal scale's first level."""
    norm = v2.positions.set_index(["version", "party", "issue"])["norm"]
    assert norm[("v2", "a", "cap")] > norm[("v2", "b", "cap")] > norm[("v2", "c", "cap")] == 0
    assert norm[("v1", "c", "nato")] == norm[("v2", "c", "cap")] == 0
    assert v2.poles == Poles("Kyiv's aims", "Moscow's demands", named=True)


@pytest.mark.parametrize(
    ("scale", "cell", "label", "units"),
    [
        ("cap down", "600", "600 thousand", 600.0),
        ("cap down", "no-cap", "No cap", np.nan),
        ("nato", "consensus", "By consensus", None),
    ],
)
def test_label_and_units_of_a_value(tmp_path, scale, cell, label, units):
    found = scale_of(tmp_path, scale)
    value = found.parse(cell)
    assert found.label(value) == label
    if units is not None:
        np.testing.assert_equal(found.units(value), units)


@pytest.mark.parametrize(
    ("scale", "norm", "label"),
    [
        ("cap down", 0.0, "No cap"),  # the named value's end: no cap, not "1,000 thousand"
        ("cap down", 0.4, "600 thousand"),
        ("cap down", 0.12, "880 thousand"),
        ("cap down", 1.0, "0 thousand"),
        ("cap up", 1.0, "No cap"),
        ("cap down, named at min", 1.0, "Disbanded"),
        ("cap down, named at min", 0.0, "No cap"),
        ("cap up", 0.0, "0 thousand"),
        ("nato", 0.0, "Open path"),
        ("nato", 0.25, "between Open path and By consensus"),
        ("nato down", 0.0, "Barred"),
        ("nato down", 0.25, "between By consensus and Barred"),
        ("nato down", 0.9, "Open path"),
        ("cap down", np.nan, ""),
    ],
)
def test_native_label_of_a_normalised_position(tmp_path, scale, norm, label):
    assert scale_of(tmp_path, scale).native_label(norm) == label


@pytest.mark.parametrize(
    ("scale", "norm", "value"),
    [
        ("cap down", 0.0, 1000.0),
        ("cap down", 0.4, 600.0),
        ("cap down", 1.0, 0.0),
        ("cap up", 0.4, 400.0),
    ],
)
def test_denormalise_is_the_inverse_of_normalise(tmp_path, scale, norm, value):
    found = scale_of(tmp_path, scale)
    assert found.denormalise(norm) == pytest.approx(value)
    assert found.normalise(value) == pytest.approx(norm)


@pytest.mark.parametrize(
    ("scale", "low", "high", "interval"),
    [
        ("cap down", "500", "700", (0.3, 0.5)),
        ("cap down", None, "700", (0.3, 1.0)),
        ("cap down", "650", None, (0.0, 0.35)),
        ("cap down", "900", "no-cap", (0.0, 0.1)),
        ("cap up", "500", "700", (0.5, 0.7)),
        ("nato", "open", "consensus", (0.0, 0.5)),
        ("nato down", "open", "consensus", (0.5, 1.0)),
        ("nato down", None, "consensus", (0.5, 1.0)),
    ],
)
def test_red_lines_as_a_normalised_interval_lower_end_first(tmp_path, scale, low, high, interval):
    found = scale_of(tmp_path, scale)
    got = found.interval(
        None if low is None else found.parse(low), None if high is None else found.parse(high)
    )
    assert got == pytest.approx(interval)


# --- 2. no-cap through gaps, agreement, diffs, forecasts, zones and charts ----------------


@pytest.mark.parametrize(
    ("a", "b", "gap", "gap_units", "agree"),
    [
        ("a", "c", 0.4, np.nan, "apart"),  # 600 against no cap: no cap has no size
        ("a", "b", 0.2, 200.0, "apart"),
        ("b", "c", 0.2, np.nan, "apart"),
        ("draft", "c", 0.0, np.nan, "agree"),
        ("draft", "a", 0.4, np.nan, "apart"),
    ],
)
def test_gaps_with_no_cap(v2, a, b, gap, gap_units, agree):
    gaps = agreement.issue_gaps(v2, "v2", ["a", "b", "c"], "cap").set_index(["party_a", "party_b"])
    found = gaps.loc[(a, b)]
    assert found["gap"] == pytest.approx(gap)
    np.testing.assert_equal(found["gap_units"], gap_units)
    assert found["agree_label"] == agree


@pytest.mark.parametrize(
    ("a", "b", "known", "agreed"),
    [
        ("a", "b", 2, 0),  # cap 600/800 apart, nato barred/consensus apart
        ("a", "c", 1, 0),  # cap 600/no-cap apart; c takes no position on nato
        ("draft", "c", 1, 1),  # both at no cap
        ("draft", "b", 2, 1),  # cap no-cap/800 apart, nato consensus agreed
    ],
)
def test_agreement_counts_no_cap(v2, a, b, known, agreed):
    matrix = agreement.agreement_matrix(v2, "v2", ["draft", "a", "b", "c"])
    cell = matrix.set_index(["party_a", "party_b"]).loc[(a, b)]
    assert (cell["known"], cell["agreed"]) == (known, agreed)
    assert cell["share"] == pytest.approx(agreed / known)


@pytest.mark.parametrize(
    ("party", "change", "old", "new", "toward", "away"),
    [
        ("draft", "changed", "600 thousand", "No cap", "Gamma", "Alpha"),
        ("c", "newly disclosed", "undisclosed", "No cap", "", ""),
        ("a", "unchanged", "600 thousand", "600 thousand", "", ""),
    ],
)
def test_diff_to_no_cap(v2, party, change, old, new, toward, away):
    diff = agreement.version_diff(v2, "v1", "v2", issues=["cap"]).set_index("party")
    cell = diff.loc[party]
    assert (cell["change"], cell["value_label_old"], cell["value_label_new"]) == (change, old, new)
    assert (cell["toward"], cell["away"]) == (toward, away)


@pytest.mark.parametrize(
    ("capability", "compromise", "compromise_label", "median_label"),
    [
        ({}, 800.0, "800 thousand", "800 thousand"),  # (.4 + .2 + 0) / 3 = .2
        ({"a": 0, "b": 0}, 1000.0, "No cap", "No cap"),  # Gamma alone: the no-cap end
        ({"c": 0}, 700.0, "700 thousand", "700 thousand"),  # Alpha and Beta: midway
    ],
)
def test_forecast_on_the_no_cap_end_says_no_cap(
    v2, capability, compromise, compromise_label, median_label
):
    table = forecast.forecasts(v2, "v2", issues=["cap"], capability=capability).iloc[0]
    assert table["compromise"] == pytest.approx(compromise)
    assert table["compromise_label"] == compromise_label
    assert table["median_label"] == median_label
    assert table["draft_label"] == "No cap"
    marks = forecast.marks(v2, "v2", issues=["cap"], capability=capability).set_index("kind")
    assert marks.loc["compromise", "text"] == compromise_label


@pytest.mark.parametrize(
    ("red_lines", "overlap", "low", "high", "summary"),
    [
        ({"a": ("500", "700"), "b": ("650", "")}, True, 0.3, 0.35, "700 thousand to 650 thousand"),
        ({"c": ("900", "no-cap")}, True, 0.0, 0.1, "No cap to 900 thousand"),
        ({"c": ("900", "")}, True, 0.0, 0.1, "No cap to 900 thousand"),
        ({"a": ("500", "700"), "c": ("900", "")}, False, np.nan, np.nan, "none: Alpha vs Gamma"),
        ({}, pd.NA, np.nan, np.nan, "no red lines given"),
    ],
)
def test_zone_of_agreement_on_a_descending_scale(tmp_path, red_lines, overlap, low, high, summary):
    rows = NO_CAP_ROWS
    for party, (accept_min, accept_max) in red_lines.items():
        rows = edit(rows, "v2", party, "cap", accept_min=accept_min, accept_max=accept_max)
    ds = load(tmp_path / "zone", rows, v2_meta())
    found = zone.zone_of_agreement(ds, "v2", issues=["cap"]).iloc[0]
    assert (pd.isna(found["overlap"]) and pd.isna(overlap)) or found["overlap"] == overlap
    np.testing.assert_allclose([found["low"], found["high"]], [low, high])
    assert found["summary"] == summary


@pytest.mark.parametrize("name", list(views.VIEWS))
def test_every_chart_builds_with_no_cap(request, name):
    # the backtest needs an agreed text: the outcome dataset's b asks for no cap too
    ds = request.getfixturevalue("outcome" if name in NEEDS_OUTCOME else "v2")
    chart = views.build(name, ds, views.Selection.default(ds))
    assert chart is not None
    spec = chart.to_dict(validate=True)
    assert json.loads(json.dumps(spec)) == spec


# --- 3. reference points: drawn, never counted ---------------------------------------------


@pytest.mark.parametrize("name", ["issue-scale", "positions", "forecast"])
def test_reference_point_is_drawn_on_the_issue_charts(v2, name):
    spec = json.dumps(views.build(name, v2, views.Selection.default(v2)).to_dict())
    assert "About 880,000 in service" in spec
    assert "880 thousand" in spec


@pytest.mark.parametrize(
    ("version", "shown", "hidden"),
    [("v1", "About 880,000", "About 900,000"), ("v2", "About 900,000", "About 880,000")],
)
@pytest.mark.parametrize("name", ["issue-scale", "positions", "forecast"])
def test_issue_charts_draw_the_version_s_own_reference(tmp_path, name, version, shown, hidden):
    ds = load(tmp_path / "ref", meta=v2_meta(issues=[CAP | {"reference": PER_VERSION}, NATO]))
    sel = replace(views.Selection.default(ds), version=version)
    spec = json.dumps(views.build(name, ds, sel).to_dict(validate=True))
    assert shown in spec and hidden not in spec


def without_references(meta: dict) -> dict:
    return meta | {
        "issues": [{k: v for k, v in i.items() if k != "reference"} for i in meta["issues"]]
    }


@pytest.mark.parametrize(
    "compute",
    [
        lambda ds: agreement.agreement_matrix(ds, "v2", ["draft", "a", "b", "c"]),
        lambda ds: agreement.pairwise_gaps(ds, "v2", ["draft", "a", "b", "c"]),
        lambda ds: agreement.widest_gaps(ds, "v2", ["a", "b", "c"]),
        lambda ds: forecast.forecasts(ds, "v2"),
        lambda ds: forecast.marks(ds, "v2"),
    ],
    ids=["agreement", "gaps", "widest-gaps", "forecasts", "forecast-marks"],
)
def test_reference_point_is_never_counted(tmp_path, compute):
    meta = v2_meta()
    meta["issues"] = [CAP, NATO | {"reference": {"value": "open", "label": "Open door"}}]
    with_ref = load(tmp_path / "with", meta=meta)
    without = load(tmp_path / "without", meta=without_references(meta))
    assert with_ref.issue("nato").reference("v2").value == "open"
    assert without.issue("cap").references == ()
    pd.testing.assert_frame_equal(compute(with_ref), compute(without))


@pytest.mark.parametrize(
    ("reference", "version", "value", "label", "norm", "units", "sources"),
    [
        (PER_VERSION, "v1", "880", "About 880,000", 0.12, 880.0, "s1"),
        (PER_VERSION, "v2", "900", "About 900,000", 0.1, 900.0, "s1;s2"),
        (PER_VERSION, None, "880", "About 880,000", 0.12, 880.0, "s1"),
        (PER_VERSION[1:], "v1", None, None, None, None, None),  # only v2 has one
        (
            {"value": "no-cap", "label": "No cap today"},
            "v1",
            "no-cap",
            "No cap today",
            0.0,
            np.nan,
            "",
        ),
    ],
)
def test_reference_at_a_version_is_its_own_over_the_default(
    tmp_path, reference, version, value, label, norm, units, sources
):
    ds = load(tmp_path / "ref", meta=v2_meta(issues=[CAP | {"reference": reference}, NATO]))
    found = references(ds, version)
    if value is None:
        assert found.empty and ds.issue("cap").reference(version) is None
        return
    assert found["issue"].tolist() == ["cap"]
    got = found.iloc[0]
    assert (got["value"], got["label"], got["sources"]) == (value, label, sources)
    assert got["norm"] == pytest.approx(norm)
    np.testing.assert_equal(got["units"], units)
    assert ds.issue("cap").reference(version).value == value


# --- 4. sources without a link are notes ---------------------------------------------------


def source_line(text: str, index: int) -> int:
    """The YAML line (from 1) on which item `index` of the top-level `sources` list starts."""
    lines = text.splitlines()
    start = lines.index("sources:")
    items = [n for n in range(start + 1, len(lines)) if lines[n].startswith("- ")]
    return items[index] + 1


@pytest.mark.parametrize(
    ("source", "noted"),
    [
        ({"url": "https://example.org/a"}, False),
        ({"url": "http://example.org/a"}, False),
        ({"unpublished": "Read on air; no transcript"}, False),
        ({}, True),
    ],
    ids=["https", "http", "unpublished", "neither"],
)
def test_source_without_link_is_a_note_naming_file_row_and_field(tmp_path, source, noted):
    s2 = {"id": "s2", "publisher": "Ministry", "title": "Statement", "date": "2025-01-03"}
    meta = v2_meta(sources=[LINKED[0], s2 | source])
    ds = load(tmp_path / "notes", meta=meta)
    text = (tmp_path / "notes" / "dataset.yaml").read_text()
    link_notes = [str(n) for n in ds.notes if "url" in (n.column or "")]
    expected = (
        f"{tmp_path / 'notes' / 'dataset.yaml'}, row {source_line(text, 1)}, "
        "column 'sources > #2 (s2) > url': has no url; give the link of the page read, or "
        "unpublished: <why not>"
    )
    assert link_notes == ([expected] if noted else [])


def test_validate_prints_the_notes(tmp_path, capsys):
    meta = v2_meta(sources=[{k: v for k, v in LINKED[0].items() if k != "url"}])
    folder = write_dataset(tmp_path / "unlinked", NO_CAP_ROWS, meta)
    assert main(["validate", str(folder)]) == 0
    out = capsys.readouterr().out
    line = source_line((folder / "dataset.yaml").read_text(), 0)
    assert "1 note(s), on what the dataset leaves to defaults or should add:" in out
    assert f"dataset.yaml, row {line}, column 'sources > #1 (s1) > url': has no url" in out


# --- 5. bad input to every new field: one line naming file, row and field ------------------


QUOTE = "q" * 401
BAD_METADATA = {
    "min above max": (
        {"issues": [cap_scale(min=1000, max=0), NATO]},
        ["issues > #1 (cap) > scale", "min (1000) must be below max (0)", "descending"],
    ),
    "min equal to max": (
        {"issues": [cap_scale(min=5, max=5), NATO]},
        ["issues > #1 (cap) > scale", "min (5) must be below max (5)"],
    ),
    "named value that is a number": (
        {"issues": [cap_scale(named=[NO_CAP | {"id": "1000"}]), NATO]},
        ["issues > #1 (cap) > scale > named > #1 (1000) > id", "'1000' is a number"],
    ),
    "named value at neither end": (
        {"issues": [cap_scale(named=[NO_CAP | {"at": "middle"}]), NATO]},
        ["issues > #1 (cap) > scale > named > #1 (no-cap) > at"],
    ),
    "unknown direction": (
        {"issues": [cap_scale(direction="downwards"), NATO]},
        ["issues > #1 (cap) > scale > direction"],
    ),
    "reference off the scale": (
        {"issues": [CAP | {"reference": {"value": 1200, "label": "Too many"}}, NATO]},
        ["issues > #1 (cap)", "reference value: 1,200 is off the scale 0–1,000 thousand"],
    ),
    "reference not a named value": (
        {"issues": [CAP | {"reference": {"value": "no-limit", "label": "?"}}, NATO]},
        ["issues > #1 (cap)", "reference value: 'no-limit' is not a number or a named value"],
    ),
    "reference citing an unknown source": (
        {"issues": [CAP | {"reference": CAP["reference"] | {"sources": ["s9"]}}, NATO]},
        ["issue cap: reference cites unknown source(s) s9"],
    ),
    "reference at an unknown version": (
        {"issues": [CAP | {"reference": CAP["reference"] | {"version": "v9"}}, NATO]},
        ["issue cap: reference names unknown version 'v9'; valid: v1, v2"],
    ),
    "two final versions": (
        {"versions": [v | {"final": True} for v in metadata()["versions"]]},
        ["only one version can be final; marked final: v1, v2"],
    ),
    "final and agreement": (
        {
            "versions": [
                metadata()["versions"][0] | {"final": True},
                metadata()["versions"][1] | {"kind": "agreement"},
            ]
        },
        ["only one version can be final; marked final: v1, v2"],
    ),
    "url not http": (
        {"sources": [LINKED[0] | {"url": "ftp://example.org/report"}, LINKED[1]]},
        ["sources > #1 (s1) > url"],
    ),
    "url with a space": (
        {"sources": [LINKED[0] | {"url": "https://example.org/a report"}, LINKED[1]]},
        ["sources > #1 (s1) > url"],
    ),
    "empty unpublished reason": (
        {"sources": [LINKED[0], LINKED[1] | {"unpublished": ""}]},
        ["sources > #2 (s2) > unpublished"],
    ),
    "poles without high": (
        {"poles": {"low": "Kyiv's aims"}},
        ["poles > high", "is required but missing"],
    ),
}


@pytest.mark.parametrize(("changes", "words"), BAD_METADATA.values(), ids=BAD_METADATA.keys())
def test_bad_metadata_is_one_line_naming_file_and_field(tmp_path, changes, words):
    found = problems(tmp_path / "bad", meta=v2_meta(**changes))
    assert len(found) == 1, found
    assert "\n" not in found[0]
    assert found[0].startswith(str(tmp_path / "bad" / "dataset.yaml"))
    for word in words:
        assert word in found[0]


BAD_CELLS = {
    "value not a number nor a named value": (
        ("v2", "c", "cap", {"value": "no-limit"}),
        "column 'value': 'no-limit' is not a number or a named value (no-cap) (issue cap)",
    ),
    "value off a descending scale": (
        ("v2", "c", "cap", {"value": "1200"}),
        "column 'value': 1,200 is off the scale 0–1,000 thousand (issue cap)",
    ),
    "red line not a named value": (
        ("v2", "c", "cap", {"accept_max": "no-limit"}),
        "column 'accept_max': 'no-limit' is not a number or a named value (no-cap) (issue cap)",
    ),
    "red lines the wrong way round on a descending scale": (
        ("v2", "a", "cap", {"accept_min": "700", "accept_max": "500"}),
        "column 'accept_min': '700' is above accept_max '500'",
    ),
    "value outside its own red lines": (
        ("v2", "a", "cap", {"accept_min": "900", "accept_max": "no-cap"}),
        "column 'value': '600' is outside the party's own acceptable range 900 to no-cap",
    ),
    "quote of 401 characters": (
        ("v2", "a", "cap", {"quote": QUOTE}),
        "column 'quote': is 401 characters long; a quote has at most 400",
    ),
}


@pytest.mark.parametrize(("cell", "words"), BAD_CELLS.values(), ids=BAD_CELLS.keys())
def test_bad_position_is_one_line_naming_file_row_and_column(tmp_path, cell, words):
    version, party, issue, cells = cell
    rows = edit(NO_CAP_ROWS, version, party, issue, **cells)
    found = problems(tmp_path / "bad", rows, v2_meta())
    row = ROW_OF[(version, party, issue)]
    assert len(found) == 1, found
    assert found[0].startswith(f"{tmp_path / 'bad' / 'positions.csv'}, row {row}, {words}")


def test_a_quote_of_400_characters_is_fine(tmp_path):
    ds = load(tmp_path / "ok", edit(NO_CAP_ROWS, "v2", "a", "cap", quote="q" * 400), v2_meta())
    assert ds.positions["quote"].str.len().max() == 400


BAD_FOLDERS = {
    "min above max": (None, {"issues": [cap_scale(min=1000, max=0), NATO]}, "min (1000)"),
    "value not named": (
        edit(NO_CAP_ROWS, "v2", "c", "cap", value="no-limit"),
        {},
        "'no-limit' is not a number",
    ),
    "reference off the scale": (
        None,
        {"issues": [CAP | {"reference": {"value": 1200, "label": "x"}}, NATO]},
        "1,200",
    ),
    "reference's unknown source": (
        None,
        {"issues": [CAP | {"reference": CAP["reference"] | {"sources": ["s9"]}}, NATO]},
        "unknown source(s) s9",
    ),
    "two finals": (
        None,
        {"versions": [v | {"final": True} for v in metadata()["versions"]]},
        "final",
    ),
    "long quote": (edit(NO_CAP_ROWS, "v2", "a", "cap", quote=QUOTE), {}, "401 characters"),
    "url not http": (None, {"sources": [LINKED[0] | {"url": "ftp://x.org"}, LINKED[1]]}, "> url"),
}


@pytest.mark.parametrize(("rows", "changes", "words"), BAD_FOLDERS.values(), ids=BAD_FOLDERS.keys())
def test_import_of_bad_input_writes_nothing(tmp_path, capsys, rows, changes, words):
    source = write_dataset(
        tmp_path / "source", NO_CAP_ROWS if rows is None else rows, v2_meta(**changes)
    )
    target = tmp_path / "target"
    assert main(["import", str(source), "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("1 problem(s) found:") and words in err
    assert "Traceback" not in err
    assert not target.exists()


@pytest.mark.parametrize(
    ("column", "cell", "words"),
    [
        ("quote", QUOTE, "column 'quote': is 401 characters long"),
        ("value", "no-limit", "column 'value': 'no-limit' is not a number"),
    ],
)
def test_save_refuses_a_bad_cell_and_writes_nothing(v2, tmp_path, column, cell, words):
    positions = v2.positions.copy()
    at = positions.index[
        (positions["version"] == "v2") & (positions["party"] == "c") & (positions["issue"] == "cap")
    ][0]
    positions.loc[at, column] = cell
    target = tmp_path / "saved"
    with pytest.raises(DatasetError) as error:
        store.save(replace(v2, positions=positions), target)
    found = [str(p) for p in error.value.problems]
    assert len(found) == 1, found
    assert found[0].startswith(f"positions.csv, row {ROW_OF[('v2', 'c', 'cap')]}, {words}")
    assert not target.exists()


# --- 6. old folders without the new fields --------------------------------------------------


def test_old_folder_loads_with_what_is_assumed(tmp_path):
    ds = load(tmp_path / "old", ROWS, metadata())  # no poles, direction, named, reference, url
    assert ds.poles == Poles() and not ds.poles.named
    assert [(n.column, n.message.split(":")[0]) for n in ds.notes] == [
        ("poles", "poles are not named"),
        ("sources > #1 (s1) > url", "has no url; give the link of the page read, or unpublished"),
    ]
    assert "0 is taken as each scale's start (minimum or first level)" in str(ds.notes[0])
    cap = ds.issue("cap")
    assert (cap.scale.descending, cap.scale.named, cap.references) == (False, (), ())
    assert cap.reference("v1") is None and ds.final_version is None
    norm = ds.positions.set_index(["version", "party", "issue"])["norm"]
    assert (norm[("v1", "a", "cap")], norm[("v1", "b", "nato")]) == (0.6, 0.5)


def test_named_poles_leave_no_poles_note(v2):
    assert [str(n) for n in v2.notes] == []


@pytest.mark.parametrize(
    ("versions", "final"),
    [
        ({}, None),
        ({"v2": {"final": True}}, "v2"),
        ({"v2": {"kind": "agreement"}}, "v2"),  # an old folder's agreed text
        ({"v1": {"final": True}}, "v1"),
    ],
)
def test_final_version(tmp_path, versions, final):
    listed = [v | versions.get(v["id"], {}) for v in metadata()["versions"]]
    ds = load(tmp_path / "final", meta=v2_meta(versions=listed))
    assert (ds.final_version.id if ds.final_version else None) == final
    assert [v.id for v in ds.versions if v.is_final] == ([final] if final else [])


def test_old_folder_round_trips_through_save(tmp_path):
    """An old folder saved again keeps loading the same, with no new field invented."""
    ds = load(tmp_path / "old", ROWS, metadata())
    store.save(ds, tmp_path / "again")
    saved = yaml.safe_load((tmp_path / "again" / "dataset.yaml").read_text())
    assert "poles" not in saved
    assert all("reference" not in issue for issue in saved["issues"])
    again = load_dataset(tmp_path / "again")
    assert again.issues == ds.issues and again.poles == ds.poles


@pytest.mark.parametrize(
    ("a", "b", "apart"),
    [
        ("a", "c", "40% of the scale apart"),  # 600 against no cap: a share, as no cap has no size
        ("a", "b", "200 thousand apart"),
        ("draft", "c", "no gap"),
    ],
)
def test_gaps_with_no_cap_in_words(v2, a, b, apart):
    gaps = agreement.issue_gaps(v2, "v2", ["a", "b", "c"], "cap").set_index(["party_a", "party_b"])
    assert gaps.loc[(a, b), "apart"] == apart
