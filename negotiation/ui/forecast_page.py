"""The Forecast page's weight sliders and its backtest section."""

from __future__ import annotations

import streamlit as st

from negotiation.analysis import backtest, forecast
from negotiation.charts import views
from negotiation.data.model import Dataset
from negotiation.ui.cache import cached
from negotiation.ui.render import chart, table
from negotiation.ui.state import Keys


def weight_sliders(
    ds: Dataset, sel: views.Selection, issue: str
) -> tuple[dict[str, float], dict[tuple[str, str], float]]:
    """Sliders for each chosen party's capability and its salience on `issue`, starting from
    the data (or 1 where it gives none); the values moved away from the data, by party and by
    (party, issue), so that untouched weights keep saying where they came from."""
    start = cached(forecast.capabilities, ds, sel.version)
    weights = cached(forecast.inputs, ds, sel.version, sel.parties, (issue,))
    given = weights.set_index("party")["salience"]
    left, right = st.columns(2)
    left.markdown("**Capability** — weight in the outcome")
    right.markdown(f"**Salience** — how much *{ds.issue(issue).name}* matters")
    capability, salience = {}, {}
    for party in sel.parties:
        name = ds.party(party).name
        value = left.slider(
            name, 0.0, 1.0, float(start[party][0]), 0.05,
            key=f"{Keys.capability}_{sel.version}_{party}",
        )  # fmt: skip
        if value != start[party][0]:
            capability[party] = value
        if party in given.index:
            value = right.slider(
                name, 0.0, 1.0, float(given[party]), 0.05,
                key=f"{Keys.salience}_{sel.version}_{issue}_{party}",
            )  # fmt: skip
            if value != given[party]:
                salience[(party, issue)] = value
        else:
            right.caption(f"{name}: position not known, so no weight here")
    return capability, salience


def backtest_section(ds: Dataset, sel: views.Selection) -> None:
    """How far the models landed from the final version's terms: the per-model table, the
    verdicts against the status quo and the chart; one line when there is nothing to compare."""
    st.subheader("How well did the models do here")
    if ds.final_version is None:
        st.info(
            "This dataset has no final version. Marking the agreed text as final (`final: true` "
            "or `kind: agreement`) compares each model's forecast with it here."
        )
        return
    try:
        result = cached(backtest.backtest, ds, None, None, sel.parties, sel.issues)
    except ValueError as error:
        st.info(f"No backtest: {error}.")
        return
    start, final = ds.version(result.start).name, ds.version(result.final).name
    st.caption(
        f"Forecasts from **{start}** against the terms of **{final}**: {result.used} issue(s) "
        f"compared, {len(result.skipped)} skipped. Errors are in points on the common 0-100 "
        "scale between the dataset's poles. " + result.defaults
    )
    within = st.column_config.NumberColumn(format="percent")  # a share: 0.5 shows as 50%
    table(
        backtest.rounded(result.models), backtest.MODELS_LABELS, "backtest",
        column_config={backtest.MODELS_LABELS["within_10"]: within},
    )  # fmt: skip
    st.markdown("\n".join(f"- {line}" for line in result.verdicts()))
    if len(result.skipped):
        with st.expander(f"Skipped issues ({len(result.skipped)})"):
            table(result.skipped, {"issue_name": "Issue", "reason": "Why"}, "backtest-skipped")
    chart("backtest", ds, sel, backtest.chart_rows(result))  # the view's data, computed once
