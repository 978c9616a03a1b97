"""The decide exchange-model format: #A actors, #P issues, #M scale points, #D data rows
(position, salience, power), power becoming each party's capability."""

from __future__ import annotations

import csv
import math
import re
from datetime import date
from pathlib import PurePosixPath

import pandas as pd

from negotiation.data import store
from negotiation.data.importers.common import IMPORTED, Files, Levels, single
from negotiation.data.load import parse_dataset
from negotiation.data.model import POSITION_COLUMNS, Dataset
from negotiation.data.problems import DatasetError, Problem
from negotiation.data.textfile import decode


def from_decide(files: Files, dataset_id: str, levels: Levels | None = None) -> Dataset:
    """The decide exchange-model format: #A actors, #P issues, #M scale points, #D data rows,
    keeping salience and power (power becomes the party's capability)."""
    name, data = single(files)
    rows = _decide_rows(decode(data, name), name)
    meta, frame, power, problems = _decide_dataset(rows, name)
    if problems:
        raise DatasetError(problems)
    return parse_dataset(
        store.dump_metadata(meta), store.dump_positions(frame), dataset_id, files=(name, name),
        import_report=_power_report(power),
    )  # fmt: skip


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
) -> tuple[dict, pd.DataFrame, dict[str, list[float]], list[Problem]]:
    """The metadata, positions, each actor's powers by issue and the problems of a decide
    file's rows."""
    actors, issues, points, data, problems = _decide_declarations(rows, name)
    problems += _decide_ids(actors, "actor", name) + _decide_ids(issues, "issue", name)
    problems += [
        Problem(name, f"declares no {label}: a decide file needs at least one #{kind} row")
        for label, kind, declared in (("actor", "A", actors), ("issue", "P", issues))
        if not declared
    ]
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
    return meta, pd.DataFrame(positions, columns=list(POSITION_COLUMNS)), power, problems


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


def _power_report(power: dict[str, list[float]]) -> tuple[str, ...]:
    """The import report's line on the actors whose power varies by issue (their capability is
    the mean), if any."""
    varies = sorted(a for a, w in power.items() if max(w) != min(w))
    return (
        (f"power varies by issue for {', '.join(varies)}: capability is the mean",)
        if varies
        else ()
    )


def _decide_meta(actors: dict, issues: dict, scales: dict, power: dict, name: str) -> dict:
    """The metadata of a decide file: power is per actor and issue there, one capability here:
    the mean (`_power_report` says where it varies)."""
    today = date.today().isoformat()
    file = PurePosixPath(name).name
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
        "description": f"Imported from the decide exchange-model file {file}.",
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
