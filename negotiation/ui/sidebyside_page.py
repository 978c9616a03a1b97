"""The Side by side page's widgets: the versions shown as columns (kept in the URL), the
table's options, the page of issues, and the table drawn as HTML with its downloads."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from negotiation.data.model import Dataset
from negotiation.documents import sidebyside
from negotiation.documents.sidebyside import as_html
from negotiation.ui.state import Keys, publish_url, url_state


def version_columns(ds: Dataset) -> list[str]:
    """The versions to set side by side, in date order (default: every version whose own text
    is known on at least one issue)."""
    names = {v.id: f"{v.name} ({v.date:%d %b %Y})" for v in ds.versions}
    url_state(Keys.columns, ds.version_ids, sidebyside.default_versions(ds))
    chosen = st.multiselect(
        "Versions, one column each", ds.version_ids, format_func=names.get, key=Keys.columns,
        placeholder="Pick the versions to compare",
    )  # fmt: skip
    publish_url(Keys.columns)
    return [v for v in ds.version_ids if v in chosen]


def compared_columns(ds: Dataset, versions: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """(column, column it is compared with) for the columns the reader compares with another
    than the text each revises: none by default."""
    names = {v.id: v.name for v in ds.versions}
    picked = []
    with st.expander("Compare a column with another column"):
        st.caption(
            "By default each column is redlined against the column of the text it revises, and "
            "a text of its own (a rival draft, a statement) has no redline. Pick another column "
            "to compare any column with."
        )
        for version in versions:
            others = [v for v in versions if v != version]
            choice = st.selectbox(
                names[version], ["", *others], key=f"{Keys.against}_{version}",
                format_func=lambda v: names.get(v, "The text it revises (default)"),
            )  # fmt: skip
            if choice:
                picked.append((version, choice))
    return tuple(picked)


def table_options() -> tuple[bool, bool, bool]:
    """Whether to show redlines, the chosen parties' positions and the forecast column."""
    row = st.container(horizontal=True, gap="medium")
    redlines = row.toggle("Redlines", value=True, key=Keys.redlines,
                          help="Off: clean text, without struck or inserted words")  # fmt: skip
    parties = row.toggle("Parties' positions at the newest version", key=Keys.party_columns)
    forecast = row.toggle("Where it may land", key=Keys.forecast_column)
    return redlines, parties, forecast


def issue_page(ds: Dataset, issues: Sequence[str]) -> tuple[list[str], str]:
    """The issues of the page chosen (all of them when one page holds them) and the note
    saying which are shown."""
    pages = sidebyside.pages(ds, issues)
    number = 0
    if len(pages) > 1:
        names = {i.id: i.name for i in ds.issues}
        number = st.selectbox(
            "Page of issues", range(len(pages)), key=Keys.issue_page,
            format_func=lambda n: f"{n + 1}: {names[pages[n][0]]} … {names[pages[n][-1]]}",
        )  # fmt: skip
    return pages[number], sidebyside.page_note(ds, issues, number)


@st.cache_resource(max_entries=64, show_spinner=False)
def _drawn(
    table_id: int, redlines: bool, _table: sidebyside.SideBySide
) -> tuple[sidebyside.SideBySide, str]:
    """A table and its HTML, drawn once: 40 versions × 25 issues took a tenth of a second on
    every rerun. The entry holds its table, so no other table can take that id meanwhile."""
    return _table, as_html.html_table(_table, redlines)


def _html(table: sidebyside.SideBySide, redlines: bool) -> str:
    return _drawn(id(table), redlines, table)[1]


def side_by_side(
    table: sidebyside.SideBySide,
    redlines: bool,
    note: str,
    everything: Callable[[], sidebyside.SideBySide],
) -> None:
    """The table (scrolling sideways inside its frame on a narrow screen), its legend and
    buttons downloading every chosen issue (`everything` builds that table on a click)."""
    if note:
        st.info(note)
    style = f"<style>{as_html.CSS}</style>"
    st.html(style + as_html.legend_html(table, redlines))
    st.html(style + _html(table, redlines))
    row = st.container(horizontal=True, gap="small")
    for fmt, out in sidebyside.FORMATS.items():
        row.download_button(
            out.label,
            data=lambda fmt=fmt: sidebyside.render(everything(), fmt, redlines),
            file_name=f"side-by-side.{fmt}",
            mime=out.mime,
            key=f"{Keys.download}_sidebyside_{fmt}",
            on_click="ignore",
            icon=":material/download:",
        )
