"""The Streamlit helpers every page shares: the cached load, the sidebar, and chart rendering.
This is the only module of the library that imports Streamlit."""

from __future__ import annotations

import argparse
import ctypes
import functools
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from negotiation import analysis, briefing, export, forecast, importers, spreadsheet, store, views
from negotiation.load import DatasetError, Problem, list_datasets, load_dataset, resolve_dataset
from negotiation.model import CONFIDENCES, STATUSES, Dataset

T = TypeVar("T")
MALLOC_ARENAS = 2


try:
    _LIBC: ctypes.CDLL | None = ctypes.CDLL("libc.so.6")
except OSError:  # not glibc: its allocator is left as it is
    _LIBC = None


def _share_malloc_arenas() -> None:
    """Let the threads that run readers' sessions share MALLOC_ARENAS glibc heaps, as
    MALLOC_ARENA_MAX would: by default each thread can get its own (up to 8 per core), and
    memory one session's computation freed stayed in its heap while the next computation, in
    another thread, took fresh memory. Ten readers at 600,000 positions peaked at 1,028 MB
    with per-thread heaps."""
    if _LIBC is not None:
        _LIBC.mallopt(-8, MALLOC_ARENAS)  # -8: M_ARENA_MAX in glibc's malloc.h


def _release_freed_memory() -> None:
    """Hand the pages a computation freed back to the system (glibc keeps them otherwise), so
    that the next first view starts from the memory in use rather than the last one's peak."""
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


_share_malloc_arenas()
DATA_DIR_VARIABLE = "NEGOTIATION_DATA_DIR"
DEFAULT_DATASET = "ukraine-2025"


class Keys:
    """Every session-state key, in one place. The sidebar's keys are also the URL's
    query-parameter names."""

    dataset = "dataset"
    version = "version"
    parties = "parties"
    issues = "issues"
    old = "from"
    new = "to"
    issue = "issue"
    current = "_current"
    url_defaults = "_url_defaults"
    # the Data page
    uploads = "data_uploads"
    import_format = "data_format"
    levels = "data_levels"
    import_name = "data_name"
    edit_issue = "data_issue"
    editor = "data_editor"
    working = "_data_working"
    # the Forecast page's slider prefixes (+ version, issue and party ids)
    capability = "capability"
    salience = "salience"
    # download buttons (+ chart or table name and format)
    download = "download"
    # the Export page
    export_charts = "export_charts"
    export_versions = "export_versions"
    export_formats = "export_formats"
    export_build = "export_build"
    export_zip = "export_zip"


def data_dir() -> Path:
    """The folder of datasets: `--data-dir PATH` after `streamlit run dashboard.py --`, else
    $NEGOTIATION_DATA_DIR, else the repository's data/."""
    return _data_dir(tuple(sys.argv[1:]), os.environ.get(DATA_DIR_VARIABLE))


@functools.cache
def _data_dir(argv: tuple[str, ...], variable: str | None) -> Path:
    # parsed once per command line and variable: building a parser on every rerun cost 1 ms
    parser = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    parser.add_argument("--data-dir")
    configured = parser.parse_known_args(argv)[0].data_dir or variable
    return Path(configured) if configured else Path(__file__).resolve().parent.parent / "data"


def _stamp(folder: Path) -> str:
    """Changes whenever a file of the dataset changes, so an edit on disk shows on rerun."""
    files = sorted(os.scandir(folder), key=lambda f: f.name)
    return repr([(f.name, f.stat().st_mtime_ns, f.stat().st_size) for f in files])


@st.cache_resource(show_spinner="Loading the dataset…", max_entries=16)
def _load(folder: str, stamp: str) -> Dataset:
    ds = load_dataset(folder)
    _release_freed_memory()
    return ds


def load(folder: Path) -> Dataset:
    """The dataset in a folder, cached until one of its files changes."""
    return _load(str(folder), _stamp(folder))


def url_state(key: str, options: list[str], default: str | list[str]) -> None:
    """Seed a widget's value from the URL on the first run, and keep it valid when the options
    change (another dataset); unknown values from the URL are ignored."""
    multi = isinstance(default, list)
    st.session_state.setdefault(Keys.url_defaults, {})[key] = default
    if key not in st.session_state:
        found = st.query_params.get_all(key)
        if found and (multi or found[0] in options):
            st.session_state[key] = [v for v in found if v in options] if multi else found[0]
    value = st.session_state.get(key)
    if multi and isinstance(value, list):
        kept = [v for v in value if v in options]
        # Another dataset with none of the chosen ids: start again from all, not from none.
        st.session_state[key] = kept if kept or not value else default
    elif value not in options:
        st.session_state[key] = default


def publish_url(*keys: str) -> None:
    """Write the widgets' current values into the URL, so a copied link reopens this view;
    values at their default are left out to keep links short."""
    defaults = st.session_state.get(Keys.url_defaults, {})
    for key in keys:
        value = st.session_state.get(key)
        wanted = value if isinstance(value, list) else [value]
        if value is None or value == defaults.get(key):
            if key in st.query_params:
                del st.query_params[key]
        elif wanted != st.query_params.get_all(key):
            st.query_params[key] = value


def url_selectbox(label: str, options: list[str], key: str, default: str, **kwargs) -> str:
    """A selectbox whose value lives in the URL under `key`."""
    url_state(key, options, default)
    value = st.selectbox(label, options, key=key, **kwargs)
    publish_url(key)
    return value


def _dataset_picker(root: Path) -> Dataset:
    names = list_datasets(root)
    if not names:
        st.error(
            f"No dataset found in {root}. Put a dataset folder there or set {DATA_DIR_VARIABLE}."
        )
        st.stop()
    url_state(Keys.dataset, names, DEFAULT_DATASET if DEFAULT_DATASET in names else names[0])
    name = st.sidebar.selectbox("Dataset", names, key=Keys.dataset)
    try:
        return load(resolve_dataset(root, name))
    except (DatasetError, ValueError) as error:
        problems = getattr(error, "problems", [error])
        st.error(f"The dataset '{name}' has {len(problems)} problem(s) and cannot be shown:")
        st.code("\n".join(str(p) for p in problems), language=None)
        st.stop()


def sidebar() -> tuple[Dataset, views.Selection]:
    """Write the shared sidebar once and return the dataset and the selection; the choices
    live in the URL so a copied link reopens the same view."""
    ds = _dataset_picker(data_dir())
    default = views.Selection.default(ds)
    versions = ds.version_ids
    names = {v.id: f"{v.name} ({v.date:%d %b %Y})" for v in ds.versions}
    party_names = {p.id: p.name for p in ds.parties}
    issue_names = {i.id: f"{i.name} · {i.group}" for i in ds.issues}
    url_state(Keys.version, versions, default.version)
    url_state(Keys.parties, ds.party_ids, list(default.parties))
    url_state(Keys.issues, ds.issue_ids, list(default.issues))
    url_state(Keys.old, versions, default.old)
    url_state(Keys.new, versions, default.new)
    bar = st.sidebar
    version = bar.selectbox("Version", versions, format_func=names.get, key=Keys.version)
    parties = bar.multiselect(
        "Parties", ds.party_ids, format_func=party_names.get, key=Keys.parties
    )
    issues = bar.multiselect(
        "Issues", ds.issue_ids, format_func=issue_names.get, key=Keys.issues,
        placeholder="All issues",
    )  # fmt: skip
    bar.markdown("**Compare versions**")
    old = bar.selectbox("From", versions, format_func=names.get, key=Keys.old)
    new = bar.selectbox("To", versions, format_func=names.get, key=Keys.new)
    publish_url(Keys.dataset, Keys.version, Keys.parties, Keys.issues, Keys.old, Keys.new)
    chosen = [i for i in ds.issue_ids if i in (issues or ds.issue_ids)]
    selection = views.Selection(
        version=version,
        parties=tuple(p for p in ds.party_ids if p in parties),
        issues=tuple(chosen),
        old=old,
        new=new,
        issue=chosen[0],
    )
    st.session_state[Keys.current] = (ds, selection)
    return ds, selection


def current() -> tuple[Dataset, views.Selection]:
    """The dataset and selection the sidebar set for this run."""
    return st.session_state[Keys.current]


def cache_key(ds: Dataset, *args: object) -> str:
    """Identifies a loaded dataset and arguments in the caches below. `load` keeps one object
    per file stamp, so a changed file gives a new key (hashing 600,000 positions every run would
    cost more); the arguments go in as their repr, which Streamlit hashes at once, where its
    hasher walked a selection of 300 issues item by item in tens of milliseconds."""
    return repr((str(ds.path), id(ds), len(ds.positions), args))


@st.cache_resource(max_entries=256, show_spinner=False)
def _drawn(
    name: str, key: str, _sel: views.Selection, _ds: Dataset
) -> tuple[pd.DataFrame, str, dict, export.Context] | None:
    """A view computed once per dataset and selection: its data, the note on any cut, its
    Vega-Lite spec with the datasets as DataFrames (so a rerun only sends it, without Altair's
    validation), and its export context for the downloads."""
    frame, note = views.data(name, _ds, _sel)
    if frame.empty:
        return None
    spec = views.VIEWS[name].draw(frame, _ds, _sel).to_dict()
    datasets = {k: pd.DataFrame(v) for k, v in spec.get("datasets", {}).items()}
    drawn = frame, note, spec | {"datasets": datasets}, export.context(_ds, _sel, name)
    _release_freed_memory()
    return drawn


def as_json(spec: dict) -> dict:
    """A drawn spec with its datasets as JSON rows again, as Altair wrote them, for export (the
    cache keeps only the DataFrames: rows as Python dicts took several times their memory)."""
    rows = {
        key: frame.astype(object).where(frame.notna(), None).to_dict(orient="records")
        for key, frame in spec["datasets"].items()
    }
    return spec | {"datasets": rows}


def cached(function: Callable[..., T], ds: Dataset, *args: object) -> T:
    """function(ds, *args), computed once per dataset and arguments and shared by every run and
    session (so callers must not change the result in place)."""
    name = f"{function.__module__}.{function.__qualname__}"
    return _cached(name, cache_key(ds, *args), function, ds, args)


@st.cache_resource(max_entries=512, show_spinner=False)
def _cached(name: str, key: str, _function: Callable, _ds: Dataset, _args: tuple):
    result = _function(_ds, *_args)
    _release_freed_memory()
    return result


def chart(name: str, ds: Dataset, sel: views.Selection) -> None:
    """Render a named view with its title and caption, or explain why it is empty."""
    view = views.VIEWS[name]
    st.subheader(view.title)
    drawn = _drawn(name, cache_key(ds, sel), sel, ds)
    if drawn is None:
        st.info(view.empty)
        return
    frame, note, spec, context = drawn
    if note:
        st.info(note)
    st.vega_lite_chart(dict(spec), width="content")  # a copy: Streamlit pops the datasets
    st.caption(view.caption)
    chart_downloads(name, spec, context, frame, ds)


def chart_downloads(
    name: str, spec: dict, context: export.Context, frame: pd.DataFrame, ds: Dataset
) -> None:
    """A compact row of buttons: the chart in every export format, titled with its context
    (dated the day of the click), then its data as CSV and XLSX. Each file is built only when
    its button is clicked, from the spec already drawn."""
    row = st.container(horizontal=True, gap="small")  # one element, where columns were ten
    for fmt, out in export.FORMATS.items():
        row.download_button(
            out.label,
            data=lambda fmt=fmt: export.chart_bytes(
                export.titled(as_json(spec), name, context.lines()), fmt
            ),
            file_name=f"{name}.{out.ext}",
            mime=out.mime,
            key=f"{Keys.download}_{name}_{fmt}",
            on_click="ignore",
            icon=":material/download:",
        )
    table_downloads(name, frame, ds, row)


def table_downloads(
    name: str,
    frame: pd.DataFrame,
    ds: Dataset,
    row: DeltaGenerator | None = None,
    key: str | None = None,
) -> None:
    """CSV and XLSX buttons for a table (built on click); the XLSX has the dataset's sources on
    a second sheet."""
    if row is None:
        row = st.container(horizontal=True, gap="small")
    files = {
        "csv": ("text/csv", lambda: spreadsheet.to_csv(frame)),
        "xlsx": (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            lambda: spreadsheet.to_xlsx({name: frame, "sources": spreadsheet.sources_sheet(ds)}),
        ),
    }
    for ext, (mime, build) in files.items():
        row.download_button(
            ext.upper(),
            data=build,
            file_name=f"{name}.{ext}",
            mime=mime,
            key=f"{Keys.download}_{key or name}_{ext}",
            on_click="ignore",
            icon=":material/table:",
        )


def report_downloads(ds: Dataset, sel: views.Selection) -> None:
    """Buttons for the briefing comparing the selection's two versions, built on click."""
    row = st.container(horizontal=True)
    for fmt, mime in briefing.FORMATS.items():
        row.download_button(
            f"Briefing {fmt.upper()}",
            data=lambda fmt=fmt: briefing.render(briefing.build(ds, sel), fmt),
            file_name=f"{ds.id}-{sel.old}-to-{sel.new}.{fmt}",
            mime=mime,
            key=f"{Keys.download}_report_{fmt}",
            on_click="ignore",
            icon=":material/description:",
        )


def table(frame: pd.DataFrame, columns: dict[str, str], name: str = "table", **kwargs) -> None:
    """A table with only `columns`, renamed to plain words, its first rows shown (the rest
    said), with CSV and XLSX downloads of every row."""
    shown = frame[list(columns)].rename(columns=columns)
    st.dataframe(_first_rows(shown), hide_index=True, width="stretch", **kwargs)
    # two tables of one page differ by their columns, so the columns make the keys unique
    table_downloads(name, shown, current()[0], key=f"{name}_{'-'.join(columns)}")


def _first_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of a table to show, with a caption when they are not all of them."""
    first, note = views.first_rows(frame)
    if note:
        st.caption(note)
    return first


def needs_parties(sel: views.Selection) -> bool:
    """Say so and return False when no party is chosen."""
    if sel.parties:
        return True
    st.info("No party is chosen: pick at least one in the sidebar.")
    return False


POSITION_COLUMNS = {
    "version_name": "Version",
    "party_name": "Party",
    "issue_name": "Issue",
    "value_label": "Position",
    "stance": "Stance",
    "status": "Status",
    "confidence": "Confidence",
}

CHANGE_COLOURS = {
    "changed": "#f5b041",
    "newly disclosed": "#58d68d",
    "added": "#58d68d",
    "newly undisclosed": "#bfc9ca",
    "dropped": "#ec7063",
    "unchanged": "#e5e8e8",
}
"""The tag colour of each kind of change in the diff table."""


def diff_table(diff: pd.DataFrame, only_changes: bool) -> None:
    """The version diff, each row's kind of change shown as a coloured tag (a column setting,
    not a Styler: styling cell by cell took seconds at 15,000 rows)."""
    shown = diff[diff["change"] != "unchanged"] if only_changes else diff
    if shown.empty:
        st.info("Nothing changed between these versions for the chosen parties and issues.")
        return
    frame = shown[list(analysis.DIFF_LABELS)].rename(columns=analysis.DIFF_LABELS)
    first = _first_rows(frame)
    tagged = first.assign(Change=first["Change"].to_numpy(object).reshape(-1, 1).tolist())
    tag = st.column_config.MultiselectColumn(
        "Change", options=list(CHANGE_COLOURS), color=list(CHANGE_COLOURS.values())
    )
    st.dataframe(tagged, hide_index=True, width="stretch", column_config={"Change": tag})
    table_downloads("diff", frame, current()[0])


# --- the Data page ----------------------------------------------------------------------------


def problems(found: Sequence[Problem]) -> None:
    """Every problem at once, as a table naming file, row and column (nothing when none)."""
    if found:
        st.error(f"{len(found)} problem(s) found; nothing was written.")
        st.dataframe(importers.problems_frame(found), hide_index=True, width="stretch")


def working_copy(folder: Path) -> tuple[Dataset, str]:
    """The dataset being edited and the hash of the bytes it came from, kept for the session
    so that a save can tell whether someone else saved in between."""
    copies = st.session_state.setdefault(Keys.working, {})
    if str(folder) not in copies:
        copies[str(folder)] = store.read(folder)
    return copies[str(folder)]


def forget_working_copy(folder: Path) -> None:
    """Read the dataset from disk again on the next run."""
    st.session_state.setdefault(Keys.working, {}).pop(str(folder), None)


def save(action: Callable[[], str], folder: Path | None = None) -> None:
    """Run a save and say how it went; a refused save shows why and leaves the edits on screen."""
    try:
        action()
    except DatasetError as error:
        problems(error.problems)
        return
    except (store.StaleError, OSError) as error:  # stale, exists, no history, disk
        st.error(f"Not saved: {error}")
        return
    if folder is not None:
        forget_working_copy(folder)
    st.success("Saved. The previous content is kept in the history; Undo brings it back.")


def position_columns(ds: Dataset, issue: str, parties: list[str]) -> dict:
    """The editor's columns, each value constrained to the issue's scale or levels."""
    scale = ds.issue(issue).scale
    value = (
        st.column_config.NumberColumn(
            f"value ({scale.unit})" if scale.unit else "value",
            min_value=scale.min, max_value=scale.max,
        )
        if scale.is_numeric
        else st.column_config.SelectboxColumn("value", options=list(scale.level_ids()))
    )  # fmt: skip
    choice = st.column_config.SelectboxColumn
    return {
        "party": choice("party", options=parties, required=True),
        "value": value,
        "status": choice("status", options=list(STATUSES), required=True),
        "confidence": choice("confidence", options=list(CONFIDENCES), required=True),
        "salience": st.column_config.NumberColumn("salience", min_value=0.0, max_value=1.0),
    }


def weight_sliders(
    ds: Dataset, sel: views.Selection, issue: str
) -> tuple[dict[str, float], dict[tuple[str, str], float]]:
    """Sliders for each chosen party's capability and its salience on `issue`, starting from
    the data (or 1 where it gives none); the values moved away from the data, by party and by
    (party, issue), so that untouched weights keep saying where they came from."""
    start = cached(forecast.capabilities, ds, sel.version)
    weights = cached(forecast.inputs, ds, sel.version, sel.parties, (issue,))
    given = weights.set_index("party")["salience"]
    left, right = st.columns(2)
    left.markdown("**Capability** — weight in the outcome")
    right.markdown(f"**Salience** — how much *{ds.issue(issue).name}* matters")
    capability, salience = {}, {}
    for party in sel.parties:
        name = ds.party(party).name
        value = left.slider(
            name, 0.0, 1.0, float(start[party][0]), 0.05,
            key=f"{Keys.capability}_{sel.version}_{party}",
        )  # fmt: skip
        if value != start[party][0]:
            capability[party] = value
        if party in given.index:
            value = right.slider(
                name, 0.0, 1.0, float(given[party]), 0.05,
                key=f"{Keys.salience}_{sel.version}_{issue}_{party}",
            )  # fmt: skip
            if value != given[party]:
                salience[(party, issue)] = value
        else:
            right.caption(f"{name}: position not known, so no weight here")
    return capability, salience
