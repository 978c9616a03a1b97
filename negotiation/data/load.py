"""Read and validate a dataset folder: every problem reported at once, each naming file, row
and column, never a traceback. The parts live beside it: `metadata` (dataset.yaml), `textfile`
(bytes to a table of strings), `checks` (the positions against the metadata) and `problems`."""

from __future__ import annotations

import re
from pathlib import Path

from negotiation.data.checks import Distinct, check_positions, value_scaled, with_norm
from negotiation.data.metadata import notes, parse_metadata, to_metadata
from negotiation.data.model import Dataset, with_value_decimals
from negotiation.data.problems import (
    MAX_PROBLEMS,
    METADATA_FILE,
    POSITIONS_FILE,
    DatasetError,
    Problem,
)
from negotiation.data.provisions import PROVISIONS_FILE, read_provisions
from negotiation.data.textfile import decode, read_table, stripped

__all__ = [
    "MAX_PROBLEMS",
    "METADATA_FILE",
    "POSITIONS_FILE",
    "DatasetError",
    "Problem",
    "list_datasets",
    "load_dataset",
    "parse_dataset",
    "resolve_dataset",
    "validate_dataset",
]


def parse_dataset(
    metadata: bytes,
    positions: bytes,
    dataset_id: str,
    path: Path | None = None,
    files: tuple[str, str] = (METADATA_FILE, POSITIONS_FILE),
    import_report: tuple[str, ...] = (),
    provisions: bytes | None = None,
    provisions_file: str = PROVISIONS_FILE,
) -> Dataset:
    """A validated Dataset from the bytes of its two files (and of provisions.csv, when it has
    one), or DatasetError with every problem; `import_report`: what an importer assumed (see
    Dataset.import_report)."""
    meta_file, positions_file = files
    problems: list[Problem] = []
    meta = frame = norm = units = distinct = None
    try:
        parsed = parse_metadata(metadata, meta_file)
        text = decode(metadata, meta_file)
        meta = to_metadata(parsed) | {"notes": notes(parsed, text, meta_file)}
    except DatasetError as error:
        problems += error.problems
    try:
        frame = read_table(positions, positions_file)
    except DatasetError as error:
        problems += error.problems
    clauses = None
    if meta is not None and provisions is not None:
        try:
            clauses = read_provisions(provisions, provisions_file, meta)
        except DatasetError as error:
            problems += error.problems
    if meta is not None and frame is not None:
        # cells are read without surrounding spaces, once, for the checks and the data
        frame = stripped(frame)
        distinct = Distinct(frame)  # each column factorized once, for the checks and the data
        norm, units = value_scaled(frame, meta["issues"], distinct)
        problems += check_positions(frame, meta, positions_file, norm, distinct)
    if problems:
        raise DatasetError(problems)
    table = with_norm(frame, norm, units, distinct)
    meta["issues"] = with_value_decimals(meta["issues"], table)
    ds = Dataset(id=dataset_id, positions=table, path=path, import_report=import_report,
                 provisions=clauses, **meta)  # fmt: skip
    own = [dataset_id.encode(), b"\0", metadata, b"\0", positions]
    return ds.with_fingerprint(own + ([b"\0", provisions] if provisions is not None else []))


def load_dataset(path: str | Path, files: dict[str, bytes] | None = None) -> Dataset:
    """The dataset in a folder (dataset.yaml + positions.csv), validated; `files`: its data
    files' bytes by name, when read already (`store.read_files`), so that they are not read
    twice."""
    folder = Path(path)
    if files is None:
        files = {name: (folder / name).read_bytes() for name in _FILES if (folder / name).is_file()}
    missing = [
        Problem(str(folder / name), "is missing")
        for name in (METADATA_FILE, POSITIONS_FILE)
        if name not in files
    ]
    if missing:
        raise DatasetError(missing)
    return parse_dataset(
        files[METADATA_FILE],
        files[POSITIONS_FILE],
        folder.name,
        folder,
        (str(folder / METADATA_FILE), str(folder / POSITIONS_FILE)),
        provisions=files.get(PROVISIONS_FILE),
        provisions_file=str(folder / PROVISIONS_FILE),
    )


_FILES = (METADATA_FILE, POSITIONS_FILE, PROVISIONS_FILE)


def list_datasets(root: Path) -> list[str]:
    """The names of the dataset folders directly under `root`, sorted."""
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if (p / METADATA_FILE).is_file())


def resolve_dataset(root: Path, name: str) -> Path:
    """The folder of the dataset `name` under `root`; a name that would leave `root` (../,
    an absolute path, a link pointing outside) is refused with ValueError."""
    base = root.resolve()
    folder = (root / name).resolve()
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", name) or folder.parent != base:
        raise ValueError(
            f"'{name}' is not a dataset name: names are folders directly inside {root}; "
            f"available: {', '.join(list_datasets(root)) or 'none'}"
        )
    return folder


def validate_dataset(path: str | Path) -> list[Problem]:
    """Every problem in a dataset folder; an empty list when it is valid."""
    try:
        load_dataset(path)
    except DatasetError as error:
        return error.problems
    return []
