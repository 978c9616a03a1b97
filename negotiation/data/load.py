"""Read and validate a dataset folder: every problem reported at once, each naming file, row
and column, never a traceback. The parts live beside it: `metadata` (dataset.yaml), `textfile`
(bytes to a table of strings), `checks` (the positions against the metadata) and `problems`."""

from __future__ import annotations

import re
from pathlib import Path

from negotiation.data.checks import check_positions, value_norms, with_norm
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
from negotiation.data.textfile import decode, read_table

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
    meta = frame = norm = None
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
        frame = frame.apply(lambda column: column.str.strip())
        norm = value_norms(frame, meta["issues"])  # for the scale check and the data alike
        problems += check_positions(frame, meta, positions_file, norm)
    if problems:
        raise DatasetError(problems)
    table = with_norm(frame, norm, meta["issues"])
    meta["issues"] = with_value_decimals(meta["issues"], table)
    ds = Dataset(id=dataset_id, positions=table, path=path, import_report=import_report,
                 provisions=clauses, **meta)  # fmt: skip
    own = dataset_id.encode() + b"\0" + metadata + b"\0" + positions
    return ds.with_fingerprint(own + (b"\0" + provisions if provisions is not None else b""))


def load_dataset(path: str | Path) -> Dataset:
    """The dataset in a folder (dataset.yaml + positions.csv), validated."""
    folder = Path(path)
    missing = [
        Problem(str(folder / name), "is missing")
        for name in (METADATA_FILE, POSITIONS_FILE)
        if not (folder / name).is_file()
    ]
    if missing:
        raise DatasetError(missing)
    clauses = folder / PROVISIONS_FILE
    return parse_dataset(
        (folder / METADATA_FILE).read_bytes(),
        (folder / POSITIONS_FILE).read_bytes(),
        folder.name,
        folder,
        (str(folder / METADATA_FILE), str(folder / POSITIONS_FILE)),
        provisions=clauses.read_bytes() if clauses.is_file() else None,
        provisions_file=str(clauses),
    )


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
