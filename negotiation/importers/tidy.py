"""One tidy CSV or XLSX in the layout the `table` command writes (`analysis.tidy`): its
positions read back, and the metadata inferred where the table does not give it."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import PurePosixPath

import pandas as pd
from openpyxl import load_workbook

from negotiation import spreadsheet, store
from negotiation.importers.common import (
    ID_PATTERN,
    IMPORTED,
    Files,
    Levels,
    check_shape,
    single,
)
from negotiation.load import parse_dataset
from negotiation.model import DRAFT, POSITION_COLUMNS, Dataset
from negotiation.problems import MAX_PROBLEMS, DatasetError, Problem
from negotiation.textfile import read_table


def from_tidy(files: Files, dataset_id: str, levels: Levels | None = None) -> Dataset:
    """One tidy CSV or XLSX in the `table` command's layout; metadata inferred where absent."""
    name, data = single(files)
    frame, sources = _read_sheet(data, name)
    check_shape(frame, name)
    problems = _table_problems(frame, name)
    if problems:
        raise DatasetError(problems)
    meta, problems = _infer_metadata(frame, sources, levels or {}, name)
    if problems:
        raise DatasetError(problems)
    positions = _fill_defaults(frame)
    return parse_dataset(
        store.dump_metadata(meta), store.dump_positions(positions), dataset_id, files=(name, name)
    )


DERIVED = ("version_name", "version_date", "party_name", "issue_name", "issue_group")
"""Columns of a table that describe parties, issues and versions rather than positions."""
IGNORED = ("value_label", "norm")
"""Columns the `table` command adds that an import recomputes."""


def _read_sheet(data: bytes, name: str) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """Every cell of a CSV or of an XLSX's first sheet as text, and its `sources` sheet."""
    if not data.startswith(b"PK\x03\x04"):
        return read_table(data, name).map(spreadsheet.restore), None
    store.unzip(data, name)  # an XLSX is a zip: refuse bombs before openpyxl expands it
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        first = _sheet_frame(book.worksheets[0], name)
        extra = "sources" in book.sheetnames[1:]
        sources = _sheet_frame(book["sources"], f"{name} (sources)") if extra else None
    except DatasetError:
        raise
    except Exception as error:  # openpyxl raises many kinds on a damaged workbook
        raise DatasetError([Problem(name, f"is not a readable XLSX workbook ({error})")]) from None
    if first.columns.empty:
        raise DatasetError([Problem(name, "is empty: it needs a header row and data rows")])
    return first, sources


def _sheet_frame(sheet, name: str) -> pd.DataFrame:
    """A worksheet's cells as text under its first row; blank rows skipped as in a CSV."""
    rows = [[_xlsx_text(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
    rows = [row for row in rows if any(row)]
    if not rows:
        return pd.DataFrame()
    width = max(len(r) for r in rows)
    header = [h or f"unnamed {i + 1}" for i, h in enumerate(rows[0] + [""] * width)][:width]
    repeats = sorted({c for c in header if header.count(c) > 1})
    if repeats:
        raise DatasetError(
            [Problem(name, "the column appears more than once", 1, c) for c in repeats]
        )
    body = [r + [""] * (width - len(r)) for r in rows[1:]]
    return pd.DataFrame(body, columns=header, dtype=str).map(spreadsheet.restore)


def _xlsx_text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, datetime):
        return cell.date().isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _table_problems(frame: pd.DataFrame, name: str) -> list[Problem]:
    """Missing id columns, ids that are not ids, and version dates that are not dates."""
    required = ("version", "party", "issue", "value")
    problems = [
        Problem(name, "is a required column but missing", 1, c) for c in required if c not in frame
    ]
    known = {*POSITION_COLUMNS, *DERIVED, *IGNORED}
    problems += [
        Problem(name, f"is not a known column; valid: {', '.join(sorted(known))}", 1, c)
        for c in frame.columns
        if c not in known
    ]
    if problems:
        return problems
    for column in ("version", "party", "issue"):
        bad = ~frame[column].str.strip().str.match(ID_PATTERN.pattern)
        problems += [
            Problem(
                name,
                f"'{frame.at[r, column]}' is not an id: use lowercase letters, digits, - and _",
                r + 2,
                column,
            )
            for r in frame.index[bad]
        ]
    if "version_date" in frame:
        dates = pd.to_datetime(frame["version_date"], errors="coerce", format="%Y-%m-%d")
        problems += [
            Problem(
                name,
                f"'{frame.at[r, 'version_date']}' is not a date (YYYY-MM-DD)",
                r + 2,
                "version_date",
            )
            for r in frame.index[dates.isna()]
        ]
    return problems[:MAX_PROBLEMS]


def _ordered(series: pd.Series) -> list[str]:
    return list(dict.fromkeys(series.str.strip()))


def _infer_metadata(
    frame: pd.DataFrame, sources: pd.DataFrame | None, levels: Levels, name: str
) -> tuple[dict, list[Problem]]:
    today = date.today().isoformat()
    versions = _ordered(frame["version"])
    names = {c: _first_seen(frame, k, c) for k, c in _NAME_COLUMNS}
    dates = _first_seen(frame, "version", "version_date")
    issues, problems = [], []
    for issue in _ordered(frame["issue"]):
        scale, problem = _infer_scale(frame, issue, levels.get(issue), name)
        problems += [problem] if problem else []
        issues.append(
            {
                "id": issue,
                "name": names["issue_name"].get(issue, issue),
                "group": _first_seen(frame, "issue", "issue_group").get(issue, "other"),
                "description": f"Imported from {PurePosixPath(name).name}.",
                "scale": scale,
            }
        )
    meta = {
        "title": PurePosixPath(name).stem,
        "description": f"Imported from {PurePosixPath(name).name}; scales inferred from values.",
        "licence": "",
        "parties": [
            {"id": p, "name": names["party_name"].get(p, p)}
            for p in _ordered(frame["party"])
            if p != DRAFT
        ],
        "issues": issues,
        "versions": [
            {
                "id": v,
                "name": names["version_name"].get(v, v),
                "date": dates.get(v, today),
                "kind": "draft",
            }
            for v in versions
        ],
        "sources": _infer_sources(frame, sources, dates.get(versions[0], today), name),
    }
    return meta, problems


_NAME_COLUMNS = (("party", "party_name"), ("issue", "issue_name"), ("version", "version_name"))


def _first_seen(frame: pd.DataFrame, key: str, column: str) -> dict[str, str]:
    if column not in frame:
        return {}
    filled = frame[frame[column].str.strip() != ""]
    return filled.drop_duplicates(key).set_index(key)[column].str.strip().to_dict()


def _infer_scale(
    frame: pd.DataFrame, issue: str, levels: Sequence[str] | None, name: str
) -> tuple[dict, Problem | None]:
    """An ordinal scale from the user's levels, else a numeric one spanning the values."""
    rows = frame[frame["issue"].str.strip() == issue]
    if levels:
        labels = _first_seen(rows, "value", "value_label") if "value_label" in rows else {}
        return {
            "kind": "ordinal",
            "levels": [{"id": v, "label": labels.get(v, v)} for v in levels],
        }, None
    cells = rows["value"].str.strip()
    cells = cells[cells != ""]
    numbers = pd.to_numeric(cells, errors="coerce")
    if cells.empty or numbers.isna().any():
        shown = cells[numbers.isna()].iloc[0] if not cells.empty else ""
        return {"kind": "numeric", "min": 0, "max": 1}, Problem(
            name,
            f"issue '{issue}' has values that are not numbers (e.g. '{shown}'): list its levels "
            f"in order (--levels {issue}=first,second,... or the Data page's levels box)"
            if not cells.empty
            else f"issue '{issue}' has no values to infer a scale from",
            column="value",
        )
    low, high = float(numbers.min()), float(numbers.max())
    return {"kind": "numeric", "min": low, "max": high if high > low else low + 1}, None


def _infer_sources(
    frame: pd.DataFrame, sheet: pd.DataFrame | None, first_date: str, name: str
) -> list[dict]:
    if sheet is not None and {"id", "publisher", "title", "date"} <= set(sheet.columns):
        columns = [c for c in ("id", "publisher", "title", "date", "url") if c in sheet]
        return [{k: v for k, v in r.items() if v != ""} for r in sheet[columns].to_dict("records")]
    ids = (
        [s.strip() for cell in frame["sources"] for s in cell.split(";") if s.strip()]
        if "sources" in frame
        else []
    )
    file = PurePosixPath(name).name
    return [
        {
            "id": s,
            "publisher": "unknown",
            "title": f"Source '{s}' named in {file}",
            "date": first_date,
        }
        for s in dict.fromkeys(ids or [IMPORTED])
    ]


def _fill_defaults(frame: pd.DataFrame) -> pd.DataFrame:
    """The positions columns of a table, with plain defaults where the user gave none."""
    frame = frame.map(str.strip)
    value = frame["value"]
    defaults = {
        "status": value.where(value == "", "stated").replace("", "undisclosed"),
        "stance": frame["party"] + " on " + frame["issue"] + ": " + value.replace("", "n/a"),
        "confidence": "medium",
        "sources": IMPORTED,
    }
    for column, default in defaults.items():
        if column not in frame:
            frame[column] = default
    return frame[[c for c in POSITION_COLUMNS if c in frame]]
