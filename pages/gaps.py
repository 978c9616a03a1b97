from dataclasses import replace

import streamlit as st

from negotiation import ui
from negotiation.analysis import agreement

ds, sel = ui.current()
st.title("Gaps & agreement")
st.caption(f"{ds.version(sel.version).name} · {ds.version(sel.version).date:%d %B %Y}")
issue = ui.url_selectbox(
    "Issue in focus",
    list(sel.issues),
    ui.Keys.issue,
    sel.issue,
    format_func=lambda i: ds.issue(i).name,
)
sel = replace(sel, issue=issue)
ui.chart("issue-scale", ds, sel)
ui.table(
    ui.cached(agreement.issue_gaps, ds, sel.version, sel.parties, issue),
    {
        "party_a_name": "Party",
        "party_b_name": "With",
        "apart": "Gap in the issue's terms",
        "gap": "Gap (share of the scale)",
        "agree_label": "Agreement",
    },
)
ui.chart("positions", ds, sel)
if ui.needs_parties(sel):
    ui.chart("agreement", ds, sel)
    ui.chart("widest-gaps", ds, sel)
