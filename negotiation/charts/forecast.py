"""The forecast charts: where each issue may land beside the parties' positions, and how the
compromise moves as one party's capability or salience changes."""

from __future__ import annotations

import altair as alt
import pandas as pd

from negotiation.charts.layout import abridge, label_side, wrap
from negotiation.charts.style import (
    DRAFT_COLOUR,
    LABEL_LIMIT,
    SUBTITLE_CHARS,
    TITLE_CHARS,
    UNNAMED_POLES,
    norm_axis,
    party_legend,
    reference_marks,
    top_legend,
)
from negotiation.data.model import Poles

MODEL_SHAPES = alt.Scale(
    domain=["Compromise model", "Weighted median"], range=["diamond", "triangle-down"]
)
MODEL_COLOUR = "#C2185B"
FORECAST_ROW = 60
"""An issue's row: its marks, the compromise in words under them, the red note above them."""
FORECAST_CHARS = 30
ZONE_COLOUR = "#54A24B"


def forecast_chart(
    marks: pd.DataFrame,
    colours: alt.Scale,
    poles: Poles = UNNAMED_POLES,
    references: pd.DataFrame | None = None,
    title: str = "Where it may land",
) -> alt.LayerChart:
    """Per issue on its normalised scale: the parties' positions, the draft's term (black tick),
    the compromise and median forecasts, and the zone of agreement as a green band or a red
    "no overlap" note."""
    issues = list(dict.fromkeys(marks["issue_name"]))
    y = alt.Y("issue_name:N", sort=issues, title=None, axis=alt.Axis(labelLimit=LABEL_LIMIT))
    x = alt.X("norm:Q", scale=alt.Scale(domain=[0, 1]), axis=norm_axis(poles))
    tooltip = [
        alt.Tooltip("issue_name:N", title="Issue"),
        alt.Tooltip("label:N", title="What"),
        alt.Tooltip("text:N", title="Position"),
    ]
    # where the compromise lands, in words under its mark: two lines, toward the middle
    frame = marks.assign(
        words=["\n".join(abridge(str(t), FORECAST_CHARS)) for t in marks["text"]],
        side=label_side(marks["norm"]),
    )
    base = alt.Chart(frame).encode(y=y, tooltip=tooltip)

    def kind(*kinds: str) -> alt.Chart:
        return base.transform_filter(alt.FieldOneOfPredicate(field="kind", oneOf=list(kinds)))

    zone = (
        kind("zone")
        .mark_bar(color=ZONE_COLOUR, opacity=0.25, height=22)
        .encode(x=x, x2="norm_end:Q")
    )
    no_zone = (
        kind("no zone").mark_text(color="#B71C1C", fontSize=11, dy=-12).encode(x=x, text="text:N")
    )
    draft = kind("draft").mark_tick(thickness=3, size=26, color=DRAFT_COLOUR).encode(x=x)
    parties = (
        kind("party")
        .mark_circle(size=140, opacity=0.85)
        .encode(x=x, color=alt.Color("label:N", scale=colours, legend=top_legend("Party")))
    )
    models = (
        kind("compromise", "median")
        .mark_point(size=160, filled=True, color=MODEL_COLOUR, opacity=0.95)
        .encode(
            x=x,
            shape=alt.Shape(
                "label:N",
                scale=MODEL_SHAPES,
                legend=top_legend("Forecast", symbolFillColor=MODEL_COLOUR, symbolSize=120),
            ),
        )
    )
    landing = kind("compromise").encode(x=x, text="words:N")
    words = {"baseline": "top", "dy": 8, "fontSize": 11, "lineHeight": 13, "lineBreak": "\n"}
    lands = landing.transform_filter("datum.side == 'right'").mark_text(
        align="left", dx=6, **words
    ) + landing.transform_filter("datum.side == 'left'").mark_text(align="right", dx=-6, **words)
    status_quo = reference_marks(references, y, x)
    chart = zone + no_zone + status_quo + draft + parties + models + lands
    # parties and forecasts share the field `label`: kept apart, each legend shows its marks
    return chart.resolve_legend(color="independent", shape="independent").properties(
        title=alt.TitleParams(
            title,
            subtitle=wrap(
                "Black tick: the draft's term. Green band: the zone of agreement. Grey cross: the "
                "reference point (status quo). Under the diamond: where the compromise lands.",
                SUBTITLE_CHARS,
            ),
        ),
        width=620,
        height=alt.Step(FORECAST_ROW),
    )


def sensitivity_chart(
    frame: pd.DataFrame,
    colours: alt.Scale,
    poles: Poles = UNNAMED_POLES,
    title: str = "How the forecast moves",
) -> alt.LayerChart:
    """The compromise forecast as one party's capability (or salience) goes from 0 to 1, the
    others as the data say: one line per party, steeper means more sway. It stretches to the
    width it is given, the legend of parties under it."""
    factor = frame["factor"].iloc[0] if len(frame) else "capability"
    base = alt.Chart(frame).encode(
        x=alt.X("setting:Q", scale=alt.Scale(domain=[0, 1]), title=f"The party's {factor}"),
        y=alt.Y(
            "compromise:Q",
            scale=alt.Scale(domain=[0, 1]),
            axis=norm_axis(poles, title="Compromise forecast"),
        ),
        color=alt.Color(
            "party_name:N", scale=colours, legend=party_legend(colours.domain, "Party varied")
        ),
        tooltip=[
            alt.Tooltip("issue_name:N", title="Issue"),
            alt.Tooltip("party_name:N", title="Party varied"),
            alt.Tooltip("setting:Q", title=factor.capitalize(), format=".2f"),
            alt.Tooltip("compromise_label:N", title="Compromise"),
            alt.Tooltip("median_label:N", title="Weighted median"),
        ],
    )
    return (base.mark_line(strokeWidth=2) + base.mark_point(size=50, filled=True)).properties(
        title=wrap(title, TITLE_CHARS), width="container", height=260
    )
