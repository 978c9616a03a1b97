"""Altair chart builders: a DataFrame from `analysis` in, an `alt.Chart` out, never shown.

The matrix and the one-issue charts have modules of their own (`charts_matrix`, `charts_issue`),
what all share is in `chart_style`, and label placement in `chart_layout`; every builder is
importable from here."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from negotiation.chart_layout import abridge, label_lanes, time_domain, wrap
from negotiation.chart_style import (
    DRAFT_COLOUR,
    LABEL_LIMIT,
    POSITION_SCALE,
    REFERENCE_COLOUR,
    TITLE_CHARS,
    UNKNOWN_COLOURS,
    UNNAMED_POLES,
    norm_axis,
    norm_legend,
    party_colours,
    party_legend,
    position_tooltip,
    reference_tooltip,
)
from negotiation.charts_issue import evolution_chart, issue_scale_chart
from negotiation.charts_matrix import position_heatmap
from negotiation.model import DRAFT, Poles

__all__ = [
    "POSITION_SCALE",
    "UNKNOWN_COLOURS",
    "agreement_heatmap",
    "draft_distance_chart",
    "draft_drift_chart",
    "evolution_chart",
    "forecast_chart",
    "issue_scale_chart",
    "norm_axis",
    "norm_legend",
    "party_colours",
    "position_heatmap",
    "positions_dotplot",
    "sensitivity_chart",
    "timeline_chart",
    "widest_gaps_chart",
]


def positions_dotplot(
    frame: pd.DataFrame,
    colours: alt.Scale,
    poles: Poles = UNNAMED_POLES,
    references: pd.DataFrame | None = None,
    title: str = "Where each party stands",
) -> alt.LayerChart:
    """Each party's normalised position per issue as a dot, the draft's term as a black tick,
    the reference point (status quo) as a grey cross: the horizontal distance between dots is
    the gap."""
    known = frame[frame["norm"].notna()]
    issues = list(dict.fromkeys(frame["issue_name"]))
    y = alt.Y("issue_name:N", sort=issues, title=None, axis=alt.Axis(labelLimit=LABEL_LIMIT))
    x = alt.X("norm:Q", scale=alt.Scale(domain=[0, 1]), axis=norm_axis(poles))
    base = alt.Chart(known).encode(y=y, x=x, tooltip=position_tooltip())
    parties = (
        base.transform_filter(f"datum.party != '{DRAFT}'")
        .mark_circle(size=140, opacity=0.85)
        .encode(color=alt.Color("party_name:N", scale=colours, legend=_top_legend("Party")))
    )
    draft = base.transform_filter(f"datum.party == '{DRAFT}'").mark_tick(
        thickness=3, size=26, color=DRAFT_COLOUR
    )
    marks = _reference_marks(references, y, x) + draft + parties
    return marks.properties(title=title, width=560, height=alt.Step(30))


def _reference_marks(references: pd.DataFrame | None, y: alt.Y, x: alt.X) -> alt.Chart:
    """The reference points of the issues shown, as grey crosses (nothing drawn when none)."""
    shown = references if references is not None else pd.DataFrame(columns=["issue_name", "norm"])
    return (
        alt.Chart(shown)
        .mark_point(shape="cross", size=120, filled=True, color=REFERENCE_COLOUR)
        .encode(y=y, x=x, tooltip=reference_tooltip())
    )


def agreement_heatmap(
    agreement: pd.DataFrame, title: str = "Agreement between parties"
) -> alt.Chart:
    """Party × party: share of issues known for both on which they agree, with the count."""
    frame = agreement.assign(
        label=[
            f"{int(a)}/{int(k)}" if k else "none known"
            for a, k in zip(agreement["agreed"], agreement["known"], strict=True)
        ]
    )
    names = list(dict.fromkeys(frame["party_a_name"]))
    base = alt.Chart(frame).encode(
        x=alt.X(
            "party_b_name:N", sort=names, title=None, axis=alt.Axis(labelAngle=0, orient="top")
        ),
        y=alt.Y("party_a_name:N", sort=names, title=None),
        tooltip=[
            alt.Tooltip("party_a_name:N", title="Party"),
            alt.Tooltip("party_b_name:N", title="With"),
            alt.Tooltip("agreed:Q", title="Issues agreed"),
            alt.Tooltip("known:Q", title="Issues known for both"),
            alt.Tooltip("share:Q", title="Share agreed", format=".0%"),
            alt.Tooltip("weighted_share:Q", title="Salience-weighted", format=".0%"),
        ],
    )
    cells = base.mark_rect(stroke="white", invalid="show").encode(
        color=alt.Color(
            "share:Q",
            scale=alt.Scale(scheme="blues", domain=[0, 1]),
            title="Share agreed",
            legend=alt.Legend(format=".0%"),
            condition={"test": "!isValid(datum.share)", "value": UNKNOWN_COLOURS["undisclosed"]},
        )
    )
    text = base.mark_text(fontSize=12).encode(
        text="label:N",
        color=alt.condition("datum.share > 0.5", alt.value("white"), alt.value("black")),
    )
    return (cells + text).properties(title=title, width=alt.Step(110), height=alt.Step(40))


def widest_gaps_chart(widest: pd.DataFrame, title: str = "Widest gaps") -> alt.Chart:
    """Issues ranked by the widest gap between any two parties."""
    frame = widest.assign(pair=widest["party_a_name"] + " vs " + widest["party_b_name"])
    return (
        alt.Chart(frame)
        .mark_bar(color="#E45756")
        .encode(
            x=alt.X("gap:Q", scale=alt.Scale(domain=[0, 1]), title="Widest gap (share of scale)"),
            y=alt.Y("issue_name:N", sort="-x", title=None, axis=alt.Axis(labelLimit=LABEL_LIMIT)),
            tooltip=[
                alt.Tooltip("issue_name:N", title="Issue"),
                alt.Tooltip("pair:N", title="Between"),
                alt.Tooltip("gap:Q", title="Gap (share of the scale)", format=".2f"),
                alt.Tooltip("gap_units:Q", title="Gap in units", format=",.0f"),
                alt.Tooltip("units:N", title="Units"),
            ],
        )
        .properties(title=title, width=520, height=alt.Step(24))
    )


TIMELINE_WIDTH = 760
TIMELINE_FONT = 12
LANE = 26


def timeline_chart(versions: pd.DataFrame, title: str = "Versions by date") -> alt.LayerChart:
    """The versions on a time axis, coloured by kind, each named beside its dot on a lane of its
    own where names would meet (`chart_layout.label_lanes`): readable at any number of versions."""
    frame = versions.sort_values("date").reset_index(drop=True)
    placed = label_lanes(frame["date"], frame["name"], TIMELINE_WIDTH, TIMELINE_FONT)
    frame = frame.assign(lane=placed["lane"], side=placed["side"])
    start, end = time_domain(frame["date"])
    lanes = int(frame["lane"].max()) + 1
    base = alt.Chart(frame).encode(
        x=alt.X(
            "date:T",
            title=None,
            scale=alt.Scale(domain=[start.isoformat(), end.isoformat()]),
            axis=alt.Axis(format="%d %b %Y", labelAngle=0, labelOverlap=True, labelFlush=True),
        ),
        y=alt.Y("lane:Q", axis=None, scale=alt.Scale(domain=[-0.6, lanes - 0.4])),
        tooltip=[
            alt.Tooltip("name:N", title="Version"),
            alt.Tooltip("date:T", title="Date", format="%d %b %Y"),
            alt.Tooltip("kind:N", title="Kind"),
            alt.Tooltip("author:N", title="Author"),
            alt.Tooltip("summary:N", title="Summary"),
        ],
    )
    stems = base.mark_rule(color="#dddddd").encode(y2=alt.datum(-0.6))
    points = base.mark_point(size=140, filled=True, opacity=1).encode(
        color=alt.Color(
            "kind:N",
            title="Kind",
            scale=alt.Scale(scheme="tableau10"),
            # two columns: in view on a phone, where the chart scrolls in its box
            legend=alt.Legend(orient="top", direction="horizontal", labelLimit=0, columns=2),
        )
    )
    right = base.transform_filter("datum.side == 'right'").mark_text(
        align="left", dx=9, fontSize=TIMELINE_FONT
    )
    left = base.transform_filter("datum.side == 'left'").mark_text(
        align="right", dx=-9, fontSize=TIMELINE_FONT
    )
    return (stems + points + right.encode(text="name:N") + left.encode(text="name:N")).properties(
        title=title, width=TIMELINE_WIDTH, height=LANE * lanes
    )


def draft_distance_chart(
    distance: pd.DataFrame, colours: alt.Scale, title: str = "Whom each draft favours"
) -> alt.Chart:
    """Per version, the distance from the draft's text to each party (lower: closer)."""
    known = distance[distance["distance"].notna()]
    base = alt.Chart(known).encode(
        x=alt.X(
            "version_date:T",
            title="Version date",
            axis=alt.Axis(format="%d %b %Y", labelOverlap=True, labelFlush=True),
        ),
        y=alt.Y(
            "distance:Q",
            scale=alt.Scale(domain=[0, 1]),
            title="Distance from the draft (0 = identical)",
        ),
        color=alt.Color("party_name:N", scale=colours, legend=party_legend(colours.domain)),
        tooltip=[
            alt.Tooltip("version_name:N", title="Version"),
            alt.Tooltip("party_name:N", title="Party"),
            alt.Tooltip("distance:Q", title="Distance", format=".2f"),
            alt.Tooltip("known:Q", title="Issues known for both"),
        ],
    )
    return (base.mark_line(strokeWidth=2) + base.mark_point(size=70, filled=True)).properties(
        title=wrap(title, TITLE_CHARS), width="container", height=260
    )


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
        side=np.where(marks["norm"] <= 0.55, "right", "left"),
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
        .encode(x=x, color=alt.Color("label:N", scale=colours, legend=_top_legend("Party")))
    )
    models = (
        kind("compromise", "median")
        .mark_point(size=160, filled=True, color=MODEL_COLOUR, opacity=0.95)
        .encode(
            x=x,
            shape=alt.Shape(
                "label:N",
                scale=MODEL_SHAPES,
                legend=_top_legend("Forecast", symbolFillColor=MODEL_COLOUR, symbolSize=120),
            ),
        )
    )
    landing = kind("compromise").encode(x=x, text="words:N")
    words = {"baseline": "top", "dy": 8, "fontSize": 11, "lineHeight": 13, "lineBreak": "\n"}
    lands = landing.transform_filter("datum.side == 'right'").mark_text(
        align="left", dx=6, **words
    ) + landing.transform_filter("datum.side == 'left'").mark_text(align="right", dx=-6, **words)
    status_quo = _reference_marks(references, y, x)
    chart = zone + no_zone + status_quo + draft + parties + models + lands
    # parties and forecasts share the field `label`: kept apart, each legend shows its marks
    return chart.resolve_legend(color="independent", shape="independent").properties(
        title=alt.TitleParams(
            title,
            subtitle="Black tick: the draft's term. Green band: the zone of agreement. "
            "Grey cross: the reference point (status quo). Under the diamond: where the "
            "compromise lands.",
        ),
        width=620,
        height=alt.Step(FORECAST_ROW),
    )


def _top_legend(title: str, **symbols: object) -> alt.Legend:
    """A legend above the chart, its entries side by side and never cut."""
    return alt.Legend(
        title=title, orient="top", direction="horizontal", labelLimit=0, columns=3, **symbols
    )


DRIFT_BAR = 14
DRIFT_CHARS = 44
"""A revision's name is wrapped to lines this long (two fit a phone's width)."""
DRIFT_LINE = 13


def draft_drift_chart(
    overall: pd.DataFrame, colours: alt.Scale, title: str = "Whom each revision moved toward"
) -> alt.LayerChart:
    """Per revision, the change in the draft's distance to each party, the revision named above
    its bars: bars left of zero mean the revision moved toward that party. It stretches to the
    width it is given, the legend of parties under it."""
    names = {r: wrap(r, DRIFT_CHARS) for r in dict.fromkeys(overall["revision"])}
    lines = max(map(len, names.values()), default=1)
    # Vega sets a text's first line at its anchor and the rest below: end every name on its
    # last line by padding, and lift the whole into the room left above each revision's bars
    frame = overall.assign(
        name=overall["revision"].map(lambda r: "\n".join(names[r] + [""] * (lines - len(names[r]))))
    )
    revisions = list(names)
    parties = [p for p in colours.domain if p in set(frame["party_name"])]
    room = DRIFT_LINE * lines + 8
    step = DRIFT_BAR * len(parties) + room  # one revision's bars and its name above them
    y = alt.Y(
        "revision:N",
        sort=revisions,
        axis=None,
        scale=alt.Scale(paddingInner=room / step, paddingOuter=room / step),
    )
    base = alt.Chart(frame).encode(y=y)
    bars = base.mark_bar().encode(
        x=alt.X(
            "change:Q",
            title=["Change in distance from the draft", "(negative: moved toward the party)"],
            scale=alt.Scale(domain=[-1, 1]),
            axis=alt.Axis(values=[-1, -0.5, 0, 0.5, 1], format="+.1~f"),
        ),
        yOffset=alt.YOffset("party_name:N", sort=parties),
        color=alt.Color("party_name:N", scale=colours, legend=party_legend(colours.domain)),
        tooltip=[
            alt.Tooltip("revision:N", title="Revision"),
            alt.Tooltip("party_name:N", title="Party"),
            alt.Tooltip("distance_old:Q", title="Distance before", format=".2f"),
            alt.Tooltip("distance_new:Q", title="Distance after", format=".2f"),
            alt.Tooltip("change:Q", title="Change", format="+.2f"),
            alt.Tooltip("issues:Q", title="Issues known"),
        ],
    )
    zero = alt.Chart(frame).mark_rule(color="#888888").encode(x=alt.datum(0))  # full height
    names = (
        base.transform_window(n="row_number()", groupby=["revision"])
        .transform_filter("datum.n == 1")  # one name per revision
        .mark_text(
            align="left",
            baseline="bottom",
            dy=-4 - DRIFT_LINE * (lines - 1),
            fontSize=11,
            lineHeight=DRIFT_LINE,
            lineBreak="\n",
            fontWeight="bold",
        )
        .encode(x=alt.value(0), y=alt.Y(y.shorthand, sort=revisions, bandPosition=0), text="name:N")
    )
    return (zero + bars + names).properties(
        title=wrap(title, TITLE_CHARS),
        width="container",
        height=alt.Step(DRIFT_BAR, **{"for": "offset"}),
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
