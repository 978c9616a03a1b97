"""The side-by-side table as a file, by format name, in either mode: FORMATS drives the page's
buttons and the command's --format. Each format's module is imported on use (openpyxl,
reportlab and python-docx serve one format each)."""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from negotiation.documents.sidebyside.table import SideBySide
from negotiation.documents.sidebyside.text import TextTable


@dataclass(frozen=True)
class Format:
    label: str
    mime: str
    writer: str
    """module:function in negotiation.documents.sidebyside that writes the positions table."""
    text_writer: str
    """The same for the Text-mode table."""


FORMATS = {
    "html": Format(
        "HTML (opens in Word)", "text/html", "as_html:document", "as_html:text_document"
    ),
    "docx": Format(
        "DOCX",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "as_docx:document",
        "as_docx:text_document",
    ),
    "xlsx": Format(
        "XLSX",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "as_xlsx:workbook",
        "as_xlsx:text_workbook",
    ),
    "pdf": Format("PDF", "application/pdf", "as_pdf:document", "as_pdf:text_document"),
    "md": Format("Markdown", "text/markdown", "as_text:markdown", "as_text:text_markdown"),
    "csv": Format("CSV", "text/csv", "as_text:csv", "as_text:text_csv"),
}


def render(table: SideBySide | TextTable, fmt: str, redlines: bool = True) -> bytes:
    """The table (either mode) in one of FORMATS; `redlines` False gives clean text."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format '{fmt}'; valid: {', '.join(FORMATS)}")
    found = FORMATS[fmt]
    text = isinstance(table, TextTable)
    module, function = (found.text_writer if text else found.writer).split(":")
    writer = getattr(
        importlib.import_module(f"negotiation.documents.sidebyside.{module}"), function
    )
    return writer(table, redlines)
