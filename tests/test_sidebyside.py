"""The side-by-side table: each cell's state from the version diff, the redline's basis, the
open counts, paging; and every export read back."""

import csv
import io
import re
from itertools import pairwise

import pandas as pd
import pytest
from factory import ROWS, VERSIONS, edit, metadata, row, write_dataset
from openpyxl import load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from pypdf import PdfReader

from negotiation.analysis import agreement
from negotiation.data.load import load_dataset
from negotiation.documents import sidebyside

V3 = {"id": "v3", "name": "Third draft", "date": "2025-03-01", "kind": "draft", "author": "B"}
V4 = {"id": "v4", "name": "Fourth draft", "date": "2025-04-01", "kind": "draft", "author": "C"}
OLD_QUOTE = "The army is capped at 600,000."
NEW_QUOTE = "The army is capped at 800,000 in peacetime."

# v1 -> v2: the cap 600 -> 800 (disputed; both cells quote the text), NATO barred -> consensus
# v2 -> v3: the cap no longer disclosed, NATO dropped (no position)
# v3 -> v4: the cap disclosed again at 700, NATO taken up again as barred (disputed)
FOUR = [
    *edit(
        edit(ROWS, "v1", "draft", "cap", quote=OLD_QUOTE),
        "v2", "draft", "cap", quote=NEW_QUOTE, status="disputed",
        stance="The army is capped at 800 thousand.",
    ),
    row("v3", "draft", "cap", stance="Not reported."),
    row("v3", "draft", "nato", status="none", stance="The text is silent."),
    row("v4", "draft", "cap", "700"),
    row("v4", "draft", "nato", "barred", status="disputed"),
]  # fmt: skip


@pytest.fixture
def four(tmp_path):
    meta = metadata(versions=[*VERSIONS, V3, V4])
    return load_dataset(write_dataset(tmp_path / "four", FOUR, meta))


@pytest.fixture
def table(four):
    return sidebyside.build(four, ["v4", "v1", "v3", "v2"], ["a", "b", "c"], None, True, True)


@pytest.mark.parametrize(
    ("issue", "version", "term", "state", "label", "disputed"),
    [
        ("cap", "v1", "600 thousand", "first", "nothing to compare with: no column of a text it revises", False),
        ("cap", "v2", "800 thousand", "toward-high",
         "moved toward Scale end (toward Beta, Gamma; away from Alpha)", True),
        ("nato", "v2", "By consensus", "toward-low",
         "moved toward Scale start (toward Beta, Gamma; away from Alpha)", False),
        ("cap", "v3", "undisclosed", "newly undisclosed", "newly undisclosed", False),
        ("nato", "v3", "no position", "dropped", "dropped", False),
        ("cap", "v4", "700 thousand", "newly disclosed", "newly disclosed", False),
        ("nato", "v4", "Barred", "added", "took a position", True),
    ],
)  # fmt: skip
def test_cell_state_from_the_version_diff(table, issue, version, term, state, label, disputed):
    cell = table.cell(issue, version)
    assert (cell["term"], cell["state"], cell["state_label"], cell["disputed"]) == (
        term,
        state,
        label,
        disputed,
    )


def test_columns_in_date_order_then_parties_then_forecast(table):
    keys = [c.key for c in table.columns]
    assert keys == ["v1", "v2", "v3", "v4", "a", "b", "c", "forecast"]
    assert [c.title for c in table.columns][:2] == ["First draft", "Second draft"]
    assert table.columns[4].subtitle == "position at Fourth draft"


def test_redline_runs_on_quotes_when_both_cells_quote(table):
    cap = table.cell("cap", "v2")
    assert cap["basis"] == "quote"
    ops = [(r.op, r.text) for r in cap["redline"]]
    assert ops == [
        ("equal", "The army is capped at"),
        ("delete", "600,000."),
        ("insert", "800,000 in peacetime."),
    ]
    nato = table.cell("nato", "v2")
    assert nato["basis"] == "stance"
    assert table.cell("cap", "v1")["basis"] == ""


def test_open_counts_undisclosed_and_disputed(table):
    assert table.open_counts == {"v1": 0, "v2": 1, "v3": 1, "v4": 1}


def test_party_and_forecast_cells(table):
    # at v4 no party has a row: no position; the forecast says why it has none
    assert table.cell("cap", "a")["term"] == "no position"
    forecast = table.cell("cap", "forecast")
    assert forecast["term"] == "—"
    assert forecast["stance"] == "No forecast: no party's position is known."


def test_forecast_at_the_newest_chosen_version(four):
    table = sidebyside.build(four, ["v1", "v2"], ["a", "b", "c"], None, True, True)
    # v2 cap: a 600, b 800, c 900, equal weights: the compromise is their mean
    assert table.cell("cap", "forecast")["term"] == "767 thousand"  # the scale's precision
    assert table.cell("cap", "c")["term"] == "900 thousand"


def test_parties_judge_the_changes_without_columns_of_their_own(four):
    table = sidebyside.build(four, ["v1", "v2"], ["a"])
    assert [c.key for c in table.columns] == ["v1", "v2"]
    assert table.cell("cap", "v2")["state_label"] == "moved toward Scale end (away from Alpha)"


def test_default_versions_are_those_with_a_known_draft_term(four):
    assert sidebyside.default_versions(four) == ["v1", "v2", "v4"]


@pytest.mark.parametrize(
    ("versions", "parties", "message"),
    [
        (["v1", "v9"], [], "unknown version 'v9'; valid: v1, v2, v3, v4"),
        (["v1"], ["zz"], "unknown party 'zz'; valid: a, b, c"),
        ([], [], "no version chosen; valid: v1, v2, v3, v4"),
    ],
)
def test_unknown_choices_name_the_valid_ones(four, versions, parties, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        sidebyside.build(four, versions, parties)


def test_rows_grouped_and_paged(four):
    # the dataset lists military (cap) before security (nato)
    assert sidebyside.grouped(four, ["nato", "cap"]) == ["cap", "nato"]
    assert sidebyside.pages(four, None, size=1) == [["cap"], ["nato"]]
    assert sidebyside.page_note(four, None, 1, size=1).startswith(
        "Showing issues 2–2 of 2 (page 2 of 2)"
    )
    assert sidebyside.page_note(four, None, 0) == ""


# --- exports, read back --------------------------------------------------------------------


def test_html_marks_deletions_and_insertions(table):
    page = sidebyside.render(table, "html").decode()
    assert "<del" in page and ">600,000.</del>" in page
    assert ">800,000 in peacetime.</ins>" in page
    assert "background-color:#fdd0a2" in page  # light orange: moved toward the high end
    assert "border:2px dashed #cb181d" in page  # disputed
    assert "Still open (undisclosed or disputed)" in page
    clean = sidebyside.render(table, "html", redlines=False).decode()
    assert "<del" not in clean and "The army is capped at 800,000 in peacetime." in clean


def test_xlsx_fills_rich_text_frozen_header_and_sources(table):
    book = load_workbook(io.BytesIO(sidebyside.render(table, "xlsx")), rich_text=True)
    sheet = book["side by side"]
    assert sheet.freeze_panes == "C2"
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["Issue", "Group", "First draft\n01 Jan 2025 · draft · first column: no redline",
                          "Second draft\n01 Feb 2025 · counter-proposal · redlined against First draft"]  # fmt: skip
    rows = {sheet.cell(r, 1).value: r for r in range(2, sheet.max_row + 1)}
    cap = sheet.cell(rows["Army cap"], 4)  # v2
    assert cap.fill.start_color.rgb == "FFFDD0A2"  # light orange
    assert cap.border.left.style == "dashed"
    assert isinstance(cap.value, CellRichText)
    struck = [b.text for b in cap.value if isinstance(b, TextBlock) and b.font.strike]
    underlined = [b.text for b in cap.value if isinstance(b, TextBlock) and b.font.u == "single"]
    assert (struck, underlined) == ([" 600,000."], [" 800,000 in peacetime."])
    footer = [c.value for c in sheet[sheet.max_row]]
    assert footer[:6] == ["Still open (undisclosed or disputed)", None, 0, 1, 1, 1]
    sources = [[c.value for c in r] for r in book["sources"].iter_rows()]
    assert sources[0] == ["source", "publisher", "date", "title", "url"]
    assert [r[0] for r in sources[1:]] == ["s1"]


def test_xlsx_titles_a_spreadsheet_would_run_are_inert(tmp_path):
    meta = metadata(versions=[VERSIONS[0] | {"name": "=HYPERLINK(1)"}, VERSIONS[1]])
    ds = load_dataset(write_dataset(tmp_path / "formula", ROWS, meta))
    data = sidebyside.render(sidebyside.build(ds, ["v1", "v2"]), "xlsx")
    sheet = load_workbook(io.BytesIO(data))["side by side"]
    assert (
        sheet.cell(1, 3).value == "'=HYPERLINK(1)\n01 Jan 2025 · draft · first column: no redline"
    )


def test_pdf_text_reads_back(table):
    reader = PdfReader(io.BytesIO(sidebyside.render(table, "pdf")))
    text = " ".join(page.extract_text() for page in reader.pages)
    words = " ".join(text.split())
    for expected in ("First draft", "Fourth draft", "800 thousand", "700 thousand",
                     "newly undisclosed", "Still open (undisclosed or disputed)"):  # fmt: skip
        assert expected in words
    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height  # landscape


def test_markdown_table(table):
    text = sidebyside.render(table, "md").decode()
    lines = text.splitlines()
    header = next(line for line in lines if line.startswith("| Issue"))
    assert "| First draft (01 Jan 2025 · draft · first column: no redline) |" in header
    cap = next(line for line in lines if line.startswith("| Army cap"))
    assert "~~600,000.~~ **800,000 in peacetime.**" in cap
    assert lines[-1] == "| Still open (undisclosed or disputed) |  | 0 | 1 | 1 | 1 |  |  |  |  |"


def test_csv_one_row_per_issue_and_column(table):
    rows = list(csv.DictReader(io.StringIO(sidebyside.render(table, "csv").decode())))
    assert len(rows) == 2 * 8
    cap = next(r for r in rows if r["issue"] == "cap" and r["column"] == "v2")
    assert cap["redline"] == "The army is capped at [-600,000.-] {+800,000 in peacetime.+}"
    assert (cap["redline_on"], cap["disputed"], cap["sources"]) == ("quote", "yes", "s1")


def test_unknown_format_names_the_valid_ones(table):
    with pytest.raises(ValueError, match="valid: html, docx, xlsx, pdf, md, csv"):
        sidebyside.render(table, "rtf")


@pytest.mark.parametrize("of", [None, ["draft"]])
def test_version_diffs_match_each_pair_diffed_alone(four, of):
    versions = ["v1", "v2", "v3", "v4"]
    together = agreement.version_diffs(four, versions, ["a", "c"], ["cap", "nato"], of=of)
    assert list(together) == ["v2", "v3", "v4"]
    for old, new in pairwise(versions):
        alone = agreement.version_diff(four, old, new, ["a", "c"], ["cap", "nato"], of=of)
        pd.testing.assert_frame_equal(together[new].reset_index(drop=True), alone)


# Lineage: v2 and v3 are rival texts of their own; v4 revises v2
RIVALS = [*VERSIONS, V3, V4 | {"revises": "v2"}]


@pytest.fixture
def rivals(tmp_path):
    return load_dataset(write_dataset(tmp_path / "rivals", FOUR, metadata(versions=RIVALS)))


def test_a_column_is_redlined_against_the_text_it_revises(rivals):
    table = sidebyside.build(rivals, ["v1", "v2", "v3", "v4"], ["a", "b", "c"])
    against = {c.key: c.against for c in table.columns}
    assert against == {
        "v1": "a text of its own: no redline",
        "v2": "a text of its own: no redline",
        "v3": "a text of its own: no redline",
        "v4": "redlined against Second draft (which it revises)",
    }
    # rival texts stand side by side: no redline, nothing struck or inserted
    for version, state in (("v2", "first"), ("v3", "undisclosed")):
        cap = table.cell("cap", version)
        assert (cap["state"], cap["basis"]) == (state, "")
        assert all(run.op == "equal" for run in cap["redline"])
    # v4's cap (700) against v2's (800), not v3's (undisclosed)
    cap = table.cell("cap", "v4")
    assert cap["state"] == "toward-low" and cap["basis"] == "stance"


def test_the_user_picks_another_column_to_compare_with(rivals):
    table = sidebyside.build(rivals, ["v1", "v2", "v3", "v4"], ["a"], against={"v3": "v1"})
    assert {c.key: c.against for c in table.columns}["v3"] == "redlined against First draft"
    assert table.cell("cap", "v3")["state"] == "newly undisclosed"
    with pytest.raises(ValueError, match="v3 cannot be compared with 'v9'; valid: v1, v2, v4"):
        sidebyside.build(rivals, ["v1", "v2", "v3", "v4"], ["a"], against={"v3": "v9"})


def test_the_nearest_revised_text_among_the_columns(rivals):
    # v4 revises v2; without v2 among the columns, v4 has no text it revises to compare with
    assert sidebyside.bases(rivals, ["v1", "v3", "v4"]) == {"v1": None, "v3": None, "v4": None}
    assert sidebyside.bases(rivals, ["v2", "v4"]) == {"v2": None, "v4": "v2"}
