"""One tidy CSV or XLSX in the layout the `table` command writes (`analysis.tidy`): its
positions read back, every field of the dataset read from the columns `exchange` writes, and
what the table does not give inferred and said.

About 420 lines: reading the sheet, checking it, and rebuilding each part of the metadata
(scales, references, sources) are steps of one import; the metadata rebuild is the part to
move out next."""

from __future__ import annotations

import io
import math
import re
from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from pathlib import PurePosixPath

import pandas as pd

from negotiation.data import spreadsheet, store
from negotiation.data.checks import ids
from negotiation.data.exchange import DATASET_FIELDS, METADATA_COLUMNS, carry_setting
from negotiation.data.importers.common import (
    ID_PATTERN,
    IMPORTED,
    Files,
    Levels,
    check_shape,
    single,
)
from negotiation.data.load import parse_dataset
from negotiation.data.model import DRAFT, MULTIPLIERS, POSITION_COLUMNS, Dataset
from negotiation.data.problems import MAX_PROBLEMS, DatasetError, Problem, collapsed
from negotiation.data.textfile import read_table


def from_tidy(files: Files, dataset_id: str, levels: Levels | None = None) -> Dataset:
    """One tidy CSV or XLSX in the `table` command's layout (with, for a CSV, the sources
    table beside it); metadata inferred, visibly, where the table does not give it."""
    files = dict(files)
    beside = companions(files)
    companion = {kind: (found, files.pop(found)) for kind, found in beside.items()}
    name, data = single(files)
    frame, sources, clauses = _read_sheet(data, name)
    if "sources" in companion:
        sources = spreadsheet.restored(read_table(companion["sources"][1], companion["sources"][0]))
    if "provisions" in companion:  # as written: a spreadsheet's inert cells restored
        found, raw = companion["provisions"]
        clauses = (found, spreadsheet.restored(read_table(raw, found)).to_csv(index=False).encode())
    check_shape(frame, name)
    frame = frame.apply(lambda column: column.str.strip())
    problems = _table_problems(frame, name)
    problems = problems or _id_problems(frame, name)
    if problems:
        raise DatasetError(collapsed(problems)[:MAX_PROBLEMS])
    frame, note = _lowercased(frame)
    levels = {issue.lower(): ids for issue, ids in (levels or {}).items()}
    meta, assumed, problems = _infer_metadata(frame, sources, levels, name, note)
    problems = _date_problems(frame, name) + _conflict_problems(frame, name) + problems
    if problems:
        raise DatasetError(collapsed(problems)[:MAX_PROBLEMS])
    positions = _fill_defaults(frame)
    try:
        return parse_dataset(
            store.dump_metadata(meta), store.dump_positions(positions), dataset_id,
            files=(name, name), import_report=tuple(assumed),
            provisions=clauses[1] if clauses else None,
            provisions_file=clauses[0] if clauses else "",
        )  # fmt: skip
    except DatasetError as error:
        moved = [_at_users_row(p, frame, name) for p in error.problems]
        raise DatasetError(collapsed(moved)) from None


INTERNAL = re.compile(r"^(versions|parties|issues) > #\d+ \((?P<id>[^)]*)\) > (?P<path>.+)$")
"""Where a problem of the metadata the import wrote lies: "versions > #2 (jpoa) > kind"."""
OWN_COLUMN = {"versions": ("version", "version_"), "parties": ("party", "party_"),
              "issues": ("issue", "issue_")}  # fmt: skip


def _at_users_row(problem: Problem, frame: pd.DataFrame, name: str) -> Problem:
    """A problem of the dataset.yaml an import writes, moved to the user's table: the first
    row of that version, party or issue and the column it came from ("versions > #2 (jpoa) >
    kind" is row 5, column version_kind)."""
    found = INTERNAL.match(problem.column or "")
    if problem.file != name or found is None:
        return problem
    key, prefix = OWN_COLUMN[found[1]]
    rows = frame.index[frame[key] == found["id"]]
    path = found["path"].split(" > ")
    column = f"scale_{path[1]}" if path[0] == "scale" and len(path) > 1 else prefix + path[0]
    if not len(rows):
        return Problem(name, problem.message, None, column)
    cell = frame.at[rows[0], column] if column in frame else ""
    message = problem.message
    said = f"'{cell}': {message}" if cell and cell not in message else message
    return Problem(name, said, int(rows[0]) + 2, column)


COMPANIONS = {"sources": ["id", "publisher"], "provisions": ["version", "provision"]}
"""The tables that may sit beside a CSV table, by the first columns of their header."""


def companions(files: Files) -> dict[str, str]:
    """Among several files, the names of the tables beside the main one (`sources`,
    `provisions`), found by their header; empty when one file is given."""
    if len(files) < 2:
        return {}
    found = {}
    for name, data in files.items():
        header = data[:500].lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0].decode("utf-8", "replace")
        first = [c.strip() for c in header.replace(";", ",").split(",")[:2]]
        kind = next((k for k, columns in COMPANIONS.items() if first == columns), None)
        if kind:
            found[kind] = name
    return found


DERIVED = ("version_name", "version_date", "party_name", "issue_name", "issue_group")
"""Columns of a table that describe parties, issues and versions rather than positions."""
IGNORED = ("value_label", "norm")
"""Columns the `table` command adds that an import recomputes."""


def _read_sheet(
    data: bytes, name: str
) -> tuple[pd.DataFrame, pd.DataFrame | None, tuple[str, bytes] | None]:
    """Every cell of a CSV or of an XLSX's first sheet as text, its `sources` sheet, and its
    `provisions` sheet as a file's name and bytes."""
    if not data.startswith(b"PK\x03\x04"):
        return spreadsheet.restored(read_table(data, name)), None, None
    store.unzip(data, name)  # an XLSX is a zip: refuse bombs before openpyxl expands it
    from openpyxl import load_workbook  # here: a CSV, and the dashboard's pages, need not load it

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        first = _sheet_frame(book.worksheets[0], name)
        extra = "sources" in book.sheetnames[1:]
        sources = _sheet_frame(book["sources"], f"{name} (sources)") if extra else None
        clauses = None
        if "provisions" in book.sheetnames[1:]:
            sheet = spreadsheet.restored(_sheet_frame(book["provisions"], name))
            clauses = (f"{name} (provisions)", sheet.to_csv(index=False).encode())
    except DatasetError:
        raise
    except Exception as error:  # openpyxl raises many kinds on a damaged workbook
        raise DatasetError([Problem(name, f"is not a readable XLSX workbook ({error})")]) from None
    if first.columns.empty:
        raise DatasetError([Problem(name, "is empty: it needs a header row and data rows")])
    return first, sources, clauses


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
    return spreadsheet.restored(pd.DataFrame(body, columns=header, dtype=str))


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
    known = {*POSITION_COLUMNS, *DERIVED, *IGNORED, *METADATA_COLUMNS}
    problems += [
        Problem(name, f"is not a known column; valid: {', '.join(sorted(known))}", 1, c)
        for c in frame.columns
        if c not in known
    ]
    if problems:
        return problems
    if "version_date" in frame:
        given = frame["version_date"] != ""
        dates = pd.to_datetime(frame["version_date"], errors="coerce", format="%Y-%m-%d")
        problems += [
            Problem(
                name,
                f"'{frame.at[r, 'version_date']}' is not a date (YYYY-MM-DD)",
                r + 2,
                "version_date",
            )
            for r in frame.index[given & dates.isna()]
        ]
    return problems[:MAX_PROBLEMS]


ID_COLUMNS = ("version", "party", "issue")


def _id_problems(frame: pd.DataFrame, name: str) -> list[Problem]:
    """Ids that are not ids even in lowercase, and ids that lowercase would make one."""
    problems = []
    for column in ID_COLUMNS:
        given = frame[column].drop_duplicates()
        low = given.str.lower()
        bad = frame.index[~frame[column].str.lower().str.match(ID_PATTERN.pattern)]
        problems += [
            Problem(
                name,
                f"'{frame.at[r, column]}' is not an id: use letters, digits, - and _ (capitals "
                "are made lowercase)",
                r + 2,
                column,
            )
            for r in bad[:MAX_PROBLEMS]
        ]
        for names in given.groupby(low.to_numpy(), sort=False).agg(list):
            if len(names) > 1:
                row = int(given.index[given == names[1]][0]) + 2
                listed = " and ".join(f"'{n}'" for n in names)
                message = f"{listed} are one id once lowercased: rename one to keep them apart"
                problems.append(Problem(name, message, row, column))
    return problems


def _lowercased(frame: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """The table with its ids in lowercase ("n0062B" is "n0062b"), and what that changed in
    words for the description ("" when nothing)."""
    changed = []
    for column in ID_COLUMNS:
        given = frame[column].drop_duplicates()
        changed += [f"{i} is {i.lower()}" for i in given[given != given.str.lower()]]
        frame[column] = frame[column].str.lower()
    if not changed:
        return frame, ""
    shown = ", ".join(changed[:5]) + (f" and {len(changed) - 5} more" if len(changed) > 5 else "")
    return frame, f"ids are made lowercase: {shown}"


def _date_problems(frame: pd.DataFrame, name: str) -> list[Problem]:
    """Each version without a date on any of its rows, at its first row: versions are ordered
    by date, so an import never guesses one."""
    if "version_date" in frame:
        dated = set(frame.loc[frame["version_date"] != "", "version"])
    else:
        dated = set()
    first = frame.drop_duplicates("version")
    return [
        Problem(
            name,
            f"version '{v}' has no date: give its version_date (YYYY-MM-DD) on one of its rows",
            int(r) + 2,
            "version_date",
        )
        for r, v in first["version"].items()
        if v not in dated
    ]


def _conflict_problems(frame: pd.DataFrame, name: str) -> list[Problem]:
    """A version given two different dates (names, kinds, …) on two of its rows: an error
    naming both, never one of them picked silently."""
    problems = []
    for column in (c for c in frame.columns if c.startswith("version_")):
        given = frame.loc[frame[column] != "", ["version", column]]
        for version, cells in given.groupby("version", sort=False)[column]:
            distinct = cells.drop_duplicates()
            if len(distinct) > 1:
                (first, a), (second, b) = list(distinct.items())[:2]
                problems.append(Problem(
                    name,
                    f"version '{version}' has two {column} values: '{a}' (row {first + 2}) "
                    f"and '{b}' (row {second + 2}); give one",
                    int(second) + 2, column,
                ))  # fmt: skip
    return problems


def _infer_metadata(
    frame: pd.DataFrame, sources: pd.DataFrame | None, levels: Levels, name: str, note: str
) -> tuple[dict, list[str], list[Problem]]:
    """dataset.yaml's content from the table's columns; what a table lacks is inferred (a
    scale from its values, a unit from value labels such as "5%") and said in the description,
    with `note` (what the import changed)."""
    file = PurePosixPath(name).name
    seen = {key: _first_of(frame, key) for key in ID_COLUMNS}
    dataset = {f: _first_filled(frame, f) for f in DATASET_FIELDS}
    assumed: list[str] = [note] if note else []
    issues, problems = [], []
    # each issue's rows, found once: a lookup over the whole table per issue grew as
    # issues × rows (4-10 s for 7,000 positions)
    cells, references = _cells_by_issue(frame), _references_by_issue(frame)
    for issue, row in seen["issue"].items():
        values, labels = cells[issue]
        scale, problem = _scale_of(
            frame, values, labels, issue, row, levels.get(issue), name, assumed
        )
        problems += [problem] if problem else []
        issues.append(
            _present(
                id=issue,
                name=row.get("issue_name") or issue,
                group=row.get("issue_group") or "other",
                description=_given(frame, row, "issue_description", f"Imported from {file}."),
                scale=scale,
                reference=references.get(issue) or None,
            )
        )
    versions = []
    for version, row in seen["version"].items():
        versions.append(
            _present(
                id=version,
                name=row.get("version_name") or version,
                date=row.get("version_date", ""),  # else refused by _date_problems
                kind=row.get("version_kind") or "draft",
                author=_given(frame, row, "version_author", None),
                summary=_given(frame, row, "version_summary", None),
                final=True if row.get("version_final", "").lower() in FINAL else None,
                capabilities=_weights(row.get("version_capabilities", "")) or None,
                revises=row.get("version_revises") or None,
                revises_sources=ids(row.get("version_revises_sources", "")) or None,
            )
        )
    parties = [
        _present(
            id=party,
            name=row.get("party_name") or party,
            short=row.get("party_short") or None,
            colour=row.get("party_colour") or None,
            capability=float(row["party_capability"]) if row.get("party_capability") else None,
        )
        for party, row in seen["party"].items()
        if party != DRAFT
    ]
    if sources is None and "sources" in frame and frame["sources"].ne("").any():
        assumed.append(
            "the sources the table names have no sources table (give NAME-sources.csv beside "
            "it): their publisher, title and date are not given"
        )
    description = dataset["dataset_description"] or f"Imported from {file}."
    meta = {
        "title": dataset["dataset_title"] or PurePosixPath(name).stem,
        "description": description,
        "licence": dataset["dataset_licence"],
        **(
            {"poles": {"low": dataset["pole_low"], "high": dataset["pole_high"]}}
            if dataset["pole_low"] and dataset["pole_high"]
            else {}
        ),
        **(
            {"carry": carry_setting(dataset["dataset_carry"])}
            if carry_setting(dataset["dataset_carry"]) is not None
            else {}
        ),
        "parties": parties,
        "issues": issues,
        "versions": versions,
        "sources": _infer_sources(frame, sources, name),
    }
    return meta, assumed, problems


def _present(**fields: object) -> dict:
    """The fields that have a value (None means: leave the field to its default)."""
    return {key: value for key, value in fields.items() if value is not None}


FINAL = ("yes", "true", "1", "final")
"""The `version_final` cells that mark the final version (the `table` command writes yes)."""


FIELDS_OF = {"version": ("version_",), "party": ("party_",), "issue": ("issue_", "scale_")}
"""The columns that describe each kind of id (`version_date` a version, `scale_min` an issue)."""


def _first_of(frame: pd.DataFrame, key: str) -> dict[str, dict[str, str]]:
    """Per id of `key`, in order of appearance: the first non-empty cell of each column that
    describes it (FIELDS_OF)."""
    columns = [c for c in frame.columns if c.startswith(FIELDS_OF[key])]
    firsts = frame[[key, *columns]].replace("", None).groupby(key, sort=False).first()
    return {
        id_: {column: cell for column, cell in cells.items() if isinstance(cell, str)} | {key: id_}
        for id_, cells in firsts.to_dict("index").items()
    }


def _given(
    frame: pd.DataFrame, row: dict[str, str], column: str, default: str | None
) -> str | None:
    """A field from its column, empty when the column is there but the cell is not (an empty
    description is a description); the default when the table has no such column."""
    return row.get(column, "") if column in frame else default


def _first_filled(frame: pd.DataFrame, column: str) -> str:
    if column not in frame:
        return ""
    filled = frame[column][frame[column] != ""]
    return filled.iloc[0] if len(filled) else ""


def _weights(cell: str) -> dict[str, float]:
    pairs = [part.split("=", 1) for part in cell.split(";") if "=" in part]
    return {party.strip().lower(): float(weight) for party, weight in pairs}


REFERENCE_COLUMNS = ("reference_value", "reference_label", "reference_sources")


def _references_by_issue(frame: pd.DataFrame) -> dict[str, list[dict]]:
    """Each issue's reference points from the rows (the first row of each version): the most
    common across versions stands for every version, the others for their own."""
    if "reference_value" not in frame:
        return {}
    firsts = frame.drop_duplicates(["issue", "version"])
    cells = firsts.reindex(columns=["issue", "version", *REFERENCE_COLUMNS], fill_value="")
    per_issue: dict[str, list[tuple[str, tuple[str, str, str]]]] = {}
    for issue, version, *key in cells.itertuples(index=False):
        per_issue.setdefault(issue, []).append((version, tuple(key)))
    out = {}
    for issue, versions in per_issue.items():
        given = [(version, key) for version, key in versions if key[0] != ""]
        everywhere = len(given) == len(versions)
        default = Counter(k for _, k in given).most_common(1)[0][0] if everywhere else None
        out[issue] = [_reference(default)] if default else []
        out[issue] += [_reference(k) | {"version": v} for v, k in given if k != default]
    return out


def _reference(key: tuple[str, str, str]) -> dict:
    value, label, sources = key
    cited = ids(sources)
    return {"value": value, "label": label or value, **({"sources": cited} if cited else {})}


def _scale_of(
    frame: pd.DataFrame,
    values: list[str],
    labels: dict[str, str],
    issue: str,
    row: dict[str, str],
    levels: Sequence[str] | None,
    name: str,
    assumed: list[str],
) -> tuple[dict, Problem | None]:
    """The issue's scale from its columns; else ordinal from the user's levels, else numeric
    spanning its values, with a unit read from its value labels ("5%" gives "%")."""
    direction = {"direction": row["scale_direction"]} if row.get("scale_direction") else {}
    if row.get("scale_levels"):
        pairs = [part.split("=", 1) for part in row["scale_levels"].splitlines() if part]
        shorts = [part.split("=", 1) for part in row.get("scale_level_shorts", "").splitlines()]
        short = {pair[0]: pair[1] for pair in shorts if len(pair) == 2}
        listed = [
            _present(id=i, label=(label or [i])[0], short=short.get(i)) for i, *label in pairs
        ]
        return {"kind": "ordinal", "unit": row.get("issue_unit", ""), **direction,
                "levels": listed}, None  # fmt: skip
    if levels:
        return {
            "kind": "ordinal",
            "levels": [{"id": v, "label": labels.get(v, v)} for v in levels],
        }, None
    named = [_named(part) for part in row.get("scale_named", "").splitlines() if part]
    names = {n["id"] for n in named}
    cells = [v for v in values if v not in names]
    numbers = [_number(v) for v in cells]
    low, high = row.get("scale_min"), row.get("scale_max")
    unbounded = low is None or high is None
    not_numbers = [c for c, n in zip(cells, numbers, strict=True) if n is None]
    if not_numbers or (not cells and unbounded):
        shown = not_numbers[0] if not_numbers else ""
        return {"kind": "numeric", "min": 0, "max": 1}, Problem(
            name, _not_numbers(issue, shown) if cells else f"issue '{issue}' has no values to "
            "infer a scale from: give scale_min and scale_max", column="value",
        )  # fmt: skip
    for column, bound in (("scale_min", low), ("scale_max", high)):
        if bound is not None and _number(bound) is None:
            message = f"'{bound}' is not a number (the scale's bound of issue '{issue}')"
            return {"kind": "numeric", "min": 0, "max": 1}, Problem(name, message, column=column)
    if unbounded:
        ends = [f"its {end} is its {which} value (give {column} to set it)"
                for end, which, column, bound in (("lower end", "lowest", "scale_min", low),
                                                  ("upper end", "highest", "scale_max", high))
                if bound is None]  # fmt: skip
        low = low or f"{min(numbers):g}"
        high = high or f"{max(*numbers, float(low) + 1):g}"
        assumed.append(f"issue {issue}'s scale runs {low}–{high}: {' and '.join(ends)}")
    unit = row.get("issue_unit", "")
    if "issue_unit" not in frame:  # a table that gives units at all gives them all
        unit = _unit_from_labels(labels)
        if unit:
            assumed.append(f"issue {issue}'s unit is '{unit}', read from its value labels")
    scale = {"kind": "numeric", "unit": unit, "min": float(low), "max": float(high), **direction}
    if row.get("scale_tolerance"):
        scale["tolerance"] = float(row["scale_tolerance"])
    return scale | ({"named": named} if named else {}), None


DECIMAL_COMMA = re.compile(r"^[+\-−]?\d+,\d+$")
GROUPED = re.compile(r"^[+\-−]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")


def _not_numbers(issue: str, shown: str) -> str:
    """Why an issue's values make no scale, and what to do: a number written with a decimal
    comma or thousands separators is told so; words need their levels listed."""
    if GROUPED.match(shown):
        plain = shown.replace(",", "")
        return (
            f"issue '{issue}' has '{shown}': write numbers without thousands separators ({plain})"
        )
    if DECIMAL_COMMA.match(shown):
        point = shown.replace(",", ".")
        return f"issue '{issue}' has '{shown}', a decimal comma: use a decimal point ({point})"
    return (
        f"issue '{issue}' has values that are not numbers (e.g. '{shown}'): list its levels in "
        f"order (--levels {issue}=first,second,... or the Data page's levels box)"
    )


def _number(text: str) -> float | None:
    """The number a cell holds, or None."""
    try:
        return float(text)
    except ValueError:
        return None


def _named(part: str) -> dict:
    """'no-cap=No cap@max' as a named value."""
    value, _, rest = part.partition("=")
    label, _, at = rest.rpartition("@")
    return {"id": value.strip(), "label": label.strip() or value.strip(), "at": at.strip()}


def _cells_by_issue(frame: pd.DataFrame) -> dict[str, tuple[list[str], dict[str, str]]]:
    """Per issue, in one pass over the table: its non-empty values, and each value's first
    label (from `value_label`)."""
    labels = frame["value_label"].tolist() if "value_label" in frame else [""] * len(frame)
    out: dict[str, tuple[list[str], dict[str, str]]] = {}
    for issue, value, label in zip(frame["issue"].tolist(), frame["value"].tolist(), labels,
                                   strict=True):  # fmt: skip
        values, labelled = out.setdefault(issue, ([], {}))
        if value:
            values.append(value)
            if label:
                labelled.setdefault(value, label)
    return out


def _unit_from_labels(labels: dict[str, str]) -> str:
    """The unit the value labels add to the numbers ("3.67%" → "%", "16,000 centrifuges" →
    "centrifuges", "1.5 million" for 1.5 → "million"), when every label whose number is its
    value's agrees; else empty. A label whose number is not its value's says nothing ("16,000
    troops" for 16 gives no ",000 troops")."""
    units = {_label_unit(value, label) for value, label in labels.items()} - {None}
    return units.pop() if len(units) == 1 else ""


LEADING_NUMBER = re.compile(
    r"^\s*([+\-−]?(?:\d{1,3}(?:[,\u00a0\u202f ]\d{3})+|\d+)(?:\.\d+)?)(?![\d,.])\s*(.*?)\s*$"
)
"""A label's leading number (thousands separated by commas or spaces, or not) and the rest."""


def _label_unit(value: str, label: str) -> str | None:
    """What a label adds to its value's number: the unit, "" for none, None when the label
    does not start with the value's number (in full, or before a multiplier word)."""
    number, match = _number(value), LEADING_NUMBER.match(label)
    if number is None or match is None:
        return None
    shown = float(re.sub(r"[,\u00a0\u202f ]", "", match[1]).replace("−", "-"))
    rest = match[2]
    if math.isclose(shown, number):
        return rest
    word, _, after = rest.partition(" ")
    factor = MULTIPLIERS.get(word.lower())
    return after if factor and math.isclose(shown * factor, number) else None


def _infer_sources(frame: pd.DataFrame, sheet: pd.DataFrame | None, name: str) -> list[dict]:
    """The sources table's rows; without one, an entry per source id named in the table,
    saying that its details (its date too) were not given."""
    if sheet is not None and {"id", "publisher", "title", "date"} <= set(sheet.columns):
        fields = ("id", "publisher", "title", "date", "url", "unpublished")
        columns = [c for c in fields if c in sheet]
        return [{k: v for k, v in r.items() if v != ""} for r in sheet[columns].to_dict("records")]
    named = [s for cell in frame["sources"] for s in ids(cell)] if "sources" in frame else []
    file = PurePosixPath(name).name
    return [
        {
            "id": s,
            "publisher": "not given in the table",
            "title": f"Source '{s}' named in {file}; its details were not given",
            "unpublished": f"imported from {file} without a sources table",
        }
        for s in dict.fromkeys(named or [IMPORTED])
    ]


def _fill_defaults(frame: pd.DataFrame) -> pd.DataFrame:
    """The positions columns of a table, with plain defaults where the user gave none."""
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
