"""The Text-mode side by side as a Word document: a landscape table, one row per issue, each
cell the clauses of its column's text, with the look of tracked changes (deleted words struck
through, inserted underlined), each clause's number shaded in its kind's colour."""

from __future__ import annotations

from docx.shared import Pt

from negotiation.documents import word
from negotiation.documents.clauses import KINDS
from negotiation.documents.sidebyside import cells
from negotiation.documents.sidebyside.text import TextTable


def text_document(table: TextTable, redlines: bool) -> bytes:
    """The table with its legend above and its sources below."""
    doc = word.new(table.title, landscape=True)
    legend = doc.add_paragraph()
    for kind in table.kinds():
        word.shade(legend.add_run(f" {KINDS[kind][2]} "), KINDS[kind][1])
        legend.add_run(f" {KINDS[kind][0]}.  ")
    if redlines:
        marks = doc.add_paragraph()
        word.add_runs(marks, cells.marks_runs())
    word.add_note(doc.add_paragraph(), cells.MOVED_NOTE)
    grid = doc.add_table(rows=1, cols=len(table.columns) + 1)
    grid.style = "Table Grid"
    head = grid.rows[0].cells
    head[0].paragraphs[0].add_run("Issue").bold = True
    for cell, column in zip(head[1:], table.columns, strict=True):
        cell.paragraphs[0].add_run(column.title).bold = True
        word.add_note(cell.add_paragraph(), column.caption)
    names = cells.source_names(table)
    for row in table.rows.itertuples():
        line = grid.add_row().cells
        line[0].paragraphs[0].add_run(row.issue_name).bold = True
        for cell, column in zip(line[1:], table.columns, strict=True):
            _clauses(cell, table.cells[(row.issue, column.key)], names, redlines)
    if table.silent:
        doc.add_paragraph(cells.silent_line(table))
    word.add_sources(doc, table.sources)
    return word.to_bytes(doc)


def _clauses(cell, found: tuple, names: dict, redlines: bool) -> None:
    if not found:
        word.add_note(cell.paragraphs[0], cells.NO_CLAUSE)
        return
    for n, clause in enumerate(found):
        paragraph = cell.paragraphs[0] if n == 0 else cell.add_paragraph()
        label = paragraph.add_run(clause.provision)
        label.bold = True
        word.shade(label, KINDS[clause.kind][1])
        paragraph.add_run(" ")
        word.add_runs(paragraph, cells.clause_runs(clause, redlines))
        note = cells.clause_note(clause, names)
        if note:
            word.add_note(cell.add_paragraph(), note)
        paragraph.paragraph_format.space_after = Pt(2)
