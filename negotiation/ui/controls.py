"""The shared sidebar, written once per run by dashboard.py: the dataset, version, parties,
issues and the two versions to compare, all kept in the URL."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from negotiation.analysis import standing
from negotiation.charts import views
from negotiation.data.load import DatasetError, list_datasets, resolve_dataset
from negotiation.data.model import Dataset
from negotiation.ui.cache import RUN_STARTED, cached, load
from negotiation.ui.state import (
    DATA_DIR_VARIABLE,
    DEFAULT_DATASET,
    Keys,
    data_dir,
    publish_url,
    url_state,
)

ISSUE_CHIPS = 40
"""Beyond this many issues the Issues filter starts empty, which means every issue: a chip per
issue filled the sidebar (300 issues: several screens of chips, and 0.8 s of the browser's
first drawing of the page)."""


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


def _positions_switch(recorded: Dataset) -> Dataset:
    """The dataset as the switch reads it: standing positions (the default) or as recorded."""
    url_state(Keys.positions, list(standing.MODES), standing.DEFAULT_MODE)
    mode = st.sidebar.radio(
        "Positions", standing.MODES, format_func=standing.MODE_LABELS.get, key=Keys.positions,
        help="Standing: at each version, a party whose position was not disclosed there keeps "
        "its last disclosed one, marked as carried (since which version, which date); a "
        "revision keeps the terms of the text it revises where it is silent. As recorded: only "
        "what was said at each version.",
    )  # fmt: skip
    return cached(standing.as_of, recorded, mode)


def sidebar() -> tuple[Dataset, views.Selection]:
    """Write the shared sidebar once and return the dataset and the selection; the choices
    live in the URL so a copied link reopens the same view."""
    RUN_STARTED.set()  # a reader waits: the warm-up writes to disk after their chart
    ds = _positions_switch(_dataset_picker(data_dir()))
    default = cached(views.Selection.default, ds)  # its focus issue reads every position
    versions = ds.version_ids
    names = {v.id: f"{v.name} ({v.date:%d %b %Y})" for v in ds.versions}
    party_names = {p.id: p.name for p in ds.parties}
    issue_names = {i.id: f"{i.name} · {i.group}" for i in ds.issues}
    url_state(Keys.version, versions, default.version)
    url_state(Keys.parties, ds.party_ids, list(default.parties))
    every_issue = list(default.issues) if len(ds.issue_ids) <= ISSUE_CHIPS else []
    url_state(Keys.issues, ds.issue_ids, every_issue)
    url_state(Keys.old, versions, default.old)
    url_state(Keys.new, versions, default.new)
    bar = st.sidebar
    version = bar.selectbox("Version", versions, format_func=names.get, key=Keys.version)
    parties = bar.multiselect(
        "Parties", ds.party_ids, format_func=party_names.get, key=Keys.parties
    )
    issues = bar.multiselect(
        "Issues", ds.issue_ids, format_func=issue_names.get, key=Keys.issues,
        placeholder="All issues", help="Empty: every issue.",
    )  # fmt: skip
    bar.markdown("**Compare versions**")
    old = bar.selectbox("From", versions, format_func=names.get, key=Keys.old)
    new = bar.selectbox("To", versions, format_func=names.get, key=Keys.new)
    publish_url(
        Keys.dataset, Keys.positions, Keys.version, Keys.parties, Keys.issues, Keys.old, Keys.new
    )
    chosen = [i for i in ds.issue_ids if i in (issues or ds.issue_ids)]
    selection = views.Selection(
        version=version,
        parties=tuple(p for p in ds.party_ids if p in parties),
        issues=tuple(chosen),
        old=old,
        new=new,
        # cached: it filters every position, and the sidebar runs on every rerun of every page
        issue=cached(views.focus_issue, ds, version, tuple(parties), tuple(chosen)),
    )
    st.session_state[Keys.current] = (ds, selection)
    return ds, selection
