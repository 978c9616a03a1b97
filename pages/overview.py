import streamlit as st

from negotiation import ui
from negotiation.analysis import agreement, headlines
from negotiation.ui import registry

ds, sel = ui.current()
version = ds.version(sel.version)
st.title(ds.title)
ui.description(ds.description)
st.subheader(f"{version.name} · {version.date:%d %B %Y}")
about = f"{version.kind.capitalize()} by {version.author or 'unknown author'}. {version.summary}"

if ui.needs_parties(sel):
    counts = ui.cached(agreement.headline_counts, ds, sel.version, sel.parties)
    cells = st.columns(3)
    cells[0].metric(
        "Issues where all parties agree",
        f"{counts['all_agree']} of {counts['issues']}",
        help=f"Counted over the {counts['all_known']} issues where every chosen party's position "
        "is known.",
        border=True,
    )
    cells[1].metric(
        "Undisclosed positions",
        counts["undisclosed"],
        help=f"Of {counts['cells']} cells (draft included); {counts['no_position']} more have no "
        "position.",
        border=True,
    )
    cells[2].metric("Issues", counts["issues"], border=True)
    st.caption(about)  # under the first figures, so that they open the screen on a phone too
    ui.draft_matches(ds, counts["draft_matches"], counts["draft_known"], sel.version)
    numbers = ui.cached(headlines.numbers, ds, sel.version, sel.parties)
    if not numbers.empty:
        st.subheader("Headline numbers")
        ui.headline_numbers(numbers)
        ui.term_paths(ui.cached(headlines.term_paths, ds, sel.version, sel.issues))

else:
    st.caption(about)
ui.chart("timeline", ds, sel)
st.subheader("Position matrix")
st.page_link(
    registry.page("matrix").path,
    label="Open the matrix: where each party stands on every issue, at this version",
    icon=":material/grid_on:",
)
