"""The checks of a positions table against its dataset's metadata: ids, statuses, values on
their issue's scale, red lines, salience and sources, every problem naming row and column."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from negotiation.data.model import (
    CONFIDENCES,
    DRAFT,
    EPSILON,
    KNOWN_STATUSES,
    MAX_QUOTE_CHARS,
    POSITION_COLUMNS,
    REQUIRED_COLUMNS,
    STATUSES,
    Issue,
    Scale,
    per_issue_and_cell,
)
from negotiation.data.problems import MAX_PROBLEMS, Problem


def check_positions(
    frame: pd.DataFrame, meta: dict, file: str, norm: pd.Series | None = None
) -> list[Problem]:
    """Every problem in a positions table (its cells stripped) checked against its dataset's
    metadata; `norm` is its `value_norms` when already computed."""
    problems = column_problems(frame, REQUIRED_COLUMNS, POSITION_COLUMNS, file)
    if problems:
        return problems
    problems += _cell_problems(frame, meta, file)
    problems += _repeat_problems(frame, file)
    if norm is None:
        norm = value_norms(frame, meta["issues"])
    problems += _value_problems(frame, meta, file, norm)
    problems += _number_problems(frame, "salience", 0.0, 1.0, file)
    problems += _range_problems(frame, meta, file)
    problems += _source_problems(frame, meta, file)
    problems += _quote_problems(frame, file)
    return sorted(problems, key=lambda p: (p.row or 0, p.column or ""))[:MAX_PROBLEMS]


def column_problems(
    frame: pd.DataFrame, required: Sequence[str], known: Sequence[str], file: str
) -> list[Problem]:
    """A table's required columns missing and its unknown columns, each at the header row."""
    columns = list(frame.columns)
    problems = [
        Problem(file, "is a required column but missing", row=1, column=c)
        for c in required
        if c not in columns
    ]
    problems += [
        Problem(file, f"is not a known column; valid: {', '.join(known)}", 1, c)
        for c in columns
        if c not in known
    ]
    return problems


def _allowed(meta: dict) -> dict[str, tuple[list[str] | None, str]]:
    """Per checked column: its valid values (None: any text but empty) and the problem's words."""

    def one_of(values: list[str], what: str) -> tuple[list[str], str]:
        shown = ", ".join(values[:12]) + (", ..." if len(values) > 12 else "")
        return values, f"is not a known {what}; valid: {shown}"

    filled = (None, "is empty but required")
    return {
        "version": one_of([v.id for v in meta["versions"]], "version"),
        "party": one_of([DRAFT, *(p.id for p in meta["parties"])], "party"),
        "issue": one_of([i.id for i in meta["issues"]], "issue"),
        "stance": filled,
        "status": one_of(list(STATUSES), "status"),
        "confidence": one_of(list(CONFIDENCES), "confidence"),
        "sources": filled,
    }


def _cell_problems(frame: pd.DataFrame, meta: dict, file: str) -> list[Problem]:
    """Cells outside their column's valid values, and required cells left empty: one vectorised
    test per column (a pandera schema did the same at 0.3 s of import for every command)."""
    problems = []
    for column, (valid, words) in _allowed(meta).items():
        cells = frame[column]
        bad = cells == "" if valid is None else ~cells.isin(valid)
        problems += [
            Problem(file, f"'{cells[row]}' {words}", row + 2, column) for row in frame.index[bad]
        ]
    return problems


def _repeat_problems(frame: pd.DataFrame, file: str) -> list[Problem]:
    """Every row after the first with the same (version, party, issue)."""
    repeats = frame.duplicated(["version", "party", "issue"], keep="first")
    return [
        Problem(file, "repeats an earlier (version, party, issue)", row + 2)
        for row in frame.index[repeats]
    ]


def _value_problems(frame: pd.DataFrame, meta: dict, file: str, norm: pd.Series) -> list[Problem]:
    problems = []
    empty = frame["value"] == ""
    known = frame["status"].isin(KNOWN_STATUSES)
    for row in frame.index[known & empty]:
        status = frame.at[row, "status"]
        problems.append(Problem(file, f"is empty but status is '{status}'", row + 2, "value"))
    for row in frame.index[frame["status"].isin(("undisclosed", "none")) & ~empty]:
        status = frame.at[row, "status"]
        problems.append(Problem(file, f"must be empty when status is '{status}'", row + 2, "value"))
    scales = {issue.id: issue.scale for issue in meta["issues"]}
    on_issue = frame["issue"].isin(list(scales))
    problems += _off_scale(frame, "value", known & ~empty & on_issue & norm.isna(), scales, file)
    for column in ("accept_min", "accept_max"):
        if column in frame:
            # red lines are mostly empty: only the filled ones are parsed
            filled = frame.loc[(frame[column] != "") & on_issue, ["issue", column]]
            off = filled.index[np.isnan(_norms(filled["issue"], filled[column], scales))]
            problems += _off_scale(frame, column, frame.index.isin(off), scales, file)
    return problems


def _off_scale(
    frame: pd.DataFrame, column: str, off: pd.Series | np.ndarray, scales: dict, file: str
) -> list[Problem]:
    """The cells of `column` in the `off` rows (found off their issue's scale all at once),
    reported one by one with the scale's own reason."""
    cells, issue = frame[column], frame["issue"]
    problems = []
    for row in frame.index[off][:MAX_PROBLEMS]:  # the list of problems is cut there anyway
        scale = scales[issue[row]]
        try:
            scale.parse(cells[row])
        except ValueError as error:
            problems.append(Problem(file, f"{error} (issue {issue[row]})", row + 2, column))
    return problems


def _norms(issue: pd.Series, cells: pd.Series, scales: dict[str, Scale]) -> np.ndarray:
    """Each cell's normalised position on its issue's scale; NaN when it is empty or off the
    scale, or the issue unknown. Each distinct (issue, cell) pair is parsed once, by the scale
    itself."""

    def norm(issue: str, cell: str | None) -> float:
        found = _on_scale(scales[issue], cell) if issue in scales and cell else None
        return np.nan if found is None else found

    return per_issue_and_cell(issue, cells, norm).astype(float)


def _quote_problems(frame: pd.DataFrame, file: str) -> list[Problem]:
    """Quotes longer than MAX_QUOTE_CHARS: a quote is the source's few supporting words."""
    if "quote" not in frame:
        return []
    lengths = frame["quote"].str.len()
    return [
        Problem(
            file,
            f"is {lengths[row]} characters long; a quote has at most "
            f"{MAX_QUOTE_CHARS}: keep the words that support the position",
            row + 2,
            "quote",
        )
        for row in frame.index[lengths > MAX_QUOTE_CHARS][:MAX_PROBLEMS]
    ]


def value_units(frame: pd.DataFrame, issues: tuple[Issue, ...]) -> pd.Series:
    """Each known value on a numeric scale in that scale's units; NaN for ordinal issues, named
    values (no cap has no size) and unknown positions. Gaps in units come from these."""
    scales = {issue.id: issue.scale for issue in issues}
    known = frame["status"].isin(KNOWN_STATUSES) & (frame["value"] != "")
    numeric = frame["issue"].map({i: s.is_numeric for i, s in scales.items()}).fillna(False)
    rows = frame.loc[known & numeric.astype(bool), ["issue", "value"]]

    def units(issue: str, cell: str | None) -> float:
        try:
            return scales[issue].units(scales[issue].parse(cell)) if cell else np.nan
        except ValueError:
            return np.nan

    found = per_issue_and_cell(rows["issue"], rows["value"], units).astype(float)
    return pd.Series(found, index=rows.index).reindex(frame.index)


def _numbers(cells: pd.Series) -> pd.Series:
    """The cells as floats (NaN where not a number), each distinct cell parsed once."""
    codes, uniques = pd.factorize(cells)
    parsed = pd.to_numeric(pd.Series(uniques, dtype=object), errors="coerce").to_numpy(float)
    return pd.Series(np.append(parsed, np.nan)[codes], index=cells.index)


def _range_problems(frame: pd.DataFrame, meta: dict, file: str) -> list[Problem]:
    """Red lines out of order (accept_min above accept_max), and known values outside their own
    party's red lines: a stance cannot be unacceptable to the party that takes it."""
    columns = ["issue", "status", "value", "accept_min", "accept_max"]
    cells = frame.reindex(columns=columns, fill_value="")
    cells = cells[(cells["accept_min"] != "") | (cells["accept_max"] != "")]
    scales = {issue.id: issue.scale for issue in meta["issues"]}
    problems = []
    for row, cell in cells[cells["issue"].isin(list(scales))].iterrows():
        scale = scales[cell["issue"]]
        low, high, value = (_parsed(scale, cell[c]) for c in ("accept_min", "accept_max", "value"))
        span = f"{cell['accept_min'] or 'scale start'} to {cell['accept_max'] or 'scale end'}"
        if low is not None and high is not None and scale.share(low) > scale.share(high):
            message = f"'{cell['accept_min']}' is above accept_max '{cell['accept_max']}'"
            problems.append(Problem(file, message, row + 2, "accept_min"))
        elif (
            value is not None
            and cell["status"] in KNOWN_STATUSES
            and not _within(scale.normalise(value), scale.interval(low, high))
        ):
            message = f"'{cell['value']}' is outside the party's own acceptable range {span}"
            problems.append(Problem(file, message, row + 2, "value"))
    return problems


def _parsed(scale: Scale, cell: str) -> float | str | None:
    """A cell's value on its scale, or None when it is empty or off the scale."""
    try:
        return scale.parse(cell) if cell else None
    except ValueError:
        return None


def _within(norm: float, interval: tuple[float, float]) -> bool:
    return interval[0] - EPSILON <= norm <= interval[1] + EPSILON


def _on_scale(scale: Scale, cell: str) -> float | None:
    """The normalised position of a cell, or None when it is empty or off the scale (which
    `_off_scale` reports)."""
    value = _parsed(scale, cell)
    return None if value is None else scale.normalise(value)


def _number_problems(
    frame: pd.DataFrame, column: str, low: float, high: float, file: str
) -> list[Problem]:
    if column not in frame:
        return []
    cells = frame[column]
    numbers = _numbers(cells)
    bad = (cells != "") & ~numbers.between(low, high)
    return [
        Problem(file, f"'{cells[row]}' must be a number from {low:g} to {high:g}", row + 2, column)
        for row in frame.index[bad]
    ]


def _source_problems(frame: pd.DataFrame, meta: dict, file: str) -> list[Problem]:
    known = {source.id for source in meta["sources"]}
    codes, cells = pd.factorize(frame["sources"])  # few distinct cells: check each once
    unknown = [[s for s in ids(cell) if s not in known] for cell in cells]
    bad = np.isin(codes, [n for n, ids in enumerate(unknown) if ids])
    return [
        Problem(file, f"unknown source id(s): {', '.join(unknown[codes[at]])}", row + 2, "sources")
        for at, row in zip(np.flatnonzero(bad)[:MAX_PROBLEMS], frame.index[bad], strict=False)
    ]


def ids(cell: str) -> list[str]:
    """The ids of a `;`-separated cell (sources, issues)."""
    return [part.strip() for part in cell.split(";") if part.strip()]


def value_norms(frame: pd.DataFrame, issues: tuple[Issue, ...]) -> pd.Series:
    """Each known value's normalised position on its issue's scale: NaN where the status is
    not a known one, the value is empty or off the scale, or a column is missing."""
    if not {"issue", "status", "value"} <= set(frame.columns):
        return pd.Series(np.nan, index=frame.index)
    known = frame["status"].isin(KNOWN_STATUSES) & (frame["value"] != "")
    rows = frame.loc[known, ["issue", "value"]]
    scales = {issue.id: issue.scale for issue in issues}
    norm = _norms(rows["issue"], rows["value"], scales)
    return pd.Series(norm, index=rows.index).reindex(frame.index)


def with_norm(frame: pd.DataFrame, norm: pd.Series, issues: tuple[Issue, ...]) -> pd.DataFrame:
    """The positions with every optional column present, `salience` as a float, `norm` (the
    table's `value_norms`) and `units` (its `value_units`)."""
    frame = frame.reindex(columns=list(POSITION_COLUMNS), fill_value="")
    frame["salience"] = _numbers(frame["salience"])
    frame["norm"] = norm
    frame["units"] = value_units(frame, issues)
    return frame.reset_index(drop=True)  # rows numbered from 0 again, whatever the file's lines
