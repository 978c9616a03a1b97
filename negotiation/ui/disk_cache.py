"""The server's warm-up results kept on disk, so that a restarted server reads in a tenth of a
second what its first start parsed, checked and computed for seconds (600,000 positions: the
load, the standing positions and the Overview's figures took 2.4 s, reading them back 0.15 s).

An entry is named by what it was computed from: the dataset's data files, the arguments and
this package's code (with the versions of Python and of the libraries whose objects it holds),
so an edited dataset or an upgrade never reads another's results. An unreadable entry is
computed again. The folder keeps the entries used last, up to MAX_BYTES.

The folder: NEGOTIATION_CACHE_DIR, else $XDG_CACHE_HOME/negotiation (~/.cache/negotiation);
NEGOTIATION_CACHE_DIR set to an empty value turns the disk cache off."""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import pickle
import platform
import tempfile
import time
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import Any, TypeVar

import negotiation

LOG = logging.getLogger(__name__)
T = TypeVar("T")
VARIABLE = "NEGOTIATION_CACHE_DIR"
MAX_BYTES = 2 * 1024**3
SUFFIX = ".pickle"
PART = ".part"
LIBRARIES = ("pandas", "pyarrow", "numpy", "pydantic")


def default_folder() -> Path | None:
    """Where the entries live (see the module's note); None when the disk cache is off."""
    chosen = os.environ.get(VARIABLE)
    if chosen is not None:
        return Path(chosen).expanduser() if chosen.strip() else None
    home = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(home) / "negotiation"


@functools.cache
def code_version() -> str:
    """A hash of this package's source and of the versions of Python and the libraries whose
    objects an entry holds: a pickle is read only by the code that wrote it."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(platform.python_version().encode())
    for name in LIBRARIES:
        digest.update(f"{name}={version(name)}".encode())
    root = Path(negotiation.__file__).parent
    for path in sorted(root.rglob("*.py")):
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


class DiskCache:
    """Values computed once and kept in `folder`. `get` reads an entry or computes it; `save`
    writes the computed ones afterwards, so that no reader waits for the writing."""

    def __init__(self, folder: Path | None, max_bytes: int = MAX_BYTES) -> None:
        self.folder = folder
        self.max_bytes = max_bytes
        self._unsaved: dict[Path, Any] = {}

    @property
    def on(self) -> bool:
        return self.folder is not None

    def _path(self, key: str) -> Path:
        name = hashlib.blake2b(f"{code_version()}\0{key}".encode(), digest_size=20).hexdigest()
        return self.folder / f"{name}{SUFFIX}"

    def get(self, key: str, compute: Callable[[], T]) -> T:
        """The value kept under `key`, or compute() (kept at the next `save`)."""
        if not self.on:
            return compute()
        path = self._path(key)
        try:
            with path.open("rb") as file:
                value = pickle.load(file)
            os.utime(path)  # used last: kept longest
            return value
        except FileNotFoundError:
            pass
        except Exception as error:  # a truncated or foreign file: computed again, replaced
            LOG.warning("disk cache: %s unreadable (%s), computing it again", path, error)
        value = compute()
        self._unsaved[path] = value
        return value

    def keep(self, key: str, value: object) -> None:
        """Keep `value` under `key` at the next `save` unless it is on disk already: for a value
        another run computed first (the reader's run shares the memory caches with the
        warm-up, and whichever asks first computes)."""
        if not self.on:
            return
        path = self._path(key)
        if path not in self._unsaved and not path.exists():
            self._unsaved[path] = value

    def save(self) -> None:
        """Write the values computed since the last save, then trim the folder to max_bytes.
        A folder that cannot be written leaves a warning in the log and nothing else."""
        unsaved, self._unsaved = self._unsaved, {}
        if self.folder is None or not unsaved:
            return
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)  # pickles: ours alone
            for path, value in unsaved.items():
                _write(path, value)
            self.trim()
        except OSError as error:
            LOG.warning("disk cache: cannot write to %s (%s)", self.folder, error)

    def trim(self) -> None:
        """Remove the entries used longest ago until the folder holds at most max_bytes, and
        what a stopped write left (a part file an hour old)."""
        stale = time.time() - 3600
        for part in self.folder.glob(f"*{PART}"):
            if part.stat().st_mtime < stale:
                part.unlink(missing_ok=True)
        entries = sorted(
            (entry.stat().st_mtime_ns, entry.stat().st_size, entry)
            for entry in self.folder.glob(f"*{SUFFIX}")
        )
        total = sum(size for _, size, _ in entries)
        for _, size, entry in entries:
            if total <= self.max_bytes:
                break
            entry.unlink(missing_ok=True)
            total -= size


def _write(path: Path, value: object) -> None:
    """Pickle `value` to `path` whole or not at all, for a server reading it meanwhile."""
    with tempfile.NamedTemporaryFile(dir=path.parent, suffix=PART, delete=False) as file:
        try:
            pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException:
            Path(file.name).unlink()
            raise
    os.replace(file.name, path)


NO_DISK = DiskCache(None)
"""The memory caches' default: nothing read from disk or kept there."""
