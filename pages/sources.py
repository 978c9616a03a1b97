import streamlit as st

from negotiation import ui
from negotiation.analysis import agreement

ds, sel = ui.current()
st.title("Sources")
st.caption("Every source the dataset cites, newest first, with how many positions cite it.")
sources = ui.cached(agreement.source_citations, ds)
ui.table(
    sources,
    {
        "date": "Date",
        "publisher": "Publisher",
        "title": "Title",
        "url": "Link",
        "positions": "Positions",
        "source": "Id",
    },
    column_config={"Link": st.column_config.LinkColumn("Link")},
)
st.subheader("Positions citing a source")
source = st.selectbox(
    "Source",
    sources["source"],
    format_func=lambda s: f"{ds.source(s).publisher}, {ds.source(s).when}: {ds.source(s).title}",
    key="source",
)
ui.table(ui.cached(agreement.citing, ds, source), ui.POSITION_COLUMNS)
st.subheader("Conflicting reports")
st.caption("Positions marked disputed, or whose note records reports that conflict.")
conflicts = ui.cached(agreement.conflicts, ds)
if conflicts.empty:
    st.info("No conflicting reports are recorded in this dataset.")
else:
    ui.table(conflicts, {**ui.POSITION_COLUMNS, "note": "Note"})
