"""The limits and switches of imports and edits, in one place (documented in the README)."""

from __future__ import annotations

import os

EDITABLE_VARIABLE = "NEGOTIATION_EDITABLE"
"""Set to 1 to let the Data page edit and save datasets; off by default (read-only)."""

MAX_UPLOAD_MB = 20
"""The largest file accepted; .streamlit/config.toml sets server.maxUploadSize to match."""
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024
MAX_ROWS = 100_000
MAX_COLUMNS = 60
MAX_CELL_CHARS = 5000
"""A longer cell is refused: a stance is one sentence, a note a paragraph."""
MAX_ZIP_ENTRIES = 100
MAX_ZIP_RATIO = 100
"""A zip entry expanding more than this many times its compressed size is refused as a bomb."""
HISTORY_KEEP = 20
"""How many previous versions of a dataset `.history/` keeps; older ones are deleted."""


def editable() -> bool:
    """True when editing is switched on by NEGOTIATION_EDITABLE=1."""
    return os.environ.get(EDITABLE_VARIABLE, "").strip().lower() in ("1", "true", "yes")
