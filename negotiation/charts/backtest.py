"""The backtest's chart: each model's forecast against the outcome, per issue, on the common
0-100 scale (kept apart from charts.py, whose builders draw positions)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from negotiation.analysis.backtest import MODELS, POINTS, WITHIN
from negotiation.charts.forecast import MODEL_COLOUR
from negotiation.charts.style import REFERENCE_COLOUR
from negotiation.data.model import Poles

MODEL_STYLE = {
    "compromise": (MODEL_COLOUR, "diamond"),  # magenta, as on the forecast chart
    "median": ("#1565C0", "triangle-up"),  # blue
    "mean": ("#EF6C00", "square"),  # orange
    "reference": (REFERENCE_COLOUR, "cross"),  # grey, as the reference point elsewhere
}
"""Each model's colour and shape: the shape tells them apart without colour."""


def backtest_chart(rows: pd.DataFrame, poles: Poles, title: str = "Forecast against outcome"):
    """Per issue and model, the forecast (up) against the outcome (across), with the dashed line
    where they are equal and the grey band within 10 points of it."""
    names = [MODELS[m] for m in MODEL_STYLE]
    colour = alt.Scale(domain=names, range=[c for c, _ in MODEL_STYLE.values()])
    shape = alt.Scale(domain=names, range=[s for _, s in MODEL_STYLE.values()])
    points = alt.Scale(domain=[0, POINTS], nice=False)
    legend = alt.Legend(orient="bottom", columns=1, labelLimit=300)
    x = alt.X(
        "outcome:Q", scale=points, title=f"Outcome (0 = {poles.low}, {POINTS} = {poles.high})"
    )
    y = alt.Y("forecast:Q", scale=points, title="Forecast (points)")
    edge = [0, WITHIN, POINTS - WITHIN, POINTS]
    band = pd.DataFrame(
        {
            "outcome": edge,
            "low": [max(e - WITHIN, 0) for e in edge],
            "high": [min(e + WITHIN, POINTS) for e in edge],
        }
    )
    within = (
        alt.Chart(band)
        .mark_area(color="#9E9E9E", opacity=0.15)
        .encode(x=x, y=alt.Y("low:Q", scale=points), y2="high:Q")
    )
    equal = (
        alt.Chart(pd.DataFrame({"outcome": [0, POINTS], "forecast": [0, POINTS]}))
        .mark_line(color="#424242", strokeDash=[4, 3])
        .encode(x=x, y=y)
    )
    marks = (
        alt.Chart(rows)
        .mark_point(size=70, filled=True, opacity=0.8)
        .encode(
            x=x,
            y=y,
            color=alt.Color("model_name:N", scale=colour, title="Model", legend=legend),
            shape=alt.Shape("model_name:N", scale=shape, title="Model", legend=legend),
            tooltip=[
                alt.Tooltip("issue_name:N", title="Issue"),
                alt.Tooltip("model_name:N", title="Model"),
                alt.Tooltip("forecast_label:N", title="Forecast"),
                alt.Tooltip("outcome_label:N", title="Outcome"),
                alt.Tooltip("error:Q", title="Error (points)", format=".1f"),
                alt.Tooltip("known:Q", title="Parties known"),
            ],
        )
    )
    # the dashboard fits the whole chart (title, axes, legend) in its size: a plot about
    # 290 points square, the legend below it, so that a 390-pixel phone shows it whole
    return (within + equal + marks).properties(title=title, width=280, height=400)
