"""Data frames to CSV and XLSX that a spreadsheet opens safely, formula-like cells made inert,
and read back."""

from __future__ import annotations

import io
import math
import re

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
MAX_COLUMN_WIDTH = 60


def inert(cell: object) -> object:
    """The cell, with a leading apostrophe where a spreadsheet would run it as a formula.

    Plain numbers such as -5 stay numbers."""
    if isinstance(cell, str) and cell.startswith(FORMULA_START) and not _NUMBER.match(cell):
        return "'" + cell
    return cell


def restore(cell: object) -> object:
    """The original of a cell made inert by `inert` (for reading an export back)."""
    if isinstance(cell, str) and cell.startswith("'") and cell[1:].startswith(FORMULA_START):
        return cell[1:]
    return cell


def restored(frame: pd.DataFrame) -> pd.DataFrame:
    """Every text cell of a frame of text restored (`restore`), a column at a time."""

    def column(cells: pd.Series) -> pd.Series:
        marked = cells.str.startswith("'") & cells.str[1:].str.startswith(FORMULA_START)
        return cells.where(~marked.fillna(False).astype(bool), cells.str[1:])

    return frame.apply(column) if len(frame.columns) else frame


def inert_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Every text cell of a frame made inert."""
    text = [c for c in frame.columns if pd.api.types.is_string_dtype(frame[c])]
    return frame.assign(**{c: frame[c].map(inert) for c in text})


def to_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV of a table, formula-like cells inert."""
    return inert_frame(frame).to_csv(index=False, lineterminator="\n").encode("utf-8")


def to_xlsx(sheets: dict[str, pd.DataFrame]) -> bytes:
    """An XLSX workbook with one sheet per table: frozen header, readable column widths,
    every text cell stored as text and made inert."""
    from openpyxl import Workbook  # here: the CSV commands need not load openpyxl

    book = Workbook()
    book.remove(book.active)
    for name, frame in sheets.items():
        write_sheet(book, name, frame)
    return workbook_bytes(book)


def write_sheet(book, name: str, frame: pd.DataFrame) -> None:
    """Add a table to an openpyxl workbook as a sheet: frozen header, readable column widths,
    every text cell stored as text and made inert."""
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(title=name[:31])
    sheet.append([str(c) for c in frame.columns])
    for values in frame.itertuples(index=False):
        sheet.append([_xlsx_cell(v) for v in values])
    for cell_row in sheet.iter_rows(min_row=2):
        for cell in cell_row:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    for index, column in enumerate(frame.columns, start=1):
        lengths = [len(str(column)), *(len(str(v)) for v in frame[column].head(500))]
        sheet.column_dimensions[get_column_letter(index)].width = min(
            max(lengths) + 2, MAX_COLUMN_WIDTH
        )
    sheet.freeze_panes = "A2"


def workbook_bytes(book) -> bytes:
    """An openpyxl workbook as the bytes of its XLSX file."""
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_cell(value: object) -> object:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):
        value = value.item()
    return inert(value)


def read_back(data: bytes, fmt: str) -> pd.DataFrame:
    """A table exported by `to_csv` or `to_xlsx` (first sheet) read back, inert cells restored."""
    if fmt == "csv":
        frame = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)
    else:
        frame = pd.read_excel(io.BytesIO(data), dtype=str, keep_default_na=False)
    return frame.apply(lambda column: column.map(restore))
