"""The Side by side page's widgets: the versions shown as columns (kept in the URL), the mode
(the drafts' own words or the positions), the table's options, the page of issues, and the
table drawn as HTML with its downloads."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from negotiation.data.model import Dataset
from negotiation.documents import sidebyside
from negotiation.documents.sidebyside import as_html, cells
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


def mode(ds: Dataset, versions: Sequence[str]) -> str:
    """Text (the drafts' own words) or positions, kept in the URL; until the reader (or the
    link) picks one, text where every chosen version's text is recorded."""
    if Keys.mode not in st.session_state and Keys.mode in st.query_params:
        st.session_state[Keys.mode_chosen] = True  # a link naming the mode keeps it
    if not st.session_state.get(Keys.mode_chosen):
        st.session_state.pop(Keys.mode, None)
    url_state(Keys.mode, list(sidebyside.MODES), sidebyside.default_mode(ds, versions))
    chosen = st.segmented_control(
        "Show", list(sidebyside.MODES), format_func=sidebyside.MODES.get, key=Keys.mode,
        on_change=lambda: st.session_state.update({Keys.mode_chosen: True}),
        help="Text: each draft's clauses on the issue, redlined against the text it revises. "
        "Positions: each version's term and stance, as the dataset codes them.",
    )  # fmt: skip
    publish_url(Keys.mode)
    return chosen or sidebyside.default_mode(ds, versions)


def table_options(text: bool = False) -> tuple[bool, bool, bool]:
    """Whether to show redlines, the chosen parties' positions and the forecast column (the
    last two in the positions mode only)."""
    row = st.container(horizontal=True, gap="medium")
    redlines = row.toggle("Redlines", value=True, key=Keys.redlines,
                          help="Off: clean text, without struck or inserted words")  # fmt: skip
    if text:
        return redlines, False, False
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


Table = sidebyside.SideBySide | sidebyside.TextTable


@st.cache_resource(max_entries=64, show_spinner=False)
def _drawn(table_id: int, redlines: bool, _table: Table) -> tuple[Table, str, str]:
    """A table, its legend and its HTML, drawn once: 40 versions × 25 issues took a tenth of a
    second on every rerun. The entry holds its table, so no other table can take that id
    meanwhile."""
    if isinstance(_table, sidebyside.TextTable):
        legend, drawn = as_html.text_legend_html(_table, redlines), as_html.text_table
    else:
        legend, drawn = as_html.legend_html(_table, redlines), as_html.html_table
    return _table, legend, drawn(_table, redlines)


def side_by_side(table: Table, redlines: bool, note: str, everything: Callable[[], Table]) -> None:
    """The table (scrolling sideways inside its frame on a narrow screen), its legend and
    buttons downloading every chosen issue (`everything` builds that table on a click)."""
    if note:
        st.info(note)
    _, legend, drawn = _drawn(id(table), redlines, table)
    style = f"<style>{as_html.CSS}</style>"
    st.html(style + legend)
    st.html(style + drawn)
    text = isinstance(table, sidebyside.TextTable)
    if text and table.silent:
        st.caption(cells.silent_line(table))
    row = st.container(horizontal=True, gap="small")
    for fmt, out in sidebyside.FORMATS.items():
        row.download_button(
            out.label,
            data=lambda fmt=fmt: sidebyside.render(everything(), fmt, redlines),
            file_name=f"side-by-side{'-text' if text else ''}.{fmt}",
            mime=out.mime,
            key=f"{Keys.download}_sidebyside_{fmt}",
            on_click="ignore",
            icon=":material/download:",
        )
