"""Standing positions: where everyone stands as of each version.

A version records what was said at that moment. A party's standing position is its own at the
version when disclosed, else its latest disclosed one at an earlier version (by date, then the
dataset's order), carried forward with the version and date it came from; a later "none" ends
it (and carries as none), "disputed" carries as disputed. The draft text follows the lineage
instead: a version that `revises` another inherits its parent's standing terms where its own
term is undisclosed (a term it dropped, "none", stays dropped: the revision speaks there); a
version revising nothing carries no terms. Reference points carry
forward like party positions. The dataset's `carry` setting limits or switches off carrying.

`as_of(ds, mode)` gives the dataset every page, export and command reads: its positions table
is the standing one in mode "standing" (the default), the recorded one in mode "event"."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterator
from datetime import date

import numpy as np
import pandas as pd

from negotiation.data.model import CARRIED_COLUMNS, DRAFT, Dataset, Issue

MODES = ("standing", "event")
MODE_LABELS = {"standing": "Standing (carried forward)", "event": "As recorded at each version"}
DEFAULT_MODE = "standing"
_KEYS = ("version", "party", "issue")


def as_of(ds: Dataset, mode: str = DEFAULT_MODE) -> Dataset:
    """The dataset as the pages read it: standing positions, or the recorded ones (`event`)."""
    if mode not in MODES:
        raise ValueError(f"unknown positions mode '{mode}'; valid: {', '.join(MODES)}")
    return standing(ds) if mode == "standing" else recorded(ds)


def recorded(ds: Dataset) -> Dataset:
    """The dataset as recorded, with the carried columns empty (so both modes share columns)."""
    if "carried_from" in ds.positions:
        return ds
    positions = ds.positions.assign(carried_from="", carried_date="")
    return _derived(ds, "event", positions=positions)


def standing(ds: Dataset) -> Dataset:
    """The dataset with every position as it stands at its version (see the module's doc)."""
    if "carried_from" in ds.positions:
        return ds
    frame = ds.positions.reset_index(drop=True)
    columns = {c: frame[c].to_numpy(copy=True) for c in frame.columns if c not in _KEYS}
    columns["carried_from"] = np.full(len(frame), "", dtype=object)
    columns["carried_date"] = np.full(len(frame), "", dtype=object)
    ranks = {version: n for n, version in enumerate(ds.version_ids)}
    dates = {v.id: v.date for v in ds.versions}
    if ds.carry.enabled:
        _carry(columns, *_party_origins(frame, ranks), frame, dates, ds.carry.max_age_days)
    for target, origin in _draft_origins(ds, frame, columns):
        _carry(columns, target, origin, frame, dates, None)
    positions = frame[list(_KEYS)].assign(
        **{c: pd.Series(v, dtype=frame[c].dtype if c in frame else "str") for c, v in
           columns.items()}
    )  # fmt: skip
    return _derived(ds, "standing", positions=positions, issues=_carried_references(ds))


def _party_origins(frame: pd.DataFrame, ranks: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """Rows of parties (not the draft) to carry into, and the rows they carry from."""
    rows = frame[frame["party"] != DRAFT]
    rows = rows.iloc[np.lexsort((rows["version"].map(ranks), rows["issue"], rows["party"]))]
    disclosed = rows["status"].ne("undisclosed").to_numpy()
    origin = pd.Series(np.where(disclosed, rows.index, np.nan), index=rows.index)
    origin = origin.groupby([rows["party"], rows["issue"]], sort=False).ffill()
    wanted = ~disclosed & origin.notna().to_numpy()
    return rows.index.to_numpy()[wanted], origin.to_numpy()[wanted].astype(int)


def _draft_origins(ds: Dataset, frame: pd.DataFrame, columns: dict) -> Iterator[tuple]:
    """Per revision, in date order: the draft rows where its own term is undisclosed, and
    its parent's standing rows they take. A generator: the caller carries each step before the
    next is read, so a parent's terms are settled before its child's."""
    draft = frame[frame["party"] == DRAFT]
    at = {v: rows for v, rows in draft.groupby("version", sort=False)}
    for version_id in ds.version_ids:
        parent = ds.version(version_id).revises
        if not parent or version_id not in at or parent not in at:
            continue
        child = at[version_id]
        by_issue = pd.Series(at[parent].index, index=at[parent]["issue"])
        silent = child[columns["status"][child.index] == "undisclosed"]
        source = silent["issue"].map(by_issue)
        found = source.notna().to_numpy()
        # the parent's own standing term: inherited only where the parent has one
        origin = source.to_numpy()[found].astype(int)
        known = columns["status"][origin] != "undisclosed"
        yield silent.index.to_numpy()[found][known], origin[known]


def _carry(
    columns: dict[str, np.ndarray],
    target: np.ndarray,
    origin: np.ndarray,
    frame: pd.DataFrame,
    dates: dict[str, date],
    max_age_days: int | None,
) -> None:
    """Copy the origin rows' content into the target rows, noting where it came from (the
    origin's own source when it is itself carried); skip those older than max_age_days."""
    if not len(target):
        return
    versions = frame["version"].to_numpy()
    came_from = np.where(
        columns["carried_from"][origin] != "", columns["carried_from"][origin], versions[origin]
    )
    if max_age_days is not None:
        age = np.array(
            [(dates[t] - dates[o]).days for t, o in zip(versions[target], came_from, strict=True)]
        )
        keep = age <= max_age_days
        target, origin, came_from = target[keep], origin[keep], came_from[keep]
    for name, values in columns.items():
        if name not in CARRIED_COLUMNS:
            values[target] = values[origin]
    columns["carried_from"][target] = came_from
    columns["carried_date"][target] = [dates[v].isoformat() for v in came_from]


def _carried_references(ds: Dataset) -> tuple[Issue, ...]:
    """The issues with each version's reference point as it stands: its own, else the latest
    earlier version's own (carried, within the dataset's age limit), else the dataset-wide one."""
    if not ds.carry.enabled:
        return ds.issues
    limit = ds.carry.max_age_days
    ordered = [ds.version(v) for v in ds.version_ids]
    issues = []
    for issue in ds.issues:
        own = {r.version: r for r in issue.references if r.version is not None}
        references, last = list(issue.references), None
        for version in ordered:
            if version.id in own:
                last = own[version.id]
            elif last is not None:
                age = (version.date - ds.version(last.version).date).days
                if limit is None or age <= limit:
                    carried = dataclasses.replace(
                        last, version=version.id, carried_from=last.version
                    )
                    references.append(carried)
        issues.append(dataclasses.replace(issue, references=tuple(references)))
    return tuple(issues)


def _derived(ds: Dataset, mode: str, **changes: object) -> Dataset:
    """A copy of `ds` with `changes`, fingerprinted apart from the dataset it came from."""
    derived = dataclasses.replace(ds, **changes)
    derived.__dict__["fingerprint"] = hashlib.blake2b(
        f"{ds.fingerprint}:{mode}".encode(), digest_size=16
    ).hexdigest()
    return derived


def since(ds: Dataset, carried_from: pd.Series) -> pd.Series:
    """Each carried position's origin in words, 'since <version>, <date>'; '' where the
    position was stated at its own version (or the rows have no origin: the record)."""
    words = {"": ""} | {v.id: f"since {v.name}, {v.date:%d %b %Y}" for v in ds.versions}
    return carried_from.map(words).fillna("")


def marked(ds: Dataset, frame: pd.DataFrame, column: str = "value_label") -> pd.Series:
    """`column` of tidy rows, a carried position's followed by "(since <version>, <date>)", so
    that a table shows it apart from a position stated at its version."""
    if "carried_from" not in frame:
        return frame[column]
    words = since(ds, frame["carried_from"].fillna(""))
    return frame[column].where(words == "", frame[column] + " (" + words + ")")


def ancestry(ds: Dataset, version: str) -> list[str]:
    """The versions `version` revises, nearest first, through `revises`."""
    out, parent = [], ds.version(version).revises
    while parent is not None:
        out.append(parent)
        parent = ds.version(parent).revises
    return out


def comparison_note(ds: Dataset, old: str, new: str) -> str:
    """What comparing two versions' draft terms means by their lineage, in one sentence ('' for a
    dataset recording no lineage)."""
    if old == new or not ds.has_lineage:
        return ""
    name = {v.id: v.name for v in ds.versions}
    for later, earlier, how in ((new, old, "its edits"), (old, new, "its edits, read backwards")):
        chain = ancestry(ds, later)
        if earlier in chain:
            through = chain[: chain.index(earlier)]
            via = f" (through {', '.join(name[v] for v in through)})" if through else ""
            return f"{name[later]} revises {name[earlier]}{via}: the draft's changes are {how}."
    return (
        f"{name[new]} does not revise {name[old]}: their draft terms are two texts of their own, "
        "set side by side, not edits."
    )
