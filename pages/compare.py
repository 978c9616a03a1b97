from dataclasses import replace

import streamlit as st

from negotiation import ui
from negotiation.analysis import agreement, drift, standing

ds, sel = ui.current()
old, new = ds.version(sel.old), ds.version(sel.new)
st.title("Compare versions")
st.caption(
    f"From **{old.name}** ({old.date:%d %b %Y}) to **{new.name}** ({new.date:%d %b %Y}). "
    f"{standing.comparison_note(ds, sel.old, sel.new)} Pick the two versions in the sidebar. "
    "An After cell saying since when is a position carried from an earlier version, not said at "
    "the newer one."
)
ui.report_downloads(ds, sel)
diff = ui.cached(agreement.version_diff, ds, sel.old, sel.new, sel.parties, sel.issues)
counts = agreement.diff_counts(diff)
with st.container(horizontal=True):  # wraps: seven cards cut their labels in one row
    for change, count in counts.items():
        st.metric(change.capitalize(), count, border=True, width=160)
only_changes = st.toggle("Only show what changed", value=True, key="only_changes")
ui.diff_table(diff, only_changes)
st.caption(agreement.direction_note(ds, sel.old, sel.new))
issue = ui.url_selectbox(
    "Issue over time", list(sel.issues), ui.Keys.issue, sel.issues[0],
    format_func=lambda i: ds.issue(i).name,
)  # fmt: skip
ui.chart("evolution", ds, replace(sel, issue=issue))
ui.chart("draft-distance", ds, sel)
ui.chart("draft-drift", ds, sel)
ui.table(
    ui.cached(drift.revision_moves, ds, sel.parties, sel.issues),
    {"revision": "Revision", "issue_name": "Issue", "toward": "Moved toward", "away": "Away from"},
)
