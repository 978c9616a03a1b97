"""Edits to a dataset as pure functions: each returns a new validated Dataset or raises
DatasetError, so the Data page can show the problems and keep the user's edits."""

from __future__ import annotations

import pandas as pd

from negotiation.data import store
from negotiation.data.load import parse_dataset
from negotiation.data.model import DRAFT, POSITION_COLUMNS, Dataset
from negotiation.data.provisions import dump_provisions

EDITED_COLUMNS = ("party", "value", "stance", "status", "confidence", "salience", "sources", "note")
"""The columns of one issue's positions the editor shows; version and issue are fixed."""


def rebuild(ds: Dataset, meta: dict, positions: pd.DataFrame) -> Dataset:
    """The dataset with new metadata and positions, validated as if read from its files."""
    clauses = None if ds.provisions is None else dump_provisions(ds.provisions)
    return parse_dataset(
        store.dump_metadata(meta), store.dump_positions(positions), ds.id, ds.path,
        provisions=clauses,
    )  # fmt: skip


def issue_rows(ds: Dataset, version: str, issue: str) -> pd.DataFrame:
    """One version's positions on one issue, as the editor shows them (text, salience a number)."""
    frame = ds.positions
    rows = frame[(frame["version"] == version) & (frame["issue"] == issue)]
    rows = rows[list(EDITED_COLUMNS)].reset_index(drop=True)
    if ds.issue(issue).scale.is_numeric:  # so the editor offers a number box with bounds
        rows["value"] = pd.to_numeric(rows["value"].replace("", None))
    return rows


def replace_rows(ds: Dataset, version: str, issue: str, edited: pd.DataFrame) -> Dataset:
    """The dataset with one version's positions on one issue replaced by the edited rows."""
    frame = ds.positions
    keep = frame[~((frame["version"] == version) & (frame["issue"] == issue))]
    rows = edited.dropna(how="all").assign(
        version=version, issue=issue, value=edited["value"].map(_text)
    )
    merged = pd.concat([keep, rows], ignore_index=True)[list(POSITION_COLUMNS)]
    return rebuild(ds, store.metadata_dict(ds), merged)


def add(ds: Dataset, kind: str, item: dict) -> Dataset:
    """The dataset with one more party, issue, version or source (`kind` is the yaml list)."""
    meta = store.metadata_dict(ds)
    meta[kind] = [*meta[kind], {k: v for k, v in item.items() if v not in ("", None)}]
    return rebuild(ds, meta, ds.positions)


def add_version(ds: Dataset, item: dict, copy_from: str | None = None) -> Dataset:
    """The dataset with a new version, its positions copied from `copy_from` when given."""
    added = add(ds, "versions", item)
    if not copy_from:
        return added
    frame = ds.positions
    copied = frame[frame["version"] == copy_from].assign(version=item["id"])
    return rebuild(added, store.metadata_dict(added), pd.concat([frame, copied]))


def update_issue(ds: Dataset, issue: str, changes: dict) -> Dataset:
    """The dataset with one issue's name, group, description or scale changed: `changes` may
    hold those, and `unit`, `min`, `max`, `tolerance`, `direction` ("ascending" or
    "descending") and `levels` (an ordinal scale's "id=label" lines, in order). Validated as a
    whole: a level id that positions still use cannot go, a bound cannot cut off a value."""
    meta = store.metadata_dict(ds)
    entry = next(i for i in meta["issues"] if i["id"] == issue)
    scale = entry["scale"]
    entry.update({k: changes[k] for k in ("name", "group", "description") if k in changes})
    scale.update({k: changes[k] for k in ("unit", "min", "max", "tolerance") if k in changes})
    if "direction" in changes:
        scale.pop("direction", None)
        if changes["direction"] == "descending":
            scale["direction"] = "descending"
    if "levels" in changes and scale["kind"] == "ordinal":
        shorts = {level["id"]: level["short"] for level in scale["levels"] if "short" in level}
        scale["levels"] = [  # a level keeps its short label while its id stays
            level | ({"short": shorts[level["id"]]} if level["id"] in shorts else {})
            for level in _levels(changes["levels"])
        ]
    return rebuild(ds, meta, ds.positions)


def _levels(text: str) -> list[dict]:
    """'open=Open path' lines (a bare id is its own label) as levels, in order."""
    pairs = [line.split("=", 1) for line in text.splitlines() if line.strip()]
    return [{"id": p[0].strip(), "label": (p[1] if len(p) > 1 else p[0]).strip()} for p in pairs]


def levels_text(ds: Dataset, issue: str) -> str:
    """An ordinal issue's levels as the editor shows them: one "id=label" line each."""
    return "\n".join(f"{lv.id}={lv.label}" for lv in ds.issue(issue).scale.levels)


def _text(cell: object) -> str:
    """A cell of the editor as positions.csv text: numbers without a needless .0."""
    if cell is None or pd.isna(cell):
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


def scale(kind: str, unit: str, low: float, high: float, levels: str) -> dict:
    """The dataset.yaml scale of a new issue: numeric bounds, or ordinal level ids in order."""
    if kind == "numeric":
        return {"kind": "numeric", "unit": unit, "min": low, "max": high}
    ids = [level.strip() for level in levels.split(",") if level.strip()]
    return {"kind": "ordinal", "unit": unit, "levels": [{"id": i, "label": i} for i in ids]}


def parties_with_draft(ds: Dataset) -> list[str]:
    """The party ids a position row may name: the draft text first, then every party."""
    return [DRAFT, *ds.party_ids]
