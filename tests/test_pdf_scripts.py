"""The briefing and side-by-side PDFs print any script: a dataset in Ukrainian, Russian and
Greek reads back, word for word, from both PDFs (the standard Helvetica had no Cyrillic)."""

import io
from datetime import date

import pytest
from factory import ISSUES, PARTIES, VERSIONS, metadata, row, write_dataset
from pypdf import PdfReader

from negotiation.charts import views
from negotiation.data.load import load_dataset
from negotiation.documents import briefing, report, sidebyside

NAMES = {"a": "Україна", "b": "Россия", "c": "Ελλάδα"}
VERSION_NAMES = {"v1": "Перший проєкт", "v2": "Второй проект"}
STANCE = "Армія обмежена 800 тисячами."
QUOTE = "Численность армии ограничена 800 000 человек."


@pytest.fixture
def ds(tmp_path):
    parties = [p | {"name": NAMES[p["id"]]} for p in PARTIES]
    versions = [v | {"name": VERSION_NAMES[v["id"]]} for v in VERSIONS]
    issues = [ISSUES[0] | {"name": "Чисельність армії"}]
    rows = [
        row("v1", "draft", "cap", "600", stance="Армія обмежена 600 тисячами."),
        row("v1", "a", "cap", "600"),
        row("v1", "b", "cap", "800"),
        row("v1", "c", "cap"),
        row("v2", "draft", "cap", "800", stance=STANCE, quote=QUOTE),
        row("v2", "a", "cap", "700", quote=QUOTE),
        row("v2", "b", "cap", "800"),
        row("v2", "c", "cap", "900"),
    ]
    meta = metadata(parties=parties, versions=versions, issues=issues)
    return load_dataset(write_dataset(tmp_path / "talks", rows, meta))


def text_of(pdf: bytes) -> str:
    pages = PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def test_briefing_pdf_reads_back_in_cyrillic_and_greek(ds):
    sel = views.Selection.default(ds)
    text = text_of(report.render(briefing.build(ds, sel, date(2025, 3, 4)), "pdf"))
    for word in [*NAMES.values(), *VERSION_NAMES.values(), "Чисельність армії", QUOTE]:
        assert word in text


def test_side_by_side_pdf_reads_back_in_cyrillic_and_greek(ds):
    table = sidebyside.build(ds, ["v1", "v2"], ["a", "b", "c"], None, True, True)
    text = text_of(sidebyside.render(table, "pdf"))
    for word in [*VERSION_NAMES.values(), "Чисельність армії", STANCE.split()[0], QUOTE]:
        assert word in text


def test_the_pdfs_embed_the_unicode_font(ds):
    table = sidebyside.build(ds, ["v1", "v2"], ["a"], None, True, True)
    pdf = PdfReader(io.BytesIO(sidebyside.render(table, "pdf")))
    fonts = [
        font.get_object() for page in pdf.pages for font in page["/Resources"]["/Font"].values()
    ]
    embedded = {
        str(font["/BaseFont"]).split("+")[-1]
        for font in fonts
        if "/FontFile2" in font.get("/FontDescriptor", {})
    }
    assert embedded >= {"DejaVuSans", "DejaVuSans-Bold"}
