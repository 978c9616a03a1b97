"""How far the forecasts land from what was agreed: each model's forecast from one version's
party positions against the final version's draft terms, issue by issue, in points on the
common 0-100 scale (the normalised positions × 100)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from negotiation.analysis import forecast
from negotiation.data.model import DRAFT, EPSILON, Dataset
from negotiation.data.references import references
from negotiation.data.table import select

POINTS = 100
"""The common scale errors are counted on: 0 at the low pole, 100 at the high one."""
WITHIN = 10
"""The error, in points, within which a forecast counts as close."""

MODELS = {
    "compromise": "Compromise model",
    "median": "Weighted median",
    "mean": "Unweighted mean",
    "reference": "Reference point (status quo)",
}
"""The models and baselines every backtest reports, by id; then each party's own position
(`party:<id>`)."""
PARTY = "party:"

ISSUE_COLUMNS = [
    "issue",
    "issue_name",
    "known",
    "model",
    "model_name",
    "forecast",
    "forecast_label",
    "outcome",
    "outcome_label",
    "error",
]
"""Per issue and model: the forecast and the outcome on the 0-100 scale and in the issue's
terms, and the absolute error in points."""
MODEL_COLUMNS = [
    "model",
    "model_name",
    "issues",
    "mean_error",
    "median_error",
    "within_10",
    "missing",
]
"""Per model: issues it forecast, mean and median absolute error in points, the share of those
issues within 10 points, and the issues used that it gave no forecast on."""
SKIPPED_COLUMNS = ["issue", "issue_name", "reason"]

MODELS_LABELS = {
    "model_name": "Model",
    "issues": "Issues",
    "mean_error": "Mean error (points)",
    "median_error": "Median error (points)",
    "within_10": "Within 10 points",
    "missing": "No forecast",
}
"""The per-model table's columns in plain words, for the page and the CLI."""


@dataclass(frozen=True)
class Backtest:
    """A backtest's result: where it started and ended, the rows per issue and model, the
    summary per model, the issues left out with why, and the defaults the weights took."""

    start: str
    final: str
    issues: pd.DataFrame
    models: pd.DataFrame
    skipped: pd.DataFrame
    defaults: str

    @property
    def used(self) -> int:
        """How many issues the backtest compared (known at the start and in the outcome)."""
        return int(self.issues["issue"].nunique())

    def verdicts(self) -> list[str]:
        """Each weighted model against the status quo, in a sentence, over the issues both
        forecast ("... beats the status quo by 7.5 points ...")."""
        return [_verdict(self.issues, model) for model in ("compromise", "median")]


def versions(ds: Dataset, start: str | None = None, final: str | None = None) -> tuple[str, str]:
    """The versions a backtest compares: `final` (default: the dataset's final version) and
    `start` (default: the latest version before it with a party's position).

    Raises ValueError naming the valid choices when one is missing or they are out of order."""
    order = ds.version_ids
    if final is None:
        if ds.final_version is None:
            raise ValueError(
                "the dataset has no final version (final: true or kind: agreement in "
                f"dataset.yaml); name the outcome with --to, one of: {', '.join(order)}"
            )
        final = ds.final_version.id
    for chosen in (start, final):
        if chosen is not None and chosen not in order:
            raise ValueError(f"no version '{chosen}'; valid: {', '.join(order)}")
    before = order[: order.index(final)]
    if start is None:
        with_positions = [v for v in forecast.versions_with_positions(ds) if v in before]
        if not with_positions:
            raise ValueError(f"no version before {final} holds a party's position to forecast from")
        start = with_positions[-1]
    if start not in before:
        raise ValueError(
            f"the forecast version {start} must come before the outcome {final}; valid: "
            + (", ".join(before) or "none")
        )
    return start, final


def backtest(
    ds: Dataset,
    start: str | None = None,
    final: str | None = None,
    parties: Sequence[str] | None = None,
    issues: Iterable[str] | None = None,
) -> Backtest:
    """Every model's forecast from `start`'s party positions against `final`'s draft terms,
    per issue known in both; the errors summed up per model; the issues skipped, with why."""
    start, final = versions(ds, start, final)
    parties = [p for p in (parties if parties is not None else ds.party_ids) if p != DRAFT]
    chosen = [i for i in ds.issue_ids if issues is None or i in set(issues)]
    known = select(ds, [start], parties, chosen)
    known = known[known["norm"].notna()]
    outcome = select(ds, [final], [DRAFT], chosen)
    outcome = outcome[outcome["norm"].notna()].set_index("issue")["norm"]
    counts = known.groupby("issue").size()
    skipped = _skipped(ds, chosen, counts, outcome, start)
    used = [i for i in chosen if i in counts.index and i in outcome.index]
    weights = forecast.inputs(ds, start, parties, used)
    forecasts = _forecasts(ds, start, used, known, weights)
    rows = forecasts.merge(outcome.rename("outcome_norm"), left_on="issue", right_index=True)
    rows["known"] = rows["issue"].map(counts).astype(int)
    table = _in_words(ds, rows)
    return Backtest(start, final, table, summary(table, len(used)), skipped,
                    forecast.defaults_note(ds, weights))  # fmt: skip


def _skipped(
    ds: Dataset, chosen: list[str], counts: pd.Series, outcome: pd.Series, start: str
) -> pd.DataFrame:
    """The issues a backtest cannot use, each with why."""
    rows = []
    for issue in chosen:
        if issue not in outcome.index:
            reason = "no outcome: the final version's text is silent or undisclosed on it"
        elif issue not in counts.index:
            reason = f"no party's position is known at {ds.version(start).name}"
        else:
            continue
        rows.append((issue, ds.issue(issue).name, reason))
    return pd.DataFrame(rows, columns=SKIPPED_COLUMNS)


def _forecasts(
    ds: Dataset, start: str, used: list[str], known: pd.DataFrame, weights: pd.DataFrame
) -> pd.DataFrame:
    """Per issue used and model: the normalised forecast (`norm`), missing rows dropped."""
    known = known[known["issue"].isin(used)]
    status_quo = references(ds, start, used).set_index("issue")["norm"]
    per_model = {
        "compromise": forecast.compromise(weights),
        "median": forecast.weighted_median(weights),
        "mean": known.groupby("issue")["norm"].mean(),
        "reference": status_quo,
    }
    frames = [
        pd.DataFrame({"issue": series.index, "model": model, "norm": series.to_numpy(float)})
        for model, series in per_model.items()
    ]
    frames.append(known[["issue", "norm"]].assign(model=PARTY + known["party"]))
    rows = pd.concat(frames, ignore_index=True).dropna(subset=["norm"])
    return rows[rows["issue"].isin(used)]


def _in_words(ds: Dataset, rows: pd.DataFrame) -> pd.DataFrame:
    """The forecasts and outcomes on the 0-100 scale and in the issue's terms, with the error,
    in the dataset's order of issues and the models' order."""
    scales = {i.id: i.scale for i in ds.issues}
    names = {**MODELS, **{PARTY + p.id: f"{p.name}'s position" for p in ds.parties}}
    order = {m: n for n, m in enumerate(names)}
    issues, norms = rows["issue"].tolist(), rows["norm"].tolist()
    outcomes = dict(zip(issues, rows["outcome_norm"].tolist(), strict=True))
    outcome_labels = {i: scales[i].native_label(n) for i, n in outcomes.items()}
    out = rows.assign(
        issue_name=rows["issue"].map({i.id: i.name for i in ds.issues}),
        model_name=rows["model"].map(names),
        forecast=rows["norm"] * POINTS,
        outcome=rows["outcome_norm"] * POINTS,
        forecast_label=[scales[i].native_label(n) for i, n in zip(issues, norms, strict=True)],
        outcome_label=rows["issue"].map(outcome_labels),
    )
    out["error"] = (out["forecast"] - out["outcome"]).abs()
    out["_issue"] = out["issue"].map({i: n for n, i in enumerate(ds.issue_ids)})
    out["_model"] = out["model"].map(order)
    return out.sort_values(["_issue", "_model"])[ISSUE_COLUMNS].reset_index(drop=True)


def summary(table: pd.DataFrame, used: int) -> pd.DataFrame:
    """Per model, in the table's order: issues forecast, mean and median absolute error, the
    share within WITHIN points, and the issues used that the model could not forecast."""
    grouped = table.groupby("model", sort=False)
    out = pd.DataFrame(
        {
            "model_name": grouped["model_name"].first(),
            "issues": grouped.size(),
            "mean_error": grouped["error"].mean(),
            "median_error": grouped["error"].median(),
            "within_10": grouped["error"].apply(lambda e: float((e <= WITHIN + EPSILON).mean())),
        }
    )
    order = list(dict.fromkeys([*MODELS, *table["model"]]))
    out = out.reindex(order).reset_index(names="model")
    out["model_name"] = out["model_name"].fillna(out["model"].map(MODELS))
    out["issues"] = out["issues"].fillna(0).astype(int)
    out["missing"] = used - out["issues"]
    return out[MODEL_COLUMNS]


def _verdict(table: pd.DataFrame, model: str) -> str:
    """One model against the reference point, over the issues both forecast."""
    name = MODELS[model]
    errors = table[table["model"].isin([model, "reference"])].pivot_table(
        index="issue", columns="model", values="error"
    )
    both = errors.dropna() if {model, "reference"} <= set(errors.columns) else errors.iloc[0:0]
    if both.empty:
        return f"{name}: no issue has both its forecast and a reference point to compare with."
    ahead = both["reference"].mean() - both[model].mean()
    count = f"over the {len(both)} issue{'s' if len(both) != 1 else ''} with a reference point"
    if abs(ahead) < 0.05:
        return f"{name} does as well as the status quo ({count})."
    verb = "beats" if ahead > 0 else "does worse than"
    return f"{name} {verb} the status quo by {abs(ahead):.1f} points of mean error ({count})."


def chart_rows(result: Backtest) -> pd.DataFrame:
    """The rows the backtest chart draws: the models and the status quo (not each party)."""
    rows = result.issues
    return rows[rows["model"].isin(list(MODELS))].reset_index(drop=True)


def _number(value: float) -> str:
    return "—" if pd.isna(value) else f"{value:.1f}"


def model_table(result: Backtest) -> list[str]:
    """The per-model summary as aligned text columns."""
    header = ["Model", "Issues", "Mean error", "Median error", "Within 10", "No forecast"]
    rows = [
        [
            m["model_name"],
            str(m["issues"]),
            _number(m["mean_error"]),
            _number(m["median_error"]),
            "—" if pd.isna(m["within_10"]) else f"{m['within_10']:.0%}",
            str(m["missing"]),
        ]
        for m in result.models.to_dict("records")
    ]
    widths = [max(len(r[n]) for r in [header, *rows]) for n in range(len(header))]
    return [
        "  ".join(
            c.ljust(w) if n == 0 else c.rjust(w)
            for n, (c, w) in enumerate(zip(r, widths, strict=True))
        )
        for r in [header, *rows]
    ]


def summary_lines(ds: Dataset, result: Backtest) -> list[str]:
    """The backtest in words: the versions, the per-model table, the verdicts against the
    status quo, the skipped issues with why, and the defaults the weights took."""
    start, final = ds.version(result.start), ds.version(result.final)
    lines = [
        f"Backtest of {ds.title}: forecasts from {start.name} ({start.id}) against the outcome "
        f"in {final.name} ({final.id})",
        f"{result.used} issue(s) compared, {len(result.skipped)} skipped. Errors are absolute, "
        f"in points on the common 0-{POINTS} scale between the dataset's poles.",
        "",
        *model_table(result),
        "",
        *result.verdicts(),
    ]
    if len(result.skipped):
        lines += ["", "Skipped:"]
        lines += [f"  {s['issue_name']}: {s['reason']}" for s in result.skipped.to_dict("records")]
    if result.defaults:
        lines += ["", result.defaults]
    return lines


def issue_lines(result: Backtest) -> list[str]:
    """Per issue: how many parties were known, and each model's and baseline's forecast
    against the outcome, with the error in points."""
    lines = []
    for (name, known), rows in result.issues.groupby(["issue_name", "known"], sort=False):
        caveat = ": every forecast is that one position" if known == 1 else ""
        lines.append(f"{name} ({known} part{'y' if known == 1 else 'ies'} known{caveat})")
        lines += [
            f"  {r['model_name']}: {r['forecast_label']} -> {r['outcome_label']}, "
            f"error {r['error']:.1f}"
            for r in rows.to_dict("records")
        ]
    return lines


def rounded(frame: pd.DataFrame) -> pd.DataFrame:
    """A backtest table for output: points to two decimals, shares to three."""
    points = [
        c for c in ("forecast", "outcome", "error", "mean_error", "median_error") if c in frame
    ]
    return frame.round(dict.fromkeys(points, 2) | {"within_10": 3})
