"""Bargaining models over a version's positions: the compromise and weighted-median forecasts
and how they move with one party's weight, and every model per issue beside the zone of
agreement (`zone`) and the draft's term. MODELS explains each model, draft drift (`drift`)
included. Pure pandas; every result carries normalised and native values.

About 380 lines: the models share their weighting and labelling helpers; the sensitivity
sweep, the next piece to move out, calls them all."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

import numpy as np
import pandas as pd

from negotiation.analysis.zone import zone_of_agreement
from negotiation.data import table
from negotiation.data.model import DRAFT, EPSILON, Dataset

DEFAULT_WEIGHT = 1.0
"""Capability and salience when the data gives none: every party and issue counts equally."""

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


FORECASTS_LABELS = {
    "issue_name": "Issue",
    "known": "Parties known",
    "compromise_label": "Compromise",
    "median_label": "Weighted median",
    "zone": "Zone of agreement",
    "draft_label": "Draft's term",
    "note": "Note",
}
"""The columns of `forecasts` in plain words, for the page and the CLI."""


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
    frame = table.select(ds, [version], parties, issues)
    frame = frame[frame["norm"].notna()]
    caps = capabilities(ds, version, capability)
    overrides = salience or {}
    pairs = zip(frame["party"].tolist(), frame["issue"].tolist(), strict=True)
    given = [overrides.get(pair) for pair in pairs] if overrides else None
    chosen = pd.Series(given, index=frame.index, dtype=float)
    out = pd.DataFrame(
        {
            "issue": frame["issue"],
            "party": frame["party"],
            "norm": frame["norm"],
            "capability": frame["party"].map({p: c for p, (c, _) in caps.items()}).astype(float),
            "capability_source": frame["party"].map({p: s for p, (_, s) in caps.items()}),
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
    issues = pd.unique(weights["issue"])
    # all issues at once: equal positions pool their weight, sorted by issue then position
    pooled = weights.groupby(["issue", "norm"], sort=True)["weight"].sum()
    pooled = pooled[pooled > EPSILON]
    codes = pd.factorize(pooled.index.get_level_values("issue"))[0]
    norm, weight = pooled.index.get_level_values("norm").to_numpy(float), pooled.to_numpy(float)
    total = np.bincount(codes, weights=weight)
    running = pd.Series(weight).groupby(codes).cumsum().to_numpy()
    above = running - total[codes] / 2
    first = pd.Series(above > -EPSILON).groupby(codes).idxmax().to_numpy(int)
    at_half = np.abs(above[first]) <= EPSILON
    after = np.minimum(first + 1, len(norm) - 1)  # only read where at_half: a next one exists
    medians = np.where(at_half, (norm[first] + norm[after]) / 2, norm[first])
    found = pd.Series(medians, index=pooled.index.get_level_values("issue")[first], dtype=float)
    return found.reindex(issues).rename("median")


ONE_PARTY = "only one party's position is known, so the forecast is that position"
"""The caveat beside a forecast that rests on a single party (a forecast needs two to weigh)."""

MODEL_COLUMNS = [
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
    normalised, in the issue's terms and in words, with how many parties' positions they rest
    on (`known`); `reason` says why a forecast is missing, or that one party alone made it."""
    weights = inputs(ds, version, parties, issues, capability, salience)
    chosen = [i for i in ds.issue_ids if issues is None or i in set(issues)]
    grouped = weights.groupby("issue")
    known = grouped.size().reindex(chosen, fill_value=0)
    total = grouped["weight"].sum().reindex(chosen, fill_value=0.0)
    draft = table.select(ds, [version], [DRAFT], chosen).set_index("issue")["norm"]
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
        [frame["known"] == 0, frame["total_weight"] <= EPSILON, frame["known"] == 1],
        ["no party's position is known", "the known parties' weights are all zero", ONE_PARTY],
        "",
    )
    return _with_native(ds, frame)[MODEL_COLUMNS]


def _with_native(ds: Dataset, frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with `<model>_value` and `<model>_label` beside each normalised column."""
    scales = [ds.issue(i).scale for i in frame["issue"]]
    out = frame.assign(
        issue_name=[ds.issue(i).name for i in frame["issue"]],
        unit=[s.unit if s.is_numeric else "level" for s in scales],
    )
    for column in ("compromise", "median", "draft"):
        out[f"{column}_value"] = [
            s.native(n) if pd.notna(n) else np.nan for s, n in zip(scales, out[column], strict=True)
        ]
        out[f"{column}_label"] = [
            s.native_label(n) for s, n in zip(scales, out[column], strict=True)
        ]
    return out


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
    ds = replace(ds, positions=table.select(ds, [version], issues=issue_ids))
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


# --- every model per issue (the CLI's forecast and the page's table) -----------------------

FORECASTS_COLUMNS = {
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
"""The columns of `forecasts`: forecasts and the draft's term in the issue's terms (units, or the
level number with 1 the first level), the zone in words."""


def forecasts(
    ds: Dataset,
    version: str,
    parties: Sequence[str] | None = None,
    issues: Iterable[str] | None = None,
    capability: CapabilityOverrides | None = None,
    salience: SalienceOverrides | None = None,
) -> pd.DataFrame:
    """Per issue: compromise, weighted median, zone of agreement and the draft's term, in the
    issue's terms and in words."""
    models = _rounded(ds, forecast(ds, version, parties, issues, capability, salience))
    zones = zone_of_agreement(ds, version, parties, issues)
    both = models.merge(zones.drop(columns="issue_name"), on="issue", how="left")
    return both[list(FORECASTS_COLUMNS)].rename(columns=FORECASTS_COLUMNS)


def known_line(known: int, chosen: int) -> str:
    """How many parties' positions a forecast rests on, in words, beside the forecast."""
    return f"The forecasts rest on the positions of {known} of the {chosen} parties chosen."


def _rounded(ds: Dataset, frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with each `<model>_value` rounded to its issue's precision (level numbers to
    two decimals), as the labels are."""
    scales = [ds.issue(i).scale for i in frame["issue"]]
    out = frame.copy()
    for column in ("compromise_value", "median_value", "draft_value"):
        out[column] = [
            (s.rounded(v) if s.is_numeric else round(v, 2)) if pd.notna(v) else np.nan
            for s, v in zip(scales, frame[column], strict=True)
        ]
    return out


def default_version(ds: Dataset) -> str:
    """The version a forecast starts from by default: the latest with any party's position
    known (a final version often holds the agreed text alone); the latest when none has."""
    with_positions = versions_with_positions(ds)
    return (with_positions or ds.version_ids)[-1]


def versions_with_positions(ds: Dataset) -> list[str]:
    """The versions, in order, where some party's position is known."""
    rows = ds.positions
    known = set(rows.loc[rows["norm"].notna() & (rows["party"] != DRAFT), "version"].unique())
    return [v for v in ds.version_ids if v in known]


def version_to_forecast(ds: Dataset, chosen: str) -> tuple[str, str]:
    """The version to forecast from when `chosen` is picked, and a note when it is another:
    `chosen` when a party's position is known there, else the latest such version before it
    (or the default)."""
    with_positions = versions_with_positions(ds)
    if chosen in with_positions or not with_positions:
        return chosen, ""
    order = ds.version_ids
    before = [v for v in with_positions if order.index(v) < order.index(chosen)]
    version = (before or with_positions)[-1]
    note = (
        f"{ds.version(chosen).name} holds no party's position, so the forecast is from "
        f"{ds.version(version).name}."
    )
    return version, note


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
    frame = table.tidy(ds, [version], [DRAFT, *chosen], issues)
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
