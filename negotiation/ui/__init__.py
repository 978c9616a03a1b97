"""The dashboard's Streamlit layer, the only part of the package that imports Streamlit.

Pages use it as `from negotiation import ui` and call the names below; each module does one
job: `state` (session keys, the URL), `cache` (shared caches keyed on the dataset's
fingerprint), `controls` (the shared sidebar), `render` (charts, tables, notices),
`downloads`, `data_page`, `forecast_page`, `sidebyside_page`, `registry` (the pages), `warm`
(the first visit), `disk_cache` (the warm-up's results, kept for a restart), `memory` (glibc
tuning) and `table_fit` (how a table fits the page).
"""

import importlib

_HOMES = {
    "cache": ("as_json", "cache_key", "cached", "load"),
    "data_page": (
        "add_forms", "forget_working_copy", "issue_form", "position_columns", "save",
        "undo_button", "working_copy",
    ),
    "downloads": ("chart_downloads", "report_downloads", "table_downloads"),
    "forecast_page": ("backtest_section", "weight_sliders"),
    "sidebyside_page": (
        "compared_columns", "issue_page", "mode", "side_by_side", "table_options",
        "version_columns",
    ),
    "render": ("POSITION_COLUMNS", "chart", "description", "diff_table", "draft_matches",
               "figures", "grid", "headline_numbers", "needs_parties", "problems", "table",
               "term_paths"),
    "controls": ("sidebar",),
    "state": ("DATA_DIR_VARIABLE", "DEFAULT_DATASET", "Keys", "current", "data_dir",
              "url_selectbox"),
}  # fmt: skip
_MODULE_OF = {name: module for module, names in _HOMES.items() for name in names}
__all__ = sorted(_MODULE_OF)


def __getattr__(name: str) -> object:
    """`ui.chart` and the rest, imported from their module on first use, so that the server
    can import dashboard.py (and start answering) before pandas, Altair and the analyses load."""
    if name not in _MODULE_OF:
        raise AttributeError(f"module 'negotiation.ui' has no attribute '{name}'")
    return getattr(importlib.import_module(f"negotiation.ui.{_MODULE_OF[name]}"), name)
