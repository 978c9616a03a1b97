"""The drafts side by side, as a four-column document: `table` builds it (one row per issue,
one column per chosen version, each cell's change from the version diff and its redline),
`cells` says how a cell reads, `export` writes it by format name through `as_html` (also what
the page draws), `as_xlsx`, `as_pdf` and `as_text` (Markdown and CSV)."""

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

__all__ = [
    "FORECAST",
    "FORMATS",
    "PAGE_SIZE",
    "STATES",
    "Column",
    "SideBySide",
    "bases",
    "build",
    "default_versions",
    "grouped",
    "page_note",
    "pages",
    "render",
]
