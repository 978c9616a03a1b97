"""The checks of a positions table against its dataset's metadata: ids, statuses, values on
their issue's scale, red lines, salience and sources, every problem naming row and column."""

from __future__ import annotations

import math
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
)
from negotiation.data.problems import MAX_PROBLEMS, Problem


def check_positions(
    frame: pd.DataFrame, meta: dict, file: str, norm: pd.Series, distinct: Distinct
) -> list[Problem]:
    """Every problem in a positions table (its cells stripped) checked against its dataset's
    metadata; `norm` is its values' normalised positions (`value_scaled`) and `distinct` its
    `Distinct`, both made by the loader, which uses them for the data too."""
    problems = column_problems(frame, REQUIRED_COLUMNS, POSITION_COLUMNS, file)
    if problems:
        return problems
    problems += _cell_problems(frame, meta, file, distinct)
    problems += _repeat_problems(frame, file, distinct)
    problems += _value_problems(frame, meta, file, norm, distinct)
    problems += _number_problems(frame, "salience", 0.0, 1.0, file, distinct)
    problems += _range_problems(frame, meta, file)
    problems += _source_problems(frame, meta, file, distinct)
    problems += _quote_problems(frame, file)
    return sorted(problems, key=lambda p: (p.row or 0, p.column or ""))[:MAX_PROBLEMS]


class Distinct:
    """A table's columns, each factorized once, for the tests that read a column more than
    once: a test runs over the column's few distinct cells and is spread back to every row by
    code (at 600,000 positions, each test of the whole column took 5-10 ms, and the same
    columns were tested up to five times)."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame
        self._found: dict[str, tuple[np.ndarray, list]] = {}

    def codes(self, column: str) -> tuple[np.ndarray, list]:
        """Each row's code (-1 for a missing cell) and the distinct cells, in order found."""
        if column not in self._found:
            codes, distinct = pd.factorize(self.frame[column])
            self._found[column] = (codes, distinct.tolist())
        return self._found[column]

    def isin(self, column: str, values: Sequence[str]) -> np.ndarray:
        """Whether each row's cell is one of `values` (a missing cell is not), as `isin`."""
        codes, distinct = self.codes(column)
        wanted = set(values)
        return np.array([cell in wanted for cell in distinct] + [False], dtype=bool)[codes]

    def numbers(self, column: str) -> np.ndarray:
        """The cells as floats (NaN where not a number), each distinct cell parsed once."""
        codes, distinct = self.codes(column)
        parsed = pd.to_numeric(pd.Series(distinct, dtype=object), errors="coerce")
        return np.append(parsed.to_numpy(float), np.nan)[codes]


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


_READ_AGAIN = ("version", "party", "issue", "status", "sources")
"""The columns tested again after their cells' membership (through `Distinct`)."""


def _cell_problems(frame: pd.DataFrame, meta: dict, file: str, distinct: Distinct) -> list[Problem]:
    """Cells outside their column's valid values, and required cells left empty: one vectorised
    test per column (a pandera schema did the same at 0.3 s of import for every command)."""
    problems = []
    for column, (valid, words) in _allowed(meta).items():
        cells = frame[column]
        if column in _READ_AGAIN:
            bad = distinct.isin(column, [""]) if valid is None else ~distinct.isin(column, valid)
        else:
            bad = cells == "" if valid is None else ~cells.isin(valid)
        problems += [
            Problem(file, f"'{cells[row]}' {words}", row + 2, column) for row in frame.index[bad]
        ]
    return problems


def _repeat_problems(frame: pd.DataFrame, file: str, distinct: Distinct) -> list[Problem]:
    """Every row after the first with the same (version, party, issue)."""
    columns = [distinct.codes(column) for column in ("version", "party", "issue")]
    if math.prod(len(found) + 1 for _, found in columns) < 2**62:
        # one number per (version, party, issue), from the codes (-1, missing, moved to 0)
        key = np.zeros(len(frame), dtype=np.int64)
        for codes, found in columns:
            key = key * (len(found) + 1) + (codes + 1)
        repeats = pd.Series(key).duplicated(keep="first").to_numpy()
    else:  # too many combinations for one number
        codes = pd.DataFrame({n: codes for n, (codes, _) in enumerate(columns)})
        repeats = codes.duplicated(keep="first").to_numpy()
    return [
        Problem(file, "repeats an earlier (version, party, issue)", row + 2)
        for row in frame.index[repeats]
    ]


def _value_problems(
    frame: pd.DataFrame, meta: dict, file: str, norm: pd.Series, distinct: Distinct
) -> list[Problem]:
    problems = []
    empty = distinct.isin("value", [""])
    known = distinct.isin("status", KNOWN_STATUSES)
    for row in frame.index[known & empty]:
        status = frame.at[row, "status"]
        problems.append(Problem(file, f"is empty but status is '{status}'", row + 2, "value"))
    for row in frame.index[distinct.isin("status", ("undisclosed", "none")) & ~empty]:
        status = frame.at[row, "status"]
        problems.append(Problem(file, f"must be empty when status is '{status}'", row + 2, "value"))
    scales = {issue.id: issue.scale for issue in meta["issues"]}
    on_issue = distinct.isin("issue", list(scales))
    off = known & ~empty & on_issue & norm.isna().to_numpy()
    problems += _off_scale(frame, "value", off, scales, file)
    for column in ("accept_min", "accept_max"):
        if column in frame:
            # red lines are mostly empty: only the filled ones are parsed
            filled = frame.loc[(frame[column] != "") & on_issue, ["issue", column]]
            off = filled.index[np.isnan(scaled(filled["issue"], filled[column], scales)[0])]
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


def scaled(
    issue: pd.Series, cells: pd.Series, scales: dict[str, Scale]
) -> tuple[np.ndarray, np.ndarray]:
    """Each cell's normalised position on its issue's scale and its value in the scale's units,
    as `Scale.parse`, `normalise` and `units` give them: NaN where the cell is empty or off the
    scale or the issue unknown, and (units only) on an ordinal scale or at a named value.

    In arrays: each distinct cell read as a number once and each scale's levels and named
    values looked up once, where a call per distinct (issue, cell) pair took 0.2 s at 600,000
    positions (15,000 pairs)."""
    issue_codes, issue_ids = pd.factorize(issue)
    cell_codes, texts = pd.factorize(cells)
    return _scaled_codes(issue_codes, issue_ids.tolist(), cell_codes, texts.tolist(), scales)


def _scaled_codes(
    issue_codes: np.ndarray,
    issue_ids: list[str],
    cell_codes: np.ndarray,
    texts: list[str],
    scales: dict[str, Scale],
) -> tuple[np.ndarray, np.ndarray]:
    """`scaled` of factorized cells: each row's issue and cell as codes into `issue_ids` and
    `texts` (-1: missing). Every (issue, cell) combination is read at once, then each row's
    looked up by its two codes (300 issues × 106 cells at 600,000 positions); past
    DENSE_PAIRS combinations, only the pairs found."""
    rows_issue, rows_cell = issue_codes.astype(np.int64), cell_codes.astype(np.int64)
    if (len(issue_ids) + 1) * (len(texts) + 1) <= DENSE_PAIRS:
        # every combination, a missing issue or cell (code -1) last in its axis
        issue_axis = np.r_[np.arange(len(issue_ids)), -1]
        text_axis = np.r_[np.arange(len(texts)), -1]
        pair_issue, pair_text = (
            a.ravel() for a in np.meshgrid(issue_axis, text_axis, indexing="ij")
        )
        norm, units = _scaled_pairs(pair_issue, pair_text, issue_ids, texts, scales)
        at = rows_issue * len(text_axis) + rows_cell % len(text_axis)  # -1 is the last cell
        return norm[at], units[at]
    width = len(texts) + 1
    pairs, first = np.unique(rows_issue * width + rows_cell + 1, return_inverse=True)
    norm, units = _scaled_pairs(pairs // width, pairs % width - 1, issue_ids, texts, scales)
    return norm[first], units[first]


DENSE_PAIRS = 4_000_000
"""The most (issue, cell) combinations `scaled` reads all of (32 MB of results)."""


def _scaled_pairs(
    pair_issue: np.ndarray,
    pair_text: np.ndarray,
    issue_ids: list[str],
    texts: list[str],
    scales: dict[str, Scale],
) -> tuple[np.ndarray, np.ndarray]:
    """norm and units of (issue, cell) pairs, given as codes into `issue_ids` and `texts`."""
    found = [scales.get(i) for i in issue_ids]
    texts = [str(text).strip() for text in texts]
    # per issue, one place more for a missing issue (code -1): no scale there
    numeric = np.array([s is not None and s.is_numeric for s in found] + [False])
    low = np.array([s.min if s is not None else np.nan for s in found] + [np.nan])
    high = np.array([s.max if s is not None else np.nan for s in found] + [np.nan])
    descending = np.array([s is not None and s.descending for s in found] + [False])
    # per distinct cell, one place more for a missing cell (code -1): not a number
    number = np.array([_finite(text) for text in texts] + [np.nan])
    # levels and named values: their share along the scale, by (issue, cell) pair
    width = len(texts) + 1
    at_text = {text: n for n, text in enumerate(texts)}
    named: dict[int, float] = {}
    for at, scale in enumerate(found):
        if scale is None:
            continue
        steps = max(len(scale.levels) - 1, 1)
        marks = (
            [(n.id, 0.0 if n.at == "min" else 1.0) for n in scale.named]
            if scale.is_numeric
            else [(level.id, k / steps) for k, level in enumerate(scale.levels)]
        )
        for text, share in marks:
            if text in at_text:
                named.setdefault(at * width + at_text[text] + 1, share)  # the first one named
    lo, hi, on_number = low[pair_issue], high[pair_issue], number[pair_text]
    with np.errstate(invalid="ignore"):
        plain = numeric[pair_issue] & (lo <= on_number) & (on_number <= hi)
    share = np.where(plain, (on_number - lo) / np.where(plain, hi - lo, 1.0), np.nan)
    units = np.where(plain, on_number, np.nan)
    if named:
        keys = np.fromiter(named, dtype=np.int64, count=len(named))
        shares = np.fromiter(named.values(), dtype=float, count=len(named))
        order = np.argsort(keys)
        keys, shares = keys[order], shares[order]
        pair = np.where(pair_issue >= 0, pair_issue * width + pair_text + 1, -1)
        place = np.minimum(np.searchsorted(keys, pair), len(keys) - 1)
        hit = keys[place] == pair
        share[hit], units[hit] = shares[place[hit]], np.nan
    norm = np.where(descending[pair_issue], 1.0 - share, share)
    return norm, units


def _finite(text: str) -> float:
    """A cell as `Scale.parse` reads a number (float(), finite), else NaN."""
    try:
        number = float(text)
    except ValueError:
        return np.nan
    return number if math.isfinite(number) else np.nan


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


def _number_problems(
    frame: pd.DataFrame, column: str, low: float, high: float, file: str, distinct: Distinct
) -> list[Problem]:
    if column not in frame:
        return []
    cells = frame[column]
    numbers = distinct.numbers(column)
    with np.errstate(invalid="ignore"):
        within = (numbers >= low) & (numbers <= high)  # as Series.between: NaN is not
    bad = ~distinct.isin(column, [""]) & ~within
    return [
        Problem(file, f"'{cells[row]}' must be a number from {low:g} to {high:g}", row + 2, column)
        for row in frame.index[bad]
    ]


def _source_problems(
    frame: pd.DataFrame, meta: dict, file: str, distinct: Distinct
) -> list[Problem]:
    known = {source.id for source in meta["sources"]}
    codes, cells = distinct.codes("sources")  # few distinct cells: check each once
    unknown = [[s for s in ids(cell) if s not in known] for cell in cells]
    bad = np.isin(codes, [n for n, ids in enumerate(unknown) if ids])
    return [
        Problem(file, f"unknown source id(s): {', '.join(unknown[codes[at]])}", row + 2, "sources")
        for at, row in zip(np.flatnonzero(bad)[:MAX_PROBLEMS], frame.index[bad], strict=False)
    ]


def ids(cell: str) -> list[str]:
    """The ids of a `;`-separated cell (sources, issues)."""
    return [part.strip() for part in cell.split(";") if part.strip()]


def value_scaled(
    frame: pd.DataFrame, issues: tuple[Issue, ...], distinct: Distinct
) -> tuple[pd.Series, pd.Series]:
    """Each known value's normalised position on its issue's scale, and on a numeric scale its
    value in that scale's units (gaps in units come from these), read at once from the frame's
    `Distinct`: NaN where the status is not a known one, the value is empty or off the scale
    (units: ordinal, or a named value: no cap has no size), or a column is missing."""
    if not {"issue", "status", "value"} <= set(frame.columns):
        return pd.Series(np.nan, index=frame.index), pd.Series(np.nan, index=frame.index)
    known = distinct.isin("status", KNOWN_STATUSES) & ~distinct.isin("value", [""])
    scales = {issue.id: issue.scale for issue in issues}
    issue_codes, issue_ids = distinct.codes("issue")
    value_codes, texts = distinct.codes("value")
    norm, units = _scaled_codes(issue_codes[known], issue_ids, value_codes[known], texts, scales)
    out = np.full((2, len(frame)), np.nan)
    out[0, known], out[1, known] = norm, units
    return pd.Series(out[0], index=frame.index), pd.Series(out[1], index=frame.index)


def with_norm(
    frame: pd.DataFrame, norm: pd.Series, units: pd.Series, distinct: Distinct
) -> pd.DataFrame:
    """The positions with every optional column present, `salience` as a float (read through
    `distinct`, as its check read it), `norm` and `units` (the table's `value_scaled`)."""
    given = "salience" in frame
    frame = frame.reindex(columns=list(POSITION_COLUMNS), fill_value="")
    frame["salience"] = distinct.numbers("salience") if given else np.nan
    frame["norm"] = norm
    frame["units"] = units
    return frame.reset_index(drop=True)  # rows numbered from 0 again, whatever the file's lines
