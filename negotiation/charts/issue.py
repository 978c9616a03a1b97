"""One issue in its own terms: the parties' positions on its scale (units, or every level in
words) with the draft's term, the reference point and the widest gap, and the same positions
version by version."""

from __future__ import annotations

import json

import altair as alt
import pandas as pd

from negotiation.charts.layout import abridge, chars_in, dodge, label_side, wrap
from negotiation.charts.style import (
    DRAFT_COLOUR,
    FONT_SIZE,
    REFERENCE_COLOUR,
    SUBTITLE_CHARS,
    TITLE_CHARS,
    UNNAMED_POLES,
    party_legend,
    position_tooltip,
    reference_tooltip,
)
from negotiation.data.model import DRAFT, Issue, Poles, Scale
from negotiation.data.references import REFERENCE

ISSUE_WIDTH = 640
ROW = 48
MARK_CHARS = 26
"""The width of a mark's label, in characters (two lines at most)."""
ZOOM_PAD = 0.08
"""The margin kept on each side of a numeric issue's positions, as a share of its scale."""


def scale_axis_values(scale: Scale, norms: pd.Series) -> pd.Series:
    """Normalised positions as values on the issue's own axis: units on a numeric scale (a named
    value at its end), the level's index (0 for the first listed) on an ordinal one."""
    if scale.is_numeric:
        return norms.map(scale.denormalise)
    return norms.map(lambda norm: scale.native(norm) - 1)


def numeric_domain(scale: Scale, values: pd.Series) -> list[float]:
    """The stretch of a numeric scale that holds `values`, a margin either side, within the
    scale's bounds: the positions spread over the chart instead of crowding one end."""
    span = scale.max - scale.min
    low = max(scale.min, float(values.min()) - ZOOM_PAD * span)
    high = min(scale.max, float(values.max()) + ZOOM_PAD * span)
    return [low, high] if high > low else [scale.min, scale.max]


def _axis(issue: Issue, values: pd.Series, length: float, vertical: bool) -> tuple[alt.Scale, dict]:
    """The issue's scale and axis: units zoomed on the values, or every level labelled in
    wrapped words (low pole first, left or bottom)."""
    scale = issue.scale
    if scale.is_numeric:
        unit = f" ({scale.unit})" if scale.unit else ""
        domain = numeric_domain(scale, values)
        # padded in pixels, so that a mark at the scale's end clears the axis
        return alt.Scale(domain=domain, reverse=scale.descending, zero=False, padding=24), {
            "title": f"{issue.name}{unit}",
            "format": ",~f",
            "tickCount": 8,
            "labelExpr": _named_ends(scale),
        }
    count = len(scale.levels)
    chars = 24 if vertical else chars_in(length / count - 8, FONT_SIZE)
    lines = [wrap(level.brief, chars) for level in scale.levels]
    return alt.Scale(domain=[-0.5, count - 0.5], reverse=scale.descending, nice=False), {
        "title": None,
        "values": list(range(count)),
        "labelExpr": f"{json.dumps(lines, ensure_ascii=False)}[datum.value]",
        "labelLimit": 0,
        "labelFontSize": FONT_SIZE,
        "grid": True,
    }


def _named_ends(scale: Scale) -> str:
    """A label expression that names a scale end where a named value stands ("No cap")."""
    expression = "datum.label"
    for named in scale.named:
        at = scale.max if named.at == "max" else scale.min
        expression = f"datum.value == {at:g} ? {json.dumps(named.label)} : {expression}"
    return expression


def _share(scale: alt.Scale, values: pd.Series) -> pd.Series:
    """Where values fall across the chart, 0 at its left edge and 1 at its right."""
    low, high = scale.domain
    share = (values - low) / (high - low)
    return 1 - share if scale.reverse else share


def issue_scale_chart(
    frame: pd.DataFrame,
    issue: Issue,
    colours: alt.Scale,
    poles: Poles = UNNAMED_POLES,
    references: pd.DataFrame | None = None,
    gaps: pd.DataFrame | None = None,
) -> alt.LayerChart:
    """One issue's positions on its own scale, a row per party with its position in words
    beside its mark, the draft's term as a black dashed rule and the reference point (status
    quo) as a grey one, both named above the chart; the widest gap in units in the subtitle."""
    scale = issue.scale
    known = frame[frame["norm"].notna()].copy()
    reference = references if references is not None else pd.DataFrame(columns=["norm", "label"])
    reference = reference[reference["norm"].notna()].copy()
    known["x"] = scale_axis_values(scale, known["norm"])
    reference["x"] = scale_axis_values(scale, reference["norm"]).astype(float)
    x_scale, axis = _axis(issue, pd.concat([known["x"], reference["x"]]), ISSUE_WIDTH, False)
    x = alt.X("x:Q", scale=x_scale, axis=alt.Axis(**axis))
    known["mark"] = [
        _mark_words(scale, party, label if scale.is_numeric else scale.short_label(value))
        for party, label, value in zip(
            known["party"], known["value_label"], known["value"], strict=True
        )
    ]
    known["side"] = label_side(_share(x_scale, known["x"]))
    reference["mark"] = [f"Status quo: {label}" for label in reference["value_label"]]
    reference["side"] = label_side(_share(x_scale, reference["x"]))

    parties_y = alt.Y("party_name:N", sort=colours.domain, title=None, axis=alt.Axis(labelLimit=0))
    base = alt.Chart(known).encode(x=x, tooltip=position_tooltip())
    stated = base.transform_filter(f"datum.party != '{DRAFT}'")
    marks = stated.mark_point(size=240, filled=True, opacity=0.9).encode(
        y=parties_y, color=alt.Color("party_name:N", scale=colours, legend=None)
    )
    words = _beside(stated, y=parties_y)
    draft = base.transform_filter(f"datum.party == '{DRAFT}'")
    draft_rule = draft.mark_rule(color=DRAFT_COLOUR, strokeWidth=3, strokeDash=[6, 3])
    draft_words = _beside(draft, y=alt.YValue(-24), color=DRAFT_COLOUR)
    status_quo = alt.Chart(reference).encode(x=x, tooltip=reference_tooltip())
    status_rule = status_quo.mark_rule(color=REFERENCE_COLOUR, strokeWidth=2, strokeDash=[2, 2])
    status_words = _beside(status_quo, y=alt.YValue(-9), color=REFERENCE_COLOUR)
    return (status_rule + draft_rule + marks + words + draft_words + status_words).properties(
        title=alt.TitleParams(issue.name, subtitle=_subtitle(poles, reference, gaps)),
        width=ISSUE_WIDTH,
        height=alt.Step(ROW),
    )


def _mark_words(scale: Scale, party: str, label: str) -> str:
    """The lines set beside a mark, broken by newlines: the value in units, or the level's short
    words (the whole label in the tooltip); the draft's rule says whose it is."""
    if party == DRAFT:
        return f"Draft's term: {label}" if scale.is_numeric else "Draft's term"
    return "\n".join(wrap(label, MARK_CHARS) if scale.is_numeric else abridge(label, MARK_CHARS))


def _beside(chart: alt.Chart, y: alt.Y | alt.YValue, color: str | None = None) -> alt.LayerChart:
    """Each row's `mark` lines set beside its x: right of it, or left where it lies right of the
    middle (the `side` column), so that no label runs off the chart."""
    colour = {"color": color} if color else {}
    right = chart.transform_filter("datum.side == 'right'").mark_text(
        align="left", dx=12, fontSize=FONT_SIZE, lineHeight=13, lineBreak="\n", **colour
    )
    left = chart.transform_filter("datum.side == 'left'").mark_text(
        align="right", dx=-12, fontSize=FONT_SIZE, lineHeight=13, lineBreak="\n", **colour
    )
    return right.encode(y=y, text="mark:N") + left.encode(y=y, text="mark:N")


def _subtitle(poles: Poles, reference: pd.DataFrame, gaps: pd.DataFrame | None) -> list[str]:
    lines = [
        "Dashed black line: the draft's term. Dotted grey line: the reference point (status quo)."
        if len(reference)
        else "Dashed black line: the draft's term.",
        f"Left: {poles.low}. Right: {poles.high}.",
    ]
    between = None if gaps is None else gaps[(gaps["party_a"] != DRAFT) & gaps["gap"].notna()]
    if between is not None and len(between):
        widest = between.sort_values("gap", ascending=False).iloc[0]
        share = f"{widest['gap']:.0%} of the scale"
        words = widest["apart"] if share in widest["apart"] else f"{widest['apart']} ({share})"
        lines.append(f"Widest gap: {widest['party_a_name']} and {widest['party_b_name']}, {words}.")
    return [part for line in lines for part in wrap(line, SUBTITLE_CHARS)]


def evolution_chart(
    frame: pd.DataFrame,
    issue: Issue,
    colours: alt.Scale,
    title: str = "How positions moved across versions",
) -> alt.LayerChart:
    """One issue's positions by version date on its own scale (units, or every level in words),
    each party's and the draft's as a line, the reference point (rows of party `reference`) as a
    dotted grey line; equal positions are set slightly apart so that every line shows."""
    scale = issue.scale
    known = frame[frame["norm"].notna()].assign(date=lambda f: pd.to_datetime(f["version_date"]))
    known = known.assign(y=scale_axis_values(scale, known["norm"]).astype(float))
    y_scale, axis = _axis(issue, known["y"], 0, True)
    span = y_scale.domain[1] - y_scale.domain[0]
    stated = known["party"] != REFERENCE
    step = 0.012 * span * (-1 if y_scale.reverse else 1)
    known.loc[stated, "y"] += dodge(known[stated], ["version"], "y", step)
    base = alt.Chart(known).encode(
        x=alt.X("date:T", title="Version date", axis=alt.Axis(format="%d %b %Y", tickCount=4)),
        y=alt.Y("y:Q", scale=y_scale, axis=alt.Axis(**axis)),
        tooltip=[alt.Tooltip("version_name:N", title="Version"), *position_tooltip(links=False)],
    )
    parties = base.transform_filter(f"datum.party != '{REFERENCE}'").encode(
        color=alt.Color("party_name:N", scale=colours, legend=party_legend(colours.domain))
    )
    status_quo = base.transform_filter(f"datum.party == '{REFERENCE}'").mark_line(
        color=REFERENCE_COLOUR, strokeDash=[2, 2], strokeWidth=2
    )
    subtitle = wrap(
        "Positions that are the same are drawn slightly apart, so that each line shows.",
        TITLE_CHARS + 10,
    )
    chart = status_quo + parties.mark_line(strokeWidth=2) + parties.mark_point(size=50, filled=True)
    height = 280 if scale.is_numeric else max(220, 56 * len(scale.levels))
    return chart.properties(
        title=alt.TitleParams(wrap(f"{title}: {issue.name}", TITLE_CHARS), subtitle=subtitle),
        width="container",
        height=height,
    )
