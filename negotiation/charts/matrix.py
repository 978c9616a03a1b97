"""The position matrix: party × issue cells coloured between the dataset's two poles, each with
its position in words (abridged to two lines, whole in the tooltip), one block per issue group
named above its issues."""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd

from negotiation.charts.layout import abridge, chars_in, text_width, wrap
from negotiation.charts.style import (
    POLE_COLOURS,
    POSITION_SCALE,
    UNKNOWN_COLOURS,
    UNNAMED_POLES,
    lines_expr,
    norm_legend,
    position_tooltip,
)
from negotiation.data.model import Poles

CELL_WIDTH = 150
"""A cell's width, when the page has room for it."""
MIN_CELL_WIDTH = 96
"""The narrowest a cell gets so that every column fits the page (seven columns at 1440 px)."""
PAGE_WIDTH = 940
"""Pixels a chart has beside the sidebar at 1440 px wide: the matrix's columns fit in it."""
CELL_HEIGHT = 34
CELL_FONT = 10
CELL_LINES = 2
LINE_HEIGHT = 12
PARTY_FONT = 11
PARTY_LINE = 13
LEGEND_HEIGHT = 62
"""The colour legend's height with its title and labels, in pixels."""
CARRIED_OPACITY = 0.45
"""A carried position's cell is this much of its colour: a lighter tint, named in the legend."""
STATED, CARRIED = "stated at this version", "carried from an earlier version"
CARRIED_SCALE = alt.Scale(domain=[STATED, CARRIED], range=[1, CARRIED_OPACITY])
CARRIED_LEGEND_X = 360
"""Pixels from the colour legend's left edge to the cells' legend, beside it."""
ISSUE_CHARS = 26
"""An issue's name is wrapped to lines this long, so that the matrix fits a laptop's screen."""
GROUP_CHARS = 26
"""A group's name is wrapped to lines this long, above its issues' names."""
GROUP_FONT = 12
GROUP_PADDING = -12
"""Pixels from a group's name to its first row: the header's band is taller than the name, and
this sets the name just above the row."""


def cell_width(columns: int, indent: float) -> int:
    """A cell's width in pixels: CELL_WIDTH, narrower (down to MIN_CELL_WIDTH) when `columns`
    cells beside issue names `indent` wide would not fit the page, so no party is hidden
    behind a sideways scroll."""
    room = (PAGE_WIDTH - indent - 10) / max(columns, 1)
    return int(min(CELL_WIDTH, max(MIN_CELL_WIDTH, room)))


def cell_text(labels: pd.Series, width: int = CELL_WIDTH) -> pd.Series:
    """Each cell's words in lines that fit a cell `width` wide, one string broken by newlines:
    whole when they fit in two lines, else the longest opening clause that does (the tooltip
    holds the whole)."""
    chars = chars_in(width - 8, CELL_FONT)
    return labels.map(lambda label: "\n".join(abridge(str(label), chars, CELL_LINES)))


def bottom_aligned(lines: dict[str, list[str]]) -> dict[str, list[str]]:
    """Labels of several lines, shorter ones led by blank lines, so that every label's last line
    sits at one height (Vega sets an axis label's first line at the tick, the rest below it)."""
    most = max(map(len, lines.values()), default=1)
    return {label: [""] * (most - len(words)) + words for label, words in lines.items()}


def position_heatmap(
    matrix: pd.DataFrame, poles: Poles = UNNAMED_POLES, title: str = "Positions by party and issue"
) -> alt.FacetChart:
    """Party × issue cells coloured by normalised position on a diverging scale centred between
    the poles, one block per issue group, named above its first issue; undisclosed and
    no-position cells in greys outside the scale, labelled in the cell.

    One faceted chart rather than a block per group stacked: Altair copies every block at each
    step of stacking them, which took 0.6 s of the Overview's first view on the bundled data."""
    carried = matrix["since"].ne("") if "since" in matrix else pd.Series(False, matrix.index)
    parties = list(dict.fromkeys(matrix["party_name"]))
    issues = {i: wrap(i, ISSUE_CHARS) for i in dict.fromkeys(matrix["issue_name"])}
    width = cell_width(len(parties), _indent(issues))
    frame = matrix.assign(
        cell=cell_text(matrix.get("value_short", matrix["value_label"]), width),
        group=matrix["group"].map(_group_name),
        shown=carried.map({False: STATED, True: CARRIED}),
    )
    names = bottom_aligned({p: wrap(p, chars_in(width - 6, PARTY_FONT)) for p in parties})
    groups = {g: wrap(g, GROUP_CHARS) for g in dict.fromkeys(frame["group"])}
    labels = Labels(names, issues, _indent(issues), width)
    header = alt.Header(
        title=None,
        labelOrient="top",
        labelAngle=0,
        labelAnchor="start",
        labelAlign="right",  # ending where the cells begin, above the issue names
        labelBaseline="bottom",
        labelExpr=lines_expr(groups),
        labelFontSize=GROUP_FONT,
        labelFontWeight="bold",
        labelLineHeight=GROUP_FONT + 2,
        labelLimit=0,
        labelPadding=GROUP_PADDING,
    )
    return (
        _cells(parties, labels, poles, carried.any())
        .facet(
            row=alt.Row("group:N", sort=list(groups), title=None, header=header),
            data=frame,
            spacing=10,
            title=title,
        )
        .resolve_scale(y="independent")  # each group's rows, and only those, in its block
    )


@dataclass(frozen=True)
class Labels:
    """The matrix's labels in lines: party names above the columns, issue names left of the rows,
    and how far left of the cells the issue names start."""

    parties: dict[str, list[str]]
    issues: dict[str, list[str]]
    indent: float
    width: int = CELL_WIDTH
    """A cell's width in pixels (`cell_width`)."""

    @property
    def header(self) -> float:
        """The height of the party names above the first row, in pixels."""
        return PARTY_LINE * len(next(iter(self.parties.values()), [""])) + 12


def _group_name(group: str) -> str:
    return group[:1].upper() + group[1:]


def _indent(issues: dict[str, list[str]]) -> float:
    """From the cells' left edge past the issue names, in pixels: where the legend starts."""
    lines = [line for wrapped in issues.values() for line in wrapped]
    return max((text_width(line, PARTY_FONT) for line in lines), default=0) + 14


def _cells(parties: list[str], labels: Labels, poles: Poles, carried: bool) -> alt.LayerChart:
    """One group's rows (the data comes from the enclosing chart): a coloured cell per party and
    issue, with its words."""
    x_axis = alt.Axis(
        labelAngle=0,
        orient="top",
        domain=False,
        labelExpr=lines_expr(labels.parties),
        labelFontSize=PARTY_FONT,
        labelLineHeight=PARTY_LINE,
        labelLimit=0,
        labelPadding=labels.header - PARTY_LINE - 8,
    )
    y_axis = alt.Axis(
        labelExpr=lines_expr(labels.issues),
        labelLimit=0,
        labelFontSize=PARTY_FONT,
        labelLineHeight=PARTY_LINE,
    )
    base = alt.Chart().encode(
        x=alt.X("party_name:N", sort=parties, title=None, axis=x_axis),
        y=alt.Y("issue_name:N", sort=None, title=None, axis=y_axis),
        tooltip=position_tooltip(since=carried),
    )
    unknown_fill = [
        {"test": f"datum.status_label == '{status}'", "value": colour}
        for status, colour in UNKNOWN_COLOURS.items()
    ]
    cells = base.mark_rect(stroke="#9e9e9e", strokeWidth=0.5, invalid="show").encode(
        color=alt.Color(
            "norm:Q",
            scale=POSITION_SCALE,
            # at the matrix's left edge, above the party names: in view in a narrow scroll box
            legend=norm_legend(poles, at=(-labels.indent, -labels.header - LEGEND_HEIGHT)),
            condition=unknown_fill,
        ),
        # a condition, not a scale: the key below draws the legend
        opacity=alt.condition(
            f"datum.shown == '{CARRIED}'", alt.value(CARRIED_OPACITY), alt.value(1)
        ),
    )
    # white words on the strong colours near either pole, black on the pale middle and greys
    strong = f"datum.known && datum.shown == '{STATED}' && (datum.norm < 0.15 || datum.norm > 0.85)"
    ink = [{"test": strong, "value": "white"}]
    words = alt.ColorValue("#1a1a1a", condition=ink)
    # Vega sets a text's first line at the mark's middle: two lines move up by half a line
    one = base.transform_filter("indexof(datum.cell, '\\n') < 0").mark_text(fontSize=CELL_FONT)
    two = base.transform_filter("indexof(datum.cell, '\\n') >= 0").mark_text(
        fontSize=CELL_FONT, lineHeight=LINE_HEIGHT, dy=-LINE_HEIGHT / 2, lineBreak="\n"
    )
    key = [_carried_key(base, labels)] if carried else []
    return alt.layer(
        cells,
        one.encode(text="cell:N", color=words),
        two.encode(text="cell:N", color=words),
        *key,
        width=alt.Step(labels.width),
        height=alt.Step(CELL_HEIGHT),
    )


def _carried_key(base: alt.Chart, labels: Labels) -> alt.Chart:
    """The legend of the carried cells' lighter tint, beside the colour legend: drawn by a
    layer of invisible squares, since a legend of the cells' own opacity takes the grey of
    their undisclosed state for its symbols."""
    legend = alt.Legend(
        title="Cells",
        orient="none",
        legendX=-labels.indent + CARRIED_LEGEND_X,
        legendY=-labels.header - LEGEND_HEIGHT,
        direction="horizontal",  # one row, as tall as the colour legend: a column ran into the
        symbolType="square",  # party names in the browser
        symbolSize=160,
        symbolStrokeColor="#9e9e9e",
        labelLimit=0,
    )
    return base.mark_square(size=0, filled=True, color=POLE_COLOURS[0]).encode(
        opacity=alt.Opacity("shown:N", scale=CARRIED_SCALE, legend=legend), tooltip=alt.value(None)
    )
