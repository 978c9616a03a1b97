"""How a side-by-side cell reads in every format: its texts with the redline on the stance
or on the quoted words, the note on what the redline compares, its sources' names."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from negotiation.data.model import NO_DATE
from negotiation.documents import redline
from negotiation.documents.sidebyside.table import SideBySide

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
