"""A dataset's provisions (provisions.csv, optional): each draft's own words, clause by clause,
in the text's order, tagged with the issues each clause speaks to and the source it was read
from. Checked like the positions: every problem names the file, row and column."""

from __future__ import annotations

import pandas as pd

from negotiation.data.checks import column_problems, ids
from negotiation.data.problems import MAX_PROBLEMS, DatasetError, Problem
from negotiation.data.textfile import read_table

PROVISIONS_FILE = "provisions.csv"
PROVISION_COLUMNS = ("version", "provision", "issues", "text", "sources", "note")
REQUIRED = ("version", "provision", "text", "sources")


def read_provisions(data: bytes, file: str, meta: dict) -> pd.DataFrame:
    """The provisions in a file's bytes, checked against the dataset's metadata (DatasetError
    with every problem otherwise); rows kept in the file's order."""
    frame = read_table(data, file).apply(lambda column: column.str.strip())
    problems = check_provisions(frame, meta, file)
    if problems:
        raise DatasetError(problems[:MAX_PROBLEMS])
    return frame.reindex(columns=list(PROVISION_COLUMNS), fill_value="").reset_index(drop=True)


def check_provisions(frame: pd.DataFrame, meta: dict, file: str) -> list[Problem]:
    """Every problem of a provisions table: columns, unknown versions, issues and sources,
    empty cells, a clause given twice, a version's clauses split apart, a source without a
    link to the page read."""
    problems = column_problems(frame, REQUIRED, PROVISION_COLUMNS, file)
    if problems:
        return problems
    known = {
        "version": {v.id for v in meta["versions"]},
        "issues": {i.id for i in meta["issues"]},
        "sources": {s.id for s in meta["sources"]},
    }
    linked = {s.id for s in meta["sources"] if s.url}
    seen: dict[tuple[str, str], int] = {}
    done: set[str] = set()
    last = None
    for index, row in frame.iterrows():
        at = int(index) + 2
        for column in REQUIRED:
            if not row[column]:
                problems.append(Problem(file, "is empty but required", at, column))
        if row["version"] and row["version"] not in known["version"]:
            problems.append(Problem(file, f"unknown version '{row['version']}'", at, "version"))
        for column in ("issues", "sources"):
            unknown = [i for i in ids(row.get(column, "")) if i not in known[column]]
            if unknown:
                problems.append(Problem(file, f"unknown id(s): {', '.join(unknown)}", at, column))
        unlinked = [s for s in ids(row["sources"]) if s in known["sources"] and s not in linked]
        if unlinked:
            message = (
                f"cites {', '.join(unlinked)} without a url: give the page the text was read from"
            )
            problems.append(Problem(file, message, at, "sources"))
        key = (row["version"], row["provision"])
        if key in seen:
            message = f"provision '{key[1]}' of '{key[0]}' is also on row {seen[key]}"
            problems.append(Problem(file, message, at, "provision"))
        seen.setdefault(key, at)
        if row["version"] != last and row["version"] in done:
            message = (
                f"version '{row['version']}' has clauses above: keep a text's clauses "
                "together, in order"
            )
            problems.append(Problem(file, message, at, "version"))
        done.add(row["version"])
        last = row["version"]
    return problems


def dump_provisions(frame: pd.DataFrame) -> bytes:
    """Provisions as provisions.csv bytes (UTF-8, the columns in their order)."""
    return frame[list(PROVISION_COLUMNS)].to_csv(index=False, lineterminator="\n").encode()
