"""Word documents (python-docx): a redline as runs with the look of tracked changes (deleted
words struck through in red, inserted underlined in blue), a run shaded in a colour, a list of
sources, the document as bytes."""

from __future__ import annotations

import io

import pandas as pd
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from negotiation.documents import redline, texts

GREY = RGBColor(0x55, 0x55, 0x55)
MARKS = {
    redline.DELETE: {"strike": True, "color": RGBColor(0xA5, 0x0F, 0x15)},
    redline.INSERT: {"underline": True, "color": RGBColor(0x08, 0x51, 0x9C)},
}


def new(title: str, landscape: bool = False):
    """A document headed by `title`, set in 10-point type, landscape when asked."""
    doc = Document()
    doc.styles["Normal"].font.size = Pt(10)
    doc.core_properties.title = title
    if landscape:
        section = doc.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    doc.add_heading(title, level=1)
    return doc


def add_runs(paragraph, runs: tuple[redline.Run, ...]) -> None:
    """A redline's words into a paragraph, each deletion and insertion marked."""
    for n, part in enumerate(runs):
        run = paragraph.add_run((" " if n else "") + part.text)
        marks = MARKS.get(part.op, {})
        run.font.strike = marks.get("strike", False)
        run.font.underline = marks.get("underline", False)
        if "color" in marks:
            run.font.color.rgb = marks["color"]


def add_note(paragraph, text: str) -> None:
    """A small grey italic line of comment."""
    run = paragraph.add_run(text)
    run.italic, run.font.size, run.font.color.rgb = True, Pt(8), GREY


def shade(run, fill: str) -> None:
    """Fill a run's background with a colour ('#rrggbb')."""
    run._r.get_or_add_rPr().append(_shading(fill))


def add_sources(doc, sources: pd.DataFrame) -> None:
    """A "Sources" heading and one line per source: publisher, date, title, link."""
    doc.add_heading("Sources", level=2)
    for s in sources.itertuples():
        doc.add_paragraph(f"{texts.source_words(s)} {s.url}", style="List Bullet")


def to_bytes(doc) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def shade_cell(cell, fill: str) -> None:
    """Fill a table cell's background with a colour ('#rrggbb')."""
    cell._tc.get_or_add_tcPr().append(_shading(fill))


def _shading(fill: str):
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill.lstrip("#"))
    return shading
