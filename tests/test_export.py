"""Chart export: every format valid, charts carry their context, file names and ZIPs."""

import io
import json
import struct
import zipfile
from dataclasses import replace
from datetime import date
from xml.etree import ElementTree

import jsonschema
import pandas as pd
import pypdf
import pytest
from altair.vegalite.v6.schema import core
from factory import ROWS, SOURCES, metadata, row, write_dataset

from negotiation import ui
from negotiation.charts import views
from negotiation.data.load import load_dataset
from negotiation.documents import export
from negotiation.ui import table_fit

DAY = date(2025, 3, 4)


@pytest.fixture
def matrix_chart(tiny):
    sel = views.Selection.default(tiny)
    spec = views.build("matrix", tiny, sel).to_dict()
    return export.with_context(spec, tiny, sel, "matrix", DAY)


def png_size(data: bytes) -> tuple[int, int]:
    return struct.unpack(">II", data[16:24])


def test_png_is_a_png_at_twice_the_chart_size(matrix_chart):
    png = export.chart_bytes(matrix_chart, "png")
    svg = ElementTree.fromstring(export.chart_bytes(matrix_chart, "svg"))
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = (float(svg.get("width")), float(svg.get("height")))
    assert png_size(png) == (round(width * 2), round(height * 2))


def test_svg_parses_and_has_the_title_and_context(matrix_chart):
    svg = export.chart_bytes(matrix_chart, "svg").decode()
    ElementTree.fromstring(svg)
    for text in ("Position matrix", "Tiny talks · Second draft · exported 04 March 2025"):
        assert text in svg
    assert "Source: Wire" in svg


def test_pdf_opens_and_has_the_title(matrix_chart):
    reader = pypdf.PdfReader(io.BytesIO(export.chart_bytes(matrix_chart, "pdf")))
    text = reader.pages[0].extract_text()
    assert "Position matrix" in text
    assert "Source: Wire" in text


def test_html_is_offline(matrix_chart):
    html = export.chart_bytes(matrix_chart, "html").decode()
    assert "<script" in html
    assert 'src="http' not in html.replace("'", '"')
    assert "cdn.jsdelivr" not in html
    assert "Position matrix" in html


def test_json_validates_against_the_vega_lite_schema(matrix_chart):
    spec = json.loads(export.chart_bytes(matrix_chart, "json"))
    schema = core.load_schema()
    jsonschema.validators.validator_for(schema)(schema).validate(spec)
    assert spec["title"]["text"] == "Position matrix"


@pytest.mark.parametrize(
    ("view", "version", "expected"),
    [
        ("matrix", "v2", "Tiny talks · Second draft · exported 04 March 2025"),
        ("matrix", "v1", "Tiny talks · First draft · exported 04 March 2025"),
        (
            "timeline",
            "v2",
            "Tiny talks · all versions (First draft to Second draft) · exported 04 March 2025",
        ),
    ],
)
def test_context_names_dataset_versions_and_date(tiny, view, version, expected):
    sel = replace(views.Selection.default(tiny), version=version)
    assert export.context_lines(tiny, sel, view, DAY) == [expected, "Source: Wire"]


def test_weights_moved_by_hand_are_named_on_the_forecast(tiny):
    sel = replace(
        views.Selection.default(tiny), capability=(("a", 0.5),), salience=((("c", "cap"), 0.0),)
    )
    lines = export.context_lines(tiny, sel, "forecast", DAY)
    assert lines[1] == "Weights set by hand: Alpha capability 0.5; Gamma salience on Army cap 0"
    # c's salience on the cap is 0, so the compromise leaves Gamma's 900 out: (600·.5+800)/1.5
    marks, _ = views.data("forecast", tiny, sel)
    compromise = marks[(marks["kind"] == "compromise") & (marks["issue_name"] == "Army cap")]
    assert compromise["norm"].round(4).tolist() == [0.7333]


@pytest.fixture
def two_sources(tmp_path):
    sources = [*SOURCES, {"id": "s2", "publisher": "Agency", "title": "Leak", "date": "2025-02-03"}]
    rows = [r for r in ROWS if r["version"] == "v1"] + [
        row("v2", "draft", "cap", "800", sources="s2"),
        row("v2", "a", "cap", "600", sources="s1;s2"),
        row("v2", "b", "nato", "consensus", sources="s1"),
    ]
    return load_dataset(write_dataset(tmp_path / "two", rows, metadata(sources=sources)))


@pytest.mark.parametrize(
    ("versions", "parties", "issues", "expected"),
    [
        (["v2"], ("a", "b"), ("cap", "nato"), ["Agency", "Wire"]),
        (["v2"], (), ("cap",), ["Agency"]),  # the draft's own text is always shown
        (["v2"], ("b",), ("nato",), ["Wire"]),
        (["v1"], ("a",), ("cap",), ["Wire"]),
    ],
)
def test_sources_are_those_cited_by_the_rows_shown(
    two_sources, versions, parties, issues, expected
):
    sel = replace(views.Selection.default(two_sources), parties=parties, issues=issues)
    assert export.cited_publishers(two_sources, sel, versions) == expected


def test_a_chart_title_is_kept_as_the_first_subtitle(tiny):
    sel = views.Selection.default(tiny)
    spec = export.with_context(
        views.build("issue-scale", tiny, sel).to_dict(), tiny, sel, "issue-scale", DAY
    )
    assert spec["title"]["text"] == "One issue on its own scale"
    assert spec["title"]["subtitle"][0] == "Army cap"


@pytest.mark.parametrize(
    ("chart", "version", "ext", "expected"),
    [("matrix", "v1", "png", "matrix__v1.png"), ("timeline", None, "svg", "timeline.svg")],
)
def test_file_names(chart, version, ext, expected):
    assert export.file_name(chart, version, ext) == expected


@pytest.mark.parametrize(
    ("charts", "versions", "formats", "message"),
    [
        (["nope"], ["v1"], ["png"], "unknown chart 'nope'; valid: matrix, positions"),
        (["matrix"], ["v9"], ["png"], "unknown version 'v9'; valid: v1, v2"),
        (["matrix"], ["v1"], ["gif"], "unknown format 'gif'; valid: png, svg, pdf, html, json"),
    ],
)
def test_unknown_choices_name_the_valid_ones(tiny, charts, versions, formats, message):
    with pytest.raises(ValueError, match=message):
        export.check(tiny, charts, versions, formats)


def test_zip_holds_the_chosen_files_and_reports_progress(tiny):
    seen = []
    data = export.zip_exports(
        tiny,
        views.Selection.default(tiny),
        ["matrix", "timeline"],
        ["v1", "v2"],
        ["svg", "json"],
        progress=lambda done, total, name: seen.append((done, total, name)),
    )
    names = sorted(zipfile.ZipFile(io.BytesIO(data)).namelist())
    assert names == [
        "matrix__v1.json",
        "matrix__v1.svg",
        "matrix__v2.json",
        "matrix__v2.svg",
        "timeline.json",
        "timeline.svg",
    ]
    assert [(d, t) for d, t, _ in seen] == [(i, 6) for i in range(1, 7)]
    spec = json.loads(zipfile.ZipFile(io.BytesIO(data)).read("matrix__v1.json"))
    assert set(spec["datasets"][next(iter(spec["datasets"]))][0]) >= {"version"}
    assert {r["version"] for d in spec["datasets"].values() for r in d} == {"v1"}


def test_empty_charts_are_left_out_of_the_zip(tiny):
    sel = replace(views.Selection.default(tiny), parties=())
    data = export.zip_exports(tiny, sel, ["agreement", "timeline"], ["v1"], ["json"])
    assert zipfile.ZipFile(io.BytesIO(data)).namelist() == ["timeline.json"]


def test_a_long_source_line_wraps(tmp_path):
    sources = [
        {"id": f"s{i}", "publisher": f"Publisher number {i}", "title": "T", "date": "2025-01-01"}
        for i in range(1, 9)
    ]
    cited = ";".join(s["id"] for s in sources)
    rows = [{**r, "sources": cited} for r in ROWS]
    ds = load_dataset(write_dataset(tmp_path / "many", rows, metadata(sources=sources)))
    lines = export.context_lines(ds, views.Selection.default(ds), "matrix", DAY)[1:]
    # 8 publishers of 18 characters, ", "-separated after "Source: ": 8 + 8 * 18 + 7 * 2 = 166
    assert [len(line) <= export.SOURCE_WIDTH for line in lines] == [True, True]
    assert " ".join(lines) == "Source: " + ", ".join(f"Publisher number {i}" for i in range(1, 9))


@pytest.mark.parametrize("name", list(views.VIEWS))
def test_a_download_exports_exactly_the_chart_drawn(drawable, name):
    # the dashboard keeps the drawn spec with DataFrames and turns them back into rows on a click
    spec = views.build(name, drawable, views.Selection.default(drawable)).to_dict()
    frames = {key: pd.DataFrame(rows) for key, rows in spec.get("datasets", {}).items()}
    back = ui.as_json(spec | {"datasets": frames})
    assert json.dumps(back, sort_keys=True) == json.dumps(spec, sort_keys=True)


@pytest.mark.parametrize(("rows", "shown", "note"), [(3, 3, ""), (5001, 5000, "5,000 of 5,001")])
def test_a_table_on_screen_keeps_its_first_rows(rows, shown, note):
    first, said = table_fit.first_rows(pd.DataFrame({"n": range(rows)}))
    assert first["n"].tolist() == list(range(shown))
    assert (note in said) if note else said == ""
