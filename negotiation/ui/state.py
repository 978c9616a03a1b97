"""Session state and the URL: every key in one place, widgets whose values live in the URL,
and the folder of datasets."""

from __future__ import annotations

import argparse
import functools
import os
import runpy
import sys
from pathlib import Path

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from negotiation.charts import views
from negotiation.data.model import Dataset
from negotiation.ui import registry

DATA_DIR_VARIABLE = "NEGOTIATION_DATA_DIR"
DEFAULT_DATASET = "ukraine-2025"


class Keys:
    """Every session-state key, in one place. The sidebar's keys are also the URL's
    query-parameter names."""

    dataset = "dataset"
    positions = "positions"
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
    last_save = "_data_last_save"
    # the Forecast page's slider prefixes (+ version, issue and party ids)
    capability = "capability"
    salience = "salience"
    # download buttons (+ chart or table name and format)
    download = "download"
    # the Compare page
    only_changes = "only_changes"
    # the Side by side page (its chosen versions are also the URL's `columns`)
    columns = "columns"
    mode = "mode"
    mode_chosen = "_mode_chosen"
    redlines = "redlines"
    party_columns = "party_columns"
    forecast_column = "forecast_column"
    issue_page = "issue_page"
    against = "against"  # + a version id: the column it is compared with
    # the Sources page
    source = "source"
    text_version = "text"
    text_search = "find"
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
    return Path(configured) if configured else registry.ROOT / "data"


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


def current() -> tuple[Dataset, views.Selection]:
    """The dataset and selection the sidebar set for this run; every page starts here.

    Streamlit runs a file of `pages/` on its own, without dashboard.py (its multipage "v1"
    mode, flagged by `PagesManager.uses_pages_directory`), while no run has called
    `st.navigation` since the server started: when the first request of a fresh server is a
    deep link such as /matrix, and in every AppTest run. Then the page switches that mode off,
    as `st.navigation` does, runs dashboard.py in its place (which draws the sidebar and runs
    this page again, through the navigation) and stops. A rerun would do the same but lose
    the click that started this run. tests/browser/test_deep_link.py proves it on a fresh
    server."""
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        runpy.run_path(str(registry.ROOT / "dashboard.py"), run_name="__main__")
        st.stop()
    return st.session_state[Keys.current]
