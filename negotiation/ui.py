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


def url_state(key: str, options: list[str], default: str | list[str]) -> None:
    """Seed a widget's value from the URL on the first run, and keep it valid when the options
    change (another dataset); unknown values from the URL are ignored."""
    multi = isinstance(default, list)
    if key not in st.session_state:
        found = st.query_params.get_all(key)
        if found and (multi or found[0] in options):
            st.session_state[key] = [v for v in found if v in options] if multi else found[0]
    value = st.session_state.get(key)
    if multi and isinstance(value, list):
        st.session_state[key] = [v for v in value if v in options]
    elif value not in options:
        st.session_state[key] = default


def publish_url(*keys: str) -> None:
    """Write the widgets' current values into the URL, so a copied link reopens this view."""
    for key in keys:
        value = st.session_state.get(key)
        wanted = value if isinstance(value, list) else [value]
        if value is not None and wanted != st.query_params.get_all(key):
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
