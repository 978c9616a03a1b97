"""The side-by-side table as a file, by format name: FORMATS drives the page's buttons and the
command's --format. Each format's module is imported on use (openpyxl and reportlab serve one
format each)."""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from negotiation.documents.sidebyside.table import SideBySide


@dataclass(frozen=True)
class Format:
    label: str
    mime: str
    writer: str
    """module:function in negotiation.documents.sidebyside that writes it."""


FORMATS = {
    "html": Format("HTML (opens in Word)", "text/html", "as_html:document"),
    "xlsx": Format(
        "XLSX",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "as_xlsx:workbook",
    ),
    "pdf": Format("PDF", "application/pdf", "as_pdf:document"),
    "md": Format("Markdown", "text/markdown", "as_text:markdown"),
    "csv": Format("CSV", "text/csv", "as_text:csv"),
}


def render(table: SideBySide, fmt: str, redlines: bool = True) -> bytes:
    """The table in one of FORMATS; `redlines` False gives clean text."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format '{fmt}'; valid: {', '.join(FORMATS)}")
    module, function = FORMATS[fmt].writer.split(":")
    writer = getattr(
        importlib.import_module(f"negotiation.documents.sidebyside.{module}"), function
    )
    return writer(table, redlines)
