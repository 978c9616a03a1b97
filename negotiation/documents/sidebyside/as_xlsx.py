"""The side-by-side table as XLSX: a row per issue, each cell filled with its state's colour
and its redline as rich text (deleted words struck through, inserted underlined), the footer
counting what is open, the sources cited on a second sheet."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from negotiation.data import spreadsheet
from negotiation.documents import redline
from negotiation.documents.sidebyside import as_text, cells
from negotiation.documents.sidebyside.table import DISPUTED_MARK, SideBySide
from negotiation.documents.sidebyside.text import TextTable

COLUMN_WIDTH = 45


def workbook(table: SideBySide, redlines: bool) -> bytes:
    """One row per issue, a column per version (then parties and forecast), each cell filled
    with its state's colour, its redline as rich text; the footer counts what is open."""

    book = Workbook()
    sheet = book.active
    sheet.title = "side by side"
    titles = (spreadsheet.inert(f"{c.title}\n{c.caption}") for c in table.columns)
    sheet.append(["Issue", "Group", *titles])
    grid = cells.grid(table)
    dashed = Side(style="dashed", color=DISPUTED_MARK[1].lstrip("#"))
    for row in table.rows.itertuples():
        sheet.append([spreadsheet.inert(row.issue_name), spreadsheet.inert(row.group)])
        at = sheet.max_row
        for n, column in enumerate(table.columns, start=3):
            cell = grid[(row.issue, column.key)]
            target = sheet.cell(row=at, column=n, value=_rich(cell, table, redlines))
            fill = "FF" + table.legend[cell["state"]][1].lstrip("#").upper()
            target.fill = PatternFill("solid", start_color=fill, end_color=fill)
            if cell["disputed"]:
                target.border = Border(left=dashed, right=dashed, top=dashed, bottom=dashed)
    counts = [table.open_counts.get(c.key) for c in table.columns]
    sheet.append([cells.OPEN_LABEL, "", *counts])
    _lay_out(sheet, len(table.columns), (28, 14))
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    spreadsheet.write_sheet(book, "sources", table.sources.rename(columns={"id": "source"}))
    return spreadsheet.workbook_bytes(book)


def _lay_out(sheet, columns: int, widths: tuple[int, ...]) -> None:
    """Every cell wrapped at its top, the header bold, the label columns `widths` wide and the
    `columns` columns after them COLUMN_WIDTH, the header and label columns frozen."""
    wrap = Alignment(wrap_text=True, vertical="top")
    for line in sheet.iter_rows():
        for cell in line:
            cell.alignment = wrap
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for n, width in enumerate((*widths, *[COLUMN_WIDTH] * columns), start=1):
        sheet.column_dimensions[get_column_letter(n)].width = width
    sheet.freeze_panes = f"{get_column_letter(len(widths) + 1)}2"


FONTS = {
    redline.EQUAL: None,
    redline.DELETE: InlineFont(strike=True, color="A50F15"),
    redline.INSERT: InlineFont(u="single", color="08519C"),
}


def _blocks(runs: tuple[redline.Run, ...]) -> list:
    """Redline runs as rich-text blocks: deleted words struck, inserted underlined."""
    out: list = []
    for n, run in enumerate(runs):
        text = (" " if n else "") + run.text
        out.append(TextBlock(FONTS[run.op], text) if FONTS[run.op] else text)
    return out


def _rich(cell: dict, table: SideBySide, redlines: bool):
    """A cell as rich text: the term in bold, the redline struck and underlined, the state and
    the sources' ids."""

    runs, note = cells.shown(cell, redlines)
    on_quote = cell["basis"] == "quote"
    stance = [cell["stance"]] if on_quote else _blocks(runs)
    quote = _blocks(runs) if on_quote else ([cell["quote"]] if cell["quote"] else [])
    status = cells.status_line(cell) + (f" · {note}" if note else "")
    parts: list = [TextBlock(InlineFont(b=True), cell["term"]), "\n", *stance]
    if quote:
        parts += ["\n“", *quote, "”"]
    parts += [f"\n{status}"]
    if cell["sources"]:
        parts += [f"\nSources: {'; '.join(cell['sources'])}"]
    return CellRichText([p for p in parts if not isinstance(p, str) or p])


def text_workbook(table: TextTable, redlines: bool) -> bytes:
    """The Text-mode table: one row per issue, a column per version, each cell its clauses as
    rich text (number in bold, deleted words struck, inserted underlined, what happened to each
    in italics); a sheet of one row per clause and the sources cited."""
    book = Workbook()
    sheet = book.active
    sheet.title = "texts side by side"
    sheet.append(["Issue", *(spreadsheet.inert(f"{c.title}\n{c.caption}") for c in table.columns)])
    names = cells.source_names(table)
    for row in table.rows.itertuples():
        sheet.append([spreadsheet.inert(row.issue_name)])
        at = sheet.max_row
        for n, column in enumerate(table.columns, start=2):
            found = table.cells[(row.issue, column.key)]
            sheet.cell(row=at, column=n, value=_rich_clauses(found, names, redlines))
    _lay_out(sheet, len(table.columns), (28,))
    spreadsheet.write_sheet(book, "clauses", as_text.text_cells_frame(table, redlines))
    spreadsheet.write_sheet(book, "sources", table.sources.rename(columns={"id": "source"}))
    return spreadsheet.workbook_bytes(book)


def _rich_clauses(found: tuple, names: dict, redlines: bool):
    if not found:
        return cells.NO_CLAUSE
    parts: list = []
    for n, clause in enumerate(found):
        parts += ["\n\n"] if n else []
        parts += [TextBlock(InlineFont(b=True), clause.provision), " "]
        parts += _blocks(cells.clause_runs(clause, redlines))
        note = cells.clause_note(clause, names)
        parts += [TextBlock(InlineFont(i=True, color="555555"), f"\n{note}")] if note else []
    return CellRichText(parts)
