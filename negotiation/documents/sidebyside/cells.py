"""How a side-by-side cell reads in every format: its texts with the redline on the stance
or on the quoted words, the note on what the redline compares, its sources' names; in Text
mode, each clause's words and what happened to it."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from negotiation.data.model import NO_DATE
from negotiation.documents import redline
from negotiation.documents.clauses import DELETED, Clause
from negotiation.documents.sidebyside.table import SideBySide
from negotiation.documents.sidebyside.text import TextTable

BASIS = {"quote": "changes in the text's quoted words", "stance": "changes in the stance"}
OPEN_LABEL = "Still open (undisclosed or disputed)"


def grid(table: SideBySide) -> dict[tuple[str, str], dict]:
    """Each cell by (issue, column key)."""
    return {(c["issue"], c["column"]): c for c in table.cells.to_dict("records")}


def shown(cell: dict, redlines: bool) -> tuple[tuple[redline.Run, ...], str]:
    """The cell's redline (or its new text alone when redlines are off) and the note saying
    what it compares ('' when there is nothing to say)."""
    runs = cell["redline"]
    if not redlines or not redline.changed(runs):
        return (redline.Run(redline.EQUAL, redline.after(runs)),) if runs else (), ""
    return runs, BASIS.get(cell["basis"], "")


def texts(cell: dict, redlines: bool, mark: Callable) -> tuple[str, str, str]:
    """The stance, the quote (each marked up by `mark` where the redline runs on it) and the
    note on the redline."""
    runs, note = shown(cell, redlines)
    on_quote = cell["basis"] == "quote"
    plain = (redline.Run(redline.EQUAL, cell["stance"]),) if cell["stance"] else ()
    quoted = (redline.Run(redline.EQUAL, cell["quote"]),) if cell["quote"] else ()
    stance = mark(plain if on_quote else runs)
    quote = mark(runs if on_quote else quoted)
    return stance, quote, note


def _when(iso: str) -> str:
    return f"{pd.Timestamp(iso):%d %b %Y}" if iso else NO_DATE


def source_names(table: SideBySide) -> dict[str, tuple[str, str]]:
    """Each cited source's short name (publisher, date) and link."""
    return {
        row.id: (f"{row.publisher}, {_when(row.date)}", row.url)
        for row in table.sources.itertuples()
    }


def status_line(cell: dict) -> str:
    return cell["state_label"] + (" · disputed: reports conflict" if cell["disputed"] else "")


NO_CLAUSE = "No clause on this issue"
MOVED_NOTE = (
    "“Moved”: the clause stands elsewhere in the order of the clauses both texts share; "
    "“was 5”: its number in the compared text."
)


def clause_runs(clause: Clause, redlines: bool) -> tuple[redline.Run, ...]:
    """A clause's words redlined, or as it now reads (a deleted clause as it read) when
    redlines are off."""
    if redlines:
        return clause.runs
    text = redline.before(clause.runs) if clause.kind == DELETED else redline.after(clause.runs)
    return (redline.Run(redline.EQUAL, text),)


def clause_note(clause: Clause, names: dict[str, tuple[str, str]]) -> str:
    """What happened to a clause and where it was read, in one line."""
    read = "; ".join(names[s][0] for s in clause.sources if s in names)
    return " · ".join(part for part in (clause.note, read) if part)


def silent_line(table: TextTable) -> str:
    """The chosen issues no text speaks to, in a sentence."""
    return f"No recorded text speaks to: {', '.join(table.silent)}."


def marks_runs() -> tuple[redline.Run, ...]:
    """The redline's marks explained, as runs a writer marks like any redline."""
    return (
        redline.Run(redline.DELETE, "Struck through:"),
        redline.Run(redline.EQUAL, "deleted since the column named in the heading;"),
        redline.Run(redline.INSERT, "underlined:"),
        redline.Run(redline.EQUAL, "inserted."),
    )
