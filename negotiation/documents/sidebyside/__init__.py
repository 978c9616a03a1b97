"""The drafts side by side, as a four-column document: `table` builds it (one row per issue,
one column per chosen version, each cell's change from the version diff and its redline), `text`
builds its Text mode (each cell the clauses of the drafts' own words on the issue, redlined),
`cells` says how a cell reads, `export` writes it by format name through `as_html` (also what
the page draws), `as_xlsx`, `as_pdf`, `as_docx` and `as_text` (Markdown and CSV)."""

from negotiation.documents.sidebyside.export import FORMATS, render
from negotiation.documents.sidebyside.table import (
    FORECAST,
    PAGE_SIZE,
    STATES,
    Column,
    SideBySide,
    bases,
    build,
    default_versions,
    grouped,
    page_note,
    pages,
)
from negotiation.documents.sidebyside.text import (
    MODES,
    POSITIONS,
    TEXT,
    TextTable,
    build_text,
    default_mode,
)

__all__ = [
    "FORECAST",
    "FORMATS",
    "MODES",
    "PAGE_SIZE",
    "POSITIONS",
    "STATES",
    "TEXT",
    "Column",
    "SideBySide",
    "TextTable",
    "bases",
    "build",
    "build_text",
    "default_mode",
    "default_versions",
    "grouped",
    "page_note",
    "pages",
    "render",
]
