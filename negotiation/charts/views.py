"""The charts by name: each view computes its data from a dataset and a selection, and draws
it. One registry drives the pages, the Export page and the CLI's export list."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import altair as alt
import pandas as pd

from negotiation.analysis import agreement, backtest, drift, forecast
from negotiation.charts import backtest as backtest_chart
from negotiation.charts import core as charts
from negotiation.data import table
from negotiation.data.model import DRAFT, KNOWN_STATUSES, Dataset
from negotiation.data.references import over_versions, references


@dataclass(frozen=True)
class Selection:
    """What the user is looking at: a version, a pair of versions to compare, the parties and
    issues shown, and the issue in focus."""

    version: str
    parties: tuple[str, ...]
    issues: tuple[str, ...]
    old: str
    new: str
    issue: str
    capability: tuple[tuple[str, float], ...] = ()
    """Capabilities moved by hand on the Forecast page, as (party, weight)."""
    salience: tuple[tuple[tuple[str, str], float], ...] = ()
    """Saliences moved by hand on the Forecast page, as ((party, issue), weight)."""

    @property
    def weighed(self) -> bool:
        """Whether any weight was moved by hand."""
        return bool(self.capability or self.salience)

    @classmethod
    def default(cls, ds: Dataset) -> Selection:
        """The latest version against the text it revises (else the version before it), every
        party and issue."""
        versions = ds.version_ids
        before = versions[-2] if len(versions) > 1 else versions[-1]
        return cls(
            version=versions[-1],
            parties=tuple(ds.party_ids),
            issues=tuple(ds.issue_ids),
            old=ds.version(versions[-1]).revises or before,
            new=versions[-1],
            issue=focus_issue(ds, versions[-1], ds.party_ids, ds.issue_ids),
        )


def focus_issue(ds: Dataset, version: str, parties: Sequence[str], issues: Sequence[str]) -> str:
    """The issue a one-issue view starts on: the first of `issues` on which the draft or a
    chosen party has a known position at `version` (else the first), so that the page does
    not open on an empty chart."""
    rows = ds.positions
    known = rows[
        (rows["version"] == version)
        & rows["party"].isin([DRAFT, *parties])
        & rows["status"].isin(KNOWN_STATUSES)
    ]
    found = set(known["issue"])
    return next((issue for issue in issues if issue in found), issues[0])


@dataclass(frozen=True)
class View:
    title: str
    caption: str
    data: Callable[[Dataset, Selection], pd.DataFrame]
    draw: Callable[[pd.DataFrame, Dataset, Selection], alt.Chart]
    empty: str | Callable[[Dataset, Selection], str]
    """Why the chart is empty and what to do, in words (computed when it depends on why)."""
    per_version: bool = True
    """Whether the chart shows one version (exported once per version)."""


def _backtest(ds: Dataset, sel: Selection) -> pd.DataFrame:
    """The models' forecasts against the outcome (empty without a final version to compare)."""
    try:
        result = backtest.backtest(ds, parties=sel.parties, issues=sel.issues)
    except ValueError:
        return pd.DataFrame(columns=backtest.ISSUE_COLUMNS)
    return backtest.chart_rows(result)


UNKNOWN_NOTE = (
    "Undisclosed: a position exists but was not made public. No position: the party took none "
    "or the text is silent. Neither counts as zero or as agreement."
)


def _with_draft(sel: Selection) -> list[str]:
    return [DRAFT, *sel.parties]


def _matrix(ds: Dataset, sel: Selection) -> pd.DataFrame:
    return agreement.matrix(ds, sel.version, _with_draft(sel), sel.issues)


def _known_any(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame, or an empty one when nothing in it is known (so the page explains)."""
    return frame if frame["norm"].notna().any() else frame.iloc[0:0]


def _agreement(ds: Dataset, sel: Selection) -> pd.DataFrame:
    frame = agreement.agreement_matrix(ds, sel.version, _with_draft(sel), sel.issues)
    return frame if len(sel.parties) else frame.iloc[0:0]


def _evolution(ds: Dataset, sel: Selection) -> pd.DataFrame:
    """Every version's positions of the selection on the issue in focus, with the issue's
    reference point in force at each version beside them (empty when no position is known)."""
    positions = _known_any(table.tidy(ds, None, _with_draft(sel), [sel.issue]))
    status_quo = over_versions(ds, [sel.issue])
    if positions.empty or status_quo.empty:
        return positions
    text = {c: "" for c in positions.columns if not pd.api.types.is_numeric_dtype(positions[c])}
    status_quo = status_quo.reindex(columns=positions.columns).astype(dict.fromkeys(text, object))
    status_quo = status_quo.fillna(text)
    return pd.concat([positions, status_quo], ignore_index=True)


def _versions(ds: Dataset, sel: Selection) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "id": v.id,
                "name": v.name,
                "date": pd.Timestamp(v.date),
                "kind": v.kind,
                "author": v.author,
                "summary": v.summary,
            }
            for v in ds.versions
        ]
    )


VIEWS: dict[str, View] = {
    "matrix": View(
        title="Position matrix",
        caption="Each cell is a party's position on an issue in the selected version, coloured "
        "from one pole of the dataset's common scale (blue) through midway (pale yellow) to the "
        "other (red), as the legend names them; the draft column is what the document itself "
        "says. A long position shows its opening words; point at a cell for the whole of it, "
        "the stance, the source's words and links. Grey cells are undisclosed, white cells no "
        "position. " + UNKNOWN_NOTE,
        data=lambda ds, sel: _known_any(_matrix(ds, sel)),
        draw=lambda frame, ds, sel: charts.position_heatmap(frame, ds.poles),
        empty="Nothing is disclosed for the chosen parties and issues in this version: pick "
        "another version, or more parties and issues, in the sidebar.",
    ),
    "positions": View(
        title="Positions on a common scale",
        caption="Each dot is a party's position between the dataset's two poles (named on the "
        "axis); the black tick is the draft's term, the grey cross the reference point (status "
        "quo). The horizontal distance between two dots is their gap. Undisclosed positions and "
        "issues without a position are left out.",
        data=lambda ds, sel: _known_any(_matrix(ds, sel)),
        draw=lambda frame, ds, sel: charts.positions_dotplot(
            frame,
            charts.party_colours(ds, list(sel.parties)),
            ds.poles,
            references(ds, sel.version, sel.issues),
        ),
        empty="No position is known for the chosen parties and issues in this version: pick "
        "another version, or more parties and issues, in the sidebar.",
    ),
    "issue-scale": View(
        title="One issue on its own scale",
        caption="The parties' positions on the focused issue, in its own units or levels; the "
        "dashed line is the draft's term, the dotted grey one the reference point (status quo). "
        "Undisclosed positions are not drawn.",
        data=lambda ds, sel: _known_any(
            agreement.matrix(ds, sel.version, _with_draft(sel), [sel.issue])
        ),
        draw=lambda frame, ds, sel: charts.issue_scale_chart(
            frame,
            ds.issue(sel.issue),
            charts.party_colours(ds, list(sel.parties)),
            ds.poles,
            references(ds, sel.version, [sel.issue]),
            agreement.issue_gaps(ds, sel.version, sel.parties, sel.issue),
        ),
        empty="No position on this issue is known in this version: pick another issue above, "
        "or another version in the sidebar.",
    ),
    "agreement": View(
        title="Agreement matrix",
        caption="The share of issues, among those known for both sides, on which two parties "
        "agree (same level, or within the issue's tolerance); the cell says how many agreed of "
        "how many were known. Undisclosed issues do not count either way.",
        data=_agreement,
        draw=lambda frame, ds, sel: charts.agreement_heatmap(frame),
        empty="Choose at least one party in the sidebar to compare.",
    ),
    "widest-gaps": View(
        title="Widest gaps",
        caption="For each issue, the widest gap between any two of the chosen parties, as a "
        "share of the issue's scale (1 = opposite ends). Issues where fewer than two parties "
        "are known are left out.",
        data=lambda ds, sel: _apart(
            agreement.widest_gaps(ds, sel.version, sel.parties, sel.issues)
        ),
        draw=lambda frame, ds, sel: charts.widest_gaps_chart(frame),
        empty=lambda ds, sel: (
            "All the chosen parties agree on every issue where two or more of their positions "
            "are known."
            if not agreement.widest_gaps(ds, sel.version, sel.parties, sel.issues).empty
            else "No issue has two known positions among the chosen parties in this version: "
            "pick another version, or more parties, in the sidebar."
        ),
    ),
    "timeline": View(
        title="Timeline of versions",
        caption="Every version in the dataset by date, coloured by kind.",
        data=_versions,
        draw=lambda frame, ds, sel: charts.timeline_chart(frame),
        empty="The dataset has no versions.",
        per_version=False,
    ),
    "evolution": View(
        title="How positions moved",
        caption="The issue in focus in its own units or levels: each party's position and the "
        "draft's term (black) by version date, and the reference point (status quo) as a dotted "
        "grey line. Dots are versions where the position is known; a line runs on across "
        "versions where it was undisclosed, which are not drawn. Parties at the same position "
        "are drawn slightly apart so that each line shows; point at a dot for its value.",
        data=_evolution,
        draw=lambda frame, ds, sel: charts.evolution_chart(
            frame, ds.issue(sel.issue), charts.party_colours(ds, list(sel.parties))
        ),
        empty="No position on this issue is known for the chosen parties in any version: pick "
        "another issue above, or more parties in the sidebar.",
        per_version=False,
    ),
    "draft-distance": View(
        title="Whom each draft favours",
        caption="The mean gap between each version's text and each party's stance at the time, "
        "over issues known for both (salience-weighted where salience is given). Lower means the "
        "draft is closer to that party.",
        data=lambda ds, sel: agreement.draft_distance(ds, sel.parties, sel.issues).dropna(
            subset=["distance"]
        ),
        draw=lambda frame, ds, sel: charts.draft_distance_chart(
            frame, charts.party_colours(ds, list(sel.parties))
        ),
        empty="No version has both its own term and a chosen party's stance known on the same "
        "issue, so no distance can be measured: pick more parties or issues in the sidebar.",
        per_version=False,
    ),
    "forecast": View(
        title="Where it may land",
        caption="Per issue, the parties' positions (dots), the draft's term (black tick), the "
        "compromise (diamond) and weighted-median (triangle) forecasts, and the zone that every "
        "red line accepts (green band), between the dataset's poles; the grey cross is the "
        "reference point (status quo). The weights are those said above the chart.",
        data=lambda ds, sel: forecast.marks(
            ds, sel.version, sel.parties, sel.issues, dict(sel.capability), dict(sel.salience)
        ),
        draw=lambda frame, ds, sel: charts.forecast_chart(
            frame,
            charts.party_colours(ds, list(sel.parties)),
            ds.poles,
            references(ds, sel.version, sel.issues),
        ),
        empty="No chosen party's position is known on the chosen issues in this version, so "
        "there is nothing to forecast from: pick another version in the sidebar.",
    ),
    "draft-drift": View(
        title="Whom each revision moved toward",
        caption="For each pair of consecutive versions, how the salience-weighted distance from "
        "the draft's terms to each party's position changed, over issues known for both. Bars "
        "left of zero: the revision moved toward that party.",
        data=lambda ds, sel: drift.drift_overall(drift.draft_drift(ds, sel.parties, sel.issues)),
        draw=lambda frame, ds, sel: charts.draft_drift_chart(
            frame, charts.party_colours(ds, list(sel.parties))
        ),
        empty="No two consecutive versions have the draft's term and a chosen party's position "
        "known on the same issue, so no move can be measured.",
        per_version=False,
    ),
    "sensitivity": View(
        title="How the forecast moves with each party's capability",
        caption="The compromise forecast on the focused issue as one party's capability goes from "
        "0 to 1 while the others keep theirs; a steep line means that party sways the outcome.",
        data=lambda ds, sel: forecast.sensitivity(
            ds, sel.version, "capability", sel.parties, [sel.issue]
        ).dropna(subset=["compromise"]),
        draw=lambda frame, ds, sel: charts.sensitivity_chart(
            frame, charts.party_colours(ds, list(sel.parties)), ds.poles, ds.issue(sel.issue).name
        ),
        empty="No chosen party's position on this issue is known in this version: pick another "
        "issue above, or another version in the sidebar.",
    ),
    "backtest": View(
        title="Forecast against outcome",
        caption="Per issue, each model's forecast from the version before the final one against "
        "the final version's term, both on the common 0-100 scale between the dataset's poles. "
        "Points on the dashed line were exact; the grey band holds forecasts within 10 points. "
        "Hover a point for the issue, the values in its units and the error.",
        data=_backtest,
        draw=lambda frame, ds, sel: backtest_chart.backtest_chart(frame, ds.poles),
        empty="The dataset has no final version: mark the agreed text as final (final: true or "
        "kind: agreement) to compare the forecasts with it.",
        per_version=False,
    ),
}


def _apart(widest: pd.DataFrame) -> pd.DataFrame:
    """The issues on which some chosen parties are apart (a gap of zero draws no bar)."""
    return widest[widest["gap"] > 0]


def why_empty(name: str, ds: Dataset, sel: Selection) -> str:
    """The named view's message when it has nothing to show."""
    empty = VIEWS[name].empty
    return empty if isinstance(empty, str) else empty(ds, sel)


MAX_ROWS = 5000
"""The most rows a chart sends to the browser; a larger one shows the first issues that fit."""


def capped(frame: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """The frame cut to its first whole issues within MAX_ROWS rows, and a note saying so
    (empty when nothing was cut): pages of issues keep every mark of an issue it shows."""
    column = next((c for c in ("issue", "issue_name") if c in frame), None)
    if len(frame) <= MAX_ROWS or column is None:
        return frame, ""
    per_issue = frame[column].value_counts(sort=False)
    issues = frame[column].drop_duplicates()
    fits = per_issue.reindex(issues).cumsum() <= MAX_ROWS
    shown = issues[fits.to_numpy()] if fits.iloc[0] else issues.iloc[:1]
    note = (
        f"Showing the first {len(shown)} of {len(issues)} issues, so that the chart stays under "
        f"{MAX_ROWS:,} marks; choose issues in the sidebar to see others."
    )
    return frame[frame[column].isin(shown)], note


def data(name: str, ds: Dataset, sel: Selection) -> tuple[pd.DataFrame, str]:
    """The named view's data for a selection, capped at MAX_ROWS, and the note on any cut."""
    return capped(VIEWS[name].data(ds, sel))


def build(name: str, ds: Dataset, sel: Selection) -> alt.Chart | None:
    """The named chart for a selection, or None when its data is empty."""
    frame, _ = data(name, ds, sel)
    return None if frame.empty else VIEWS[name].draw(frame, ds, sel)
