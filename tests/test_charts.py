"""Every chart in the registry: a valid Vega-Lite spec that renders, with the data it claims."""

import html
import json
import re
from dataclasses import replace

import pytest
import vl_convert as vlc
from conftest import BUNDLED
from factory import ISSUES, ROWS, metadata, row, write_dataset

from negotiation.charts import views
from negotiation.data.load import load_dataset

NAMES = list(views.VIEWS)


@pytest.mark.parametrize("name", NAMES)
def test_chart_validates_round_trips_and_renders(drawable, name):
    chart = views.build(name, drawable, views.Selection.default(drawable))
    spec = chart.to_dict(validate=True)
    assert json.loads(json.dumps(spec)) == spec
    svg = vlc.vegalite_to_svg(spec)
    assert svg.startswith("<svg")
    title = spec["title"]["text"] if isinstance(spec["title"], dict) else spec["title"]
    lines = title if isinstance(title, list) else [title]  # a title may be wrapped in lines
    assert all(line in html.unescape(svg) for line in lines)


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
        ("evolution", 8),  # the issue in focus only: cap, 4 rows in each of 2 versions
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
    ("evolution", "version", ["v1", "v2"]),  # the draft's term on cap (in focus) in each version
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


NAMED_POLES = ["matrix", "positions", "forecast", "sensitivity"]
"""The charts whose colours or axis are the common scale between the dataset's poles."""


@pytest.fixture(scope="module")
def bundled_us28():
    ds = load_dataset(BUNDLED)
    return ds, replace(views.Selection.default(ds), version="us-28", issue="army-cap")


@pytest.mark.parametrize("name", NAMED_POLES)
def test_the_common_scale_names_the_poles(bundled_us28, name):
    ds, sel = bundled_us28
    svg = vlc.vegalite_to_svg(views.build(name, ds, sel).to_dict())
    shown = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", svg)).split())
    assert ds.poles.low in shown and ds.poles.high in shown


def test_the_matrix_legend_names_the_poles_and_its_middle(bundled_us28):
    ds, sel = bundled_us28
    spec = views.build("matrix", ds, sel).to_dict()
    legend = spec["spec"]["layer"][0]["encoding"]["color"]["legend"]
    assert legend["values"] == [0, 0.5, 1]
    assert ds.poles.low in legend["labelExpr"] and ds.poles.high in legend["labelExpr"]
    assert ds.poles.low in legend["title"] and ds.poles.high in legend["title"]
    scale = spec["spec"]["layer"][0]["encoding"]["color"]["scale"]
    assert scale["domain"][len(scale["domain"]) // 2] == 0.5  # centred between the poles


def test_matrix_cells_hold_two_lines_and_the_tooltip_the_whole(bundled_us28):
    ds, sel = bundled_us28
    frame, _ = views.data("matrix", ds, sel)
    chart = views.build("matrix", ds, sel).to_dict()
    rows = next(iter(chart["datasets"].values()))
    assert all(r["cell"] and r["cell"].count("\n") <= 1 for r in rows)  # one or two lines
    whole = {r["value_label"] for r in rows}
    assert set(frame["value_label"]) == whole  # the whole words stay with each cell
    tooltip = {t["field"] for t in chart["spec"]["layer"][0]["encoding"]["tooltip"]}
    assert {"value_label", "stance", "quote", "links"} <= tooltip


def test_the_issue_chart_labels_every_level_and_says_the_widest_gap_in_units(bundled_us28):
    """Every level on the axis in its short words (the whole label is in the tooltips)."""
    ds, sel = bundled_us28
    spec = views.build("issue-scale", ds, sel).to_dict()
    assert "Widest gap: United States and Ukraine" in " ".join(spec["title"]["subtitle"])
    sel = replace(sel, issue="zaporizhzhia-npp")
    svg = vlc.vegalite_to_svg(views.build("issue-scale", ds, sel).to_dict())
    shown = " ".join(
        re.findall(r">([^<>]+)</tspan>|<text[^>]*>([^<]+)</text>", svg).__str__().split()
    )
    for level in ds.issue("zaporizhzhia-npp").scale.levels:
        assert all(word.replace("'", "&apos;") in shown for word in level.brief.split())


@pytest.fixture
def seven_parties(tmp_path):
    """Seven parties with long names, two versions, positions on both issues."""
    parties = [
        {"id": p, "name": f"Party {p.upper()} of the long-named coalition", "short": p.upper()}
        for p in "abcdefg"
    ]
    rows = [
        row(v, p, "cap", str(500 + 50 * n + (100 if v == "v2" else 0)))
        for v in ("v1", "v2")
        for n, p in enumerate(["draft", *"abcdefg"])
    ] + [row(v, p, "nato", "consensus") for v in ("v1", "v2") for p in ["draft", *"abcdefg"]]
    return load_dataset(write_dataset(tmp_path / "seven", rows, metadata(parties=parties)))


@pytest.mark.parametrize("name", ["draft-drift", "sensitivity", "evolution", "draft-distance"])
def test_charts_of_many_parties_stretch_with_the_legend_under_them(seven_parties, name):
    spec = views.build(name, seven_parties, views.Selection.default(seven_parties)).to_dict()
    assert spec["width"] == "container"  # the page's width, never wider
    legends = [
        layer["encoding"]["color"]["legend"]
        for layer in spec.get("layer", [spec])
        if "legend" in layer.get("encoding", {}).get("color", {})
    ]
    assert legends and all(
        (legend["orient"], legend["labelLimit"]) == ("bottom", 0) for legend in legends
    )


def test_the_matrix_legend_stands_at_its_left_edge_with_many_parties(seven_parties):
    spec = views.build("matrix", seven_parties, views.Selection.default(seven_parties)).to_dict()
    legend = spec["spec"]["layer"][0]["encoding"]["color"]["legend"]
    assert legend["orient"] == "none" and legend["legendX"] < 0 and legend["legendY"] < 0
