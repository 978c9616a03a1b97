"""Bargaining models over a version's positions: the compromise and weighted-median forecasts,
the zone of possible agreement, the draft's drift between versions, and how a forecast moves
with one party's weight. Pure pandas; every result carries normalised and native values."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from itertools import combinations, pairwise

import numpy as np
import pandas as pd

from negotiation import analysis
from negotiation.model import DRAFT, Dataset, Scale

DEFAULT_WEIGHT = 1.0
"""Capability and salience when the data gives none: every party and issue counts equally."""
EPSILON = analysis.EPSILON

CapabilityOverrides = Mapping[str, float]
"""Capability by party id, set by the user (sliders) over what the data says."""
SalienceOverrides = Mapping[tuple[str, str], float]
"""Salience by (party id, issue id), set by the user over what the data says."""

MODELS = {
    "compromise": (
        "Compromise model",
        "The outcome is the average of the parties' positions, each weighted by the party's "
        "capability times the salience of the issue to it. Parties whose position is unknown "
        "do not count.",
        r"\hat{x} = \frac{\sum_i c_i s_i x_i}{\sum_i c_i s_i}",
    ),
    "median": (
        "Weighted median",
        "The outcome is the position where the cumulative capability × salience weight, "
        "counted from one end of the scale, crosses half of the total. When it lands exactly "
        "on half, the outcome is midway between that position and the next.",
        r"\tilde{x} = \min\{x_k : \sum_{x_i \le x_k} c_i s_i > \tfrac{1}{2}\sum_i c_i s_i\}",
    ),
    "zone": (
        "Zone of possible agreement",
        "Each party's red lines bound the outcomes it can accept; the zone is where all these "
        "ranges overlap. When it is empty, the pairs whose ranges do not overlap are named.",
        r"Z = \bigcap_i [\mathit{min}_i, \mathit{max}_i] = [\max_i \mathit{min}_i, "
        r"\min_i \mathit{max}_i]",
    ),
    "drift": (
        "Draft drift",
        "For two consecutive versions, the distance from the draft's term to each party's "
        "position, weighted by salience, before and after the revision. A distance that "
        "shrinks means the revision moved toward that party.",
        r"\Delta d_i = \frac{\sum_j s_{ij}(|x^{new}_j - p_{ij}| - |x^{old}_j - p_{ij}|)}"
        r"{\sum_j s_{ij}}",
    ),
}
"""Each model's name, a two-sentence explanation and its formula (LaTeX), for page and docs."""


REPORT_LABELS = {
    "issue_name": "Issue",
    "compromise_label": "Compromise",
    "median_label": "Weighted median",
    "zone": "Zone of agreement",
    "draft_label": "Draft's term",
    "note": "Note",
}
"""The per-issue report's columns in plain words, for the page and the CLI."""


# --- inputs ---------------------------------------------------------------------------------


def inputs(
    ds: Dataset,
    version: str,
    parties: Sequence[str] | None = None,
    issues: Iterable[str] | None = None,
    capability: CapabilityOverrides | None = None,
    salience: SalienceOverrides | None = None,
) -> pd.DataFrame:
    """Per (issue, party) with a known position: `norm`, `capability` and `salience` with where
    each came from, and `weight` = capability × salience."""
    parties = [p for p in (parties if parties is not None else ds.party_ids) if p != DRAFT]
    frame = analysis.select(ds, [version], parties, issues)
    frame = frame[frame["norm"].notna()]
    caps = capabilities(ds, version, capability)
    overrides = salience or {}
    given = [overrides.get((p, i)) for p, i in zip(frame["party"], frame["issue"], strict=True)]
    chosen = pd.Series(given, index=frame.index, dtype=float)
    out = pd.DataFrame(
        {
            "issue": frame["issue"],
            "party": frame["party"],
            "norm": frame["norm"],
            "capability": pd.Series([caps[p][0] for p in frame["party"]], frame.index, float),
            "capability_source": [caps[p][1] for p in frame["party"]],
            "salience": chosen.fillna(frame["salience"]).fillna(DEFAULT_WEIGHT),
            "salience_source": np.select(
                [chosen.notna(), frame["salience"].notna()], ["set here", "data"], "default"
            ),
        }
    )
    return out.assign(weight=out["capability"] * out["salience"]).reset_index(drop=True)


def capabilities(
    ds: Dataset, version: str, overrides: CapabilityOverrides | None = None
) -> dict[str, tuple[float, str]]:
    """Each party's capability and where it came from: set here, the version, the dataset, or
    the default (1, equal weights)."""
    at_version = dict(ds.version(version).capabilities)
    out = {}
    for party in ds.parties:
        if overrides and party.id in overrides:
            out[party.id] = (float(overrides[party.id]), "set here")
        elif party.id in at_version:
            out[party.id] = (at_version[party.id], "version")
        elif party.capability is not None:
            out[party.id] = (party.capability, "dataset")
        else:
            out[party.id] = (DEFAULT_WEIGHT, "default")
    return out


def defaults_note(ds: Dataset, weights: pd.DataFrame) -> str:
    """Which defaults the forecast used, in plain words ("" when the data gave every weight)."""
    names = {p.id: p.name for p in ds.parties}
    notes = []
    by_party = weights.drop_duplicates("party")
    default_caps = by_party.loc[by_party["capability_source"] == "default", "party"]
    if len(default_caps) and len(default_caps) == len(by_party):
        notes.append("No capability is given, so every party weighs the same (1).")
    elif len(default_caps):
        notes.append(f"Capability 1 assumed for {', '.join(default_caps.map(names))}.")
    default_sal = weights["salience_source"] == "default"
    if default_sal.all() and len(weights):
        notes.append("No salience is given, so every issue matters equally (1).")
    elif default_sal.any():
        notes.append(
            f"Salience 1 assumed for {int(default_sal.sum())} of {len(weights)} positions."
        )
    return " ".join(notes)


# --- forecasts ------------------------------------------------------------------------------


def compromise(weights: pd.DataFrame) -> pd.Series:
    """Per issue: Σ weight·norm / Σ weight over the known positions (NaN when the weights sum
    to zero)."""
    weighted = weights.assign(product=weights["weight"] * weights["norm"])
    sums = weighted.groupby("issue", sort=False)[["product", "weight"]].sum()
    return (sums["product"] / sums["weight"].where(sums["weight"] > EPSILON)).rename("compromise")


def weighted_median(weights: pd.DataFrame) -> pd.Series:
    """Per issue: the position where the cumulative weight, from the low end, crosses half
    the total; midway to the next position when it lands exactly on half (NaN at zero
    weight)."""
    medians = {
        issue: _median(group["norm"], group["weight"])
        for issue, group in weights.groupby("issue", sort=False)
    }
    return pd.Series(medians, dtype=float, name="median")


def _median(norm: pd.Series, weight: pd.Series) -> float:
    at = weight.groupby(norm).sum()  # sorted by position; equal positions pool their weight
    at = at[at > EPSILON]
    if at.empty:
        return np.nan
    above = at.cumsum() - at.sum() / 2
    first = int(np.argmax(above.to_numpy() > -EPSILON))
    if abs(above.iloc[first]) <= EPSILON:
        return float((at.index[first] + at.index[first + 1]) / 2)
    return float(at.index[first])


def native(scale: Scale, norm: float) -> float:
    """A normalised position in the issue's terms: units on a numeric scale, the level number
    (1 = first level, fractions in between) on an ordinal one."""
    if scale.is_numeric:
        return scale.denormalise(norm)
    return 1 + norm * (len(scale.levels) - 1)


def native_label(scale: Scale, norm: float) -> str:
    """A normalised position in plain words: the number with its unit, or the nearest level
    (both levels when it lies exactly midway)."""
    if pd.isna(norm):
        return ""
    if scale.is_numeric:
        return scale.label(round(scale.denormalise(norm), 2))
    position = norm * (len(scale.levels) - 1)
    lower = int(np.floor(position + EPSILON))
    if abs(position - lower - 0.5) <= EPSILON:  # a tie: name both rather than pick one
        return f"between {scale.levels[lower].label} and {scale.levels[lower + 1].label}"
    return scale.nearest_level(norm).label


FORECAST_COLUMNS = [
    "issue",
    "issue_name",
    "unit",
    "known",
    "total_weight",
    "compromise",
    "compromise_value",
    "compromise_label",
    "median",
    "median_value",
    "median_label",
    "draft",
    "draft_value",
    "draft_label",
    "reason",
]


def forecast(
    ds: Dataset,
    version: str,
    parties: Sequence[str] | None = None,
    issues: Iterable[str] | None = None,
    capability: CapabilityOverrides | None = None,
    salience: SalienceOverrides | None = None,
) -> pd.DataFrame:
    """Per issue: the compromise and weighted-median forecasts and the draft's term, each
    normalised, in the issue's terms and in words; `reason` says why a forecast is missing."""
    weights = inputs(ds, version, parties, issues, capability, salience)
    chosen = [i for i in ds.issue_ids if issues is None or i in set(issues)]
    grouped = weights.groupby("issue")
    known = grouped.size().reindex(chosen, fill_value=0)
    total = grouped["weight"].sum().reindex(chosen, fill_value=0.0)
    draft = analysis.select(ds, [version], [DRAFT], chosen).set_index("issue")["norm"]
    frame = pd.DataFrame(
        {
            "issue": pd.Series(chosen, dtype=str),
            "known": known.to_numpy(),
            "total_weight": total.to_numpy(),
            "compromise": compromise(weights).reindex(chosen).to_numpy(),
            "median": weighted_median(weights).reindex(chosen).to_numpy(),
            "draft": draft.reindex(chosen).to_numpy(dtype=float),
        }
    )
    frame["reason"] = np.select(
        [frame["known"] == 0, frame["total_weight"] <= EPSILON],
        ["no party's position is known", "the known parties' weights are all zero"],
        "",
    )
    return _with_native(ds, frame)[FORECAST_COLUMNS]


def _with_native(ds: Dataset, frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with `<model>_value` and `<model>_label` beside each normalised column."""
    scales = [ds.issue(i).scale for i in frame["issue"]]
    out = frame.assign(
        issue_name=[ds.issue(i).name for i in frame["issue"]],
        unit=[s.unit if s.is_numeric else "level" for s in scales],
    )
    for column in ("compromise", "median", "draft"):
        out[f"{column}_value"] = [
            native(s, n) if pd.notna(n) else np.nan
            for s, n in zip(scales, out[column], strict=True)
        ]
        out[f"{column}_label"] = [
            native_label(s, n) for s, n in zip(scales, out[column], strict=True)
        ]
    return out


# --- zone of possible agreement -------------------------------------------------------------


def red_lines(
    ds: Dataset,
    version: str,
    parties: Sequence[str] | None = None,
    issues: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Per (issue, party) that gives a red line: the acceptable range, normalised (`low`,
    `high`); a missing bound is the end of the scale."""
    parties = [p for p in (parties if parties is not None else ds.party_ids) if p != DRAFT]
    frame = analysis.select(ds, [version], parties, issues)
    frame = frame[(frame["accept_min"] != "") | (frame["accept_max"] != "")]
    scales = [ds.issue(i).scale for i in frame["issue"]]

    def bound(column: str, default: float) -> list[float]:
        return [
            s.normalise(s.parse(cell)) if cell else default
            for s, cell in zip(scales, frame[column], strict=True)
        ]

    return pd.DataFrame(
        {
            "issue": frame["issue"].to_numpy(),
            "party": frame["party"].to_numpy(),
            "low": bound("accept_min", 0.0),
            "high": bound("accept_max", 1.0),
        },
        columns=["issue", "party", "low", "high"],
    )


def zone_of_agreement(
    ds: Dataset,
    version: str,
    parties: Sequence[str] | None = None,
    issues: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Per issue: the range every red line accepts (normalised and in words), whether it
    exists (NA when no party gives a red line), and the pairs whose ranges do not overlap."""
    lines = red_lines(ds, version, parties, issues)
    names = {p.id: p.name for p in ds.parties}
    rows = []
    for issue in [i for i in ds.issue_ids if issues is None or i in set(issues)]:
        mine = lines[lines["issue"] == issue]
        low = mine["low"].max() if len(mine) else np.nan
        high = mine["high"].min() if len(mine) else np.nan
        blocking = [
            f"{names[a.party]} vs {names[b.party]}"
            for a, b in combinations(mine.itertuples(), 2)
            if a.low > b.high + EPSILON or b.low > a.high + EPSILON
        ]
        scale = ds.issue(issue).scale
        overlap = pd.NA if mine.empty else not blocking
        rows.append(
            {
                "issue": issue,
                "issue_name": ds.issue(issue).name,
                "overlap": overlap,
                "low": low if overlap is True else np.nan,
                "high": high if overlap is True else np.nan,
                "low_label": native_label(scale, low) if overlap is True else "",
                "high_label": native_label(scale, high) if overlap is True else "",
                "blocking": "; ".join(blocking),
            }
        )
    columns = ["issue", "issue_name", "overlap", "low", "high", "low_label", "high_label"]
    frame = pd.DataFrame(rows, columns=[*columns, "blocking"]).astype({"issue": str})
    return frame.assign(overlap=frame["overlap"].astype("boolean"), summary=_zone_words(frame))


def _zone_words(zones: pd.DataFrame) -> list[str]:
    """Each zone in one phrase: its range, "no overlap: …", or that no red line is given."""
    words = []
    for zone in zones.itertuples():
        if pd.isna(zone.overlap):
            words.append("no red lines given")
        elif zone.overlap:
            same = zone.low_label == zone.high_label
            words.append(zone.low_label if same else f"{zone.low_label} to {zone.high_label}")
        else:
            words.append(f"none: {zone.blocking}")
    return words


# --- draft drift ----------------------------------------------------------------------------


def draft_drift(
    ds: Dataset, parties: Sequence[str] | None = None, issues: Iterable[str] | None = None
) -> pd.DataFrame:
    """Per pair of consecutive versions, issue and party: the gap from the old and the new
    draft term to the party's position (its newer one where known), and the change (negative:
    the revision moved toward the party)."""
    parties = [p for p in (parties if parties is not None else ds.party_ids) if p != DRAFT]
    chosen = [i for i in ds.issue_ids if issues is None or i in set(issues)]
    versions = ds.version_ids
    # every revision at once over version × issue × party arrays (one pivot of the table; a
    # loop over 39 revisions filtering 600,000 positions took 9 s)
    norm = analysis.cube(ds, "norm", [DRAFT, *parties], chosen)
    draft, stance = norm[..., :1], norm[..., 1:]
    salience = analysis.cube(ds, "salience", parties, chosen)
    position = _newer_first(stance[1:], stance[:-1])
    keep = ~np.isnan(draft[:-1] + draft[1:] + position)  # known draft terms and position
    step, issue, party = np.nonzero(keep)
    olds, news = np.asarray(versions[:-1], dtype=object), np.asarray(versions[1:], dtype=object)
    names = {v.id: v.name for v in ds.versions}
    revisions = np.array([f"{names[a]} → {names[b]}" for a, b in pairwise(versions)], object)
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
            "draft_old": draft[:-1, :, 0][step, issue],
            "draft_new": draft[1:, :, 0][step, issue],
            "position": position[keep],
            "salience": np.nan_to_num(
                _newer_first(salience[1:], salience[:-1])[keep], nan=DEFAULT_WEIGHT
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


# --- sensitivity ----------------------------------------------------------------------------

SENSITIVITY_GRID = (0.0, 0.25, 0.5, 0.75, 1.0)


def sensitivity(
    ds: Dataset,
    version: str,
    factor: str,
    parties: Sequence[str] | None = None,
    issues: Iterable[str] | None = None,
    grid: Sequence[float] = SENSITIVITY_GRID,
) -> pd.DataFrame:
    """Per party (varied one at a time, the others as the data say), issue and setting of the
    party's `factor` ("capability", or "salience" on every issue at once): the compromise and
    median forecasts, normalised and in words."""
    if factor not in ("capability", "salience"):
        raise ValueError(f"factor must be 'capability' or 'salience', not '{factor}'")
    chosen = [p for p in (parties if parties is not None else ds.party_ids) if p != DRAFT]
    issue_ids = [i for i in ds.issue_ids if issues is None or i in set(issues)]
    # one forecast per party and setting: each on the version's rows of these issues alone,
    # not the whole table (550 forecasts over 600,000 positions took 26 s)
    ds = replace(ds, positions=analysis.select(ds, [version], issues=issue_ids))
    frames = []
    for party, value in [(p, v) for p in chosen for v in grid]:
        overrides = (
            {"capability": {party: value}}
            if factor == "capability"
            else {"salience": {(party, issue): value for issue in issue_ids}}
        )
        result = forecast(ds, version, chosen, issue_ids, **overrides)
        frames.append(
            result.assign(
                party=party, party_name=ds.party(party).name, factor=factor, setting=value
            )
        )
    columns = ["issue", "issue_name", "party", "party_name", "factor", "setting"]
    models = ["compromise", "compromise_label", "median", "median_label"]
    if not frames:
        return pd.DataFrame(columns=[*columns, *models])
    return pd.concat(frames, ignore_index=True)[[*columns, *models]]


# --- the per-issue report (CLI and page table) ----------------------------------------------

REPORT_COLUMNS = {
    "issue": "issue",
    "issue_name": "issue_name",
    "unit": "unit",
    "known": "known",
    "compromise_value": "compromise",
    "compromise_label": "compromise_label",
    "median_value": "median",
    "median_label": "median_label",
    "summary": "zone",
    "low_label": "zone_from",
    "high_label": "zone_to",
    "draft_value": "draft",
    "draft_label": "draft_label",
    "reason": "note",
}
"""The report's columns: forecasts and the draft's term in the issue's terms (units, or the
level number with 1 the first level), the zone in words."""


def report(
    ds: Dataset,
    version: str,
    parties: Sequence[str] | None = None,
    issues: Iterable[str] | None = None,
    capability: CapabilityOverrides | None = None,
    salience: SalienceOverrides | None = None,
) -> pd.DataFrame:
    """Per issue: compromise, weighted median, zone of agreement and the draft's term, in the
    issue's terms and in words."""
    forecasts = forecast(ds, version, parties, issues, capability, salience)
    zones = zone_of_agreement(ds, version, parties, issues)
    both = forecasts.merge(zones.drop(columns="issue_name"), on="issue", how="left")
    return both[list(REPORT_COLUMNS)].rename(columns=REPORT_COLUMNS)


def marks(
    ds: Dataset,
    version: str,
    parties: Sequence[str] | None = None,
    issues: Iterable[str] | None = None,
    capability: CapabilityOverrides | None = None,
    salience: SalienceOverrides | None = None,
) -> pd.DataFrame:
    """What the forecast chart draws, one row per mark: `kind` party, draft, compromise, median,
    zone (from `norm` to `norm_end`) or no zone (the blocking pairs in `text`)."""
    chosen = [p for p in (parties if parties is not None else ds.party_ids) if p != DRAFT]
    frame = analysis.table(ds, [version], [DRAFT, *chosen], issues)
    frame = frame[frame["norm"].notna()]
    positions = pd.DataFrame(
        {
            "issue_name": frame["issue_name"],
            "kind": np.where(frame["party"] == DRAFT, "draft", "party"),
            "label": frame["party_name"],
            "norm": frame["norm"],
            "text": frame["value_label"],
        }
    )
    result = forecast(ds, version, chosen, issues, capability, salience)
    models = [
        pd.DataFrame(
            {
                "issue_name": result["issue_name"],
                "kind": model,
                "label": MODELS[model][0],
                "norm": result[model],
                "text": result[f"{model}_label"],
            }
        ).dropna(subset=["norm"])
        for model in ("compromise", "median")
    ]
    zones = zone_of_agreement(ds, version, chosen, issues).dropna(subset=["overlap"])
    bands = pd.DataFrame(
        {
            "issue_name": zones["issue_name"],
            "kind": np.where(zones["overlap"].astype(bool), "zone", "no zone"),
            "label": "Zone of agreement",
            "norm": zones["low"].fillna(0.5),
            "norm_end": zones["high"],
            "text": np.where(
                zones["overlap"].astype(bool), zones["summary"], "No overlap: " + zones["blocking"]
            ),
        }
    )
    return pd.concat([positions, *models, bands], ignore_index=True)
