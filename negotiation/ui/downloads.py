"""Download buttons: charts in every export format, tables as CSV and XLSX, the briefing.
Each file is built only when its button is clicked."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from negotiation.charts import views
from negotiation.data import exchange, spreadsheet
from negotiation.data.model import Dataset
from negotiation.documents import briefing, export, report
from negotiation.ui.cache import as_json
from negotiation.ui.state import Keys


def chart_downloads(
    name: str, spec: dict, context: export.Context, frame: pd.DataFrame, ds: Dataset
) -> None:
    """One "Download" button under the chart opening its buttons: the chart in every export
    format, titled with its context (dated the day of the click), then its data as CSV and
    XLSX, from the spec already drawn. The browser draws the buttons only once the menu is
    opened, so that a page of charts shows sooner."""
    row = st.popover("Download", icon=":material/download:").container(horizontal=True, gap="small")
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
    """CSV and XLSX buttons for a table; the XLSX has the dataset's sources on a second sheet."""
    if row is None:
        row = st.container(horizontal=True, gap="small")
    files = {
        "csv": ("text/csv", lambda: spreadsheet.to_csv(frame)),
        "xlsx": (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            lambda: spreadsheet.to_xlsx({name: frame, "sources": exchange.sources_table(ds)}),
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
    """Buttons for the briefing comparing the selection's two versions."""
    row = st.container(horizontal=True)
    for fmt, mime in report.FORMATS.items():
        row.download_button(
            f"Briefing {fmt.upper()}",
            data=lambda fmt=fmt: report.render(briefing.build(ds, sel), fmt),
            file_name=f"{ds.id}-{sel.old}-to-{sel.new}.{fmt}",
            mime=mime,
            key=f"{Keys.download}_report_{fmt}",
            on_click="ignore",
            icon=":material/description:",
        )
