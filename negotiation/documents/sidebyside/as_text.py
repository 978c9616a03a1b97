"""The side-by-side table as text, in both modes: a Markdown table (deleted words ~~struck~~,
inserted **bold**) and a tidy CSV of the cells, or in Text mode of the clauses (GNU wdiff's
marks)."""

from __future__ import annotations

import pandas as pd

from negotiation.data import spreadsheet
from negotiation.documents import redline
from negotiation.documents.sidebyside import cells
from negotiation.documents.sidebyside.table import SideBySide
from negotiation.documents.sidebyside.text import TextTable

CSV_COLUMNS = {
    "issue": "issue",
    "issue_name": "issue_name",
    "group": "group",
    "column": "column",
    "column_title": "column_title",
    "term": "term",
    "stance": "stance",
    "quote": "quote",
    "status": "status",
    "state": "state",
    "state_label": "state_label",
    "disputed": "disputed",
    "basis": "redline_on",
    "marked": "redline",
    "source_ids": "sources",
}
"""The CSV's columns (one row per issue and column), from the cells' fields."""
TEXT_CSV_COLUMNS = (
    "issue",
    "issue_name",
    "column",
    "column_title",
    "provision",
    "kind",
    "moved",
    "was",
    "redline",
    "sources",
)


def _md_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def markdown(table: SideBySide, redlines: bool) -> bytes:
    """A Markdown table, one row per issue: deleted words ~~struck~~, inserted **bold**."""
    grid, names = cells.grid(table), cells.source_names(table)
    titles = [f"{c.title} ({c.caption})" for c in table.columns]
    lines = [
        f"# {table.title}",
        "",
        "Deleted words since the column named in each heading (the text it revises) are "
        "~~struck through~~, inserted words are **bold**. Each cell: the term, the stance, the "
        "text's quoted words, its change since that column, its sources.",
        "",
        "| " + " | ".join(_md_escape(t) for t in ["Issue", "Group", *titles]) + " |",
        "|" + "---|" * (len(titles) + 2),
    ]
    for row in table.rows.itertuples():
        shown = [_md_cell(grid[(row.issue, c.key)], names, redlines) for c in table.columns]
        lines.append("| " + " | ".join([_md_escape(row.issue_name), row.group, *shown]) + " |")
    counts = [str(table.open_counts.get(c.key, "")) for c in table.columns]
    lines.append("| " + " | ".join([cells.OPEN_LABEL, "", *counts]) + " |")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _md_cell(cell: dict, names: dict, redlines: bool) -> str:
    def mark(runs):
        return redline.to_markdown(tuple(redline.Run(r.op, _md_escape(r.text)) for r in runs))

    stance, quote, note = cells.texts(cell, redlines, mark)
    links = ", ".join(
        f"[{_md_escape(names[s][0])}]({names[s][1]})"
        if names[s][1].startswith("http")
        else _md_escape(names[s][0])
        for s in cell["sources"]
        if s in names
    )
    parts = [
        f"**{_md_escape(cell['term'])}**",
        stance,
        f"“{quote}”" if quote else "",
        f"_{_md_escape(cells.status_line(cell))}" + (f" · {note}" if note else "") + "_",
        f"Sources: {links}" if links else "",
    ]
    return "<br>".join(p for p in parts if p)


def cells_frame(table: SideBySide, redlines: bool = True) -> pd.DataFrame:
    """The tidy cells, one row per issue and column, redlines in GNU wdiff's marks."""
    titles = {c.key: c.title for c in table.columns}
    frame = table.cells.merge(table.rows, on="issue", how="left")
    return frame.assign(
        column_title=frame["column"].map(titles),
        marked=[redline.to_text(cells.shown(c, redlines)[0]) for c in frame.to_dict("records")],
        source_ids=frame["sources"].map("; ".join),
        disputed=frame["disputed"].map({True: "yes", False: ""}),
    )[list(CSV_COLUMNS)].rename(columns=CSV_COLUMNS)


def csv(table: SideBySide, redlines: bool) -> bytes:
    return spreadsheet.to_csv(cells_frame(table, redlines))


def text_markdown(table: TextTable, redlines: bool) -> bytes:
    """The Text-mode table in Markdown, one row per issue: each clause its number in bold, its
    words redlined (deleted ~~struck~~, inserted **bold**), what happened to it in italics."""
    names = cells.source_names(table)
    titles = [f"{c.title} ({c.caption})" for c in table.columns]
    lines = [
        f"# {table.title}",
        "",
        "Deleted words since the column named in each heading are ~~struck through~~, inserted "
        f"words are **bold**. {cells.MOVED_NOTE}",
        "",
        "| " + " | ".join(_md_escape(t) for t in ["Issue", *titles]) + " |",
        "|" + "---|" * (len(titles) + 1),
    ]
    for row in table.rows.itertuples():
        shown = [
            _md_clauses(table.cells[(row.issue, c.key)], names, redlines) for c in table.columns
        ]
        lines.append("| " + " | ".join([_md_escape(row.issue_name), *shown]) + " |")
    if table.silent:
        lines += ["", cells.silent_line(table)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _md_clauses(found: tuple, names: dict, redlines: bool) -> str:
    if not found:
        return f"_{cells.NO_CLAUSE}_"
    parts = []
    for clause in found:
        runs = cells.clause_runs(clause, redlines)
        words = redline.to_markdown(tuple(redline.Run(r.op, _md_escape(r.text)) for r in runs))
        note = cells.clause_note(clause, names)
        parts.append(f"**{_md_escape(clause.provision)}** {words}")
        parts += [f"_{_md_escape(note)}_"] if note else []
    return "<br>".join(parts)


def text_cells_frame(table: TextTable, redlines: bool = True) -> pd.DataFrame:
    """One row per clause shown, by issue and column: its number, kind, whether it moved, its
    number in the compared text, its words (GNU wdiff's marks) and sources."""
    titles = {c.key: c.title for c in table.columns}
    rows = [
        {
            "issue": row.issue,
            "issue_name": row.issue_name,
            "column": column.key,
            "column_title": titles[column.key],
            "provision": clause.provision,
            "kind": clause.kind,
            "moved": "yes" if clause.moved else "",
            "was": clause.was,
            "redline": redline.to_text(cells.clause_runs(clause, redlines)),
            "sources": "; ".join(clause.sources),
        }
        for row in table.rows.itertuples()
        for column in table.columns
        for clause in table.cells[(row.issue, column.key)]
    ]
    return pd.DataFrame(rows, columns=TEXT_CSV_COLUMNS)


def text_csv(table: TextTable, redlines: bool) -> bytes:
    return spreadsheet.to_csv(text_cells_frame(table, redlines))
