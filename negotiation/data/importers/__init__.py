"""Bring other negotiations in: each format's importer returns a validated Dataset or raises
DatasetError listing every problem; FORMATS drives the CLI's --format and the Data page.

One module per format (`folder`: the project's own, plain or zipped; `tidy`: one CSV or XLSX
table; `decide`: the decide exchange-model file), `common` for what they share, and `registry`
for the formats by name, detection, preview and the problems as rows."""

from negotiation.data.importers.common import IMPORTED, Files, Levels, as_utf8
from negotiation.data.importers.decide import from_decide, slug
from negotiation.data.importers.folder import from_folder, from_zip
from negotiation.data.importers.registry import (
    FORMATS,
    Format,
    Preview,
    detect,
    import_files,
    parse_levels,
    preview,
    problems_frame,
    read_paths,
    tables_beside,
)
from negotiation.data.importers.tidy import from_tidy

__all__ = [
    "FORMATS",
    "IMPORTED",
    "Files",
    "Format",
    "Levels",
    "Preview",
    "as_utf8",
    "detect",
    "from_decide",
    "from_folder",
    "from_tidy",
    "from_zip",
    "import_files",
    "parse_levels",
    "preview",
    "problems_frame",
    "read_paths",
    "slug",
    "tables_beside",
]
