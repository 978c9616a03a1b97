"""The import formats by name, what detects them, and what the Data page and the CLI call:
import some files, preview an upload without writing it, list its problems as rows."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pandas as pd

from negotiation.data import settings
from negotiation.data.importers.common import Files, Levels, as_utf8, check_sizes, single, too_big
from negotiation.data.importers.decide import from_decide
from negotiation.data.importers.folder import from_folder, from_zip, is_plain_zip
from negotiation.data.importers.tidy import companions, from_tidy
from negotiation.data.load import resolve_dataset
from negotiation.data.model import Dataset
from negotiation.data.problems import METADATA_FILE, POSITIONS_FILE, DatasetError, Problem
from negotiation.data.provisions import PROVISIONS_FILE


@dataclass(frozen=True)
class Format:
    """One import format: its label for people and its importer."""

    label: str
    read: Callable[[Files, str, Levels], Dataset]


FORMATS: dict[str, Format] = {
    "folder": Format("dataset.yaml + positions.csv", from_folder),
    "zip": Format("a zipped dataset folder", from_zip),
    "table": Format("one tidy CSV or XLSX table", from_tidy),
    "decide": Format("decide exchange-model file (#A, #P, #M, #D rows)", from_decide),
}


def detect(files: Files) -> str:
    """The format of some files: folder, zip, table or decide."""
    names = [PurePosixPath(n).name for n in files]
    if METADATA_FILE in names:
        return "folder"
    if len(files) > 1 and len(companions(files)) == len(files) - 1:
        return "table"  # a tidy table and its sources table
    name, data = single(files)
    if name.lower().endswith(".zip"):
        return "zip"
    if name.lower().endswith(".xlsx") or data.startswith(b"PK\x03\x04"):
        return "zip" if is_plain_zip(data) else "table"
    head = data[:200].lstrip(b"\xef\xbb\xbf\xff\xfe").replace(b"\x00", b"")
    return "decide" if re.match(rb"\s*'?#[APMD0/]'?[\t;,]", head) else "table"


def import_files(
    files: Files, dataset_id: str, fmt: str = "auto", levels: Levels | None = None
) -> Dataset:
    """The validated dataset in some files, in a named format or the one detected."""
    check_sizes(files)
    files = as_utf8(files)
    chosen = detect(files) if fmt == "auto" else fmt
    return FORMATS[chosen].read(files, dataset_id, levels or {})


@dataclass(frozen=True)
class Preview:
    """What an import would write: the dataset (None when unreadable) and every problem found;
    only a preview without problems may be saved."""

    ds: Dataset | None
    problems: tuple[Problem, ...] = ()


def preview(files: Files, root: Path, name: str, fmt: str = "auto", levels: str = "") -> Preview:
    """The dataset some uploads would become under `root/name`, or the problems; nothing is
    written. `levels` has one `ISSUE=level1,level2,...` per line."""
    problems = []
    try:
        if name:  # an empty name is asked for on the page, not reported as a problem
            resolve_dataset(root, name)
    except ValueError as error:
        problems.append(Problem("dataset name", str(error)))
    try:
        ds = import_files(
            files,
            name or "upload",
            fmt,
            parse_levels([line for line in levels.splitlines() if line.strip()]),
        )
    except DatasetError as error:
        return Preview(None, (*problems, *error.problems))
    except ValueError as error:
        return Preview(None, (*problems, Problem("levels", str(error))))
    return Preview(ds, tuple(problems))


def problems_frame(problems: Sequence[Problem]) -> pd.DataFrame:
    """Problems as a table: file, row, column and message in plain words."""
    return pd.DataFrame(
        [(p.file, p.row, p.column or "", p.message) for p in problems],
        columns=["file", "row", "column", "problem"],
    ).astype({"row": "Int64"})


BESIDE = ("-sources.csv", "-provisions.csv")
"""A table's sources and provisions sit beside it as NAME-sources.csv and NAME-provisions.csv
(as the `table` command writes them)."""


def tables_beside(paths: Sequence[Path]) -> list[Path]:
    """The sources and provisions tables beside a lone CSV table that were not named with it:
    `talks.csv` alone, with `talks-sources.csv` in its folder."""
    if len(paths) != 1 or paths[0].suffix.lower() != ".csv":
        return []
    table = paths[0]
    if table.name.endswith(BESIDE):
        return []
    return [p for p in (table.with_name(table.stem + s) for s in BESIDE) if p.is_file()]


def read_paths(paths: Sequence[Path]) -> dict[str, bytes]:
    """The files named on a command line by name; a folder stands for its data files."""
    files: dict[str, bytes] = {}
    for path in paths:
        chosen = [path]
        if path.is_dir():  # its data files, provisions.csv where it has one
            chosen = [path / METADATA_FILE, path / POSITIONS_FILE]
            if (path / PROVISIONS_FILE).is_file():
                chosen.append(path / PROVISIONS_FILE)
        for file in chosen:
            if not file.is_file():
                raise DatasetError([Problem(str(file), "does not exist or is not a file")])
            if file.stat().st_size > settings.MAX_UPLOAD_BYTES:
                raise DatasetError([too_big(str(file), file.stat().st_size)])
            files[str(file)] = file.read_bytes()
    return files


def parse_levels(specs: Sequence[str]) -> dict[str, list[str]]:
    """`ISSUE=level1,level2,...` specs as ordered levels by issue (ValueError when malformed)."""
    levels = {}
    for spec in specs:
        issue, sep, rest = spec.partition("=")
        ids = [level.strip() for level in rest.split(",") if level.strip()]
        if not sep or not issue.strip() or len(ids) < 2:
            raise ValueError(f"'{spec}' is not ISSUE=level1,level2,... (at least two levels)")
        levels[issue.strip()] = ids
    return levels
