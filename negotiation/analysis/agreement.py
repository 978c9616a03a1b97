"""Gaps, agreements, distances and version diffs: pure pandas over a Dataset's positions.

Over 350 lines on purpose, for now: every question here starts from the same private helpers
(`select`, `tidy`, `labelled`, `cube`, the names); the version diff is the part to move out
next, once the pages' move to `pages/` has settled (every page calls it through here)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import combinations, pairwise

import numpy as np
import pandas as pd

from negotiation.analysis import standing
from negotiation.data.checks import ids
from negotiation.data.model import (
    DRAFT,
    EPSILON,
    KNOWN_STATUSES,
    Dataset,
    Scale,
)
from negotiation.data.references import references
from negotiation.data.table import (
    display_names,
    in_dataset_order,
    labelled,
    select,
    tidy,
    value_labels,
)

CHANGES = (
    "changed",
    "status changed",
    "newly disclosed",
    "newly undisclosed",
    "added",
    "dropped",
    "unchanged",
)


DIFF_LABELS = {
    "party_name": "Party",
    "issue_name": "Issue",
    "change": "Change",
    "value_label_old": "Before",
    "after": "After",
    "toward": "Moved toward",
    "away": "Moved away from",
    "stance_new": "Stance now",
    "quote_new": "In the source's words",
}
"""The version diff's columns in plain words, for the Compare page and the briefing."""


def matrix(
    ds: Dataset, version: str, parties: Sequence[str], issues: Iterable[str] | None = None
) -> pd.DataFrame:
    """One version's cells for a party × issue heatmap, with names, groups and labels."""
    frame = tidy(ds, [version], parties, issues)
    groups = {i.id: i.group for i in ds.issues}
    carried = frame["carried_from"] if "carried_from" in frame else pd.Series("", frame.index)
    return frame.assign(
        value_short=value_labels(ds, frame, short=True),
        since=standing.since(ds, carried),
        group=frame["issue"].map(groups),
        known=frame["norm"].notna(),
        status_label=np.where(frame["norm"].notna(), "known", frame["value_label"]),
        links=source_links(ds, frame["sources"]),
    )


def source_links(ds: Dataset, cells: pd.Series) -> pd.Series:
    """Each cell of source ids as the links of those sources (their unpublished reason where
    there is no link), one per line."""
    links = {s.id: s.url or f"(no link: {s.unpublished or 'none given'})" for s in ds.sources}
    codes, distinct = pd.factorize(cells)
    found = ["\n".join(links.get(i, "") for i in ids(cell)) for cell in distinct]
    return pd.Series(np.asarray([*found, ""], dtype=object)[codes], index=cells.index)


def cube(ds: Dataset, column: str, parties: Sequence[str], issues: Sequence[str]) -> np.ndarray:
    """One column of the positions as a version × issue × party array (NaN where absent): a
    walk through the versions as array arithmetic, from one pivot of the table."""
    rows = select(ds, parties=parties, issues=issues)
    wide = rows.pivot(index=["version", "issue"], columns="party", values=column)
    every = pd.MultiIndex.from_product([ds.version_ids, issues])
    shape = (len(ds.version_ids), len(issues), len(parties))
    return wide.reindex(index=every, columns=list(parties)).to_numpy(float).reshape(shape)


def _wide(ds: Dataset, version: str, column: str, parties: Sequence[str]) -> pd.DataFrame:
    """One version's `column` as an issue × party table (NaN where unknown or absent)."""
    return _wides(ds, version, [column], parties)[0]


def _wides(
    ds: Dataset, version: str, columns: Sequence[str], parties: Sequence[str]
) -> list[pd.DataFrame]:
    """`_wide` of each of `columns`, the version's rows chosen once."""
    frame = select(ds, [version], parties, columns=["issue", "party", *columns])
    return [
        frame.pivot(index="issue", columns="party", values=column).reindex(
            index=ds.issue_ids, columns=list(parties)
        )
        for column in columns
    ]


def pairwise_gaps(
    ds: Dataset, version: str, parties: Sequence[str], issues: Iterable[str] | None = None
) -> pd.DataFrame:
    """Per issue and pair of parties: the gap (normalised and in units) and whether they agree.

    Pairs where either side is unknown have NaN gap and NA agreement.
    """
    issue_ids, first, second, gap, gap_units, agree, weight = _pair_arrays(
        ds, version, parties, issues
    )
    names = np.asarray(parties, dtype=object)
    return pd.DataFrame(
        {
            "issue": np.tile(issue_ids, len(first)),
            "party_a": np.repeat(names[first], len(issue_ids)),
            "party_b": np.repeat(names[second], len(issue_ids)),
            "gap": gap.ravel(),
            "gap_units": gap_units.ravel(),
            "agree": pd.arrays.BooleanArray(agree.ravel(), np.isnan(gap).ravel()),
            "weight": weight.ravel(),
        }
    )


def _pair_arrays(
    ds: Dataset, version: str, parties: Sequence[str], issues: Iterable[str] | None = None
) -> tuple[np.ndarray, ...]:
    """`pairwise_gaps` as arrays: the issue ids, each pair's two places in `parties`, and per
    pair × issue the gap, the gap in units, whether they agree (False where a side is unknown)
    and the weight."""
    norm, salience, units = _wides(ds, version, ["norm", "salience", "units"], parties)
    salience = salience.fillna(1.0)  # NaN on ordinal issues and named values, for units
    if issues is not None:
        keep = [i for i in ds.issue_ids if i in set(issues)]
        norm, salience, units = norm.loc[keep], salience.loc[keep], units.loc[keep]
    scales = {i.id: i.scale for i in ds.issues}
    tolerance = np.array([scales[i].norm_tolerance for i in norm.index])
    # every pair at once: column a minus column b, one row per pair and issue, pair by pair
    first, second = np.triu_indices(len(parties), k=1)
    values = norm.to_numpy(float)
    gap = np.abs(values[:, first] - values[:, second]).T  # pairs × issues
    sizes = units.to_numpy(float)
    gap_units = np.abs(sizes[:, first] - sizes[:, second]).T
    weight = salience.to_numpy(float)
    agree = gap <= tolerance + EPSILON
    pair_weight = ((weight[:, first] + weight[:, second]) / 2).T
    issue_ids = norm.index.to_numpy(dtype=object)
    return issue_ids, first, second, gap, gap_units, agree, pair_weight


def gap(ds: Dataset, version: str, a: str, b: str) -> pd.DataFrame:
    """Per issue: the gap between two parties (or a party and `draft`) and whether they agree."""
    return pairwise_gaps(ds, version, [a, b]).drop(columns=["party_a", "party_b"])


def agreement_matrix(
    ds: Dataset, version: str, parties: Sequence[str], issues: Iterable[str] | None = None
) -> pd.DataFrame:
    """Per ordered pair of parties: issues known for both, how many agree, the share agreed
    (plain and salience-weighted). The diagonal is omitted."""
    gaps = pairwise_gaps(ds, version, parties, issues)
    known = gaps[gaps["gap"].notna()].assign(agree=lambda f: f["agree"].astype(bool))
    known = known.assign(agreed_weight=known["weight"] * known["agree"])
    summary = known.groupby(["party_a", "party_b"], sort=False).agg(
        known=("gap", "size"),
        agreed=("agree", "sum"),
        weight=("weight", "sum"),
        agreed_weight=("agreed_weight", "sum"),
    )
    pairs = pd.MultiIndex.from_tuples(list(combinations(parties, 2)), names=["party_a", "party_b"])
    summary = summary.reindex(pairs, fill_value=0).reset_index()
    summary = summary.assign(
        share=summary["agreed"] / summary["known"].where(summary["known"] > 0),
        weighted_share=summary["agreed_weight"] / summary["weight"].where(summary["weight"] > 0),
        mean_gap=gaps.groupby(["party_a", "party_b"], sort=False)["gap"]
        .mean()
        .reindex(pairs)
        .to_numpy(),
    )
    mirrored = summary.rename(columns={"party_a": "party_b", "party_b": "party_a"})
    both = pd.concat([summary, mirrored], ignore_index=True)
    names = display_names(ds)["party"]
    both = both.assign(
        party_a_name=both["party_a"].map(names), party_b_name=both["party_b"].map(names)
    )
    columns = ["party_a", "party_b", "party_a_name", "party_b_name", "known", "agreed"]
    return both[[*columns, "share", "weighted_share", "mean_gap"]]


def widest_gaps(
    ds: Dataset, version: str, parties: Sequence[str], issues: Iterable[str] | None = None
) -> pd.DataFrame:
    """Per issue, the widest gap between any two of the parties, widest first.

    Issues where fewer than two parties are known are left out."""
    gaps = pairwise_gaps(ds, version, parties, issues).dropna(subset=["gap"])
    if gaps.empty:
        return pd.DataFrame(columns=["issue", "issue_name", "party_a", "party_b", "gap"])
    widest = gaps.loc[gaps.groupby("issue")["gap"].idxmax()]
    names = display_names(ds)
    widest = widest.assign(
        issue_name=widest["issue"].map(names["issue"]),
        party_a_name=widest["party_a"].map(names["party"]),
        party_b_name=widest["party_b"].map(names["party"]),
        units=widest["issue"].map({i.id: i.scale.unit for i in ds.issues}),
    )
    return widest.sort_values(["gap", "issue"], ascending=[False, True]).reset_index(drop=True)


def draft_distance(
    ds: Dataset, parties: Sequence[str] | None = None, issues: Iterable[str] | None = None
) -> pd.DataFrame:
    """Per version and party: the salience-weighted mean gap between the version's own text
    and the party, over issues known for both (lower: the draft favours that party)."""
    parties = list(parties if parties is not None else ds.party_ids)
    chosen = [i for i in ds.issue_ids if issues is None or i in set(issues)]
    norm = cube(ds, "norm", [DRAFT, *parties], chosen)
    gap = np.abs(norm[..., :1] - norm[..., 1:])  # version × issue × party
    known = ~np.isnan(gap)
    weight = np.where(known, np.nan_to_num(cube(ds, "salience", parties, chosen), nan=1.0), 0)
    total = weight.sum(axis=1)
    weighted = np.where(known, gap * weight, 0).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        distance = np.where(total != 0, weighted / total, np.nan)
    frame = pd.DataFrame(
        {
            "version": np.repeat(np.asarray(ds.version_ids, dtype=object), len(parties)),
            "party": np.tile(np.asarray(parties, dtype=object), len(ds.version_ids)),
            "known": known.sum(axis=1).ravel(),
            "distance": distance.ravel(),
        }
    )
    names = display_names(ds)
    dates = {v.id: pd.Timestamp(v.date) for v in ds.versions}
    return frame.assign(
        version_name=frame["version"].map(names["version"]),
        version_date=frame["version"].map(dates),
        party_name=frame["party"].map(names["party"]),
    )


def _change(old_status: str, new_status: str, old_value: str, new_value: str) -> str:
    old_known, new_known = old_status in KNOWN_STATUSES, new_status in KNOWN_STATUSES
    if old_known and new_known:
        if old_value != new_value:
            return "changed"
        return "unchanged" if old_status == new_status else "status changed"  # disputed → stated
    if new_known:
        return "newly disclosed" if old_status == "undisclosed" else "added"
    if old_known:
        return "newly undisclosed" if new_status == "undisclosed" else "dropped"
    return (
        "unchanged"
        if old_status == new_status
        else ("newly undisclosed" if new_status == "undisclosed" else "dropped")
    )


def version_diff(
    ds: Dataset,
    old: str,
    new: str,
    parties: Sequence[str] | None = None,
    issues: Iterable[str] | None = None,
    of: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Per (party, issue), draft included: how the position changed from `old` to `new`, and
    for a change, toward and away from which other parties (and draft) it moved.

    A missing row counts as "no position": added and dropped are about taking or giving up a
    position; newly (un)disclosed about what was made public. `of` limits the rows to some of
    these parties (the side-by-side view wants the draft's alone), still judged against all.
    """
    parties = [DRAFT, *(parties if parties is not None else ds.party_ids)]
    rows = parties if of is None else list(of)
    before = tidy(ds, [old], rows, issues)
    after = tidy(ds, [new], rows, issues)
    return _diff(ds, before, after, _reference_positions(ds, old, new, parties))


def version_diffs(
    ds: Dataset,
    versions: Sequence[str],
    parties: Sequence[str] | None = None,
    issues: Iterable[str] | None = None,
    of: Sequence[str] | None = None,
    pairs: Sequence[tuple[str, str]] | None = None,
) -> dict[str, pd.DataFrame]:
    """`version_diff` of each (old, new) of `pairs` (default: each of `versions` after the first
    from the one before it in that list), by the newer version's id, from one pass over the rows:
    39 pairs diffed one at a time took seconds, each pair's selection and pivot costing more
    than its diff."""
    parties = [DRAFT, *(parties if parties is not None else ds.party_ids)]
    rows = parties if of is None else list(of)
    labelled_rows = tidy(ds, versions, rows, issues)
    by_version = dict(tuple(labelled_rows.groupby("version", sort=False)))
    norms = select(ds, versions, parties).pivot(
        index=["version", "issue"], columns="party", values="norm"
    )
    present = set(norms.index.get_level_values("version"))
    wide = {
        v: (norms.xs(v) if v in present else norms.iloc[:0].droplevel("version")).reindex(
            index=ds.issue_ids, columns=parties
        )
        for v in versions
    }
    empty = labelled_rows.iloc[:0]
    return {
        new: _diff(
            ds,
            by_version.get(old, empty),
            by_version.get(new, empty),
            newer_first(wide[new], wide[old]),
        )
        for old, new in (pairwise(versions) if pairs is None else pairs)
    }


def _diff(
    ds: Dataset, before: pd.DataFrame, after: pd.DataFrame, reference: pd.DataFrame
) -> pd.DataFrame:
    """The diff of two versions' tidy rows, directions judged against `reference` (issue ×
    party positions)."""
    columns = ["party", "issue", "status", "value", "norm", "stance", "quote"]
    keys = ["party", "issue"]
    carried = after["carried_from"] if "carried_from" in after else pd.Series("", after.index)
    both = pd.merge(
        before[[*columns, "value_label"]],
        after[[*columns, "value_label"]].assign(since=standing.since(ds, carried)),
        on=keys,
        how="outer",
        suffixes=("_old", "_new"),
    )
    for side in ("old", "new"):
        both[f"status_{side}"] = both[f"status_{side}"].fillna("none")
        both[f"value_{side}"] = both[f"value_{side}"].fillna("")
        both[f"value_label_{side}"] = both[f"value_label_{side}"].fillna("no position")
        both[f"stance_{side}"] = both[f"stance_{side}"].fillna("")
        both[f"quote_{side}"] = both[f"quote_{side}"].fillna("")
    both["since"] = both["since"].fillna("")
    # a carried position says since when it stands, in the After cell: a column of its own
    # pushed After out of a laptop's view
    both["after"] = standing.with_since(both["value_label_new"], both["since"])
    cells = zip(
        both["status_old"], both["status_new"], both["value_old"], both["value_new"], strict=True
    )
    both["change"] = [_change(*cell) for cell in cells]
    directions = _directions(ds, both, reference)
    names = display_names(ds)
    both = both.assign(
        party_name=both["party"].map(names["party"]),
        issue_name=both["issue"].map(names["issue"]),
        shift=both["norm_new"] - both["norm_old"],
        toward=[d[0] for d in directions],
        away=[d[1] for d in directions],
    )
    return in_dataset_order(ds, both).reset_index(drop=True)[
        [
            "party",
            "party_name",
            "issue",
            "issue_name",
            "change",
            "value_label_old",
            "value_label_new",
            "since",
            "after",
            "norm_old",
            "norm_new",
            "shift",
            "toward",
            "away",
            "status_old",
            "status_new",
            "stance_old",
            "stance_new",
            "quote_new",
        ]
    ]


def direction_note(ds: Dataset, old: str, new: str) -> str:
    """What a diff's "moved toward" and "away from" were judged against, in words."""
    then, now = ds.version(old).name, ds.version(new).name
    return (
        f"Moved toward and away from: judged against the others' positions (the draft's "
        f"included) at {now}, or at {then} where one is not known at {now}."
    )


def _reference_positions(ds: Dataset, old: str, new: str, parties: Sequence[str]) -> pd.DataFrame:
    """Where each party stands for judging direction: its position in the new version, or in
    the old one where the new is unknown."""
    return newer_first(_wide(ds, new, "norm", parties), _wide(ds, old, "norm", parties))


def newer_first(newer: pd.DataFrame, older: pd.DataFrame) -> pd.DataFrame:
    """`newer`, with `older`'s value where it has none (two tables of the same issues and
    parties; `combine_first` took 0.1 s for 300 × 50 cells)."""
    return newer.where(newer.notna(), older)


def _directions(ds: Dataset, both: pd.DataFrame, reference: pd.DataFrame) -> list[tuple[str, str]]:
    """For each row of a diff, the names of the others a change got closer to and further
    from, nearest change first (empty unless the row changed). Plain arrays, not a pandas
    lookup per row: 15,000 rows took 18 s that way."""
    names = display_names(ds)["party"]
    parties = [names[p] for p in reference.columns]
    grid = reference.to_numpy(float)
    at_issue = {issue: n for n, issue in enumerate(reference.index)}
    at_party = {party: n for n, party in enumerate(reference.columns)}
    columns = ["party", "issue", "norm_old", "norm_new", "change"]
    out = []
    for party, issue, old, new, change in both[columns].itertuples(index=False):
        if change != "changed":
            out.append(("", ""))
            continue
        others = grid[at_issue[issue]].copy()
        others[at_party[party]] = np.nan
        closer = np.abs(others - old) - np.abs(others - new)
        toward = sorted(np.flatnonzero(closer > EPSILON), key=lambda n: -closer[n])
        away = sorted(np.flatnonzero(closer < -EPSILON), key=lambda n: closer[n])
        out.append((", ".join(parties[n] for n in toward), ", ".join(parties[n] for n in away)))
    return out


def headline_counts(ds: Dataset, version: str, parties: Sequence[str]) -> dict[str, object]:
    """The Overview's numbers for a version: issues where all parties agree (of those known
    for all), issues where the draft matches each party, and undisclosed cells."""
    who = [DRAFT, *parties]
    frame = select(ds, [version], who, columns=["issue", "party", "status"])
    # the parties' pairs and the draft's, as arrays (a table of 380,000 pairs took 0.1 s)
    _, first, second, gap, _, agree, _ = _pair_arrays(ds, version, who)
    names = np.asarray(who, dtype=object)
    with_draft = names[first] == DRAFT
    known = ~np.isnan(gap[~with_draft])
    all_known = known.all(axis=0) if len(known) else np.zeros(gap.shape[1], dtype=bool)
    all_agree = agree[~with_draft].all(axis=0)
    matches: Counter[str] = Counter()
    for party, agreed in zip(names[second[with_draft]], agree[with_draft].sum(axis=1), strict=True):
        matches[party] += int(agreed)
    status = frame["status"]
    drafted = frame["issue"][(frame["party"] == DRAFT) & status.isin(KNOWN_STATUSES)]
    return {
        "issues": len(ds.issues),
        "all_known": int(all_known.sum()) if len(parties) > 1 else 0,
        "all_agree": int((all_known & all_agree).sum()) if len(parties) > 1 else 0,
        "draft_matches": {p: matches[p] for p in parties},
        "draft_known": int(drafted.nunique()),
        "undisclosed": int((status == "undisclosed").sum()),
        "no_position": int((status == "none").sum()),
        "cells": len(frame),
    }


def stance_matrix(
    ds: Dataset, version: str, parties: Sequence[str], issues: Iterable[str] | None = None
) -> pd.DataFrame:
    """The matrix as text: one row per issue, one column per party (draft first), each cell
    the position in plain words and the stance; last, the issue's reference point (status
    quo), which is not a party."""
    frame = tidy(ds, [version], [DRAFT, *parties], issues)
    frame = frame.assign(cell=standing.marked(ds, frame) + " — " + frame["stance"])
    wide = frame.pivot(index="issue", columns="party", values="cell")
    order = [i for i in ds.issue_ids if i in wide.index]
    columns = [p for p in [DRAFT, *parties] if p in wide.columns]
    wide = wide.loc[order, columns]
    names = display_names(ds)
    groups = {i.id: i.group for i in ds.issues}
    wide.insert(0, "Group", [groups[i] for i in wide.index])
    wide.insert(0, "Issue", [names["issue"][i] for i in wide.index])
    status_quo = references(ds, version, order).set_index("issue")
    cells = status_quo["value_label"] + " — " + status_quo["label"]
    wide["Reference point (status quo)"] = cells.reindex(wide.index).fillna("").to_numpy()
    return wide.rename(columns=names["party"]).reset_index(drop=True)


def issue_gaps(ds: Dataset, version: str, parties: Sequence[str], issue: str) -> pd.DataFrame:
    """Every pair's gap on one issue, in plain words and units ("200 thousand personnel apart",
    "2 levels apart"), widest first."""
    gaps = pairwise_gaps(ds, version, [DRAFT, *parties], [issue])
    names = display_names(ds)["party"]
    scale = ds.issue(issue).scale
    gaps = gaps.assign(
        party_a_name=gaps["party_a"].map(names),
        party_b_name=gaps["party_b"].map(names),
        agree_label=gaps["agree"].map({True: "agree", False: "apart"}).fillna("not known"),
        apart=[gap_words(scale, g, u) for g, u in zip(gaps["gap"], gaps["gap_units"], strict=True)],
    )
    return gaps.sort_values("gap", ascending=False, na_position="last").reset_index(drop=True)


def gap_words(scale: Scale, gap: float, gap_units: float) -> str:
    """A gap in the issue's own terms: units on a numeric scale, levels on an ordinal one; the
    share of the scale where a named value (no cap) leaves no number; empty when unknown."""
    if pd.isna(gap):
        return ""
    if gap <= EPSILON:
        return "no gap"
    if scale.is_numeric and pd.notna(gap_units):
        return f"{scale.label(gap_units)} apart"
    if scale.is_numeric:
        return f"{gap:.0%} of the scale apart"
    levels = round(gap * (len(scale.levels) - 1))
    return f"{levels} level{'s' if levels != 1 else ''} apart"


def diff_counts(diff: pd.DataFrame) -> dict[str, int]:
    """How many (party, issue) cells fall under each kind of change."""
    counts = diff["change"].value_counts()
    return {change: int(counts.get(change, 0)) for change in CHANGES}


def source_citations(ds: Dataset) -> pd.DataFrame:
    """Every source with how many positions cite it, newest first."""
    codes, cells = pd.factorize(ds.positions["sources"])  # a few distinct cells: count each
    cited = Counter()
    for cell, count in zip(cells, np.bincount(codes, minlength=len(cells)), strict=True):
        cited.update(dict.fromkeys(ids(cell), int(count)))
    frame = pd.DataFrame(
        [
            {
                "source": s.id,
                "publisher": s.publisher,
                "date": s.iso_date,
                "title": s.title,
                "url": s.url or "",
                "positions": cited[s.id],
            }
            for s in ds.sources
        ]
    )
    return frame.sort_values(["date", "publisher"], ascending=[False, True]).reset_index(drop=True)


def citing(ds: Dataset, source: str) -> pd.DataFrame:
    """The positions that cite a source."""
    codes, cells = pd.factorize(ds.positions["sources"])
    cites = np.array([source in ids(cell) for cell in cells], dtype=bool)
    return labelled(ds, ds.positions[cites[codes]])


def conflicts(ds: Dataset) -> pd.DataFrame:
    """Positions where reports conflict: status `disputed`, or a note that names a conflict."""
    frame = ds.positions
    flagged = (frame["status"] == "disputed") | frame["note"].str.contains(
        "conflict", case=False, regex=False
    )
    return labelled(ds, frame[flagged])
