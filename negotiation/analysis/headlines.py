"""The Overview's headline numbers: on each numeric issue of a version, the draft's term, each
party's position and the reference point side by side, in full units, with the change since the
version before."""

from __future__ import annotations

import collections
import functools
import math
from collections.abc import Callable, Sequence
from typing import TypeVar

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
from negotiation.data.table import select

T = TypeVar("T")

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
    cells = _cells(select(ds, [v for v in (previous, version) if v], [DRAFT, *parties], ids))
    by_key = {(r.version, r.party, r.issue): r for r in cells}
    rows, origins = [], standing.since_words(ds)
    last = ds.version(previous) if previous else None
    value = _memo(_value)  # the same few values recur across parties and versions
    names = {DRAFT: "Draft's term"} | {p.id: p.short for p in ds.parties}
    now_references = _references_by_issue(ds, version, ids)
    old_references = _references_by_issue(ds, previous, ids) if previous else {}
    for issue in issues:
        unit = in_full(0, issue.scale.unit)[1]
        for who in [DRAFT, *parties]:
            now, before = (
                by_key.get((version, who, issue.id)),
                by_key.get((previous, who, issue.id)),
            )
            rows.append(_row(names, ds, issue, unit, who, now, before, last, origins, value))
        rows.extend(_reference_rows(ds, issue, unit, now_references, old_references, previous))
    return pd.DataFrame(rows, columns=list(COLUMNS))


_CELL_COLUMNS = ("version", "party", "issue", "value", "status", "stance", "carried_from")
_Cell = collections.namedtuple("_Cell", _CELL_COLUMNS)


def _cells(frame: pd.DataFrame) -> list[_Cell]:
    """Rows of the positions as plain tuples, each column read at once: row by row, pandas
    read Arrow strings one at a time (0.4 s for 15,000 rows of 20 columns)."""
    columns = [frame[c].tolist() if c in frame else [""] * len(frame) for c in _CELL_COLUMNS]
    return [_Cell._make(row) for row in zip(*columns, strict=True)]


def _memo(function: Callable[..., T]) -> Callable[..., T]:
    """function(issue, *args), computed once per issue and arguments (keyed on the issue's id:
    hashing a whole Issue costs more than the call)."""
    found: dict[tuple, T] = {}

    def once(issue: Issue, *args: object) -> T:
        key = (issue.id, *args)
        if key not in found:
            found[key] = function(issue, *args)
        return found[key]

    return once


def _references_by_issue(ds: Dataset, version: str, issues: list[str]) -> dict[str, pd.Series]:
    """The reference point of each issue that has one at `version`, as `references` gives it."""
    found = references(ds, version, issues)
    return {row["issue"]: row for _, row in found.iterrows()}


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


def _row(names, ds, issue: Issue, unit: str, who: str, now, before, previous, origins, read):
    value, label = read(issue, *_said(now))
    old_value, old_label = read(issue, *_said(before))
    origin = now.carried_from if now is not None else ""
    return {
        "issue": issue.id,
        "issue_name": issue.name,
        "unit": unit,
        "who": who,
        "who_name": names[who],
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


def _said(cell) -> tuple[str | None, str | None]:
    """A cell's (value, status); None for no cell."""
    return (None, None) if cell is None else (cell.value, cell.status)


def _value(issue: Issue, value: str | None, status: str | None) -> tuple[float, str]:
    """A cell's value in full units (NaN for a named value or none) and its label (`value`,
    `status`: the cell's, None for no cell)."""
    if not isinstance(value, str) or not value:
        return math.nan, "no position" if status == "none" else "undisclosed"
    scale = issue.scale
    parsed = scale.parse(value)
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
    ds: Dataset,
    issue: Issue,
    unit: str,
    now: dict[str, pd.Series],
    before: dict[str, pd.Series],
    previous: str | None,
) -> list[dict]:
    """The reference point's row, when the issue has one at the version (`now`: the reference
    points by issue there, `before`: at `previous`)."""
    if issue.id not in now:
        return []
    reference = now[issue.id]
    value = reference["units"]
    full = math.nan if pd.isna(value) else in_full(value, issue.scale.unit)[0]
    label = reference["value_label"] if pd.isna(value) else number_text(full)
    change = ""
    if previous:
        old = before[issue.id]["units"] if issue.id in before else math.nan
        old_full = math.nan if pd.isna(old) else in_full(old, issue.scale.unit)[0]
        old_label = "none" if issue.id not in before else number_text(old_full)
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
    # plain tuples, each column read at once: row by row pandas took half a second at 600,000
    # positions
    for cell in _cells(known):
        by_issue.setdefault(cell.issue, []).append(cell)
    rank = {v: n for n, v in enumerate(order)}
    texts = _texts(ds)
    value = _memo(_value)  # the same values recur from text to text
    step = functools.partial(_step, texts, value)
    rows = []
    for issue in chosen:
        steps = sorted(by_issue.get(issue.id, []), key=lambda cell: rank[cell.version])
        if not steps:
            continue
        reference = _reference_words(ds, issue, [*(cell.version for cell in steps), version])
        said = [step(issue, cell.version, cell.value, cell.status) for cell in steps]
        rows.append(
            {
                "issue": issue.id,
                "issue_name": issue.name,
                "unit": in_full(0, issue.scale.unit)[1],
                "path": "; ".join([*said, *([reference] if reference else [])]),
            }
        )
    return pd.DataFrame(rows, columns=["issue", "issue_name", "unit", "path"])


def _texts(ds: Dataset) -> dict[str, tuple[str, str, str]]:
    """Each version's name, date in words and "revising <parent>" ('' when it revises none),
    for `_step`."""
    names = {v.id: v.name for v in ds.versions}
    return {
        v.id: (v.name, f"{v.date:%d %b %Y}", f"revising {names[v.revises]}" if v.revises else "")
        for v in ds.versions
    }


def _step(texts: dict, value, issue: Issue, version_id: str, term: str, status: str) -> str:
    """One text's term in words: "800,000 in European counter-proposal (23 Nov 2025, disputed,
    revising US 28-point draft)" (`texts`: `_texts`; `value`: `_value`, memoised)."""
    name, date, revising = texts[version_id]
    notes = [date]
    if status == "disputed":
        notes.append("disputed")
    if revising:
        notes.append(revising)
    return f"{value(issue, term, status)[1]} in {name} ({', '.join(notes)})"


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
