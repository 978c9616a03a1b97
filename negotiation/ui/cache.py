"""The caches every session shares: the loaded datasets, computed analyses and drawn charts,
each keyed on the dataset's fingerprint, so a changed dataset never gets another's results."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pandas as pd
import streamlit as st

from negotiation.charts import views
from negotiation.data import store
from negotiation.data.load import load_dataset
from negotiation.data.model import Dataset
from negotiation.documents import export
from negotiation.ui.disk_cache import NO_DISK, DiskCache
from negotiation.ui.memory import release_freed_memory

T = TypeVar("T")
RUN_STARTED = threading.Event()
"""Set once a reader's run has started (`controls.sidebar`)."""
CHART_SENT = threading.Event()
"""Set once a reader's run has sent a chart (`render.chart`): a server's warm-up that a reader
is waiting for writes its results to disk then (`warm.SAVE_WAIT`)."""


def _stamp(folder: Path) -> str:
    """Changes whenever a file of the dataset changes, so an edit on disk shows on rerun: a
    save writes new files (new inodes), and an edit in place changes the time or size."""
    files = sorted(os.scandir(folder), key=lambda f: f.name)
    return repr([(f.name, f.inode(), f.stat().st_mtime_ns, f.stat().st_size) for f in files])


@st.cache_resource(show_spinner="Loading the dataset…", max_entries=16)
def _load(folder: str, stamp: str, _disk: DiskCache) -> tuple[Dataset, str | None]:
    # the bytes read once: hashed for the disk cache's key, then parsed
    files = store.read_files(Path(folder)) if _disk.on else None
    key = _load_key(folder, files) if files is not None else None
    ds = _disk.get(key or "", lambda: load_dataset(folder, files))
    release_freed_memory()
    return ds, key


def _load_key(folder: str, files: dict[str, bytes]) -> str:
    return repr(("load", folder, store.content_hash(files)))


def load(folder: Path, disk: DiskCache = NO_DISK) -> Dataset:
    """The dataset in a folder, cached until one of its files changes; read from (or kept in)
    `disk` when the memory cache does not have it."""
    ds, key = _load(str(folder), _stamp(folder), disk)
    if disk.on:  # kept on disk also when a reader's run loaded it first, without the disk
        disk.keep(key or _load_key(str(folder), store.read_files(folder)), ds)
    return ds


def cache_key(ds: Dataset, *args: object) -> str:
    """Identifies a dataset's content and arguments in the caches below. The arguments go in
    as their repr, which Streamlit hashes at once, where its hasher walked a selection of 300
    issues item by item in tens of milliseconds."""
    return repr((ds.fingerprint, args))


@st.cache_resource(max_entries=256, show_spinner=False)
def _drawn(
    name: str,
    key: str,
    _sel: views.Selection,
    _ds: Dataset,
    _rows: pd.DataFrame | None,
    _disk: DiskCache,
) -> tuple[pd.DataFrame, str, dict, export.Context] | None:
    drawn = _disk.get(repr(("drawn", name, key)), lambda: _draw(name, _sel, _ds, _rows))
    release_freed_memory()
    return drawn


def _draw(
    name: str, sel: views.Selection, ds: Dataset, rows: pd.DataFrame | None
) -> tuple[pd.DataFrame, str, dict, export.Context] | None:
    """A view's data, the note on any cut, its Vega-Lite spec with the datasets as DataFrames
    (so a rerun only sends it, without Altair's validation), and its export context for the
    downloads."""
    frame, note = views.data(name, ds, sel) if rows is None else views.capped(rows)
    if frame.empty:
        return None
    # unvalidated: every chart builder's spec is validated by the tests, and validation took
    # 0.4 s of the matrix's first view (0.6 s in all) on the bundled dataset
    spec = views.VIEWS[name].draw(frame, ds, sel).to_dict(validate=False)
    datasets = {k: pd.DataFrame(v) for k, v in spec.get("datasets", {}).items()}
    return frame, note, spec | {"datasets": datasets}, export.context(ds, sel, name)


def drawn(
    name: str,
    ds: Dataset,
    sel: views.Selection,
    rows: pd.DataFrame | None = None,
    disk: DiskCache = NO_DISK,
) -> tuple[pd.DataFrame, str, dict, export.Context] | None:
    """The named view for a selection, drawn once and shared: None when it has no data.
    `rows`: the view's data (`views.VIEWS[name].data`) when the page has computed it already,
    so that it is not computed twice; `disk`: as for `cached`."""
    key = cache_key(ds, sel)
    found = _drawn(name, key, sel, ds, rows, disk)
    disk.keep(repr(("drawn", name, key)), found)  # also when a reader's run drew it first
    return found


def as_json(spec: dict) -> dict:
    """A drawn spec with its datasets as JSON rows again, as Altair wrote them, for export (the
    cache keeps only the DataFrames: rows as Python dicts took several times their memory)."""
    rows = {
        key: frame.astype(object).where(frame.notna(), None).to_dict(orient="records")
        for key, frame in spec["datasets"].items()
    }
    return spec | {"datasets": rows}


def cached(function: Callable[..., T], ds: Dataset, *args: object, disk: DiskCache = NO_DISK) -> T:
    """function(ds, *args), computed once per dataset and arguments and shared by every run and
    session (so callers must not change the result in place); read from (or kept in) `disk`
    when the memory cache does not have it."""
    name = f"{function.__module__}.{function.__qualname__}"
    key = cache_key(ds, *args)
    found = _cached(name, key, function, ds, args, disk)
    disk.keep(repr((name, key)), found)  # also when a reader's run computed it first
    return found


@st.cache_resource(max_entries=512, show_spinner=False)
def _cached(name: str, key: str, _function: Callable, _ds: Dataset, _args: tuple, _disk: DiskCache):
    result = _disk.get(repr((name, key)), lambda: _function(_ds, *_args))
    release_freed_memory()
    return result
