"""Rendering shared by the pages: a named chart with its caption and downloads, tables,
the version diff, and the plain-words notices."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from negotiation.analysis import agreement, headlines
from negotiation.charts import layout, views
from negotiation.data import importers
from negotiation.data.load import Problem
from negotiation.data.model import Dataset
from negotiation.ui import table_fit
from negotiation.ui.cache import CHART_SENT, drawn
from negotiation.ui.downloads import chart_downloads, table_downloads
from negotiation.ui.state import current

MATCH_CARDS = 10
"""Parties shown as cards in the Overview's draft matches; more: one table."""
PATH_LINES = 12
"""Issues whose term path the Overview writes as a list; more: one table, whose rows the
browser draws as they scroll into view (150 paths as text took it a third of a second)."""
POSITION_COLUMNS = {
    "version_name": "Version",
    "party_name": "Party",
    "issue_name": "Issue",
    "value_label": "Position",
    "stance": "Stance",
    "status": "Status",
    "confidence": "Confidence",
    "quote": "In the source's words",
}

CHANGE_COLOURS = {
    "changed": "#f5b041",
    "status changed": "#f9e79f",
    "newly disclosed": "#58d68d",
    "added": "#58d68d",
    "newly undisclosed": "#bfc9ca",
    "dropped": "#ec7063",
    "unchanged": "#e5e8e8",
}
"""The tag colour of each kind of change in the diff table."""


def chart(name: str, ds: Dataset, sel: views.Selection, rows: pd.DataFrame | None = None) -> None:
    """Render a named view with its title and caption, or explain why it is empty; `rows`, its
    data when the page has it already (see `cache.drawn`)."""
    view = views.VIEWS[name]
    st.subheader(view.title)
    found = drawn(name, ds, sel, rows)
    if found is None:
        st.info(views.why_empty(name, ds, sel))
        CHART_SENT.set()  # its place filled: the server's warm-up may write to disk now
        return
    frame, note, spec, context = found
    if note:
        st.info(note)
    # a copy (Streamlit pops the datasets) sized by its content: Streamlit's default, "fit",
    # squeezes the plot until title, axes and legend fit the chart's own width and height
    stretches = spec.get("width") == "container"
    sized = {"autosize": {"type": "fit-x" if stretches else "pad", "contains": "padding"}}
    if stretches:
        st.vega_lite_chart(sized | dict(spec), width="stretch")
    else:
        # a chart of fixed size scrolls sideways inside its own box on a narrow screen, rather
        # than being cut or pushing the page wider than the screen
        st.html(f"<style>.st-key-scroll-{name} {{overflow-x: auto}}</style>")
        st.container(key=f"scroll-{name}").vega_lite_chart(sized | dict(spec), width="content")
    st.caption(view.caption)
    chart_downloads(name, spec, context, frame, ds)
    CHART_SENT.set()  # the server's warm-up may write its results to disk now


def table(frame: pd.DataFrame, columns: dict[str, str], name: str = "table", **kwargs) -> None:
    """A table with only `columns`, renamed to plain words, its first rows shown (the rest
    said), with CSV and XLSX downloads of every row."""
    shown = frame[list(columns)].rename(columns=columns)
    # two tables of one page differ by their columns, so the columns make the keys unique
    key = f"{name}_{'-'.join(columns)}"
    grid(_first_rows(shown), key=key, **kwargs)
    table_downloads(name, shown, current()[0], key=key)


def grid(frame: pd.DataFrame, key: str, **kwargs) -> None:
    """st.dataframe as every table shows it: missing values as "—", numbers with thousands
    separators, columns fitted to the page and long text read in full by selecting a row."""
    config = {
        column: st.column_config.NumberColumn(format="localized")
        for column in frame.select_dtypes("number")
    }
    widths, shown = table_fit.table_layout(frame)
    for column, width in (widths or table_fit.preset_widths(frame)).items():
        config.setdefault(column, st.column_config.Column(width=width))
    event = st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        placeholder="—",
        column_config=config | kwargs.pop("column_config", {}),
        column_order=shown,
        key=key,
        on_select="rerun" if widths else "ignore",
        selection_mode="single-row",
        **kwargs,
    )
    if widths:
        _detail(frame, event.selection.rows, [c for c in frame if c not in shown])


def _detail(frame: pd.DataFrame, rows: list[int], hidden: list[str]) -> None:
    """The selected row's cells in full, or how to see them."""
    if not rows:
        more = f", with {' and '.join(hidden)}" if hidden else ""
        st.caption(f"Select a row (the box at its left) to read it in full{more}.")
        return
    row = frame.iloc[rows[0]]
    with st.container(border=True):
        for column, value in row.items():
            text = ", ".join(value) if isinstance(value, list) else value
            if pd.notna(text) and str(text):
                st.markdown(f"**{column}**: {text}")


def _first_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of a table to show, with a caption when they are not all of them."""
    first, note = table_fit.first_rows(frame)
    if note:
        st.caption(note)
    return first


def headline_numbers(numbers: pd.DataFrame) -> None:
    """Per numeric issue, a row of figures (the draft's term, each party, the reference point)
    that wraps on narrow screens, each with its change since the previous version; the
    undisclosed ones named in a line below. More than `headlines.CARDS` figures: one table."""
    since = numbers["since"].iloc[0]
    if since:
        st.caption(f"Changes are since the version before, {since}.")
    if len(numbers) > headlines.CARDS:
        st.caption("Each figure with its change in brackets.")
        grid(headlines.table(numbers), key="headline-numbers")
        return
    for (name, unit), rows in numbers.groupby(["issue_name", "unit"], sort=False):
        st.markdown(f"**{name}** · {unit}")
        known = rows["label"] != "undisclosed"
        with st.container(horizontal=True):
            for row in rows[known].itertuples(index=False):
                st.metric(
                    row.who_name,
                    row.label,
                    delta=row.change or None,
                    delta_color="off",
                    delta_arrow="auto" if row.change[:1] in "+−" else "off",
                    help=row.help or None,
                    border=True,
                    width="content",  # a card as wide as its label: a long name is never cut
                )
        hidden = rows[~known]
        if not hidden.empty:
            said = [f"{r.who_name} ({r.change})" if r.change.startswith("was") else r.who_name
                    for r in hidden.itertuples(index=False)]  # fmt: skip
            st.caption(f"Undisclosed: {', '.join(said)}.")


def draft_matches(ds: Dataset, matches: dict[str, int], drafted: int, version: str) -> None:
    """For each chosen party, the issues where the draft's term matches its position: a card
    each, or one table, most matches first, beyond MATCH_CARDS parties (fifty cards filled
    three screens and cost the browser a third of a second). A version with no draft term
    (`drafted` issues: none) says so rather than show a zero for every party."""
    st.markdown("**Issues where the draft's term matches each party**")
    if not drafted:
        st.caption(
            f"No draft term is known at {ds.version(version).name}: no text of it was "
            "published. Pick a version with a text in the sidebar to compare its terms."
        )
        return
    if len(matches) > MATCH_CARDS:
        column = "Issues where the draft's term matches"
        table = pd.DataFrame(
            {"Party": [ds.party(p).name for p in matches], column: list(matches.values())}
        )
        grid(table.sort_values(column, ascending=False, kind="stable"), key="draft-matches")
        return
    with st.container(horizontal=True):  # wraps on a phone
        for party, count in matches.items():
            st.metric(ds.party(party).short, count, border=True, width="content")


def description(text: str) -> None:
    """A dataset's description: its opening above the fold, the whole text folded below it."""
    opening, more = layout.lead(text)
    st.markdown(opening)
    if more:
        with st.expander("About this dataset: sources, method, where the record ends"):
            st.markdown(text)


def term_paths(paths: pd.DataFrame) -> None:
    """How the draft's term moved, text by text (each naming the text it revises), one line per
    numeric issue, in words."""
    if paths.empty:
        return
    st.markdown("**How the draft's term moved**, text by text, and the reference point")
    if len(paths) > PATH_LINES:
        table = paths.rename(columns={"issue_name": "Issue", "unit": "Unit", "path": "Path"})
        grid(table[["Issue", "Unit", "Path"]], key="term-paths")
        return
    st.markdown("\n".join(f"- **{r.issue_name}** ({r.unit}): {r.path}" for r in paths.itertuples()))


def figures(values: dict[str, str]) -> None:
    """Labelled values side by side (stacked on a phone), in boxes whose text wraps: a metric
    would cut a long value such as a level's label."""
    cells = st.columns(len(values), border=True)
    for cell, (label, value) in zip(cells, values.items(), strict=True):
        cell.caption(label)
        cell.markdown(f"**{value}**")


def needs_parties(sel: views.Selection) -> bool:
    """Say so and return False when no party is chosen."""
    if sel.parties:
        return True
    st.info("No party is chosen: pick at least one in the sidebar.")
    return False


def diff_table(diff: pd.DataFrame, only_changes: bool) -> None:
    """The version diff, each row's kind of change shown as a coloured tag (a column setting,
    not a Styler: styling cell by cell took seconds at 15,000 rows)."""
    shown = diff[diff["change"] != "unchanged"] if only_changes else diff
    if shown.empty:
        st.info("Nothing changed between these versions for the chosen parties and issues.")
        return
    frame = shown[list(agreement.DIFF_LABELS)].rename(columns=agreement.DIFF_LABELS)
    first = _first_rows(frame)
    tagged = first.assign(Change=first["Change"].to_numpy(object).reshape(-1, 1).tolist())
    tag = st.column_config.MultiselectColumn(
        "Change", options=list(CHANGE_COLOURS), color=list(CHANGE_COLOURS.values())
    )
    grid(tagged, key="diff", column_config={"Change": tag})
    table_downloads("diff", frame, current()[0])


def problems(found: Sequence[Problem]) -> None:
    """Every problem at once, as a table naming file, row and column, each message whole (a
    static table wraps its text, where a grid cut the advice off); nothing when none."""
    if found:
        st.error(f"{len(found)} problem(s) found; nothing was written.")
        shown = importers.problems_frame(found).astype({"row": object}).fillna("")
        st.table(shown, border="horizontal", hide_index=True)
