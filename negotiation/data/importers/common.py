"""What every importer shares: the shape of its input, the id of what it invents, and the
checks of sizes and shapes that keep a hostile upload small."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import pandas as pd

from negotiation.data import settings
from negotiation.data.problems import MAX_PROBLEMS, DatasetError, Problem
from negotiation.data.textfile import is_latin1

Files = Mapping[str, bytes]
"""Uploaded or read files by name (the name is what messages cite)."""
Levels = Mapping[str, Sequence[str]]
"""Ordered level ids of the ordinal issues of a table, by issue id."""

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
IMPORTED = "imported"
"""The id of the one version and source an import creates when the file has none."""


def as_utf8(files: Files) -> dict[str, bytes]:
    """The files with Latin-1 text re-encoded as UTF-8; others (UTF-8, UTF-16, binary) as given,
    for the loader to read or refuse by name."""
    return {name: _latin1_to_utf8(data) for name, data in files.items()}


def _latin1_to_utf8(data: bytes) -> bytes:
    if data.startswith((b"PK\x03\x04", b"\xff\xfe", b"\xfe\xff")):
        return data
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1").encode("utf-8") if is_latin1(data) else data
    return data


def single(files: Files) -> tuple[str, bytes]:
    if len(files) != 1:
        raise DatasetError([Problem(", ".join(files) or "upload", "give exactly one file")])
    return next(iter(files.items()))


def too_big(name: str, size: int) -> Problem:
    return Problem(name, f"is {size / 2**20:.1f} MB; at most {settings.MAX_UPLOAD_MB} MB accepted")


def check_sizes(files: Files) -> None:
    problems = [too_big(n, len(d)) for n, d in files.items() if len(d) > settings.MAX_UPLOAD_BYTES]
    if problems:
        raise DatasetError(problems)


def check_shape(frame: pd.DataFrame, name: str) -> None:
    problems = []
    if len(frame) > settings.MAX_ROWS:
        problems.append(Problem(name, f"has {len(frame)} rows; at most {settings.MAX_ROWS}"))
    if len(frame.columns) > settings.MAX_COLUMNS:
        problems.append(
            Problem(name, f"has {len(frame.columns)} columns; at most {settings.MAX_COLUMNS}")
        )
    if frame.empty and not problems:
        problems.append(Problem(name, "has a header but no data rows"))
    text = frame.select_dtypes(exclude="number")
    too_long = text.apply(lambda cells: cells.astype(str).str.len() > settings.MAX_CELL_CHARS)
    long = too_long.to_numpy(dtype=bool).nonzero()
    problems += [
        Problem(name, f"the cell is over {settings.MAX_CELL_CHARS} characters long", r + 2, c)
        for r, c in zip(long[0][:MAX_PROBLEMS], text.columns[long[1][:MAX_PROBLEMS]], strict=True)
    ]
    if problems:
        raise DatasetError(problems)
