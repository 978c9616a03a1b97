"""The tidy table as a complete exchange format: the positions with every field of their
dataset on the rows (`negotiation table`), and the sources beside them, so that an import of
the two gives back an equal dataset."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from negotiation.data.model import Carry, Dataset, Scale
from negotiation.data.references import over_versions
from negotiation.data.table import TIDY_COLUMNS, tidy

DATASET_FIELDS = (
    "dataset_title",
    "dataset_description",
    "dataset_licence",
    "pole_low",
    "pole_high",
    "dataset_carry",
)
"""The dataset's own fields, on the first row of the table only."""
METADATA_COLUMNS = (
    "version_kind",
    "version_author",
    "version_summary",
    "version_final",
    "version_capabilities",
    "version_revises",
    "version_revises_sources",
    "party_short",
    "party_colour",
    "party_capability",
    "issue_group",
    "issue_description",
    "issue_unit",
    "scale_min",
    "scale_max",
    "scale_direction",
    "scale_tolerance",
    "scale_levels",
    "scale_level_shorts",
    "scale_named",
    "reference_value",
    "reference_label",
    "reference_sources",
    *DATASET_FIELDS,
)
"""After the tidy columns: each version's, party's and issue's fields on its rows, the issue's
reference point at the row's version, and the dataset's own fields on the first row only
(`dataset_carry`: empty to carry without limit, `no`, or the most days a position carries).
Levels and named values are one per line in their cell: `id=label` and `id=label@min|max`."""
SOURCE_COLUMNS = ("id", "publisher", "date", "title", "url", "unpublished")


def positions_table(ds: Dataset) -> pd.DataFrame:
    """The tidy table (TIDY_COLUMNS) followed by METADATA_COLUMNS."""
    table = tidy(ds)
    versions = pd.DataFrame([_version_fields(v) for v in ds.versions]).set_index("version")
    parties = pd.DataFrame([_party_fields(p) for p in ds.parties], columns=_PARTY_COLUMNS)
    issues = pd.DataFrame([_issue_fields(i) for i in ds.issues]).set_index("issue")
    references = over_versions(ds)[["issue", "version", "value", "label", "sources"]].rename(
        columns={"value": "reference_value", "label": "reference_label",
                 "sources": "reference_sources"}
    )  # fmt: skip
    out = (
        table.join(versions, on="version")
        .merge(parties, on="party", how="left")
        .join(issues, on="issue")
        .merge(references, on=["issue", "version"], how="left")
    )
    first = {
        "dataset_title": ds.title,
        "dataset_description": ds.description,
        "dataset_licence": ds.licence,
        "pole_low": ds.poles.low if ds.poles.named else "",
        "pole_high": ds.poles.high if ds.poles.named else "",
        "dataset_carry": carry_cell(ds.carry),
    }
    for column, value in first.items():
        out[column] = [value] + [""] * (len(out) - 1) if len(out) else []
    columns = [*TIDY_COLUMNS, *METADATA_COLUMNS]
    out = out.reindex(columns=columns).reset_index(drop=True)
    text = out.select_dtypes(exclude="number").columns  # numbers stay numbers, blank when NaN
    out[text] = out[text].fillna("")
    return out


def sources_table(ds: Dataset) -> pd.DataFrame:
    """Every source of the dataset, in its order: the table beside the positions."""
    fields = [(s.id, s.publisher, s.iso_date, s.title, s.url, s.unpublished) for s in ds.sources]
    return pd.DataFrame(fields, columns=list(SOURCE_COLUMNS)).fillna("")


def sources_path(table: Path) -> Path:
    """Where the sources table of a CSV table goes: beside it, named after it."""
    return table.with_name(f"{table.stem}-sources.csv")


def provisions_path(table: Path) -> Path:
    """Where the provisions of a CSV table go: beside it, named after it."""
    return table.with_name(f"{table.stem}-provisions.csv")


def _version_fields(version) -> dict:
    capabilities = ";".join(f"{party}={weight:g}" for party, weight in version.capabilities)
    return {
        "version": version.id,
        "version_kind": version.kind,
        "version_author": version.author,
        "version_summary": version.summary,
        "version_final": "yes" if version.final else "",
        "version_capabilities": capabilities,
        "version_revises": version.revises or "",
        "version_revises_sources": ";".join(version.revises_sources),
    }


def carry_cell(carry: Carry) -> str:
    """The dataset's carry setting in its table cell: '' (no limit), 'no', or a number of days."""
    if not carry.enabled:
        return "no"
    return "" if carry.max_age_days is None else str(carry.max_age_days)


def carry_setting(cell: str) -> bool | dict | None:
    """dataset.yaml's `carry` from its table cell (None: the default, no limit)."""
    cell = cell.strip().lower()
    if not cell:
        return None
    if cell in ("no", "false", "off"):
        return False
    return {"max_age_days": int(cell) if cell.isdigit() else cell}


_PARTY_COLUMNS = ["party", "party_short", "party_colour", "party_capability"]


def _party_fields(party) -> dict:
    capability = "" if party.capability is None else f"{party.capability:g}"
    return dict(
        zip(_PARTY_COLUMNS, (party.id, party.short, party.colour or "", capability), strict=True)
    )


def _issue_fields(issue) -> dict:
    scale: Scale = issue.scale
    return {
        "issue": issue.id,
        "issue_group": issue.group,
        "issue_description": issue.description,
        "issue_unit": scale.unit,
        "scale_min": f"{scale.min:g}" if scale.is_numeric else "",
        "scale_max": f"{scale.max:g}" if scale.is_numeric else "",
        "scale_direction": scale.direction,
        "scale_tolerance": f"{scale.tolerance:g}" if scale.is_numeric else "",
        "scale_levels": "\n".join(f"{level.id}={level.label}" for level in scale.levels),
        "scale_level_shorts": "\n".join(f"{v.id}={v.short}" for v in scale.levels if v.short),
        "scale_named": "\n".join(f"{n.id}={n.label}@{n.at}" for n in scale.named),
    }
