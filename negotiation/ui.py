"""The Streamlit helpers every page shares: the cached load, the sidebar, and chart rendering.
This is the only module of the library that imports Streamlit."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import streamlit as st

from negotiation import views
from negotiation.load import DatasetError, list_datasets, load_dataset, resolve_dataset
from negotiation.model import Dataset

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


def data_dir() -> Path:
    """The folder of datasets: $NEGOTIATION_DATA_DIR, or the repository's data/."""
    configured = os.environ.get(DATA_DIR_VARIABLE)
    return Path(configured) if configured else Path(__file__).resolve().parent.parent / "data"


def _stamp(folder: Path) -> tuple:
    """Changes whenever a file of the dataset changes, so an edit on disk shows on rerun."""
    return tuple((f.name, f.stat().st_mtime_ns, f.stat().st_size) for f in sorted(folder.iterdir()))


@st.cache_resource(show_spinner="Loading the dataset…", max_entries=16)
def _load(folder: str, stamp: tuple) -> Dataset:
    return load_dataset(folder)


def load(folder: Path) -> Dataset:
    """The dataset in a folder, cached until one of its files changes."""
    return _load(str(folder), _stamp(folder))


def _dataset_picker(root: Path) -> Dataset:
    names = list_datasets(root)
    if not names:
        st.error(
            f"No dataset found in {root}. Put a dataset folder there or set {DATA_DIR_VARIABLE}."
        )
        st.stop()
    default = names.index(DEFAULT_DATASET) if DEFAULT_DATASET in names else 0
    name = st.sidebar.selectbox(
        "Dataset", names, index=default, key=Keys.dataset, bind="query-params"
    )
    try:
        return load(resolve_dataset(root, name))
    except DatasetError as error:
        st.error(f"The dataset '{name}' has {len(error.problems)} problem(s) and cannot be shown:")
        st.code("\n".join(str(p) for p in error.problems), language=None)
        st.stop()


def sidebar() -> tuple[Dataset, views.Selection]:
    """Write the shared sidebar once and return the dataset and the selection; the choices
    live in the URL so a copied link reopens the same view."""
    ds = _dataset_picker(data_dir())
    default = views.Selection.default(ds)
    versions = ds.version_ids
    names = {v.id: f"{v.name} ({v.date:%d %b %Y})" for v in ds.versions}
    bar = st.sidebar
    version = bar.selectbox(
        "Version",
        versions,
        index=versions.index(default.version),
        format_func=names.get,
        key=Keys.version,
        bind="query-params",
    )
    party_names = {p.id: p.name for p in ds.parties}
    parties = bar.multiselect(
        "Parties",
        ds.party_ids,
        default=ds.party_ids,
        format_func=party_names.get,
        key=Keys.parties,
        bind="query-params",
    )
    issue_names = {i.id: f"{i.name} · {i.group}" for i in ds.issues}
    issues = bar.multiselect(
        "Issues",
        ds.issue_ids,
        default=ds.issue_ids,
        format_func=issue_names.get,
        key=Keys.issues,
        bind="query-params",
        placeholder="All issues",
    )
    bar.markdown("**Compare versions**")
    old = bar.selectbox(
        "From",
        versions,
        index=versions.index(default.old),
        format_func=names.get,
        key=Keys.old,
        bind="query-params",
    )
    new = bar.selectbox(
        "To",
        versions,
        index=versions.index(default.new),
        format_func=names.get,
        key=Keys.new,
        bind="query-params",
    )
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


def chart(name: str, ds: Dataset, sel: views.Selection) -> None:
    """Render a named view with its title and caption, or explain why it is empty."""
    view = views.VIEWS[name]
    st.subheader(view.title)
    frame = view.data(ds, sel)
    if frame.empty:
        st.info(view.empty)
        return
    st.altair_chart(view.draw(frame, ds, sel), width="content")
    st.caption(view.caption)


def table(frame: pd.DataFrame, columns: dict[str, str], **kwargs) -> None:
    """A table with only `columns`, renamed to plain words."""
    st.dataframe(
        frame[list(columns)].rename(columns=columns),
        hide_index=True,
        width="stretch",
        **kwargs,
    )


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
    "changed": "#fde2b5",
    "newly disclosed": "#d4ecd4",
    "added": "#d4ecd4",
    "newly undisclosed": "#e6e6e6",
    "dropped": "#f6d0d0",
    "unchanged": "",
}

DIFF_COLUMNS = {
    "party_name": "Party",
    "issue_name": "Issue",
    "change": "Change",
    "value_label_old": "Before",
    "value_label_new": "After",
    "toward": "Moved toward",
    "away": "Moved away from",
    "stance_new": "Stance now",
}


def diff_table(diff: pd.DataFrame, only_changes: bool) -> None:
    """The version diff, each row tinted by its kind of change."""
    shown = diff[diff["change"] != "unchanged"] if only_changes else diff
    if shown.empty:
        st.info("Nothing changed between these versions for the chosen parties and issues.")
        return
    frame = shown[list(DIFF_COLUMNS)].rename(columns=DIFF_COLUMNS)
    styled = frame.style.apply(
        lambda row: [f"background-color: {CHANGE_COLOURS[row['Change']]}"] * len(row), axis=1
    )
    st.dataframe(styled, hide_index=True, width="stretch")
