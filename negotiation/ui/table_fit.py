"""How a table fits a page: the columns too long for a cell (read in full in a detail view),
each column's width at 1440 pixels, and the rows a page sends to the browser."""

from __future__ import annotations

import pandas as pd

LONG_TEXT = 40
"""Characters: a text column with cells longer than this is read in full in a detail view."""


def long_text_columns(frame: pd.DataFrame) -> list[str]:
    """The text columns with a cell too long to read in a table cell."""
    text = frame.select_dtypes(exclude="number")
    return [
        column
        for column in text
        if text[column].map(lambda cell: isinstance(cell, str) and len(cell) > LONG_TEXT).any()
    ]


TABLE_WIDTH = 940
"""Pixels a table has at 1440 pixels wide beside the sidebar: its columns are fitted to it."""
MIN_LONG = 120
"""Pixels: the narrowest a long text column is shown; past that it moves to the detail view."""


MANY_COLUMNS = 12
"""Columns past which a table's widths are set here: the browser's table sized each column by
measuring its cells itself, and 150 rows × 54 columns cost it a quarter of a second."""


def _fitted(frame: pd.DataFrame, column: str, most: int) -> int:
    """Pixels for a column as wide as its longest cell or its name, at most `most`."""
    cells = frame[column].astype(str).str.len()
    return int(min(most, 8 * max(cells.max() if len(cells) else 0, len(str(column))) + 24))


def preset_widths(frame: pd.DataFrame) -> dict[str, int]:
    """Each column's width, for a table of more than MANY_COLUMNS columns (none otherwise: a
    narrow table keeps the browser's own fit)."""
    if len(frame.columns) <= MANY_COLUMNS:
        return {}
    return {column: _fitted(frame, column, 240) for column in frame}


def table_layout(frame: pd.DataFrame) -> tuple[dict[str, int], list[str]]:
    """Pixel widths and the columns shown, so that a table with long text fits TABLE_WIDTH:
    columns in their order (the most telling first) while they fit, short ones as wide as their
    longest cell (at most 160), long ones at least MIN_LONG and sharing the room left; the
    columns after the first that does not fit, and columns with no text at all, are left to
    the detail view (the Compare page showed Stance before After when Stance came first in
    width, though After comes first in the table)."""
    long = long_text_columns(frame)
    if not long:
        return {}, list(frame.columns)
    widths: dict[str, int] = {}
    for column in frame:
        if _blank(frame[column]):
            continue
        need = MIN_LONG if column in long else _fitted(frame, column, 160)
        if widths and sum(widths.values()) + need > TABLE_WIDTH:
            break
        widths[column] = need
    shown_long = [c for c in widths if c in long]
    if shown_long:
        share = (TABLE_WIDTH - sum(widths.values())) // len(shown_long)
        widths |= {c: widths[c] + share for c in shown_long}
    return widths, [column for column in frame if column in widths]


def _blank(cells: pd.Series) -> bool:
    """Whether a column holds no text at all (every cell empty or missing), whatever its dtype
    (object or pyarrow strings)."""
    return bool(cells.fillna("").astype(str).str.strip().eq("").all())


MAX_SHOWN = 5000
"""The most rows a table on screen sends to the browser (every row stays in its downloads):
at 600,000 positions one source is cited by 120,000, serialised anew for every reader."""


def first_rows(frame: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """The rows a page shows of a table, and a note when that is not all of them."""
    if len(frame) <= MAX_SHOWN:
        return frame, ""
    note = f"Showing the first {MAX_SHOWN:,} of {len(frame):,} rows; the downloads hold every row."
    return frame.head(MAX_SHOWN), note
