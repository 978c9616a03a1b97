"""Draft drift: for each revision (a version and the version it revises, `Dataset.revisions`),
how far the draft's terms moved from or toward each party's position, per issue and
salience-weighted overall, and whom each revision moved toward. Rival texts and events without
a text of their own revise nothing and get no row. Pure pandas over the positions cube."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from negotiation.analysis import agreement
from negotiation.analysis.forecast import DEFAULT_WEIGHT
from negotiation.data.model import DRAFT, EPSILON, Dataset


def draft_drift(
    ds: Dataset, parties: Sequence[str] | None = None, issues: Iterable[str] | None = None
) -> pd.DataFrame:
    """Per revision, issue and party: the gap from the parent's and the revision's draft term to
    the party's position at the revision (else at the parent), and the change (negative: the
    revision moved toward the party)."""
    parties = [p for p in (parties if parties is not None else ds.party_ids) if p != DRAFT]
    chosen = [i for i in ds.issue_ids if issues is None or i in set(issues)]
    place = {v: n for n, v in enumerate(ds.version_ids)}
    pairs = ds.revisions
    old_at = np.array([place[a] for a, _ in pairs], dtype=int)
    new_at = np.array([place[b] for _, b in pairs], dtype=int)
    # every revision at once over version × issue × party arrays (one pivot of the table; a
    # loop over 39 revisions filtering 600,000 positions took 9 s)
    norm = agreement.cube(ds, "norm", [DRAFT, *parties], chosen)
    draft, stance = norm[..., :1], norm[..., 1:]
    salience = agreement.cube(ds, "salience", parties, chosen)
    position = _newer_first(stance[new_at], stance[old_at])
    keep = ~np.isnan(draft[old_at] + draft[new_at] + position)  # known draft terms and position
    step, issue, party = np.nonzero(keep)
    olds = np.asarray([a for a, _ in pairs], dtype=object)
    news = np.asarray([b for _, b in pairs], dtype=object)
    names = {v.id: v.name for v in ds.versions}
    revisions = np.array([f"{names[a]} → {names[b]}" for a, b in pairs], object)
    issue_names = {i.id: i.name for i in ds.issues}
    issue_ids = np.array([(i, issue_names[i]) for i in chosen], dtype=object).reshape(-1, 2)
    party_ids = np.array([(p, ds.party(p).name) for p in parties], dtype=object).reshape(-1, 2)
    frame = pd.DataFrame(
        {
            "old": olds[step],
            "new": news[step],
            "revision": revisions[step],
            "issue": issue_ids[issue, 0],
            "issue_name": issue_ids[issue, 1],
            "party": party_ids[party, 0],
            "party_name": party_ids[party, 1],
            "draft_old": draft[old_at, :, 0][step, issue],
            "draft_new": draft[new_at, :, 0][step, issue],
            "position": position[keep],
            "salience": np.nan_to_num(
                _newer_first(salience[new_at], salience[old_at])[keep], nan=DEFAULT_WEIGHT
            ),
        }
    )
    frame["distance_old"] = (frame["draft_old"] - frame["position"]).abs()
    frame["distance_new"] = (frame["draft_new"] - frame["position"]).abs()
    frame["change"] = frame["distance_new"] - frame["distance_old"]
    return frame


def _newer_first(newer: np.ndarray, older: np.ndarray) -> np.ndarray:
    """`newer`, with `older`'s value where it has none."""
    return np.where(np.isnan(newer), older, newer)


def drift_overall(drift: pd.DataFrame) -> pd.DataFrame:
    """Per revision and party: the salience-weighted mean distance before and after over the
    issues known for both, and the change (negative: moved toward the party)."""
    weighted = drift.assign(
        before=drift["distance_old"] * drift["salience"],
        after=drift["distance_new"] * drift["salience"],
    )
    keys = ["old", "new", "revision", "party", "party_name"]
    sums = weighted.groupby(keys, sort=False)[["before", "after", "salience"]].sum()
    sums["issues"] = weighted.groupby(keys, sort=False).size()
    total = sums["salience"].where(sums["salience"] > EPSILON)
    out = sums.assign(distance_old=sums["before"] / total, distance_new=sums["after"] / total)
    out = out.assign(change=out["distance_new"] - out["distance_old"]).reset_index()
    return out[[*keys, "issues", "distance_old", "distance_new", "change"]]


def revision_moves(
    ds: Dataset, parties: Sequence[str] | None = None, issues: Iterable[str] | None = None
) -> pd.DataFrame:
    """Whom each revision moved toward, overall and per issue (`moved_toward` of the drift)."""
    return moved_toward(draft_drift(ds, parties, issues))


def moved_toward(drift: pd.DataFrame) -> pd.DataFrame:
    """Per revision, overall and per issue: the parties the draft moved toward (biggest move
    first) and away from."""
    overall = drift_overall(drift).assign(issue="", issue_name="Overall")
    keys = ["revision", "issue_name"]
    columns = [*keys, "party_name", "change"]  # only these: the drift has 460,000 rows at scale
    both = pd.concat([overall[columns], drift[columns]])

    def names(moves: pd.DataFrame, ascending: bool) -> pd.Series:
        # biggest move first; one sort and one grouped join for all groups (a loop over 12,000
        # groups took 30 s)
        ordered = moves.sort_values("change", ascending=ascending, kind="stable")
        return ordered.groupby(keys, sort=False)["party_name"].agg(", ".join)

    toward = names(both[both["change"] < -EPSILON], True).rename("toward")
    away = names(both[both["change"] > EPSILON], False).rename("away")
    groups = both[keys].drop_duplicates()
    out = groups.merge(toward, on=keys, how="left").merge(away, on=keys, how="left")
    return out.fillna({"toward": "", "away": ""}).reset_index(drop=True)
