import streamlit as st

from negotiation import ui
from negotiation.documents import sidebyside

ds, sel = ui.current()
st.title("Side by side")
st.caption(
    "The drafts as a four-column document: one row per issue, one column per version in date "
    "order. In Text mode each cell holds the clauses of the draft's own words on the issue, "
    "their words changed since the text it revises struck through and underlined; in the "
    "positions mode, the text's term, its stance and its sources. Each column's heading says "
    "what it is compared with. Parties and issues come from the sidebar."
)
versions = ui.version_columns(ds)
if not versions:
    st.info("No version is chosen: pick at least one above.")
    st.stop()
mode = ui.mode(ds, versions)
text = mode == sidebyside.TEXT
redlines, with_parties, with_forecast = ui.table_options(text)
against = ui.compared_columns(ds, versions)
if text:
    try:
        table = ui.cached(sidebyside.build_text, ds, tuple(versions), tuple(sel.issues), against)
    except ValueError as error:
        st.info(f"{error}. Pick a version with its text, or show the positions.")
        st.stop()
    ui.side_by_side(table, redlines, "", lambda: table)
    st.stop()
issues, note = ui.issue_page(ds, sel.issues)
options = (with_parties, with_forecast, against)
table = ui.cached(sidebyside.build, ds, tuple(versions), sel.parties, tuple(issues), *options)
ui.side_by_side(
    table, redlines, note, lambda: sidebyside.build(ds, versions, sel.parties, sel.issues, *options)
)
