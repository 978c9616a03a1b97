"""A draft read whole (issue 26, 'Read a draft' and 'Text search'): a version's provisions in
order with their issues and sources, as Markdown and HTML, from the `text` command and on the
Texts page; a phrase found across all the drafts."""

import io

import pytest
from apptest import open_page
from docx import Document
from pypdf import PdfReader
from test_provisions import SOURCES, with_clauses

from negotiation.cli import main
from negotiation.data.load import load_dataset
from negotiation.documents import draft_files, texts


@pytest.fixture
def ds(tmp_path):
    return load_dataset(with_clauses(tmp_path))


def test_a_versions_clauses_in_order_with_issue_and_source_names(ds):
    frame = texts.clauses(ds, "v1")
    assert frame["provision"].tolist() == ["1", "2"]
    assert frame.loc[1, "issue_names"] == "NATO membership; Army cap"
    assert frame.loc[0, "source_names"] == "Wire, 02 Jan 2025"
    assert texts.versions_with_texts(ds) == ["v1", "v2"]
    assert texts.clauses(ds, "v9").empty


def test_markdown_and_html_read_the_clauses_whole(ds):
    text = texts.to_markdown(ds, "v2")
    assert text.startswith("# Second draft (01 February 2025)")
    assert "**1.** The army is capped at 800 thousand." in text
    assert "*Issues: Army cap · Source: Wire, 02 Jan 2025 · Note: variant*" in text
    page = texts.to_html(ds, "v1").decode()
    assert "<b>2.</b> Membership is barred; forces, too, are capped." in page


def test_a_phrase_is_found_in_every_text_with_its_words_around_it(ds):
    found = texts.search(ds, "CAPPED at")
    assert found[["version", "provision"]].values.tolist() == [["v1", "1"], ["v2", "1"]]
    assert found.loc[1, "excerpt"] == "The army is capped at 800 thousand."
    assert texts.search(ds, "referendum").empty
    assert texts.search(ds, "  ").empty


def test_the_text_command(tmp_path, capsys):
    folder = with_clauses(tmp_path)
    assert main(["text", str(folder)]) == 0  # the latest text by default
    assert capsys.readouterr().out.startswith("# Second draft")
    out = tmp_path / "v1.html"
    assert main(["text", str(folder), "--version", "v1", "--format", "html", "-o", str(out)]) == 0
    assert "<b>1.</b> The army is capped at 600 thousand." in out.read_text(encoding="utf-8")
    assert main(["text", str(folder), "--version", "v9"]) == 1
    assert "no provisions for 'v9'; versions with texts: v1, v2" in capsys.readouterr().err


def clauses(at) -> list[str]:
    """The clauses the page shows ("**1.** ..."), the sidebar's headings left out."""
    return [m.value for m in at.markdown if m.value.startswith("**") and ".**" in m.value]


def test_the_texts_page_reads_a_draft_and_finds_a_phrase(tmp_path, monkeypatch):
    with_clauses(tmp_path)
    monkeypatch.setenv("NEGOTIATION_DATA_DIR", str(tmp_path))
    at = open_page("texts")
    assert not at.exception
    assert clauses(at) == ["**1.** The army is capped at 800 thousand."]  # the latest text
    link = at.get("page_link")[0].proto
    assert (link.label, link.page.endswith("gaps")) == ("Army cap", True)
    at.selectbox(key="text").set_value("v1").run()
    assert clauses(at)[1] == "**2.** Membership is barred; forces, too, are capped."
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Markdown", "HTML (opens in Word)", "DOCX", "PDF"]
    at.text_input(key="find").set_value("capped").run()
    assert at.dataframe[-1].value["Clause"].tolist() == ["1", "2", "1"]


def test_a_dataset_without_provisions_says_so(tiny_app):
    at = open_page("texts")
    assert not at.exception
    assert "has no provisions.csv" in at.info[0].value


def test_an_undated_source_reads_the_same_in_every_file(tmp_path):
    clauses = "version,provision,issues,text,sources,note\nv1,1,cap,The army is capped.,s3,\n"
    url = "https://radio.example/transcript"
    sources = [*SOURCES, {"id": "s3", "publisher": "Radio", "title": "Transcript", "url": url}]
    ds = load_dataset(with_clauses(tmp_path, clauses, sources))
    words = "Radio, date not given: Transcript."  # as the side by side's files write it
    assert f"- {words} <{url}>" in texts.to_markdown(ds, "v1")
    assert f"<li>{words} <a href='{url}'>{url}</a></li>" in texts.to_html(ds, "v1").decode()
    doc = Document(io.BytesIO(draft_files.render(ds, "v1", "docx")))
    assert f"{words} {url}" in [p.text for p in doc.paragraphs]
    pdf = PdfReader(io.BytesIO(draft_files.render(ds, "v1", "pdf")))
    assert words in " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
