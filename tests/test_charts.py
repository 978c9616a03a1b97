"""Every chart in the registry: a valid Vega-Lite spec that renders, with the data it claims."""

import json
from dataclasses import replace

import pytest
import vl_convert as vlc
from factory import ISSUES, ROWS, metadata, write_dataset

from negotiation import views
from negotiation.load import load_dataset

NAMES = list(views.VIEWS)


@pytest.mark.parametrize("name", NAMES)
def test_chart_validates_round_trips_and_renders(drawable, name):
    chart = views.build(name, drawable, views.Selection.default(drawable))
    spec = chart.to_dict(validate=True)
    assert json.loads(json.dumps(spec)) == spec
    svg = vlc.vegalite_to_svg(spec)
    assert svg.startswith("<svg")
    title = spec["title"]["text"] if isinstance(spec["title"], dict) else spec["title"]
    assert title in svg


@pytest.mark.parametrize("name", NAMES)
def test_every_view_has_words(name):
    view = views.VIEWS[name]
    assert view.title and len(view.caption) > 40 and view.empty


@pytest.mark.parametrize(
    ("name", "expected_rows"),
    [
        ("matrix", 8),
        ("positions", 8),
        ("issue-scale", 4),
        ("agreement", 12),
        ("widest-gaps", 2),
        ("timeline", 2),
        ("evolution", 16),
        ("draft-distance", 6),
    ],
)
def test_chart_data_rows(tiny, name, expected_rows):
    sel = views.Selection.default(tiny)  # v2, all parties and issues, focus on cap
    assert len(views.VIEWS[name].data(tiny, sel)) == expected_rows


NO_PARTY = [
    # view, the column naming what it still draws, its values (None: no chart, the view's
    # empty message instead). Selection: v2, no party, issues nato only, focus on cap.
    ("matrix", "party", ["draft"]),  # the draft's own term on nato
    ("positions", "party", ["draft"]),
    ("issue-scale", "party", ["draft"]),  # the focused issue, cap: the draft's 800
    ("evolution", "version", ["v1", "v2"]),  # the draft's nato term in each version
    ("forecast", "kind", ["draft"]),  # only the draft's tick: no forecast without parties
    ("timeline", "id", ["v1", "v2"]),  # versions, whoever is chosen
    ("agreement", None, None),
    ("widest-gaps", None, None),
    ("draft-distance", None, None),
    ("draft-drift", None, None),
    ("backtest", None, None),  # no final version in the tiny dataset
    ("sensitivity", None, None),
]


def test_no_party_table_covers_every_view():
    assert sorted(name for name, _, _ in NO_PARTY) == sorted(NAMES)


@pytest.mark.parametrize(("name", "column", "drawn"), NO_PARTY)
def test_no_party_gives_no_chart_for_party_views(tiny, name, column, drawn):
    sel = replace(views.Selection.default(tiny), parties=(), issues=("nato",))
    frame = views.VIEWS[name].data(tiny, sel)
    chart = views.build(name, tiny, sel)
    if drawn is None:
        assert frame.empty and chart is None
    else:
        assert frame[column].tolist() == drawn
        assert chart is not None
        assert any(chart.to_dict(validate=True)["datasets"].values())  # rows to draw


def test_undisclosed_cells_are_outside_the_colour_scale(tiny):
    sel = replace(views.Selection.default(tiny), version="v1")
    frame = views.VIEWS["matrix"].data(tiny, sel)
    cell = frame.set_index(["party", "issue"]).loc[("c", "cap")]
    assert (bool(cell["known"]), cell["status_label"]) == (False, "undisclosed")
    spec = json.dumps(views.build("matrix", tiny, sel).to_dict())
    assert "datum.status_label == 'undisclosed'" in spec and "#bdbdbd" in spec
    assert '"invalid": "show"' in spec  # unknown cells are drawn, not filtered out


def test_the_reference_point_runs_through_the_evolution_chart(tmp_path):
    issues = [dict(ISSUES[0]), ISSUES[1]]
    issues[0]["reference"] = [
        {"value": 880, "label": "About 880,000"},
        {"value": 900, "label": "About 900,000", "version": "v2"},
    ]
    ds = load_dataset(write_dataset(tmp_path / "talks", ROWS, metadata(issues=issues)))
    frame, _ = views.data("evolution", ds, views.Selection.default(ds))
    reference = frame[frame["party"] == "reference"].set_index("version")
    assert reference["value_label"].to_dict() == {"v1": "880 thousand", "v2": "900 thousand"}
    assert reference["stance"].to_dict() == {"v1": "About 880,000", "v2": "About 900,000"}
    spec = json.dumps(views.build("evolution", ds, views.Selection.default(ds)).to_dict())
    assert "datum.party == 'reference'" in spec and "About 900,000" in spec
