"""Download buttons under every chart and table, and the Export page's ZIP (AppTest)."""

import csv
import io
import zipfile

import openpyxl
import pytest
from apptest import open_page
from factory import ROWS, write_dataset
from streamlit.runtime.media_file_manager import MediaFileManager

from negotiation.data import spreadsheet


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """What each download button would serve, by file name: bytes, or the deferred callable."""
    served: dict[str, object] = {}
    add, add_deferred = MediaFileManager.add, MediaFileManager.add_deferred

    def record(self, data, mimetype, coordinates, file_name=None, *args, **kwargs):
        served[file_name] = data
        return add(self, data, mimetype, coordinates, file_name, *args, **kwargs)

    def record_deferred(self, data, mimetype, coordinates, file_name=None, **kwargs):
        served[file_name] = data
        return add_deferred(self, data, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add", record)
    monkeypatch.setattr(MediaFileManager, "add_deferred", record_deferred)
    return served


def buttons(at) -> list[str]:
    """The labels of the page's download buttons, in order."""
    return [b.proto.label for b in at.get("download_button")]


CHART_ROW = ["PNG", "SVG", "PDF", "HTML", "JSON", "CSV", "XLSX"]


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("matrix", CHART_ROW),
        ("gaps", [*CHART_ROW, "CSV", "XLSX", *CHART_ROW * 3]),
        (
            "compare",
            ["Briefing PDF", "Briefing HTML", "CSV", "XLSX", *CHART_ROW * 3, "CSV", "XLSX"],
        ),
    ],
)
def test_every_chart_and_table_has_its_downloads(tiny_app, page, expected):
    at = open_page(page)
    assert not at.exception, [e.value for e in at.exception]
    assert buttons(at) == expected


def test_chart_downloads_are_built_on_click_only(tiny_app, downloads):
    at = open_page("matrix")
    assert not at.exception
    names = ["matrix.png", "matrix.svg", "matrix.pdf", "matrix.html", "matrix.json"]
    assert all(callable(downloads[n]) for n in [*names, "matrix.csv", "matrix.xlsx"])
    svg = downloads["matrix.svg"]().decode()
    assert "Position matrix" in svg
    assert "Tiny talks · Second draft" in svg
    assert downloads["matrix.png"]()[:8] == b"\x89PNG\r\n\x1a\n"


def test_table_xlsx_has_the_sources_sheet(tiny_app, downloads):
    at = open_page("compare")
    assert not at.exception
    data = downloads["diff.xlsx"]()
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["diff", "sources"]
    assert book["sources"]["B2"].value == "Wire"
    frame = spreadsheet.read_back(downloads["diff.csv"](), "csv")
    # v1 -> v2 changes of the tiny dataset: the draft on both issues, c on both
    assert list(frame["Change"]) == ["changed", "changed", "newly disclosed", "dropped"]


def test_export_page_builds_a_zip_of_the_chosen_files(tiny_app, downloads):
    at = open_page("export")
    assert not at.exception
    at.multiselect(key="export_charts").set_value(["matrix", "timeline"])
    at.multiselect(key="export_versions").set_value(["v1", "v2"])
    at.multiselect(key="export_formats").set_value(["svg", "json"]).run()
    assert "6 file(s)" in at.caption[-1].value
    at.button(key="export_build").click().run()
    assert not at.exception
    archive = zipfile.ZipFile(io.BytesIO(downloads["tiny-charts.zip"]))
    assert sorted(archive.namelist()) == [
        "matrix__v1.json",
        "matrix__v1.svg",
        "matrix__v2.json",
        "matrix__v2.svg",
        "timeline.json",
        "timeline.svg",
    ]
    assert archive.read("timeline.svg").startswith(b"<svg")


def test_export_page_without_a_choice_cannot_build(tiny_app):
    at = open_page("export")
    at.multiselect(key="export_formats").set_value([]).run()
    assert at.button(key="export_build").disabled


def test_compare_page_serves_the_briefing(tiny_app, downloads):
    at = open_page("compare")
    assert not at.exception
    pdf = downloads["tiny-v1-to-v2.pdf"]()
    html = downloads["tiny-v1-to-v2.html"]().decode()
    assert pdf.startswith(b"%PDF")
    assert "Tiny talks: from First draft to Second draft" in html


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_chart_data_round_trips_with_formulas_inert(tmp_path, monkeypatch, downloads, fmt):
    rows = [dict(r) for r in ROWS]
    rows[9]["stance"] = '=HYPERLINK("http://evil","click")'  # v2, Alpha on the army cap
    rows[10]["stance"] = "@SUM(A1:A2)"
    write_dataset(tmp_path / "tiny", rows)
    monkeypatch.setenv("NEGOTIATION_DATA_DIR", str(tmp_path))
    at = open_page("matrix")
    assert not at.exception
    data = downloads[f"matrix.{fmt}"]()
    if fmt == "csv":
        cells = [c for line in csv.reader(io.StringIO(data.decode())) for c in line]
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
        cells = [cell.value for line in sheet.iter_rows() for cell in line]
    assert '\'=HYPERLINK("http://evil","click")' in cells
    assert "'@SUM(A1:A2)" in cells
    back = spreadsheet.read_back(data, fmt).set_index(["party", "issue"])
    assert back.loc[("a", "cap"), "stance"] == rows[9]["stance"]
    assert back.loc[("b", "cap"), "stance"] == "@SUM(A1:A2)"
    assert back.loc[("b", "nato"), "value_label"] == "By consensus"
