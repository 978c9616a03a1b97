"""The side by side as a Word document, in both modes: a landscape table, one row per issue, with
the look of tracked changes (deleted words struck through, inserted underlined). Positions: each
cell the term, stance, quoted words and sources, shaded in its state's colour. Text: each cell
the clauses of its column's text, each clause's number shaded in its kind's colour."""

from __future__ import annotations

from collections.abc import Callable

from docx.shared import Pt

from negotiation.documents import redline, word
from negotiation.documents.clauses import KINDS
from negotiation.documents.sidebyside import cells
from negotiation.documents.sidebyside.table import Column, SideBySide
from negotiation.documents.sidebyside.text import TextTable


def document(table: SideBySide, redlines: bool) -> bytes:
    """The positions table, its legend above (states in their colours; disputed cells are said
    so in their status line) and its sources below."""
    doc = word.new(table.title, landscape=True)
    used = set(table.cells["state"])
    legend = doc.add_paragraph()
    for label, fill, name in (v for k, v in table.legend.items() if k in used):
        word.shade(legend.add_run(f" {name} "), fill)
        legend.add_run(f" {label}.  ")
    grid, names = cells.grid(table), cells.source_names(table)

    def fill(target, issue: str, column: Column) -> None:
        found = grid[(issue, column.key)]
        word.shade_cell(target, table.legend[found["state"]][1])
        stance, quote, note = cells.texts(found, redlines, lambda runs: runs)
        target.paragraphs[0].add_run(found["term"]).bold = True
        if stance:
            word.add_runs(target.add_paragraph(), stance)
        if quote:
            quoted = target.add_paragraph()
            marks = (redline.Run(redline.EQUAL, "“"), *quote, redline.Run(redline.EQUAL, "”"))
            word.add_runs(quoted, marks)
            for run in quoted.runs:
                run.italic = True
        status = cells.status_line(found) + (f" · {note}" if note else "")
        read = "; ".join(names[s][0] for s in found["sources"] if s in names)
        word.add_note(target.add_paragraph(), status + (f" · Sources: {read}" if read else ""))

    _grid(doc, table, redlines, fill)
    counts = [str(table.open_counts.get(c.key, "")) for c in table.columns]
    doc.add_paragraph(f"{cells.OPEN_LABEL}: " + ", ".join(
        f"{c.title} {n}" for c, n in zip(table.columns, counts, strict=True) if n
    ))  # fmt: skip
    word.add_sources(doc, table.sources)
    return word.to_bytes(doc)


def text_document(table: TextTable, redlines: bool) -> bytes:
    """The Text-mode table with its legend above and its sources below."""
    doc = word.new(table.title, landscape=True)
    legend = doc.add_paragraph()
    for kind in table.kinds():
        word.shade(legend.add_run(f" {KINDS[kind][2]} "), KINDS[kind][1])
        legend.add_run(f" {KINDS[kind][0]}.  ")
    word.add_note(doc.add_paragraph(), cells.MOVED_NOTE)
    names = cells.source_names(table)
    _grid(
        doc,
        table,
        redlines,
        lambda target, issue, column: _clauses(
            target, table.cells[(issue, column.key)], names, redlines
        ),
    )
    if table.silent:
        doc.add_paragraph(cells.silent_line(table))
    word.add_sources(doc, table.sources)
    return word.to_bytes(doc)


def _grid(
    doc, table: SideBySide | TextTable, redlines: bool, fill: Callable[[object, str, Column], None]
) -> None:
    """The redline's marks explained, then the table: a header of column titles and captions,
    a row per issue, each cell filled by `fill(cell, issue, column)`."""
    if redlines:
        word.add_runs(doc.add_paragraph(), cells.marks_runs())
    grid = doc.add_table(rows=1, cols=len(table.columns) + 1)
    grid.style = "Table Grid"
    head = grid.rows[0].cells
    head[0].paragraphs[0].add_run("Issue").bold = True
    for cell, column in zip(head[1:], table.columns, strict=True):
        cell.paragraphs[0].add_run(column.title).bold = True
        word.add_note(cell.add_paragraph(), column.caption)
    for row in table.rows.itertuples():
        line = grid.add_row().cells
        line[0].paragraphs[0].add_run(row.issue_name).bold = True
        for cell, column in zip(line[1:], table.columns, strict=True):
            fill(cell, row.issue, column)


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
