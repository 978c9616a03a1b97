from dataclasses import replace

import streamlit as st

from negotiation import ui
from negotiation.analysis import forecast

FOCUS = {
    "Compromise": "compromise_label",
    "Weighted median": "median_label",
    "Zone of agreement": "zone",
    "Draft's term": "draft_label",
}

ds, sel = ui.current()
version, moved = ui.cached(forecast.version_to_forecast, ds, sel.version)
sel = replace(sel, version=version)
st.title("Forecast")
st.caption(
    f"Where the issues of **{ds.version(sel.version).name}** may land, by two bargaining models, "
    "and whether the parties' red lines leave any room. Pick the version, parties and issues in "
    "the sidebar."
)
if moved:
    st.info(moved)
if not ui.needs_parties(sel):
    st.stop()
issue = ui.url_selectbox(
    "Issue to weigh", list(sel.issues), ui.Keys.issue, sel.issue,
    format_func=lambda i: ds.issue(i).name,
)  # fmt: skip
sel = replace(sel, issue=issue)


@st.fragment
def weighed() -> None:
    # a fragment: moving a slider reruns only the forecast, not the whole page
    capability, salience = ui.weight_sliders(ds, sel, issue)
    per_issue = ui.cached(
        forecast.forecasts, ds, sel.version, sel.parties, sel.issues, capability, salience
    )
    focus = per_issue.set_index("issue").loc[issue]
    ui.figures({label: str(focus[column]) or "—" for label, column in FOCUS.items()})
    st.caption(forecast.known_line(focus["known"], len(sel.parties)))
    if focus["note"]:
        st.warning(f"{focus['issue_name']}: {focus['note']}.")
    weights = ui.cached(
        forecast.inputs, ds, sel.version, sel.parties, sel.issues, capability, salience
    )
    st.caption(forecast.defaults_note(ds, weights) or "Every weight comes from the data.")
    moved = replace(sel, capability=tuple(capability.items()), salience=tuple(salience.items()))
    ui.chart("forecast", ds, moved)
    ui.table(per_issue, forecast.FORECASTS_LABELS)


weighed()
ui.chart("sensitivity", ds, sel)
ui.backtest_section(ds, sel)
st.subheader("The models")
for name, explanation, formula in forecast.MODELS.values():
    st.markdown(f"**{name}.** {explanation}")
    st.latex(formula)
