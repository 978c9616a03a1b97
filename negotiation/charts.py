"""Altair chart builders: a DataFrame from `analysis` in, an `alt.Chart` out, never shown.

About 500 lines on purpose: one short builder per chart, all sharing the scales, axes and
colours defined at the top; split by chart, those would be imported back into every part."""

from __future__ import annotations

import json

import altair as alt
import pandas as pd

from negotiation.model import DRAFT, Dataset, Issue, Poles

UNKNOWN_COLOURS = {"undisclosed": "#bdbdbd", "no position": "#ffffff"}
DRAFT_COLOUR = "#222222"
FALLBACK_COLOURS = ("#4C78A8", "#F58518", "#E45756", "#72B7B2", "#54A24B", "#B279A2", "#9D755D")
POSITION_SCALE = alt.Scale(scheme="viridis", domain=[0, 1])
"""Colour-blind-safe and perceptually even; the unknown states use greys outside it."""
LABEL_LIMIT = 260
UNNAMED_POLES = Poles()
"""A dataset that names no poles: each scale's own start and end."""
REFERENCE_COLOUR = "#6d6d6d"


def _pole_labels(poles: Poles) -> str:
    """A Vega expression naming 0 and 1 by the poles (other ticks unlabelled)."""
    low, high = json.dumps(poles.low), json.dumps(poles.high)
    return f"datum.value <= 0 ? {low} : datum.value >= 1 ? {high} : ''"


def norm_axis(poles: Poles) -> alt.Axis:
    """The axis of a normalised position: its two ends named by the dataset's poles."""
    return alt.Axis(
        title=f"Position: {poles.low} (0) to {poles.high} (1)",
        values=[0, 0.25, 0.5, 0.75, 1],
        labelExpr=_pole_labels(poles),
        labelFlush=True,
        labelOverlap=False,
    )


def norm_legend(poles: Poles) -> alt.Legend:
    """The colour legend of a normalised position, its ends named by the poles."""
    return alt.Legend(
        title="Position",
        orient="top",
        direction="horizontal",
        values=[0, 1],
        labelExpr=_pole_labels(poles),
        labelLimit=0,
        gradientLength=260,
    )


def _reference_tooltip() -> list[alt.Tooltip]:
    return [
        alt.Tooltip("issue_name:N", title="Issue"),
        alt.Tooltip("label:N", title="Reference point (status quo)"),
        alt.Tooltip("value_label:N", title="Value"),
        alt.Tooltip("sources:N", title="Sources"),
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


def position_heatmap(
    matrix: pd.DataFrame, poles: Poles = UNNAMED_POLES, title: str = "Positions by party and issue"
) -> alt.VConcatChart:
    """Party × issue cells coloured by normalised position, one block per issue group;
    undisclosed and no-position cells in greys outside the colour scale, labelled in the cell."""
    groups = list(dict.fromkeys(matrix["group"]))
    parties = list(dict.fromkeys(matrix["party_name"]))
    blocks = [_heatmap_block(group, parties, poles, first=i == 0) for i, group in enumerate(groups)]
    return alt.vconcat(*blocks, data=matrix, spacing=8, title=title).resolve_scale(
        color="shared", fill="shared"
    )


def _heatmap_block(group: str, parties: list[str], poles: Poles, first: bool) -> alt.LayerChart:
    """One issue group's rows of the heatmap (the data comes from the enclosing chart), the
    group named on the left."""
    x_axis = alt.Axis(labelAngle=0, orient="top", labels=first, ticks=first, domain=False)
    base = (
        alt.Chart()
        .transform_filter(alt.datum.group == group)
        .encode(
            x=alt.X("party_name:N", sort=parties, title=None, axis=x_axis),
            y=alt.Y(
                "issue_name:N",
                sort=None,
                title=group.capitalize(),
                axis=alt.Axis(labelLimit=LABEL_LIMIT, titleAngle=0, titleAlign="right", titleY=-4),
            ),
            tooltip=_position_tooltip(),
        )
    )
    unknown_fill = [
        {"test": f"datum.status_label == '{status}'", "value": colour}
        for status, colour in UNKNOWN_COLOURS.items()
    ]
    cells = base.mark_rect(stroke="#9e9e9e", strokeWidth=0.5, invalid="show").encode(
        color=alt.Color(
            "norm:Q", scale=POSITION_SCALE, legend=norm_legend(poles), condition=unknown_fill
        )
    )
    ink = [
        {"test": "!datum.known", "value": "#333333"},
        {"test": "datum.norm > 0.6", "value": "black"},
    ]
    labels = base.mark_text(fontSize=10, limit=120).encode(
        text="value_label:N", color=alt.ColorValue("white", condition=ink)
    )
    return (cells + labels).properties(width=alt.Step(130), height=alt.Step(30))


def _position_tooltip(links: bool = True) -> list[alt.Tooltip]:
    """A position's tooltip: names, value, stance, status, sources, the source's own words and
    (where the frame has them) the sources' links."""
    return [
        alt.Tooltip("party_name:N", title="Party"),
        alt.Tooltip("issue_name:N", title="Issue"),
        alt.Tooltip("value_label:N", title="Position"),
        alt.Tooltip("stance:N", title="Stance"),
        alt.Tooltip("status:N", title="Status"),
        alt.Tooltip("confidence:N", title="Confidence"),
        alt.Tooltip("sources:N", title="Sources"),
        alt.Tooltip("quote:N", title="In the source's words"),
        *([alt.Tooltip("links:N", title="Links")] if links else []),
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
    base = alt.Chart(known).encode(y=y, x=x, tooltip=_position_tooltip())
    parties = (
        base.transform_filter(f"datum.party != '{DRAFT}'")
        .mark_circle(size=140, opacity=0.85)
        .encode(color=alt.Color("party_name:N", scale=colours, title="Party"))
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
        .encode(y=y, x=x, tooltip=_reference_tooltip())
    )


def issue_scale_chart(
    frame: pd.DataFrame,
    issue: Issue,
    colours: alt.Scale,
    poles: Poles = UNNAMED_POLES,
    references: pd.DataFrame | None = None,
) -> alt.LayerChart:
    """One issue's positions on its own scale (units or level labels, running from the low pole
    on the left), the draft's term as a black dashed rule, the reference point (status quo) as
    a grey rule: the gap shows as distance."""
    known = frame[frame["norm"].notna()].copy()
    reference = references if references is not None else pd.DataFrame(columns=["norm", "label"])
    scale = issue.scale
    if scale.is_numeric:
        known["x"] = [scale.denormalise(n) for n in known["norm"]]  # a named value at its end
        reference = reference.assign(x=[scale.denormalise(n) for n in reference["norm"]])
        x = alt.X(
            "x:Q",
            scale=alt.Scale(domain=[scale.min, scale.max], reverse=scale.descending),
            title=f"{issue.name} ({scale.unit})" if scale.unit else issue.name,
        )
    else:
        known["x"] = known["value_label"]
        reference = reference.assign(x=reference.get("value_label", pd.Series(dtype=str)))
        levels = [level.label for level in scale.levels]
        x = alt.X(
            "x:N",
            scale=alt.Scale(domain=levels[::-1] if scale.descending else levels),
            title=issue.name,
            axis=alt.Axis(labelAngle=0, labelLimit=160, labelExpr=_wrap_label()),
        )
    base = alt.Chart(known).encode(x=x, tooltip=_position_tooltip())
    parties = (
        base.transform_filter(f"datum.party != '{DRAFT}'")
        .mark_point(size=260, filled=True, opacity=0.9)
        .encode(
            y=alt.Y("party_name:N", sort=colours.domain, title=None),
            color=alt.Color("party_name:N", scale=colours, legend=None),
        )
    )
    draft = base.transform_filter(f"datum.party == '{DRAFT}'").mark_rule(
        color=DRAFT_COLOUR, strokeWidth=3, strokeDash=[6, 3]
    )
    status_quo = (
        alt.Chart(reference)
        .mark_rule(color=REFERENCE_COLOUR, strokeWidth=2, strokeDash=[2, 2])
        .encode(x=x, tooltip=_reference_tooltip())
    )
    subtitle = [
        "Dashed black line: the draft's term. Dotted grey line: the reference point (status quo)."
        if len(reference)
        else "Dashed black line: the draft's term.",
        f"Left: {poles.low}. Right: {poles.high}.",
    ]
    return (status_quo + draft + parties).properties(
        title=alt.TitleParams(issue.name, subtitle=subtitle),
        width=620,
        height=alt.Step(34),
    )


def _wrap_label() -> str:
    """A Vega expression that wraps long axis labels at spaces, about 22 characters a line."""
    return "split(replace(datum.label, /(.{1,22})(\\s|$)/g, '$1\\n'), '\\n')"


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


def timeline_chart(versions: pd.DataFrame, title: str = "Versions by date") -> alt.Chart:
    """The versions on a time axis, coloured by kind, labels staggered on three lanes so that
    close dates stay readable."""
    frame = versions.sort_values("date").reset_index(drop=True)
    frame = frame.assign(lane=frame.index % 3, late=frame.index >= len(frame) / 2)
    base = alt.Chart(frame).encode(
        x=alt.X("date:T", title="Date", axis=alt.Axis(format="%d %b %Y", labelAngle=0)),
        y=alt.Y("lane:O", axis=None, scale=alt.Scale(padding=0.6)),
        tooltip=[
            alt.Tooltip("name:N", title="Version"),
            alt.Tooltip("date:T", title="Date", format="%d %b %Y"),
            alt.Tooltip("kind:N", title="Kind"),
            alt.Tooltip("author:N", title="Author"),
            alt.Tooltip("summary:N", title="Summary"),
        ],
    )
    stems = base.mark_rule(color="#cccccc")
    points = base.mark_point(size=180, filled=True, opacity=1).encode(
        color=alt.Color("kind:N", title="Kind", scale=alt.Scale(scheme="tableau10"))
    )
    early = base.transform_filter("!datum.late").mark_text(align="left", dx=10, fontSize=12)
    late = base.transform_filter("datum.late").mark_text(align="right", dx=-10, fontSize=12)
    return (stems + points + early.encode(text="name:N") + late.encode(text="name:N")).properties(
        title=title, width=760, height=150
    )


def evolution_chart(
    frame: pd.DataFrame,
    colours: alt.Scale,
    poles: Poles = UNNAMED_POLES,
    title: str = "How positions moved across versions",
) -> alt.FacetChart:
    """Per issue, each party's and the draft's normalised position by version date, and the
    reference point (rows of party `reference`) as a dotted grey line."""
    known = frame[frame["norm"].notna()].assign(date=lambda f: pd.to_datetime(f["version_date"]))
    base = alt.Chart(known).encode(
        x=alt.X("date:T", title="Version date", axis=alt.Axis(labelAngle=0, tickCount=4)),
        y=alt.Y("norm:Q", scale=alt.Scale(domain=[0, 1]), axis=norm_axis(poles)),
        tooltip=[alt.Tooltip("version_name:N", title="Version"), *_position_tooltip(links=False)],
    )
    parties = base.transform_filter("datum.party != 'reference'").encode(
        color=alt.Color("party_name:N", scale=colours, title="Party")
    )
    status_quo = base.transform_filter("datum.party == 'reference'").mark_line(
        color=REFERENCE_COLOUR, strokeDash=[2, 2], strokeWidth=2
    )
    chart = (
        status_quo
        + parties.mark_line(point=True, strokeWidth=2)
        + parties.mark_point(size=40, filled=True)
    )
    return chart.properties(width=220, height=140).facet(
        facet=alt.Facet("issue_name:N", title=None, sort=list(dict.fromkeys(known["issue_name"]))),
        columns=3,
        title=title,
    )


def draft_distance_chart(
    distance: pd.DataFrame, colours: alt.Scale, title: str = "Whom each draft favours"
) -> alt.Chart:
    """Per version, the distance from the draft's text to each party (lower: closer)."""
    known = distance[distance["distance"].notna()]
    base = alt.Chart(known).encode(
        x=alt.X("version_date:T", title="Version date", axis=alt.Axis(format="%d %b %Y")),
        y=alt.Y(
            "distance:Q",
            scale=alt.Scale(domain=[0, 1]),
            title="Distance from the draft (0 = identical)",
        ),
        color=alt.Color("party_name:N", scale=colours, title="Party"),
        tooltip=[
            alt.Tooltip("version_name:N", title="Version"),
            alt.Tooltip("party_name:N", title="Party"),
            alt.Tooltip("distance:Q", title="Distance", format=".2f"),
            alt.Tooltip("known:Q", title="Issues known for both"),
        ],
    )
    return (base.mark_line(strokeWidth=2) + base.mark_point(size=70, filled=True)).properties(
        title=title, width=620, height=260
    )


MODEL_SHAPES = alt.Scale(
    domain=["Compromise model", "Weighted median"], range=["diamond", "triangle-down"]
)
MODEL_COLOUR = "#C2185B"
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
    base = alt.Chart(marks).encode(y=y, tooltip=tooltip)

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
        .encode(x=x, color=alt.Color("label:N", scale=colours, title="Party"))
    )
    models = (
        kind("compromise", "median")
        .mark_point(size=160, filled=True, color=MODEL_COLOUR, opacity=0.95)
        .encode(x=x, shape=alt.Shape("label:N", scale=MODEL_SHAPES, title="Forecast"))
    )
    status_quo = _reference_marks(references, y, x)
    return (zone + no_zone + status_quo + draft + parties + models).properties(
        title=alt.TitleParams(
            title,
            subtitle="Black tick: the draft's term. Green band: the zone of agreement. "
            "Grey cross: the reference point (status quo).",
        ),
        width=620,
        height=alt.Step(44),
    )


def draft_drift_chart(
    overall: pd.DataFrame, colours: alt.Scale, title: str = "Whom each revision moved toward"
) -> alt.Chart:
    """Per revision, the change in the draft's distance to each party: bars left of zero mean
    the revision moved toward that party."""
    revisions = list(dict.fromkeys(overall["revision"]))
    return (
        alt.Chart(overall)
        .mark_bar()
        .encode(
            x=alt.X(
                "change:Q",
                title="Change in distance from the draft (negative: moved toward the party)",
                scale=alt.Scale(domain=[-1, 1]),
            ),
            y=alt.Y("party_name:N", sort=colours.domain, title=None),
            color=alt.Color("party_name:N", scale=colours, legend=None),
            row=alt.Row(
                "revision:N",
                sort=revisions,
                title=None,
                header=alt.Header(labelAngle=0, labelAlign="left"),
            ),
            tooltip=[
                alt.Tooltip("revision:N", title="Revision"),
                alt.Tooltip("party_name:N", title="Party"),
                alt.Tooltip("distance_old:Q", title="Distance before", format=".2f"),
                alt.Tooltip("distance_new:Q", title="Distance after", format=".2f"),
                alt.Tooltip("change:Q", title="Change", format="+.2f"),
                alt.Tooltip("issues:Q", title="Issues known"),
            ],
        )
        .properties(title=title, width=520, height=alt.Step(22))
    )


def sensitivity_chart(
    frame: pd.DataFrame,
    colours: alt.Scale,
    poles: Poles = UNNAMED_POLES,
    title: str = "How the forecast moves",
) -> alt.LayerChart:
    """The compromise forecast as one party's capability (or salience) goes from 0 to 1, the
    others as the data say: one line per party, steeper means more sway."""
    factor = frame["factor"].iloc[0] if len(frame) else "capability"
    base = alt.Chart(frame).encode(
        x=alt.X("setting:Q", scale=alt.Scale(domain=[0, 1]), title=f"The party's {factor}"),
        y=alt.Y("compromise:Q", scale=alt.Scale(domain=[0, 1]), axis=norm_axis(poles)),
        color=alt.Color("party_name:N", scale=colours, title="Party varied"),
        tooltip=[
            alt.Tooltip("issue_name:N", title="Issue"),
            alt.Tooltip("party_name:N", title="Party varied"),
            alt.Tooltip("setting:Q", title=factor.capitalize(), format=".2f"),
            alt.Tooltip("compromise_label:N", title="Compromise"),
            alt.Tooltip("median_label:N", title="Weighted median"),
        ],
    )
    return (base.mark_line(strokeWidth=2) + base.mark_point(size=50, filled=True)).properties(
        title=title, width=520, height=240
    )
