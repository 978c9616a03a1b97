"""Standing positions: where everyone stands as of each version.

A version records what was said at that moment. A party's standing position is its own at the
version when disclosed, else its latest disclosed one at an earlier version (by date, then the
dataset's order), carried forward with the version and date it came from; a later "none" ends
it (and carries as none), "disputed" carries as disputed. The draft text follows the lineage
instead: a version that `revises` another inherits its parent's standing terms where its own
term is undisclosed (a term it dropped, "none", stays dropped: the revision speaks there); a
version revising nothing carries no terms. Reference points carry forward like party
positions. The dataset's `carry` setting limits or switches off carrying.

`as_of(ds, mode)` gives the dataset every page, export and command reads: its positions table
is the standing one in mode "standing" (the default), the recorded one in mode "event"."""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa

from negotiation.data.model import DRAFT, Dataset, Issue

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
    """The dataset with every position as it stands at its version (see the module's doc).

    Every row is given the row its content comes from (`source`: itself, or the disclosed row it
    carries), and the content is taken from those rows in one step: at 600,000 positions a
    column-by-column copy took seconds."""
    if "carried_from" in ds.positions:
        return ds
    frame = ds.positions.reset_index(drop=True)
    rows = _Rows.of(ds, frame)
    itself = np.arange(len(frame))
    source = itself.copy()
    if ds.carry.enabled:
        _carry_parties(rows, source, ds.carry.max_age_days)
    _inherit_drafts(ds, rows, source)
    carried = source != itself
    # each row's origin as a place in the versions, the last place ("") for a row not carried
    origin = pa.array(np.where(carried, rows.version[source], len(ds.version_ids)))
    names = [*ds.version_ids, ""]
    dates = [*(ds.version(v).date.isoformat() for v in ds.version_ids), ""]
    content = _taken(frame.drop(columns=list(_KEYS)), source, carried)
    positions = pd.concat([frame[list(_KEYS)], content], axis=1).assign(
        carried_from=_strings(names, origin), carried_date=_strings(dates, origin)
    )
    return _derived(ds, "standing", positions=positions, issues=_carried_references(ds))


@dataclass(frozen=True)
class _Rows:
    """The positions' keys as integer arrays: version by date rank, party and issue codes, and
    whether each row's own position is disclosed (anything but undisclosed)."""

    version: np.ndarray
    party: np.ndarray
    issue: np.ndarray
    disclosed: np.ndarray
    draft: np.ndarray
    days: np.ndarray
    """Each version rank's date, as days since the epoch."""

    @classmethod
    def of(cls, ds: Dataset, frame: pd.DataFrame) -> _Rows:
        order = ds.version_ids
        versions, found = pd.factorize(frame["version"])
        place = {v: n for n, v in enumerate(order)}
        rank = np.array([place.get(v, -1) for v in found.tolist()] + [-1], dtype=np.int64)
        days = np.array([ds.version(v).date.toordinal() for v in order], dtype=np.int64)
        return cls(
            version=rank[versions],  # by date rank (-1: a version the dataset does not list)
            # any codes do for parties and issues: they only group rows
            party=pd.factorize(frame["party"])[0].astype(np.int64),
            issue=pd.factorize(frame["issue"])[0].astype(np.int64),
            disclosed=(frame["status"] != "undisclosed").to_numpy(bool),
            draft=(frame["party"] == DRAFT).to_numpy(bool),
            days=days,
        )


def _taken(content: pd.DataFrame, source: np.ndarray, carried: np.ndarray) -> pd.DataFrame:
    """content.take(source) (numbered from 0), column by column: a column whose carried rows
    hold their source rows' cells already is kept as it is (at 600,000 positions each column
    taken anew allocated megabytes, and columns such as red lines and notes are mostly empty)."""
    rows, origins = np.flatnonzero(carried), source[carried]
    columns = {}
    for name in content.columns:
        cells = content[name].array
        same = len(rows) == 0 or cells.take(rows).equals(cells.take(origins))
        columns[name] = content[name] if same else content[name].take(source)
    return pd.DataFrame(
        {name: column.reset_index(drop=True) for name, column in columns.items()},
        columns=content.columns,
    )


def _strings(words: list[str], at: pa.Array) -> pd.arrays.ArrowStringArray:
    """words[at] for every row, as a column of strings: taken in Arrow from the few words (as
    Python objects, 600,000 strings took 0.1 s to convert)."""
    return pd.array(pa.array(words, pa.large_string()).take(at), dtype="str")


def _carry_parties(rows: _Rows, source: np.ndarray, max_age_days: int | None) -> None:
    """Point each undisclosed party row at the party's latest disclosed row on the issue at an
    earlier version (within max_age_days), in `source`."""
    at = np.flatnonzero(~rows.draft)
    order = at[np.lexsort((rows.version[at], rows.issue[at], rows.party[at]))]
    group = np.r_[True, (np.diff(rows.party[order]) != 0) | (np.diff(rows.issue[order]) != 0)]
    place = np.arange(len(order))
    start = np.maximum.accumulate(np.where(group, place, 0))
    last = np.maximum.accumulate(np.where(rows.disclosed[order], place, -1))
    wanted = ~rows.disclosed[order] & (last >= start)
    target, origin = order[wanted], order[last[wanted]]
    if max_age_days is not None:
        age = rows.days[rows.version[target]] - rows.days[rows.version[origin]]
        target, origin = target[age <= max_age_days], origin[age <= max_age_days]
    source[target] = origin


def _inherit_drafts(ds: Dataset, rows: _Rows, source: np.ndarray) -> None:
    """Point each revision's undisclosed draft row at its parent's standing draft row on the
    issue, where the parent's term is known, in `source`: revisions in date order, so that a
    parent's terms are settled before its child's."""
    draft = np.flatnonzero(rows.draft)
    rank = {v: n for n, v in enumerate(ds.version_ids)}
    issues = int(rows.issue.max()) + 1 if len(rows.issue) else 0
    for version_id in ds.version_ids:
        parent = ds.version(version_id).revises
        if not parent:
            continue
        child = draft[rows.version[draft] == rank[version_id]]
        mother = draft[rows.version[draft] == rank[parent]]
        by_issue = np.full(issues, -1)
        by_issue[rows.issue[mother]] = mother
        child = child[~rows.disclosed[child]]
        origin = by_issue[rows.issue[child]]
        found = origin >= 0
        child, origin = child[found], source[origin[found]]
        known = rows.disclosed[origin]  # the parent's standing term, own or inherited
        source[child[known]] = origin[known]


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


def since_words(ds: Dataset) -> dict[str, str]:
    """Each version id as a carried position's origin in words, 'since <version>, <date>'
    ('' for the empty origin of a position stated at its own version)."""
    return {"": ""} | {v.id: f"since {v.name}, {v.date:%d %b %Y}" for v in ds.versions}


def since(ds: Dataset, carried_from: pd.Series) -> pd.Series:
    """Each carried position's origin in words, 'since <version>, <date>'; '' where the
    position was stated at its own version (or the rows have no origin: the record)."""
    return carried_from.map(since_words(ds)).fillna("")


def marked(ds: Dataset, frame: pd.DataFrame, column: str = "value_label") -> pd.Series:
    """`column` of tidy rows, a carried position's followed by "(since <version>, <date>)", so
    that a table shows it apart from a position stated at its version."""
    if "carried_from" not in frame:
        return frame[column]
    return with_since(frame[column], since(ds, frame["carried_from"].fillna("")))


def with_since(labels: pd.Series, words: pd.Series) -> pd.Series:
    """Each label followed by its origin words in brackets, where it has any."""
    return labels.where(words == "", labels + " (" + words + ")")


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
