"""What every chart shares: the colours, the diverging position scale, the axes and legends that
name the dataset's poles, the tooltips, and the labels worked out in `chart_layout`."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

import altair as alt
import pandas as pd

from negotiation.charts.layout import wrap
from negotiation.data.model import DRAFT, Dataset, Poles

UNKNOWN_COLOURS = {"undisclosed": "#bdbdbd", "no position": "#ffffff"}
DRAFT_COLOUR = "#222222"
FALLBACK_COLOURS = ("#4C78A8", "#F58518", "#E45756", "#72B7B2", "#54A24B", "#B279A2", "#9D755D")
POLE_COLOURS = ("#2c7bb6", "#abd9e9", "#ffffbf", "#fdae61", "#d7191c")
"""Blue at the low pole, pale yellow midway, red at the high pole (ColorBrewer RdYlBu, safe for
colour-blind readers); the unknown states use greys and white outside it."""
POSITION_SCALE = alt.Scale(domain=[0, 0.25, 0.5, 0.75, 1], range=list(POLE_COLOURS))
LABEL_LIMIT = 260
UNNAMED_POLES = Poles()
"""A dataset that names no poles: each scale's own start and end."""
REFERENCE_COLOUR = "#6d6d6d"
TITLE_CHARS = 38
"""A title of a chart that stretches to its container is wrapped to lines this long, which fit
a phone's width (Vega cuts a title wider than its chart)."""
SUBTITLE_CHARS = 52
"""A chart's subtitle is wrapped to lines this long, so that it reads whole on a phone (a
chart is about 340 pixels wide at 390)."""
VERTICAL_POLE_CHARS = 12
LEGEND_CHARS = 24
"""A party's name in a legend under a chart is wrapped to lines this long (a phone's width
less the axis beside the plot)."""
FONT_SIZE = 11
"""The size of the labels set beside marks, which `chart_layout` measures."""


def pole_labels(poles: Poles, midway: str = "", chars: int = 0) -> str:
    """A Vega expression naming 0 and 1 by the poles (0.5 by `midway`, other ticks unlabelled),
    the names wrapped to lines of `chars` characters when given."""
    low, high, mid = (
        json.dumps(wrap(name, chars) if chars else name, ensure_ascii=False)
        for name in (poles.low, poles.high, midway)
    )
    return f"datum.value <= 0 ? {low} : datum.value >= 1 ? {high} : datum.value == 0.5 ? {mid} : ''"


def norm_axis(poles: Poles, title: str | None = None) -> alt.Axis:
    """The axis of a normalised position: its two ends named by the dataset's poles, titled by
    them; a vertical axis is given a short `title` (one longer than the chart is tall squeezes
    the chart) and its pole names wrapped (they take width from the plot)."""
    return alt.Axis(
        title=title or f"Position: {poles.low} (0) to {poles.high} (1)",
        values=[0, 0.25, 0.5, 0.75, 1],
        labelExpr=pole_labels(poles, chars=VERTICAL_POLE_CHARS if title else 0),
        labelFlush=True,
        labelOverlap=False,
        labelLimit=0,
    )


def norm_legend(poles: Poles, at: tuple[float, float] | None = None) -> alt.Legend:
    """The colour legend of a normalised position: its ends named by the poles, its middle
    'midway'; above the chart, or at (x, y) pixels from the top left of the plot."""
    place = {"orient": "none", "legendX": at[0], "legendY": at[1]} if at else {"orient": "top"}
    return alt.Legend(
        title=f"Position, from {poles.low} to {poles.high}",
        **place,
        direction="horizontal",
        values=[0, 0.5, 1],
        labelExpr=pole_labels(poles, "midway"),
        labelLimit=0,
        titleLimit=0,
        gradientLength=300,
    )


def party_legend(names: Sequence[str], title: str = "Party") -> alt.Legend:
    """A legend of the parties `names` under the chart, one a line, a long name wrapped, never
    cut: it stays in view on a narrow screen where a legend on the right would push the chart
    off it."""
    return alt.Legend(
        title=title,
        orient="bottom",
        direction="vertical",
        labelLimit=0,
        labelExpr=lines_expr({name: wrap(name, LEGEND_CHARS) for name in names}),
    )


def lines_expr(lines: Mapping[str, Sequence[str]]) -> str:
    """A Vega label expression that prints each label as its lines in `lines` (a label not in
    it as it is)."""
    return f"{json.dumps(dict(lines), ensure_ascii=False)}[datum.label] || datum.label"


def reference_tooltip() -> list[alt.Tooltip]:
    return [
        alt.Tooltip("issue_name:N", title="Issue"),
        alt.Tooltip("label:N", title="Reference point (status quo)"),
        alt.Tooltip("value_label:N", title="Value"),
        alt.Tooltip("sources:N", title="Sources"),
    ]


def position_tooltip(links: bool = True, since: bool = False) -> list[alt.Tooltip]:
    """A position's tooltip: names, value, since when it stands (where the frame says), stance,
    status, sources, the source's own words and (where the frame has them) the sources' links."""
    return [
        alt.Tooltip("party_name:N", title="Party"),
        alt.Tooltip("issue_name:N", title="Issue"),
        alt.Tooltip("value_label:N", title="Position"),
        *([alt.Tooltip("since:N", title="Carried")] if since else []),
        alt.Tooltip("stance:N", title="Stance"),
        alt.Tooltip("status:N", title="Status"),
        alt.Tooltip("confidence:N", title="Confidence"),
        alt.Tooltip("sources:N", title="Sources"),
        alt.Tooltip("quote:N", title="In the source's words"),
        *([alt.Tooltip("links:N", title="Links")] if links else []),
    ]


def party_colours(ds: Dataset, parties: list[str] | None = None) -> alt.Scale:
    """The colour scale for party names: the dataset's colours, the draft in near-black."""
    chosen = [p for p in ds.parties if parties is None or p.id in parties]
    domain = [ds.party(DRAFT).name, *(p.name for p in chosen)]
    colours = [
        DRAFT_COLOUR,
        *(p.colour or FALLBACK_COLOURS[i % len(FALLBACK_COLOURS)] for i, p in enumerate(chosen)),
    ]
    return alt.Scale(domain=domain, range=colours)


def top_legend(title: str, columns: int = 3, **symbols: object) -> alt.Legend:
    """A legend above the chart, its entries side by side (`columns` a row) and never cut."""
    return alt.Legend(
        title=title, orient="top", direction="horizontal", labelLimit=0, columns=columns, **symbols
    )


def reference_marks(references: pd.DataFrame | None, y: alt.Y, x: alt.X) -> alt.Chart:
    """The reference points of the issues shown, as grey crosses (nothing drawn when none)."""
    shown = references if references is not None else pd.DataFrame(columns=["issue_name", "norm"])
    return (
        alt.Chart(shown)
        .mark_point(shape="cross", size=120, filled=True, color=REFERENCE_COLOUR)
        .encode(y=y, x=x, tooltip=reference_tooltip())
    )
