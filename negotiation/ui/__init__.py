"""The dashboard's Streamlit layer, the only part of the package that imports Streamlit.

Pages use it as `from negotiation import ui` and call the names below; each module does one
job: `state` (session keys, the URL), `cache` (shared caches keyed on the dataset's
fingerprint), `sidebar`, `render` (charts, tables, notices), `downloads`, `data_page`,
`forecast_page`, `registry` (the pages), `warm` (the first visit) and `memory` (glibc tuning).
"""

from negotiation.ui.cache import as_json, cache_key, cached, load
from negotiation.ui.data_page import (
    add_forms,
    forget_working_copy,
    position_columns,
    save,
    undo_button,
    working_copy,
)
from negotiation.ui.downloads import chart_downloads, report_downloads, table_downloads
from negotiation.ui.forecast_page import weight_sliders
from negotiation.ui.render import (
    POSITION_COLUMNS,
    chart,
    diff_table,
    needs_parties,
    problems,
    table,
)
from negotiation.ui.sidebar import sidebar
from negotiation.ui.state import (
    DATA_DIR_VARIABLE,
    DEFAULT_DATASET,
    Keys,
    current,
    data_dir,
    url_selectbox,
)

__all__ = [
    "DATA_DIR_VARIABLE",
    "DEFAULT_DATASET",
    "POSITION_COLUMNS",
    "Keys",
    "add_forms",
    "as_json",
    "cache_key",
    "cached",
    "chart",
    "chart_downloads",
    "current",
    "data_dir",
    "diff_table",
    "forget_working_copy",
    "load",
    "needs_parties",
    "position_columns",
    "problems",
    "report_downloads",
    "save",
    "sidebar",
    "table",
    "table_downloads",
    "undo_button",
    "url_selectbox",
    "weight_sliders",
    "working_copy",
]
