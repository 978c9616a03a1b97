"""The side by side in Text mode (issue 26, 'Compare texts, clause by clause'): clauses matched
across renumbering and rewording, redlined word by word, moved, added and deleted clauses
named; one row per issue; every export read back; the `sidebyside --mode text` command and
the `text` command's PDF and DOCX; the page's Text mode."""

import csv
import io
from dataclasses import replace
from datetime import date

import pandas as pd
import pytest
from apptest import open_page
from docx import Document
from docx.oxml.ns import qn
from factory import metadata, write_dataset
from openpyxl import load_workbook
from pypdf import PdfReader
from test_provisions import SOURCES

from negotiation.charts import views
from negotiation.cli import main
from negotiation.data.load import load_dataset
from negotiation.documents import briefing, briefing_pdf, clauses, draft_files, redline, sidebyside

# v1 → v2: clause 1 reworded (600 → 800), clause 2 kept word for word but renumbered 3 and
# moved after a new clause, clause 3 deleted, a new clause on no issue added.
CLAUSES = (
    "version,provision,issues,text,sources,note\n"
    "v1,1,cap,The army is capped at 600 thousand personnel.,s1,\n"
    "v1,2,nato,Ukraine will not join the alliance in any form.,s1,\n"
    "v1,3,cap;nato,Foreign troops will leave within thirty days.,s1,\n"
    "v2,1,cap,The army is capped at 800 thousand personnel in peacetime.,s1,\n"
    "v2,2,,A council chaired by the mediator will oversee the deal.,s1,\n"
    "v2,3,nato,Ukraine will not join the alliance in any form.,s1,\n"
    "v3,1,cap,The army is capped at 600 thousand personnel.,s1,\n"
)
VERSIONS = [
    {"id": "v1", "name": "First draft", "date": "2025-01-01", "kind": "draft"},
    {"id": "v2", "name": "Second draft", "date": "2025-02-01", "kind": "counter-proposal",
     "revises": "v1"},
    {"id": "v3", "name": "Rival memorandum", "date": "2025-03-01", "kind": "draft"},
]  # fmt: skip


def frame(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    """Provisions of one text: (number, issues, words)."""
    return pd.DataFrame(
        [{"provision": p, "issues": i, "text": t, "sources": "s1"} for p, i, t in rows]
    )


@pytest.fixture
def folder(tmp_path):
    found = write_dataset(tmp_path / "t", meta=metadata(sources=SOURCES, versions=VERSIONS))
    (found / "provisions.csv").write_text(CLAUSES, encoding="utf-8")
    return found


@pytest.fixture
def table(folder):
    return sidebyside.build_text(load_dataset(folder), ["v1", "v2"])


def test_clauses_are_matched_across_renumbering_and_moves():
    old = frame([("1", "a", "Alpha beta gamma delta."), ("2", "b", "One two three four five."),
                 ("3", "c", "Red green blue.")])  # fmt: skip
    new = frame([("1", "b", "One two three four five six."), ("2", "a", "Alpha beta gamma delta."),
                 ("3", "", "Something else entirely.")])  # fmt: skip
    assert clauses.matches(old, new) == {0: 1, 1: 0}
    found = [c for _, c in clauses.compare(old, new)]
    assert [(c.provision, c.kind, c.was, c.moved) for c in found] == [
        ("1", "changed", "2", False),
        ("2", "unchanged", "1", True),  # kept word for word, but now before clause 2's heir
        ("3", "deleted", "", False),  # the old clause 3, placed after its old neighbour's heir
        ("3", "added", "", False),
    ]
    assert found[0].note == "changed, was 2"
    assert found[1].note == "unchanged, moved, was 1"
    assert redline.to_text(found[2].runs) == "[-Red green blue.-]"


def test_a_clause_rewritten_in_its_place_is_matched_by_number_and_issue():
    old = frame([("7", "nato", "Ukraine agrees to enshrine in its constitution that it will "
                               "not join NATO.")])  # fmt: skip
    new = frame([("7", "nato", "Ukraine's accession depends on the consensus of members.")])
    assert clauses.matches(old, new) == {0: 0}
    assert clauses.matches(old, frame([("8", "nato", new.loc[0, "text"])])) == {}


def test_curly_and_straight_quotes_are_the_same_word():
    runs = redline.redline("Ukraine’s sovereignty", "Ukraine's sovereignty")
    assert not redline.changed(runs)
    assert redline.after(runs) == "Ukraine's sovereignty"


def test_one_row_per_issue_each_cell_the_clauses_on_it(table):
    assert table.rows["issue"].tolist() == ["cap", "nato", sidebyside.text.OTHER]
    assert table.rows["issue_name"].iloc[-1] == "Clauses on no listed issue"
    cap = table.cells[("cap", "v2")]
    assert [(c.provision, c.kind) for c in cap] == [("1", "changed"), ("3", "deleted")]
    assert redline.to_text(cap[0].runs) == (
        "The army is capped at [-600-] {+800+} thousand personnel {+in peacetime.+}"
    )
    assert redline.to_text(cap[1].runs) == "[-Foreign troops will leave within thirty days.-]"
    nato = table.cells[("nato", "v2")]
    assert [(c.provision, c.kind, c.was, c.moved) for c in nato] == [
        ("3", "unchanged", "2", False),  # renumbered, in the same order
        ("3", "deleted", "", False),
    ]
    assert [c.kind for c in table.cells[("", "v2")]] == ["added"]
    assert table.cells[("", "v1")] == ()
    assert [c.kind for c in table.cells[("cap", "v1")]] == ["own", "own"]


def test_columns_say_what_they_are_compared_with(table):
    first, second = table.columns
    assert first.caption == "01 Jan 2025 · draft · 3 clauses · a text of its own: no redline"
    assert second.against == "redlined against First draft (which it revises)"
    assert table.silent == ()
    assert table.sources["id"].tolist() == ["s1"]


def test_a_rival_text_stands_without_redlines(folder):
    table = sidebyside.build_text(load_dataset(folder), ["v1", "v2", "v3"])
    assert [c.kind for c in table.cells[("cap", "v3")]] == ["own"]
    assert table.columns[2].against == "a text of its own: no redline"
    assert not redline.changed(table.cells[("cap", "v3")][0].runs)


def test_a_chosen_issue_shows_its_row_alone_and_silent_issues_are_named(folder):
    table = sidebyside.build_text(load_dataset(folder), ["v1", "v2"], ["nato"])
    assert table.rows["issue"].tolist() == ["nato"]
    with pytest.raises(ValueError, match="no chosen version has its text recorded"):
        sidebyside.build_text(load_dataset(write_dataset(folder.parent / "bare")), ["v1"])


def test_html_strikes_the_old_figure_and_inserts_the_new(table):
    page = sidebyside.render(table, "html").decode()
    assert '<del style="text-decoration:line-through;color:#a50f15">600</del>' in page
    assert '<ins style="text-decoration:underline;color:#08519c">800</ins>' in page
    assert "changed · Wire, 02 Jan 2025" in page
    clean = sidebyside.render(table, "html", redlines=False).decode()
    assert "<del" not in clean.split("<table")[1] and "800 thousand" in clean


def test_docx_has_struck_and_underlined_runs(table):
    doc = Document(io.BytesIO(sidebyside.render(table, "docx")))
    runs = [r for t in doc.tables for row in t.rows for c in row.cells
            for p in c.paragraphs for r in p.runs]  # fmt: skip
    struck = {r.text.strip() for r in runs if r.font.strike}
    underlined = {r.text.strip() for r in runs if r.font.underline}
    assert "600" in struck and "800" in underlined
    assert doc.tables[0].rows[0].cells[2].paragraphs[0].text == "Second draft"


def test_pdf_markdown_xlsx_and_csv_read_back(table):
    pdf = PdfReader(io.BytesIO(sidebyside.render(table, "pdf")))
    text = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
    assert "800 thousand personnel in peacetime." in text
    assert "Clauses on no listed issue" in text
    markdown = sidebyside.render(table, "md").decode()
    assert "**1** The army is capped at ~~600~~ **800** thousand personnel" in markdown
    assert "_unchanged, was 2 · Wire, 02 Jan 2025_" in markdown
    book = load_workbook(io.BytesIO(sidebyside.render(table, "xlsx")), rich_text=True)
    cell = book["texts side by side"]["C2"].value
    fonts = {block.text.strip(): block.font for block in cell if hasattr(block, "font")}
    assert fonts["600"].strike and fonts["800"].u == "single"
    assert book["clauses"].max_row == 1 + 9
    rows = list(csv.DictReader(io.StringIO(sidebyside.render(table, "csv").decode())))
    assert [(r["issue"], r["column"], r["provision"], r["kind"], r["was"]) for r in rows] == [
        ("cap", "v1", "1", "own", ""), ("cap", "v1", "3", "own", ""),
        ("cap", "v2", "1", "changed", ""), ("cap", "v2", "3", "deleted", ""),
        ("nato", "v1", "2", "own", ""), ("nato", "v1", "3", "own", ""),
        ("nato", "v2", "3", "unchanged", "2"), ("nato", "v2", "3", "deleted", ""),
        ("", "v2", "2", "added", ""),
    ]  # fmt: skip
    assert rows[2]["redline"] == (
        "The army is capped at [-600-] {+800+} thousand personnel {+in peacetime.+}"
    )


def test_the_sidebyside_command_in_text_mode(folder, tmp_path, capsys):
    out = tmp_path / "s.html"
    args = ["sidebyside", str(folder), "--versions", "v1,v2", "-o", str(out)]
    assert main(args) == 0  # Text by default: both versions have their text
    assert "<del" in out.read_text(encoding="utf-8")
    assert "side by side (text)" in capsys.readouterr().err
    assert main([*args[:-2], "--mode", "positions", "-o", str(tmp_path / "p.docx")]) == 0
    doc = Document(io.BytesIO((tmp_path / "p.docx").read_bytes()))
    (cap,) = [r.cells for r in doc.tables[0].rows if r.cells[0].text == "Army cap"]
    assert cap[1].paragraphs[0].text == "600 thousand"
    assert cap[2].paragraphs[0].runs[0].bold and cap[2].paragraphs[0].text == "800 thousand"
    shading = cap[2]._tc.tcPr.xpath("./w:shd")[0]
    assert shading.get(qn("w:fill")).upper() == "FDD0A2"  # moved toward the high pole: light orange
    capsys.readouterr()
    assert main([*args, "--mode", "text", "--forecast"]) == 1
    assert "columns of --mode positions only" in capsys.readouterr().err
    for fmt in ("docx", "pdf", "md", "xlsx", "csv"):
        assert main([*args[:-2], "--mode", "text", "-o", str(tmp_path / f"s.{fmt}")]) == 0
        assert (tmp_path / f"s.{fmt}").stat().st_size > 500


def test_the_text_command_writes_pdf_and_docx(folder, tmp_path, capsys):
    for fmt in ("pdf", "docx"):
        out = tmp_path / f"v2.{fmt}"
        assert main(["text", str(folder), "--version", "v2", "--format", fmt, "-o", str(out)]) == 0
    doc = Document(io.BytesIO((tmp_path / "v2.docx").read_bytes()))
    paragraphs = [p.text for p in doc.paragraphs]
    assert paragraphs[:3] == [
        "Second draft", "01 February 2025",
        "1. The army is capped at 800 thousand personnel in peacetime.",
    ]  # fmt: skip
    assert "Wire, 2025-01-02: Report. https://wire.example/report" in paragraphs
    pdf = PdfReader(io.BytesIO((tmp_path / "v2.pdf").read_bytes()))
    assert "3. Ukraine will not join the alliance in any form." in pdf.pages[0].extract_text()
    assert main(["text", str(folder), "--format", "pdf"]) == 1
    assert "give it with -o FILE" in capsys.readouterr().err
    assert (
        draft_files.render(load_dataset(folder), "v1", "md")
        .decode()
        .endswith("- Wire, 2025-01-02: Report. <https://wire.example/report>\n")
    )


def test_the_page_opens_in_text_mode_when_every_column_has_its_text(folder, monkeypatch):
    monkeypatch.setenv("NEGOTIATION_DATA_DIR", str(folder.parent))
    at = open_page("sidebyside")
    assert not at.exception, [e.value for e in at.exception]
    at.multiselect(key="columns").set_value(["v1", "v2"]).run()
    assert at.session_state["mode"] == "text"
    body = next(h.proto.body for h in at.get("html") if "class='sbs'" in h.proto.body)
    assert '<del style="text-decoration:line-through;color:#a50f15">600</del>' in body
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["HTML (opens in Word)", "DOCX", "XLSX", "PDF", "Markdown", "CSV"]
    at.session_state["mode"] = "positions"
    at.session_state["_mode_chosen"] = True
    at.run()
    body = next(h.proto.body for h in at.get("html") if "class='sbs'" in h.proto.body)
    assert "Still open" in body  # the positions table's footer


BUNDLED = "data/ukraine-2025"


def test_the_bundled_army_cap_clause_goes_from_600000_to_800000(tmp_path):
    out = tmp_path / "s.html"
    args = ["sidebyside", BUNDLED, "--versions", "us-28,eu-counter", "--mode", "text"]
    assert main([*args, "--format", "html", "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    army = page[page.index("army size cap</th>") :].split("</tr>")[0]
    assert '<del style="text-decoration:line-through;color:#a50f15">600,000' in army
    assert '<ins style="text-decoration:underline;color:#08519c">800,000' in army
    doc = Document(io.BytesIO(sidebyside.render(
        sidebyside.build_text(load_dataset(BUNDLED), ["us-28", "eu-counter"]), "docx"
    )))  # fmt: skip
    runs = [r for t in doc.tables for row in t.rows for c in row.cells
            for p in c.paragraphs for r in p.runs]  # fmt: skip
    assert any("600,000" in r.text and r.font.strike for r in runs)
    assert any("800,000" in r.text and r.font.underline for r in runs)


def test_the_bundled_texts_each_cite_a_page():
    ds = load_dataset(BUNDLED)
    written = set(ds.provisions["version"])
    assert {"us-28", "eu-counter", "ukraine-20", "istanbul-memo", "ukraine-memo"} <= written
    us = ds.provisions[ds.provisions["version"] == "us-28"]
    assert us["provision"].tolist()[:10] == [str(n) for n in range(1, 11)]
    assert us.loc[us["provision"] == "6", "text"].item() == (
        "The size of the Ukrainian Armed Forces will be limited to 600,000 personnel."
    )
    urls = {s.id: s.url for s in ds.sources}
    cited = {s for cell in ds.provisions["sources"] for s in cell.split(";")}
    assert all(urls[s].startswith("http") for s in cited)


def test_the_briefing_redlines_the_clauses_that_changed(folder):
    ds = load_dataset(folder)
    sel = replace(views.Selection.default(ds), old="v1", new="v2")
    built = briefing.build(ds, sel, date(2026, 1, 1))
    assert [briefing.clause_line(c) for c in built.texts] == [
        "1 (changed)",
        "2 (added)",
        "3 (deleted)",
    ]  # the renumbered clause 3, word for word the old 2, is left out
    page = briefing.to_html(built).decode()
    texts = page[page.index("The texts, clause by clause") :]
    assert '<del style="text-decoration:line-through;color:#a50f15">600</del>' in texts
    pdf = PdfReader(io.BytesIO(briefing_pdf.to_pdf(built)))
    words = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
    assert "The texts, clause by clause" in words and "1 (changed)" in words
    only_nato = briefing.build(ds, replace(sel, issues=("nato",)), date(2026, 1, 1))
    assert [briefing.clause_line(c) for c in only_nato.texts] == ["3 (deleted)"]
    rival = briefing.build(ds, replace(sel, old="v2", new="v3"), date(2026, 1, 1))
    assert [briefing.clause_line(c) for c in rival.texts] == [
        "1 (changed)",
        "2 (deleted)",
        "3 (deleted)",
    ]  # fmt: skip; a rival is compared as asked: v3 against v2
