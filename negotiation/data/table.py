"""The positions as the tidy table: rows chosen by version, party and issue, with names, value
labels and normalised positions, in the dataset's order (the `table` command's layout)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from negotiation.data.model import (
    CARRIED_COLUMNS,
    DRAFT,
    KNOWN_STATUSES,
    Dataset,
    Scale,
    per_issue_and_cell,
)

TIDY_COLUMNS = (
    "version",
    "version_name",
    "version_date",
    "party",
    "party_name",
    "issue",
    "issue_name",
    "value",
    "value_label",
    "norm",
    "stance",
    "status",
    "confidence",
    "salience",
    "accept_min",
    "accept_max",
    "sources",
    "quote",
    "note",
)


def display_names(ds: Dataset) -> dict[str, dict[str, str]]:
    return {
        "party": {DRAFT: ds.party(DRAFT).name} | {p.id: p.name for p in ds.parties},
        "issue": {i.id: i.name for i in ds.issues},
        "version": {v.id: v.name for v in ds.versions},
    }


def select(
    ds: Dataset,
    versions: Iterable[str] | None = None,
    parties: Iterable[str] | None = None,
    issues: Iterable[str] | None = None,
    columns: Sequence[str] | None = None,
) -> pd.DataFrame:
    """The positions rows for the chosen versions, parties and issues (None: all); only
    `columns` of them when given (copying fewer columns of the chosen rows)."""
    frame = ds.positions
    mask = np.ones(len(frame), dtype=bool)
    for column, chosen in (("version", versions), ("party", parties), ("issue", issues)):
        if chosen is not None:
            mask &= frame[column].isin(list(chosen)).to_numpy(bool)
    return frame.loc[mask, list(frame.columns) if columns is None else list(columns)]


def value_labels(ds: Dataset, frame: pd.DataFrame, short: bool = False) -> pd.Series:
    """Each row's value in plain words: the level label (its short label, for a matrix cell or
    a chart's label, with `short`) or the number with its unit; the status label where the
    value is unknown."""
    labels = pd.Series("", index=frame.index, dtype=object)
    known = frame["status"].isin(KNOWN_STATUSES) & (frame["value"] != "")
    scales = {issue.id: issue.scale for issue in ds.issues}
    say = Scale.short_label if short else Scale.label
    labels[known] = per_issue_and_cell(
        frame.loc[known, "issue"], frame.loc[known, "value"], lambda i, v: say(scales[i], v)
    )
    labels[~known] = (
        frame.loc[~known, "status"].map({"undisclosed": "undisclosed"}).fillna("no position")
    )
    return labels


def tidy(
    ds: Dataset,
    versions: Iterable[str] | None = None,
    parties: Iterable[str] | None = None,
    issues: Iterable[str] | None = None,
) -> pd.DataFrame:
    """The tidy matrix with names, labels and normalised positions (the `table` command)."""
    return labelled(ds, select(ds, versions, parties, issues))


def labelled(ds: Dataset, frame: pd.DataFrame) -> pd.DataFrame:
    """Rows of the positions as the tidy table: names, labels, in the dataset's order (label
    only the rows wanted: labels cost more than choosing rows)."""
    named = display_names(ds)
    dates = {v.id: v.date.isoformat() for v in ds.versions}
    out = frame.assign(
        version_name=frame["version"].map(named["version"]),
        version_date=frame["version"].map(dates),
        party_name=frame["party"].map(named["party"]),
        issue_name=frame["issue"].map(named["issue"]),
        value_label=value_labels(ds, frame),
    )
    columns = [*TIDY_COLUMNS, *(c for c in CARRIED_COLUMNS if c in frame)]
    return in_dataset_order(ds, out)[columns].reset_index(drop=True)


def in_dataset_order(ds: Dataset, frame: pd.DataFrame) -> pd.DataFrame:
    """Rows sorted by version date, then party (draft first) and issue as the dataset lists them."""
    order = {"version": ds.version_ids, "party": [DRAFT, *ds.party_ids], "issue": ds.issue_ids}
    keys = [column for column in order if column in frame]

    # each id's place in the dataset, through its category code (a dict map over 600,000
    # strings took a second)
    def place(ids: pd.Series) -> pd.Series:
        return pd.Series(pd.Categorical(ids, categories=order[ids.name]).codes, index=ids.index)

    return frame.sort_values(keys, key=place, kind="stable")
