"""What is wrong with a dataset, in plain words: each Problem names file, row and column, and
DatasetError carries every one found at once."""

from __future__ import annotations

from dataclasses import dataclass

METADATA_FILE = "dataset.yaml"
POSITIONS_FILE = "positions.csv"
MAX_PROBLEMS = 200
"""Past this many problems the list is cut: the first ones are enough to act on."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a dataset. `row` counts as a spreadsheet does: the header is row 1."""

    file: str
    message: str
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}"


class DatasetError(Exception):
    """A dataset that could not be read; `problems` lists everything found wrong."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def repeated(items: list[str]) -> list[str]:
    """The items that appear more than once, sorted."""
    seen: set[str] = set()
    return sorted({item for item in items if item in seen or seen.add(item)})


def collapsed(problems: list[Problem]) -> list[Problem]:
    """Problems that repeat (one file, column and message on many rows) as one line naming
    the rows: "rows 74–145" for a run, "rows 3, 7 and 9" otherwise; the rest as they are."""
    groups: dict[tuple, list[Problem]] = {}
    for problem in problems:
        groups.setdefault((problem.file, problem.column, problem.message), []).append(problem)
    out = []
    for (file, column, message), same in groups.items():
        rows = sorted({p.row for p in same if p.row is not None})
        if len(rows) < 2:
            out.extend(same)
        else:
            out.append(Problem(file, f"{_rows(rows)}: {message}", None, column))
    return out


def _rows(rows: list[int]) -> str:
    if rows == list(range(rows[0], rows[-1] + 1)):
        return f"rows {rows[0]}–{rows[-1]}"
    listed = [str(r) for r in rows]
    return f"rows {', '.join(listed[:-1])} and {listed[-1]}"
