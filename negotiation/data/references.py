"""Reference points (the status quo) as rows: drawn on the charts of their issue and listed in
tables, never counted as a party in agreement, gaps or forecasts."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from negotiation.data.model import Dataset

COLUMNS = ("issue", "issue_name", "value", "value_label", "norm", "units", "label", "sources")


def references(
    ds: Dataset, version: str | None, issues: Iterable[str] | None = None
) -> pd.DataFrame:
    """Per issue with a reference point at `version` (its own, else the dataset-wide one): the
    value, in the issue's terms and normalised, the reference's label and its source ids."""
    chosen = set(ds.issue_ids if issues is None else issues)
    rows = []
    for issue in ds.issues:
        reference = issue.reference(version) if issue.id in chosen else None
        if reference is None:
            continue
        scale = issue.scale
        value = scale.parse(reference.value)
        rows.append(
            {
                "issue": issue.id,
                "issue_name": issue.name,
                "value": reference.value,
                "value_label": scale.label(value),
                "norm": scale.normalise(value),
                "units": scale.units(value) if scale.is_numeric else float("nan"),
                "label": reference.label,
                "sources": ";".join(reference.sources),
            }
        )
    return pd.DataFrame(rows, columns=list(COLUMNS))


REFERENCE = "reference"
"""The `party` of a reference point's rows beside positions (never a party of the dataset)."""


def over_versions(ds: Dataset, issues: Iterable[str] | None = None) -> pd.DataFrame:
    """The reference points in force at each version, as rows shaped like the tidy table's
    (party `reference`), to draw beside the positions over time."""
    frames = [
        references(ds, version.id, issues).assign(
            version=version.id, version_name=version.name, version_date=version.date.isoformat()
        )
        for version in ds.versions
    ]
    rows = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=COLUMNS)
    return rows.assign(
        party=REFERENCE, party_name="Reference point (status quo)", stance=rows["label"]
    )
