"""Altair chart builders: a DataFrame from `analysis` in, an `alt.Chart` out, never shown.

The matrix, the one-issue charts and the forecast charts have modules of their own
(`charts_matrix`, `charts_issue`, `charts_forecast`), what all share is in `chart_style`, and
label placement in `chart_layout`; every builder is importable from here."""

from __future__ import annotations

import altair as alt
import pandas as pd

from negotiation.charts.forecast import forecast_chart, sensitivity_chart
from negotiation.charts.issue import evolution_chart, issue_scale_chart
from negotiation.charts.layout import label_lanes, time_domain, wrap
from negotiation.charts.matrix import position_heatmap
from negotiation.charts.style import (
    DRAFT_COLOUR,
    LABEL_LIMIT,
    POSITION_SCALE,
    TITLE_CHARS,
    UNKNOWN_COLOURS,
    UNNAMED_POLES,
    norm_axis,
    norm_legend,
    party_colours,
    party_legend,
    position_tooltip,
    reference_marks,
    top_legend,
)
from negotiation.data.model import DRAFT, Poles

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
        .encode(color=alt.Color("party_name:N", scale=colours, legend=top_legend("Party")))
    )
    draft = base.transform_filter(f"datum.party == '{DRAFT}'").mark_tick(
        thickness=3, size=26, color=DRAFT_COLOUR
    )
    marks = reference_marks(references, y, x) + draft + parties
    return marks.properties(title=title, width=560, height=alt.Step(30))


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
            scale=alt.Scale(scheme="tableau10"),
            # two columns: in view on a phone, where the chart scrolls in its box
            legend=top_legend("Kind", columns=2),
        )
    )
    right = base.transform_filter("datum.side == 'right'").mark_text(
        align="left", dx=9, fontSize=TIMELINE_FONT
    )
    left = base.transform_filter("datum.side == 'left'").mark_text(
        align="right", dx=-9, fontSize=TIMELINE_FONT
    )
    # alt.layer, not +: each + copied every layer before it
    return alt.layer(
        stems, points, right.encode(text="name:N"), left.encode(text="name:N")
    ).properties(title=title, width=TIMELINE_WIDTH, height=LANE * lanes)


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
