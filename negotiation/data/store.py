"""Write datasets safely: serialise, swap the whole folder atomically, keep a bounded history,
refuse stale saves, and zip a folder in or out without trusting the archive."""

from __future__ import annotations

import ctypes
import fcntl
import hashlib
import io
import os
import shutil
import stat
import uuid
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

import pandas as pd
import yaml

from negotiation.data import settings
from negotiation.data.load import (
    METADATA_FILE,
    POSITIONS_FILE,
    DatasetError,
    Problem,
    parse_dataset,
)
from negotiation.data.model import POSITION_COLUMNS, Carry, Dataset, Issue
from negotiation.data.provisions import PROVISIONS_FILE, dump_provisions

HISTORY = ".history"
_RENAME_EXCHANGE = 2  # renameat2 flag: swap two paths in one atomic step (Linux)
_AT_FDCWD = -100


class StaleError(Exception):
    """The dataset changed on disk since it was loaded: saving would overwrite someone else."""


# --- serialising ----------------------------------------------------------------------------


def metadata_dict(ds: Dataset) -> dict:
    """The dataset.yaml content of a dataset, as plain data."""
    poles = {"poles": {"low": ds.poles.low, "high": ds.poles.high}} if ds.poles.named else {}
    carry = {} if ds.carry == Carry() else {"carry": _carry_dict(ds.carry)}
    return {
        "title": ds.title,
        "description": ds.description,
        "licence": ds.licence,
        **poles,
        **carry,
        "parties": [
            _drop_none(
                id=p.id, name=p.name, short=p.short, colour=p.colour, capability=p.capability
            )
            for p in ds.parties
        ],
        "issues": [_issue_dict(i) for i in ds.issues],
        "versions": [
            {
                "id": v.id,
                "name": v.name,
                "date": v.date.isoformat(),
                "kind": v.kind,
                "author": v.author,
                "summary": v.summary,
                **({"capabilities": dict(v.capabilities)} if v.capabilities else {}),
                **({"final": True} if v.final else {}),
                **({"revises": v.revises} if v.revises else {}),
                **({"revises_sources": list(v.revises_sources)} if v.revises_sources else {}),
            }
            for v in ds.versions
        ],
        "sources": [
            _drop_none(
                id=s.id,
                publisher=s.publisher,
                title=s.title,
                date=s.iso_date or None,
                url=s.url,
                unpublished=s.unpublished,
            )
            for s in ds.sources
        ],
    }


def _carry_dict(carry: Carry) -> bool | dict:
    return {"max_age_days": carry.max_age_days} if carry.enabled else False


def _issue_dict(issue: Issue) -> dict:
    scale = issue.scale
    if scale.is_numeric:
        shape = {
            "kind": "numeric",
            "unit": scale.unit,
            "min": scale.min,
            "max": scale.max,
            "tolerance": scale.tolerance,
        }
        if scale.named:
            shape["named"] = [{"id": n.id, "label": n.label, "at": n.at} for n in scale.named]
    else:
        levels = [_drop_none(id=level.id, label=level.label, short=level.short)
                  for level in scale.levels]  # fmt: skip
        shape = {"kind": "ordinal", "unit": scale.unit, "levels": levels}
    if scale.descending:
        shape["direction"] = "descending"
    references = [
        _drop_none(value=r.value, label=r.label, sources=list(r.sources) or None, version=r.version)
        for r in issue.references
    ]
    return {
        "id": issue.id,
        "name": issue.name,
        "group": issue.group,
        "description": issue.description,
        "scale": shape,
        **({"reference": references} if references else {}),
    }


def _drop_none(**fields: object) -> dict:
    return {key: value for key, value in fields.items() if value is not None}


def dump_metadata(meta: dict) -> bytes:
    """A metadata mapping as dataset.yaml bytes."""
    # libyaml's emitter where installed: the pure-Python one took 1 s for 350 issues
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(meta, Dumper=dumper, sort_keys=False, allow_unicode=True).encode("utf-8")


def dump_positions(frame: pd.DataFrame) -> bytes:
    """The positions.csv bytes of a positions table (every column of positions.csv, as text)."""
    table = frame.reindex(columns=list(POSITION_COLUMNS)).astype(object)
    table = table.apply(lambda cells: cells.where(cells.notna(), "").astype(str))
    return table.to_csv(index=False, lineterminator="\n").encode("utf-8")


IMPORT_REPORT = "IMPORT.md"
"""The import report a dataset folder keeps beside its two files after an import."""


def to_files(ds: Dataset) -> dict[str, bytes]:
    """The files of a dataset folder, by name: its two files, and the import report after an
    import that assumed something."""
    files = {
        METADATA_FILE: dump_metadata(metadata_dict(ds)),
        POSITIONS_FILE: dump_positions(ds.positions),
    }
    if ds.provisions is not None:
        files[PROVISIONS_FILE] = dump_provisions(ds.provisions)
    if ds.import_report:
        files[IMPORT_REPORT] = import_report(ds).encode()
    return files


def import_report(ds: Dataset) -> str:
    """The import report as Markdown: what the import assumed, one point each."""
    lines = "".join(f"- {line}\n" for line in ds.import_report)
    return (
        f"# Import report: {ds.title}\n\nWhere the imported file did not say, the import "
        f"assumed:\n\n{lines}\nEdit dataset.yaml (or the Data page) to set any of these.\n"
    )


DATA_FILES = (METADATA_FILE, POSITIONS_FILE, PROVISIONS_FILE)
"""A dataset folder's data files (provisions.csv optional), as a save writes them."""


def content_hash(files: dict[str, bytes]) -> str:
    """The SHA-256 of a dataset's data files, to tell whether it changed since it was read."""
    digest = hashlib.sha256()
    for name in DATA_FILES:
        data = files.get(name, b"")
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def read_files(folder: Path) -> dict[str, bytes]:
    """The bytes of a dataset folder's data files (missing files left out)."""
    return {name: (folder / name).read_bytes() for name in DATA_FILES if (folder / name).is_file()}


def parse_files(files: dict[str, bytes], folder: Path, path: Path | None = None) -> Dataset:
    """The validated dataset of a folder's data files."""
    return parse_dataset(
        files[METADATA_FILE], files[POSITIONS_FILE], folder.name, path,
        provisions=files.get(PROVISIONS_FILE),
    )  # fmt: skip


def read(folder: Path) -> tuple[Dataset, str]:
    """The validated dataset in a folder and the content hash of exactly the bytes it came from."""
    files = read_files(folder)
    missing = [n for n in (METADATA_FILE, POSITIONS_FILE) if n not in files]
    if missing:
        raise DatasetError([Problem(str(folder / name), "is missing") for name in missing])
    return parse_files(files, folder, folder), content_hash(files)


# --- saving ---------------------------------------------------------------------------------


def save(ds: Dataset, folder: Path, expected: str | None = None, overwrite: bool = True) -> str:
    """Validate and write a dataset to `folder` atomically; return the new content hash.

    `expected` is the hash read at load time: when the folder changed since, StaleError.
    The previous content goes to `.history/<name>/` beside the folder."""
    return save_files(to_files(ds), folder, expected, overwrite)


def save_files(
    files: dict[str, bytes], folder: Path, expected: str | None = None, overwrite: bool = True
) -> str:
    """`save` for the two files' bytes as they are (an undo restores them byte for byte)."""
    parse_files(files, folder)  # refuse bad data
    with _lock(folder):
        if folder.exists():
            if not overwrite:
                raise FileExistsError(f"{folder} already exists; choose another name or --force")
            if expected is not None and content_hash(read_files(folder)) != expected:
                raise StaleError(
                    f"'{folder.name}' was changed by someone else since you loaded it; "
                    "reload to see their change, then redo yours"
                )
        staged = _stage(folder, files)
        if folder.exists():
            _exchange(staged, folder)
            _archive(staged, folder)
        else:
            os.rename(staged, folder)
        _fsync_dir(folder.parent)
    return content_hash(files)


def _documents(folder: Path) -> list[Path]:
    """The plain files of a dataset folder (none when it does not exist yet)."""
    return [p for p in folder.iterdir() if p.is_file()] if folder.is_dir() else []


def _stage(folder: Path, files: dict[str, bytes]) -> Path:
    """A hidden sibling folder holding the new files, flushed to disk, and the files of the
    folder that the save does not write (an AUDIT.md, an import report), kept as they are."""
    kept = {p.name: p.read_bytes() for p in _documents(folder) if p.name not in files}
    files = files | kept
    for leftover in folder.parent.glob(f".{folder.name}.tmp-*"):
        shutil.rmtree(leftover, ignore_errors=True)  # from a save killed midway
    staged = folder.parent / f".{folder.name}.tmp-{uuid.uuid4().hex[:8]}"
    staged.mkdir(parents=True)
    for name, data in files.items():
        with open(staged / name, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
    _fsync_dir(staged)
    return staged


def _exchange(new: Path, old: Path) -> None:
    """Swap two folders in one step, so a reader sees the old pair of files or the new pair,
    never one of each (two os.replace calls would leave a window with a mix)."""
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        raise OSError("saving needs an atomic folder swap (renameat2, Linux)")
    if renameat2(_AT_FDCWD, os.fsencode(new), _AT_FDCWD, os.fsencode(old), _RENAME_EXCHANGE):
        errno = ctypes.get_errno()
        raise OSError(errno, f"could not swap {new.name} into {old}: {os.strerror(errno)}")


def _archive(previous: Path, folder: Path) -> None:
    """Move the previous content into the history and drop the oldest past HISTORY_KEEP."""
    history = folder.parent / HISTORY / folder.name
    history.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    os.rename(previous, history / stamp)
    for old in history_entries(folder)[settings.HISTORY_KEEP :]:
        shutil.rmtree(old, ignore_errors=True)


def history_entries(folder: Path) -> list[Path]:
    """The saved previous versions of a dataset folder, newest first."""
    history = folder.parent / HISTORY / folder.name
    return (
        sorted((p for p in history.iterdir() if p.is_dir()), reverse=True)
        if history.is_dir()
        else []
    )


def restore(folder: Path, entry: Path | None = None, expected: str | None = None) -> str:
    """Put a history entry (default: the newest, i.e. undo the last save) back in place and
    return the new hash; the replaced content enters the history, so a restore can be undone."""
    entries = history_entries(folder)
    if not entries:
        raise FileNotFoundError(f"'{folder.name}' has no earlier version to go back to")
    chosen = entry or entries[0]
    new_hash = save_files(read_files(chosen), folder, expected)
    shutil.rmtree(chosen, ignore_errors=True)
    return new_hash


@contextmanager
def _lock(folder: Path) -> Iterator[None]:
    """Serialise savers of one dataset, so the stale check and the swap are one step."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    with open(folder.parent / f".{folder.name}.lock", "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _fsync_dir(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


# --- zip ------------------------------------------------------------------------------------


def export_zip(folder: Path) -> bytes:
    """A zip of a dataset folder's data files inside a folder of its name."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in read_files(folder).items():
            archive.writestr(f"{folder.name}/{name}", data)
    return out.getvalue()


def unzip(data: bytes, file: str) -> dict[str, bytes]:
    """The files of a zip by their path inside it; entries leaving the archive (../, absolute
    names, links), too many entries, or a bomb are refused before anything is expanded."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = [e for e in archive.infolist() if not e.is_dir()]
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise DatasetError([Problem(file, f"is not a readable zip file ({error})")]) from None
    problems = [p for entry in entries for p in _entry_problems(entry, file)]
    if len(entries) > settings.MAX_ZIP_ENTRIES:
        problems.append(
            Problem(
                file, f"has {len(entries)} files; at most {settings.MAX_ZIP_ENTRIES} are accepted"
            )
        )
    total = sum(e.file_size for e in entries)
    if total > settings.MAX_UPLOAD_BYTES:
        problems.append(
            Problem(
                file,
                f"expands to {total / 2**20:.0f} MB; at most "
                f"{settings.MAX_UPLOAD_MB} MB are accepted",
            )
        )
    if problems:
        raise DatasetError(problems)
    try:
        return {entry.filename: _read_capped(archive, entry) for entry in entries}
    except (zipfile.BadZipFile, ValueError, OSError, NotImplementedError) as error:
        raise DatasetError([Problem(file, f"could not be unpacked ({error})")]) from None


def _entry_problems(entry: zipfile.ZipInfo, file: str) -> list[Problem]:
    name = entry.filename
    path = PurePosixPath(name.replace("\\", "/"))
    where = f"{file}: {name}"
    if path.is_absolute() or ".." in path.parts or ":" in name:
        return [Problem(where, "is a path leaving the archive (absolute or ../); refused")]
    if stat.S_ISLNK(entry.external_attr >> 16):
        return [Problem(where, "is a link; links are refused")]
    if entry.flag_bits & 0x1:
        return [Problem(where, "is encrypted; encrypted zips are refused")]
    if entry.file_size > settings.MAX_ZIP_RATIO * max(entry.compress_size, 1) + 1024:
        return [
            Problem(
                where,
                f"expands over {settings.MAX_ZIP_RATIO} times its size (a zip bomb?); refused",
            )
        ]
    return []


def _read_capped(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> bytes:
    """An entry's bytes, reading no more than its declared size (headers can lie)."""
    with archive.open(entry) as handle:
        data = handle.read(entry.file_size + 1)
    if len(data) > entry.file_size:
        raise ValueError(f"{entry.filename} is larger than its header says")
    return data
