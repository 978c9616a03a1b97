"""The project's own format, as files or zipped: dataset.yaml + positions.csv."""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePosixPath

from negotiation.data import store
from negotiation.data.importers.common import Files, Levels, as_utf8, check_shape, single
from negotiation.data.load import parse_dataset
from negotiation.data.model import Dataset
from negotiation.data.problems import METADATA_FILE, POSITIONS_FILE, DatasetError, Problem
from negotiation.data.provisions import PROVISIONS_FILE


def from_folder(files: Files, dataset_id: str, levels: Levels | None = None) -> Dataset:
    """The project's own format: dataset.yaml + positions.csv (found by file name)."""
    by_name = {PurePosixPath(name).name: name for name in files}
    missing = [n for n in (METADATA_FILE, POSITIONS_FILE) if n not in by_name]
    if missing:
        found = ", ".join(files) or "no files"
        raise DatasetError([Problem(n, f"is missing (found: {found})") for n in missing])
    meta, positions = by_name[METADATA_FILE], by_name[POSITIONS_FILE]
    clauses = by_name.get(PROVISIONS_FILE)
    ds = parse_dataset(
        files[meta], files[positions], dataset_id, files=(meta, positions),
        provisions=files[clauses] if clauses else None, provisions_file=clauses or "",
    )  # fmt: skip
    check_shape(ds.positions, positions)
    return ds


def from_zip(files: Files, dataset_id: str, levels: Levels | None = None) -> Dataset:
    """A zipped dataset folder: its two files at the top or inside one folder."""
    name, data = single(files)
    return from_folder(as_utf8(store.unzip(data, name)), dataset_id)


def is_plain_zip(data: bytes) -> bool:
    """True for a zip that is not an XLSX workbook."""
    try:
        return "[Content_Types].xml" not in zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return False
