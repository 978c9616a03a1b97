"""The Overview's headline numbers: on each numeric issue of a version, the draft's term, each
party's position and the reference point side by side, in full units, with the change since the
version before."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from negotiation.analysis import standing
from negotiation.data.model import (
    DRAFT,
    KNOWN_STATUSES,
    MULTIPLIERS,
    Dataset,
    Issue,
    number_text,
)
from negotiation.data.references import references
from negotiation.data.table import select, tidy

CARDS = 24
"""The most figures the Overview shows as cards; more (25 numeric issues × 10 parties made 275)
read better, and draw far sooner, as one table (`table`)."""


COLUMNS = (
    "issue", "issue_name", "unit", "who", "who_name", "value", "label", "change", "since", "help"
)  # fmt: skip


def in_full(number: float, unit: str) -> tuple[float, str]:
    """A number and its unit with a leading multiplier word spelled out as digits:
    (600, "thousand personnel") -> (600000.0, "personnel")."""
    first, _, rest = unit.strip().partition(" ")
    factor = MULTIPLIERS.get(first.lower())
    return (number * factor, rest) if factor else (number, unit.strip())


def signed_label(number: float) -> str:
    """A change as "+200,000" or "−200,000" (a true minus sign)."""
    return ("+" if number > 0 else "−") + number_text(abs(number))


def numbers(ds: Dataset, version: str, parties: Sequence[str]) -> pd.DataFrame:
    """One row per numeric issue and who (the draft, each party, the reference point): the
    value in full units and as a label ("600,000", "No cap", "undisclosed"), the change since
    the previous version in words, and a note for the help text."""
    issues = [issue for issue in ds.issues if issue.scale.is_numeric]
    if not issues:
        return pd.DataFrame(columns=list(COLUMNS))
    order = ds.version_ids
    previous = order[order.index(version) - 1] if order.index(version) else None
    ids = [issue.id for issue in issues]
    cells = tidy(ds, [v for v in (previous, version) if v], [DRAFT, *parties], ids)
    by_key = {(r.version, r.party, r.issue): r for r in cells.itertuples(index=False)}
    rows, origins = [], standing.since_words(ds)
    last = ds.version(previous) if previous else None
    for issue in issues:
        unit = in_full(0, issue.scale.unit)[1]
        for who in [DRAFT, *parties]:
            now, before = (
                by_key.get((version, who, issue.id)),
                by_key.get((previous, who, issue.id)),
            )
            rows.append(_row(ds, issue, unit, who, now, before, last, origins))
        rows.extend(_reference_rows(ds, issue, unit, version, previous))
    return pd.DataFrame(rows, columns=list(COLUMNS))


def table(numbers: pd.DataFrame) -> pd.DataFrame:
    """The headline numbers as one row per issue and one column per who (the draft's term, each
    party, the reference point), each cell the figure with its change beside it:
    "800,000 (+200,000)", "No cap (was 600,000)", "undisclosed"."""
    change = numbers["change"].where(~numbers["change"].isin(["", "unchanged"]), "")
    cells = numbers.assign(
        cell=numbers["label"] + change.map(lambda c: f" ({c})" if c else ""),
        Issue=numbers["issue_name"],
        Unit=numbers["unit"],
    )
    wide = cells.pivot(index=["issue", "Issue", "Unit"], columns="who_name", values="cell")
    order = list(dict.fromkeys(numbers["who_name"]))  # the draft, the parties, the reference
    issues = list(dict.fromkeys(numbers["issue"]))
    wide = wide.reindex(columns=order).reset_index()
    wide = wide.set_index("issue").loc[issues].reset_index(drop=True)
    wide.columns.name = None
    return wide


def _row(ds, issue: Issue, unit: str, who: str, now, before, previous, origins) -> dict:
    value, label = _value(issue, now)
    old_value, old_label = _value(issue, before)
    origin = getattr(now, "carried_from", "") if now is not None else ""
    return {
        "issue": issue.id,
        "issue_name": issue.name,
        "unit": unit,
        "who": who,
        "who_name": "Draft's term" if who == DRAFT else ds.party(who).short,
        "value": value,
        "label": label,
        "change": _carried(
            ds, origin, _change(value, label, old_value, old_label) if previous else ""
        ),
        "since": previous.name if previous else "",
        "help": _help(now, previous, old_label, origins[origin]),
    }


def _carried(ds: Dataset, origin: str, change: str) -> str:
    """The change, a carried figure saying since when it stands ("since US 28-point draft")."""
    if not origin:
        return change
    since = f"since {ds.version(origin).name}"
    return since if change in ("", "unchanged") else f"{change}, {since}"


def _value(issue: Issue, cell) -> tuple[float, str]:
    """A cell's value in full units (NaN for a named value or none) and its label."""
    if cell is None or not isinstance(cell.value, str) or not cell.value:
        return (
            math.nan,
            "no position" if cell is not None and cell.status == "none" else "undisclosed",
        )
    scale = issue.scale
    parsed = scale.parse(cell.value)
    named = scale.named_value(parsed)
    if named:
        return math.nan, named.label
    full = in_full(float(parsed), scale.unit)[0]
    return full, number_text(full)


def _change(value: float, label: str, old_value: float, old_label: str) -> str:
    """The change since the previous version in words: "+200,000", "unchanged", "was No cap"."""
    if label == old_label:
        return "unchanged"
    if not math.isnan(value) and not math.isnan(old_value):
        return signed_label(value - old_value)
    return f"was {old_label}"


def _help(cell, previous, old_label: str, since: str) -> str:
    stance = cell.stance if cell is not None and isinstance(cell.stance, str) else ""
    carried = f" Carried: {since}." if since else ""
    before = f" At {previous.name}: {old_label}." if previous else ""
    return f"{stance}{carried}{before}".strip()


def _reference_rows(
    ds: Dataset, issue: Issue, unit: str, version: str, previous: str | None
) -> list[dict]:
    """The reference point's row, when the issue has one at `version`."""
    now = references(ds, version, [issue.id])
    if now.empty:
        return []
    reference = now.iloc[0]
    value = reference["units"]
    full = math.nan if pd.isna(value) else in_full(value, issue.scale.unit)[0]
    label = reference["value_label"] if pd.isna(value) else number_text(full)
    change = ""
    if previous:
        before = references(ds, previous, [issue.id])
        old = before.iloc[0]["units"] if not before.empty else math.nan
        old_full = math.nan if pd.isna(old) else in_full(old, issue.scale.unit)[0]
        old_label = "none" if before.empty else number_text(old_full)
        change = _change(full, label, old_full, old_label)
    return [
        {
            "issue": issue.id,
            "issue_name": issue.name,
            "unit": unit,
            "who": "reference",
            "who_name": "Reference point",
            "value": full,
            "label": label,
            "change": change,
            "since": ds.version(previous).name if previous else "",
            "help": f"Status quo: {reference['label']}",
        }
    ]


def term_paths(ds: Dataset, version: str, issues: Sequence[str] | None = None) -> pd.DataFrame:
    """Per numeric issue, the draft's term in every text up to `version` that wrote one, in date
    order, each naming the text it revises, and the reference point along them, in one
    sentence: "600,000 in US 28-point draft (20 Nov 2025); 800,000 in European counter-proposal
    (23 Nov 2025, revising US 28-point draft); reference point 900,000 at US 28-point draft,
    800,000 at Geneva round". A term a revision only kept is not repeated."""
    chosen = [i for i in ds.issues if i.scale.is_numeric and (issues is None or i.id in issues)]
    order = ds.version_ids
    cells = select(ds, order[: order.index(version) + 1], [DRAFT], [i.id for i in chosen])
    if "carried_from" in cells:
        cells = cells[cells["carried_from"] == ""]
    known = cells[cells["status"].isin(KNOWN_STATUSES)]
    by_issue: dict[str, list] = {}
    # plain tuples, read once: row by row pandas took half a second at 600,000 positions
    for cell in known.itertuples(index=False):
        by_issue.setdefault(cell.issue, []).append(cell)
    rows = []
    for issue in chosen:
        steps = sorted(by_issue.get(issue.id, []), key=lambda cell: order.index(cell.version))
        if not steps:
            continue
        reference = _reference_words(ds, issue, [*(cell.version for cell in steps), version])
        said = [_step(ds, issue, cell) for cell in steps]
        rows.append(
            {
                "issue": issue.id,
                "issue_name": issue.name,
                "unit": in_full(0, issue.scale.unit)[1],
                "path": "; ".join([*said, *([reference] if reference else [])]),
            }
        )
    return pd.DataFrame(rows, columns=["issue", "issue_name", "unit", "path"])


def _step(ds: Dataset, issue: Issue, cell) -> str:
    """One text's term in words: "800,000 in European counter-proposal (23 Nov 2025, disputed,
    revising US 28-point draft)"."""
    version = ds.version(cell.version)
    notes = [f"{version.date:%d %b %Y}"]
    if cell.status == "disputed":
        notes.append("disputed")
    if version.revises:
        notes.append(f"revising {ds.version(version.revises).name}")
    return f"{_value(issue, cell)[1]} in {version.name} ({', '.join(notes)})"


def _reference_words(ds: Dataset, issue: Issue, versions: Sequence[str]) -> str:
    """The reference point along `versions`, in words, each value where it took effect:
    "reference point 880,000 at A, 900,000 at B, 800,000 at C"."""
    said: list[tuple[str, str]] = []
    for at in versions:
        reference = issue.reference(at)
        value = issue.scale.parse(reference.value) if reference else None
        if not isinstance(value, float) or issue.scale.named_value(value):
            continue
        label = number_text(in_full(value, issue.scale.unit)[0])
        if not said or said[-1][0] != label:
            said.append((label, ds.version(at).name))
    return "reference point " + ", ".join(f"{v} at {name}" for v, name in said) if said else ""
