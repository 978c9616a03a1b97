import streamlit as st

from negotiation import ui
from negotiation.documents import sidebyside

ds, sel = ui.current()
st.title("Side by side")
st.caption(
    "The drafts as a four-column document: one row per issue, one column per version in date "
    "order, each cell the text's own term, its stance with the words changed since the text it "
    "revises (each column's heading says which), and its sources. Parties and issues come from "
    "the sidebar."
)
versions = ui.version_columns(ds)
if not versions:
    st.info("No version is chosen: pick at least one above.")
    st.stop()
redlines, with_parties, with_forecast = ui.table_options()
against = ui.compared_columns(ds, versions)
issues, note = ui.issue_page(ds, sel.issues)
options = (with_parties, with_forecast, against)
table = ui.cached(sidebyside.build, ds, tuple(versions), sel.parties, tuple(issues), *options)
ui.side_by_side(
    table, redlines, note, lambda: sidebyside.build(ds, versions, sel.parties, sel.issues, *options)
)
