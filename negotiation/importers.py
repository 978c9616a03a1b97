"""Bring other negotiations in: each format's importer returns a validated Dataset or raises
DatasetError listing every problem; FORMATS drives the CLI's --format and the Data page."""

from __future__ import annotations

import csv
import io
import math
import re
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path, PurePosixPath

import pandas as pd
from openpyxl import load_workbook

from negotiation import settings, store, tables
from negotiation.load import (
    MAX_PROBLEMS,
    METADATA_FILE,
    POSITIONS_FILE,
    DatasetError,
    Problem,
    _decode,
    is_latin1,
    parse_dataset,
    read_table,
    resolve_dataset,
)
from negotiation.model import DRAFT, POSITION_COLUMNS, Dataset

Files = Mapping[str, bytes]
"""Uploaded or read files by name (the name is what messages cite)."""
Levels = Mapping[str, Sequence[str]]
"""Ordered level ids of the ordinal issues of a table, by issue id."""

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
IMPORTED = "imported"
"""The id of the one version and source an import creates when the file has none."""


@dataclass(frozen=True)
class Format:
    """One import format: its label for people and its importer."""

    label: str
    read: Callable[[Files, str, Levels], Dataset]


def from_folder(files: Files, dataset_id: str, levels: Levels | None = None) -> Dataset:
    """The project's own format: dataset.yaml + positions.csv (found by file name)."""
    by_name = {PurePosixPath(name).name: name for name in files}
    missing = [n for n in (METADATA_FILE, POSITIONS_FILE) if n not in by_name]
    if missing:
        found = ", ".join(files) or "no files"
        raise DatasetError([Problem(n, f"is missing (found: {found})") for n in missing])
    meta, positions = by_name[METADATA_FILE], by_name[POSITIONS_FILE]
    ds = parse_dataset(files[meta], files[positions], dataset_id, files=(meta, positions))
    _check_shape(ds.positions, positions)
    return ds


def from_zip(files: Files, dataset_id: str, levels: Levels | None = None) -> Dataset:
    """A zipped dataset folder: its two files at the top or inside one folder."""
    name, data = _single(files)
    return from_folder(as_utf8(store.unzip(data, name)), dataset_id)


def from_table(files: Files, dataset_id: str, levels: Levels | None = None) -> Dataset:
    """One tidy CSV or XLSX in the `table` command's layout; metadata inferred where absent."""
    name, data = _single(files)
    frame, sources = _read_sheet(data, name)
    _check_shape(frame, name)
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


def from_decide(files: Files, dataset_id: str, levels: Levels | None = None) -> Dataset:
    """The decide exchange-model format: #A actors, #P issues, #M scale points, #D data rows,
    keeping salience and power (power becomes the party's capability)."""
    name, data = _single(files)
    rows = _decide_rows(_decode(data, name), name)
    meta, frame, problems = _decide_dataset(rows, name)
    if problems:
        raise DatasetError(problems)
    return parse_dataset(
        store.dump_metadata(meta), store.dump_positions(frame), dataset_id, files=(name, name)
    )


FORMATS: dict[str, Format] = {
    "folder": Format("dataset.yaml + positions.csv", from_folder),
    "zip": Format("a zipped dataset folder", from_zip),
    "table": Format("one tidy CSV or XLSX table", from_table),
    "decide": Format("decide exchange-model file (#A, #P, #M, #D rows)", from_decide),
}


def detect(files: Files) -> str:
    """The format of some files: folder, zip, table or decide."""
    names = [PurePosixPath(n).name for n in files]
    if METADATA_FILE in names:
        return "folder"
    name, data = _single(files)
    if name.lower().endswith(".zip"):
        return "zip"
    if name.lower().endswith(".xlsx") or data.startswith(b"PK\x03\x04"):
        return "zip" if _is_plain_zip(data) else "table"
    head = data[:200].lstrip(b"\xef\xbb\xbf\xff\xfe").replace(b"\x00", b"")
    return "decide" if re.match(rb"\s*'?#[APMD0/]'?[\t;,]", head) else "table"


def import_files(
    files: Files, dataset_id: str, fmt: str = "auto", levels: Levels | None = None
) -> Dataset:
    """The validated dataset in some files, in a named format or the one detected."""
    _check_sizes(files)
    files = as_utf8(files)
    chosen = detect(files) if fmt == "auto" else fmt
    return FORMATS[chosen].read(files, dataset_id, levels or {})


def as_utf8(files: Files) -> dict[str, bytes]:
    """The files with Latin-1 text re-encoded as UTF-8; others (UTF-8, UTF-16, binary) as given,
    for the loader to read or refuse by name."""
    return {name: _latin1_to_utf8(data) for name, data in files.items()}


def _latin1_to_utf8(data: bytes) -> bytes:
    if data.startswith((b"PK\x03\x04", b"\xff\xfe", b"\xfe\xff")):
        return data
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1").encode("utf-8") if is_latin1(data) else data
    return data


@dataclass(frozen=True)
class Preview:
    """What an import would write: the dataset (None when unreadable) and every problem found;
    only a preview without problems may be saved."""

    ds: Dataset | None
    problems: tuple[Problem, ...] = ()


def preview(files: Files, root: Path, name: str, fmt: str = "auto", levels: str = "") -> Preview:
    """The dataset some uploads would become under `root/name`, or the problems; nothing is
    written. `levels` has one `ISSUE=level1,level2,...` per line."""
    problems = []
    try:
        if name:  # an empty name is asked for on the page, not reported as a problem
            resolve_dataset(root, name)
    except ValueError as error:
        problems.append(Problem("dataset name", str(error)))
    try:
        ds = import_files(
            files,
            name or "upload",
            fmt,
            parse_levels([line for line in levels.splitlines() if line.strip()]),
        )
    except DatasetError as error:
        return Preview(None, (*problems, *error.problems))
    except ValueError as error:
        return Preview(None, (*problems, Problem("levels", str(error))))
    return Preview(ds, tuple(problems))


def report(problems: Sequence[Problem]) -> pd.DataFrame:
    """Problems as a table: file, row, column and message in plain words."""
    return pd.DataFrame(
        [(p.file, p.row, p.column or "", p.message) for p in problems],
        columns=["file", "row", "column", "problem"],
    ).astype({"row": "Int64"})


def read_paths(paths: Sequence[Path]) -> dict[str, bytes]:
    """The files named on a command line by name; a folder stands for its two dataset files."""
    files: dict[str, bytes] = {}
    for path in paths:
        chosen = [path / METADATA_FILE, path / POSITIONS_FILE] if path.is_dir() else [path]
        for file in chosen:
            if not file.is_file():
                raise DatasetError([Problem(str(file), "does not exist or is not a file")])
            if file.stat().st_size > settings.MAX_UPLOAD_BYTES:
                raise DatasetError([_too_big(str(file), file.stat().st_size)])
            files[str(file)] = file.read_bytes()
    return files


def parse_levels(specs: Sequence[str]) -> dict[str, list[str]]:
    """`ISSUE=level1,level2,...` specs as ordered levels by issue (ValueError when malformed)."""
    levels = {}
    for spec in specs:
        issue, sep, rest = spec.partition("=")
        ids = [level.strip() for level in rest.split(",") if level.strip()]
        if not sep or not issue.strip() or len(ids) < 2:
            raise ValueError(f"'{spec}' is not ISSUE=level1,level2,... (at least two levels)")
        levels[issue.strip()] = ids
    return levels


# --- shared checks --------------------------------------------------------------------------


def _single(files: Files) -> tuple[str, bytes]:
    if len(files) != 1:
        raise DatasetError([Problem(", ".join(files) or "upload", "give exactly one file")])
    return next(iter(files.items()))


def _too_big(name: str, size: int) -> Problem:
    return Problem(name, f"is {size / 2**20:.1f} MB; at most {settings.MAX_UPLOAD_MB} MB accepted")


def _check_sizes(files: Files) -> None:
    problems = [_too_big(n, len(d)) for n, d in files.items() if len(d) > settings.MAX_UPLOAD_BYTES]
    if problems:
        raise DatasetError(problems)


def _check_shape(frame: pd.DataFrame, name: str) -> None:
    problems = []
    if len(frame) > settings.MAX_ROWS:
        problems.append(Problem(name, f"has {len(frame)} rows; at most {settings.MAX_ROWS}"))
    if len(frame.columns) > settings.MAX_COLUMNS:
        problems.append(
            Problem(name, f"has {len(frame.columns)} columns; at most {settings.MAX_COLUMNS}")
        )
    if frame.empty and not problems:
        problems.append(Problem(name, "has a header but no data rows"))
    text = frame.select_dtypes(exclude="number")
    long = text.map(lambda cell: len(str(cell)) > settings.MAX_CELL_CHARS).to_numpy().nonzero()
    problems += [
        Problem(name, f"the cell is over {settings.MAX_CELL_CHARS} characters long", r + 2, c)
        for r, c in zip(long[0][:MAX_PROBLEMS], text.columns[long[1][:MAX_PROBLEMS]], strict=True)
    ]
    if problems:
        raise DatasetError(problems)


def _is_plain_zip(data: bytes) -> bool:
    """True for a zip that is not an XLSX workbook."""
    try:
        return "[Content_Types].xml" not in zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return False


# --- tables ---------------------------------------------------------------------------------

DERIVED = ("version_name", "version_date", "party_name", "issue_name", "issue_group")
"""Columns of a table that describe parties, issues and versions rather than positions."""
IGNORED = ("value_label", "norm")
"""Columns the `table` command adds that an import recomputes."""


def _read_sheet(data: bytes, name: str) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """Every cell of a CSV or of an XLSX's first sheet as text, and its `sources` sheet."""
    if not data.startswith(b"PK\x03\x04"):
        return read_table(data, name).map(tables.restore), None
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
    return pd.DataFrame(body, columns=header, dtype=str).map(tables.restore)


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


# --- decide ---------------------------------------------------------------------------------

_DECIDE_WIDTH = {"#A": 2, "#P": 2, "#M": 3, "#D": 6}
"""The fewest fields each kind of decide row needs (kind included)."""


def _unquote(field: str) -> str:
    text = field.strip()
    return text[1:-1] if len(text) >= 2 and text[0] == text[-1] == "'" else text


def _decide_rows(text: str, name: str) -> list[tuple[int, list[str]]]:
    """The non-comment rows of a decide file with their line numbers, fields unquoted."""
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    delimiter = max(["\t", ";", ","], key=first.count)
    rows = []
    for number, fields in enumerate(csv.reader(lines, delimiter=delimiter, quotechar='"'), 1):
        cells = [_unquote(f) for f in fields]
        if cells and cells[0] not in ("#0", "#/", "") and any(cells):
            rows.append((number, cells))
    if not rows:
        raise DatasetError([Problem(name, "is empty: it needs #A, #P and #D rows")])
    return rows


def slug(text: str) -> str:
    """An id made from a name: lowercase letters, digits, - and _."""
    return re.sub(r"[^a-z0-9_-]+", "-", text.lower()).strip("-_")[:64]


def _decide_dataset(
    rows: list[tuple[int, list[str]]], name: str
) -> tuple[dict, pd.DataFrame, list[Problem]]:
    """The metadata, positions and problems of a decide file's rows."""
    actors, issues, points, data, problems = _decide_declarations(rows, name)
    problems += _decide_ids(actors, "actor", name) + _decide_ids(issues, "issue", name)
    scales = {k: _decide_scale(points.get(k, [])) for k in issues}
    positions, power = [], {}
    seen: dict[tuple[str, str], int] = {}
    for number, (_, actor, issue, *cells) in data:
        problems += [
            Problem(name, f"'{key}' is not a declared {label} (#{kind} row)", number, label)
            for key, label, kind, known in (
                (actor, "actor", "A", actors),
                (issue, "issue", "P", issues),
            )
            if key not in known
        ]
        if (actor, issue) in seen:
            problems.append(
                Problem(name, f"repeats the #D row of line {seen[actor, issue]}", number)
            )
        seen.setdefault((actor, issue), number)
        low, high = scales.get(issue, (float("-inf"), float("inf")))
        bounds = {"position": (low, high), "salience": (0, 1), "power": (0, 1)}
        values = [
            _number(c, name, number, col, bounds[col], problems)
            for c, col in zip(cells, bounds, strict=True)
        ]
        if None in values or actor not in actors or issue not in issues:
            continue
        position, salience, weight = values[:3]
        power.setdefault(actor, []).append(weight)
        positions.append(_decide_position(actors[actor], issues[issue], position, salience, weight))
    meta = _decide_meta(actors, issues, scales, power, name)
    return meta, pd.DataFrame(positions, columns=list(POSITION_COLUMNS)), problems


def _decide_declarations(rows: list[tuple[int, list[str]]], name: str) -> tuple:
    """Actors, issues, scale points and #D rows of a decide file, and the problems found."""
    actors: dict[str, dict] = {}
    issues: dict[str, dict] = {}
    points: dict[str, list[float]] = {}
    data, problems = [], []
    for number, cells in rows:
        kind = cells[0]
        if kind not in _DECIDE_WIDTH:
            message = f"'{kind}' is not a row kind (#A, #P, #M, #D, #0, #/)"
            problems.append(Problem(name, message, number, "kind"))
        elif len(cells) < _DECIDE_WIDTH[kind]:
            message = f"a {kind} row needs {_DECIDE_WIDTH[kind]} fields, found {len(cells)}"
            problems.append(Problem(name, message, number))
        elif kind in ("#A", "#P"):
            key, label, comment = [*cells[1:], "", ""][:3]
            item = {"id": slug(key), "name": label or key, "short": key, "description": comment}
            (actors if kind == "#A" else issues)[key] = item
        elif kind == "#M":
            point = _number(cells[2], name, number, "position", None, problems)
            points.setdefault(cells[1], []).extend([point] if point is not None else [])
        else:
            data.append((number, cells[:6]))
    return actors, issues, points, data, problems


def _decide_scale(points: list[float]) -> tuple[float, float]:
    """An issue's bounds: its #M points, or 0–100 when it has fewer than two distinct ones."""
    return (min(points), max(points)) if len(set(points)) > 1 else (0.0, 100.0)


def _decide_position(actor: dict, issue: dict, position: float, salience: float, power: float):
    return {
        "version": IMPORTED,
        "party": actor["id"],
        "issue": issue["id"],
        "value": f"{position:g}",
        "status": "stated",
        "confidence": "medium",
        "salience": f"{salience:g}",
        "sources": IMPORTED,
        "stance": f"{actor['name']}: {position:g} on {issue['name']} "
        f"(salience {salience:g}, power {power:g})",
    }


def _number(
    cell: str,
    name: str,
    row: int,
    column: str,
    bounds: tuple[float, float] | None,
    problems: list[Problem],
) -> float | None:
    """The number in a cell, or None with a problem added when it is not one within bounds."""
    try:
        number = float(cell)
    except ValueError:
        problems.append(Problem(name, f"'{cell}' is not a number", row, column))
        return None
    if not math.isfinite(number):
        problems.append(Problem(name, f"'{cell}' is not a finite number", row, column))
        return None
    if bounds and not bounds[0] <= number <= bounds[1]:
        low, high = bounds
        problems.append(Problem(name, f"{number:g} is outside {low:g}–{high:g}", row, column))
        return None
    return number


def _decide_ids(items: dict[str, dict], label: str, name: str) -> list[Problem]:
    seen: dict[str, str] = {}
    problems = []
    for key, item in items.items():
        if not item["id"]:
            problems.append(Problem(name, f"{label} '{key}' has no letters or digits for an id"))
        elif item["id"] in seen:
            problems.append(
                Problem(
                    name,
                    f"{label}s '{seen[item['id']]}' and '{key}' both make "
                    f"the id '{item['id']}'; rename one",
                )
            )
        seen[item["id"]] = key
    return problems


def _decide_meta(actors: dict, issues: dict, scales: dict, power: dict, name: str) -> dict:
    """The metadata of a decide file: power is per actor and issue there, one capability here:
    the mean, with a note when it varies."""
    today = date.today().isoformat()
    file = PurePosixPath(name).name
    varies = sorted(a for a, w in power.items() if max(w) != min(w))
    note = (
        f" Power varies by issue for {', '.join(varies)}: capability is the mean." if varies else ""
    )
    parties = [
        {
            "id": a["id"],
            "name": a["name"],
            "short": a["short"][:24],
            **({"capability": round(sum(power[k]) / len(power[k]), 6)} if k in power else {}),
        }
        for k, a in actors.items()
    ]
    return {
        "title": PurePosixPath(name).stem,
        "description": f"Imported from the decide exchange-model file {file}.{note}",
        "licence": "",
        "parties": parties,
        "issues": [
            {
                "id": i["id"],
                "name": i["name"],
                "group": "other",
                "description": i["description"],
                "scale": {
                    "kind": "numeric",
                    "min": scales[k][0],
                    "max": scales[k][1],
                },
            }
            for k, i in issues.items()
        ],
        "versions": [
            {
                "id": IMPORTED,
                "name": f"Imported from {file}",
                "date": today,
                "kind": "statement",
                "summary": "Positions, salience and power as given.",
            }
        ],
        "sources": [
            {
                "id": IMPORTED,
                "publisher": "decide exchange-model file",
                "title": file,
                "date": today,
            }
        ],
    }
