"""Read and validate a dataset folder: every problem reported at once, each naming file, row
and column, never a traceback."""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Literal

import numpy as np
import pandas as pd
import pandera.pandas as pa
import pyarrow
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from negotiation.model import (
    CONFIDENCES,
    DRAFT,
    KNOWN_STATUSES,
    POSITION_COLUMNS,
    REQUIRED_COLUMNS,
    STATUSES,
    VERSION_KINDS,
    Dataset,
    Issue,
    Level,
    Party,
    Scale,
    Source,
    Version,
    per_issue_and_cell,
)

METADATA_FILE = "dataset.yaml"
POSITIONS_FILE = "positions.csv"
MAX_PROBLEMS = 200
"""Past this many problems the report is cut: the first ones are enough to act on."""


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


# --- dataset.yaml ---------------------------------------------------------------------------

Id = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=64)]
Text = Annotated[str, Field(min_length=1, max_length=2000)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LevelIn(_Model):
    id: Id
    label: Text


class ScaleIn(_Model):
    kind: Literal["numeric", "ordinal"]
    unit: str = ""
    min: float | None = None
    max: float | None = None
    tolerance: float = Field(0.0, ge=0)
    levels: list[LevelIn] = []

    @model_validator(mode="after")
    def _consistent(self) -> ScaleIn:
        if self.kind == "numeric":
            if self.min is None or self.max is None:
                raise ValueError("a numeric scale needs min and max")
            if not self.min < self.max:
                raise ValueError(f"min ({self.min:g}) must be below max ({self.max:g})")
            if self.levels:
                raise ValueError("a numeric scale has no levels")
        else:
            if len(self.levels) < 2:
                raise ValueError("an ordinal scale needs at least two levels")
            ids = [level.id for level in self.levels]
            if len(set(ids)) != len(ids):
                raise ValueError(f"level ids repeat: {', '.join(_repeated(ids))}")
        return self


class PartyIn(_Model):
    id: Id
    name: Text
    short: Text | None = None
    colour: Annotated[str, Field(pattern=r"^#[0-9a-fA-F]{6}$")] | None = None
    capability: float | None = Field(None, ge=0, le=1)

    @field_validator("id")
    @classmethod
    def _not_draft(cls, value: str) -> str:
        if value == DRAFT:
            raise ValueError(f"'{DRAFT}' is reserved for the draft text of each version")
        return value


class IssueIn(_Model):
    id: Id
    name: Text
    group: Text = "other"
    description: str = ""
    scale: ScaleIn


class VersionIn(_Model):
    id: Id
    name: Text
    date: date
    kind: Literal[VERSION_KINDS]  # type: ignore[valid-type]
    author: str = ""
    summary: str = ""
    capabilities: dict[Id, Annotated[float, Field(ge=0, le=1)]] = {}


class SourceIn(_Model):
    id: Id
    publisher: Text
    title: Text
    date: date
    url: str | None = None


class MetadataIn(_Model):
    title: Text
    description: str = ""
    licence: str = ""
    parties: list[PartyIn] = Field(min_length=1)
    issues: list[IssueIn] = Field(min_length=1)
    versions: list[VersionIn] = Field(min_length=1)
    sources: list[SourceIn] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> MetadataIn:
        for kind in ("parties", "issues", "versions", "sources"):
            repeats = _repeated([item.id for item in getattr(self, kind)])
            if repeats:
                raise ValueError(f"{kind} ids repeat: {', '.join(repeats)}")
        return self

    @model_validator(mode="after")
    def _known_capability_parties(self) -> MetadataIn:
        parties = [p.id for p in self.parties]
        for version in self.versions:
            unknown = [p for p in version.capabilities if p not in parties]
            if unknown:
                raise ValueError(
                    f"version {version.id}: capabilities name unknown party id(s) "
                    f"{', '.join(unknown)}; valid: {', '.join(parties)}"
                )
        return self


class _NoAliasLoader(yaml.SafeLoader):
    """A safe loader that refuses aliases, so a small file cannot expand into a huge one."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise yaml.MarkedYAMLError(problem="aliases (*name) are not allowed", problem_mark=mark)
        return super().compose_node(parent, index)


def _read_yaml(text: str) -> object:
    """The YAML document in `text`, refusing aliases. A text without '*' cannot hold one, so it
    goes to libyaml's C loader (1.5 s → 0.1 s for 300 issues); any other text, and any text the
    C loader rejects, to the pure-Python loader, which refuses aliases and words the errors."""
    if "*" not in text and getattr(yaml, "CSafeLoader", None):
        try:
            return yaml.load(text, Loader=yaml.CSafeLoader)
        except yaml.YAMLError:
            pass
    return yaml.load(text, Loader=_NoAliasLoader)


def parse_metadata(data: bytes, file: str = METADATA_FILE) -> MetadataIn:
    """The validated metadata of a dataset.yaml, or DatasetError listing every problem."""
    text = _decode(data, file)
    try:
        raw = _read_yaml(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        row = mark.line + 1 if mark else None
        reason = getattr(error, "problem", None) or str(error)
        raise DatasetError([Problem(file, f"not valid YAML: {reason}", row=row)]) from None
    if not isinstance(raw, dict):
        found = type(raw).__name__ if raw is not None else "an empty file"
        raise DatasetError([Problem(file, f"must be a mapping of keys to values, found {found}")])
    try:
        return MetadataIn.model_validate(raw)
    except ValidationError as error:
        raise DatasetError([_yaml_problem(file, raw, e) for e in error.errors()]) from None


def _yaml_problem(file: str, raw: dict, error: dict) -> Problem:
    path, node = [], raw
    for key in error["loc"]:
        if isinstance(key, int) and isinstance(node, list) and key < len(node):
            node = node[key]
            label = node.get("id") if isinstance(node, dict) else None
            path.append(f"#{key + 1}" + (f" ({label})" if label else ""))
        else:
            node = node.get(key) if isinstance(node, dict) else None
            path.append(str(key))
    message = error["msg"].removeprefix("Value error, ")
    if error["type"] == "missing":
        message = "is required but missing"
    elif error["type"] == "extra_forbidden":
        message = "is not a known field"
    return Problem(file, message, column=" > ".join(path) or None)


def to_metadata(meta: MetadataIn) -> dict:
    """The domain objects for a validated metadata model, as Dataset keyword arguments."""
    return {
        "title": meta.title,
        "description": meta.description,
        "licence": meta.licence,
        "parties": tuple(
            Party(p.id, p.name, p.short or p.name, p.colour, p.capability) for p in meta.parties
        ),
        "issues": tuple(
            Issue(i.id, i.name, i.group, i.description, _scale(i.scale)) for i in meta.issues
        ),
        "versions": tuple(
            Version(
                v.id, v.name, v.date, v.kind, v.author, v.summary, tuple(v.capabilities.items())
            )
            for v in meta.versions
        ),
        "sources": tuple(Source(s.id, s.publisher, s.title, s.date, s.url) for s in meta.sources),
    }


def _scale(scale: ScaleIn) -> Scale:
    if scale.kind == "numeric":
        return Scale("numeric", scale.unit, scale.min, scale.max, scale.tolerance)
    levels = tuple(Level(level.id, level.label) for level in scale.levels)
    return Scale("ordinal", scale.unit, 0.0, 1.0, 0.0, levels)


# --- positions.csv --------------------------------------------------------------------------


def _decode(data: bytes, file: str) -> str:
    """Text of a file: UTF-8 (with or without BOM) or UTF-16 (a BOM, or plain text without)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:  # a cut or corrupt file: an odd byte at the end
            where = f"{error.reason} at offset {error.start}"
            message = f"starts as UTF-16 but does not decode ({where}); save it as UTF-8"
            raise DatasetError([Problem(file, message)]) from None
    utf16 = _utf16_without_bom(data)
    if utf16:
        return data.decode(utf16, errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        guess = "it looks like Latin-1" if is_latin1(data) else "nor Latin-1, nor UTF-16 with a BOM"
        raise DatasetError(
            [
                Problem(
                    file,
                    f"is not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start}; "
                    f"{guess}); save it as UTF-8",
                )
            ]
        ) from None


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the start is plain text in UTF-16 (every other byte NUL)."""
    head = data[:2000]
    for codec, nuls in (("utf-16-le", head[1::2]), ("utf-16-be", head[0::2])):
        if len(head) >= 4 and len(head) % 2 == 0 and nuls.count(0) == len(nuls):
            return codec
    return None


_NOT_LATIN1 = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def is_latin1(data: bytes) -> bool:
    """True when bytes read as Latin-1 text: no control bytes, which text never holds but
    binary files, UTF-16 without a BOM and Windows-1252 do."""
    return _NOT_LATIN1.search(data) is None


def sniff_delimiter(header: str) -> str:
    """The delimiter (comma, semicolon or tab) that splits the header into the most columns."""
    return max([",", ";", "\t"], key=lambda d: len(header.split(d)))


def read_table(data: bytes, file: str) -> pd.DataFrame:
    """Every cell of a delimited file as a string; ragged rows and bad headers reported."""
    text = _decode(data, file)
    if not text.strip():
        raise DatasetError([Problem(file, "is empty: it needs a header row and data rows")])
    delimiter = sniff_delimiter(text.split("\n", 1)[0])
    try:
        # pyarrow's reader: 6× faster than the C engine at reading every cell as a string
        frame = pd.read_csv(
            io.BytesIO(_as_utf8(data, text)), sep=delimiter, dtype=str, keep_default_na=False,
            engine="pyarrow",
        )  # fmt: skip
    except (pd.errors.ParserError, pd.errors.EmptyDataError, csv.Error, pyarrow.ArrowInvalid):
        raise DatasetError(_ragged_rows(text, delimiter, file)) from None
    if not isinstance(frame.index, pd.RangeIndex):  # pandas took a wider first row's extra
        raise DatasetError(_ragged_rows(text, delimiter, file))  # field as an index: ragged
    repeats = _repeated([re.sub(r"\.\d+$", "", c) for c in frame.columns])
    if repeats:
        raise DatasetError(
            [Problem(file, "the column appears more than once", row=1, column=c) for c in repeats]
        )
    return frame


def _as_utf8(data: bytes, text: str) -> bytes:
    """The file as UTF-8 bytes: its own bytes when they are UTF-8 already (no second copy of a
    large file in memory), else the decoded text encoded."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_without_bom(data):
        return text.encode()
    return data.removeprefix(codecs.BOM_UTF8)


def _ragged_rows(text: str, delimiter: str, file: str) -> list[Problem]:
    rows = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        width = len(next(rows))
        problems = [
            Problem(file, f"has {len(row)} fields where the header has {width}", row=number)
            for number, row in enumerate(rows, start=2)
            if row and len(row) != width
        ]
    except csv.Error as error:
        problems = [Problem(file, f"is not valid CSV: {error}", row=rows.line_num)]
    return problems[:MAX_PROBLEMS] or [Problem(file, "is not valid CSV")]


def _positions_schema(meta: dict) -> pa.DataFrameSchema:
    def one_of(values: list[str], what: str) -> pa.Check:
        shown = ", ".join(values[:12]) + (", ..." if len(values) > 12 else "")
        return pa.Check.isin(values, error=f"is not a known {what}; valid: {shown}")

    filled = pa.Check.str_length(min_value=1, error="is empty but required")
    text = pa.Column(str, nullable=False)
    return pa.DataFrameSchema(
        {
            "version": text.set_checks([one_of([v.id for v in meta["versions"]], "version")]),
            "party": text.set_checks([one_of([DRAFT, *(p.id for p in meta["parties"])], "party")]),
            "issue": text.set_checks([one_of([i.id for i in meta["issues"]], "issue")]),
            "stance": text.set_checks([filled]),
            "status": text.set_checks([one_of(list(STATUSES), "status")]),
            "confidence": text.set_checks([one_of(list(CONFIDENCES), "confidence")]),
            "sources": text.set_checks([filled]),
        },
        unique=["version", "party", "issue"],
        report_duplicates="exclude_first",
    )


def check_positions(
    frame: pd.DataFrame, meta: dict, file: str, norm: pd.Series | None = None
) -> list[Problem]:
    """Every problem in a positions table (its cells stripped) checked against its dataset's
    metadata; `norm` is its `value_norms` when already computed."""
    columns = list(frame.columns)
    problems = [
        Problem(file, "is a required column but missing", row=1, column=c)
        for c in REQUIRED_COLUMNS
        if c not in columns
    ]
    problems += [
        Problem(file, f"is not a known column; valid: {', '.join(POSITION_COLUMNS)}", 1, c)
        for c in columns
        if c not in POSITION_COLUMNS
    ]
    if problems:
        return problems
    try:
        _positions_schema(meta).validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        problems += _schema_problems(errors.failure_cases, file)
    if norm is None:
        norm = value_norms(frame, meta["issues"])
    problems += _value_problems(frame, meta, file, norm)
    problems += _number_problems(frame, "salience", 0.0, 1.0, file)
    problems += _range_problems(frame, meta, file)
    problems += _source_problems(frame, meta, file)
    return sorted(problems, key=lambda p: (p.row or 0, p.column or ""))[:MAX_PROBLEMS]


def _schema_problems(cases: pd.DataFrame, file: str) -> list[Problem]:
    problems = []
    for case in cases.itertuples():
        row = None if pd.isna(case.index) else int(case.index) + 2
        if case.check == "multiple_fields_uniqueness":
            if case.column == "version":
                problems.append(Problem(file, "repeats an earlier (version, party, issue)", row))
        else:
            problems.append(Problem(file, f"'{case.failure_case}' {case.check}", row, case.column))
    return problems


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
    for row in frame.index[off][:MAX_PROBLEMS]:  # the report is cut there anyway
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
        low, high, value = (
            _on_scale(scale, cell[c]) for c in ("accept_min", "accept_max", "value")
        )
        span = f"{cell['accept_min'] or 'scale start'} to {cell['accept_max'] or 'scale end'}"
        if low is not None and high is not None and low > high:
            message = f"'{cell['accept_min']}' is above accept_max '{cell['accept_max']}'"
            problems.append(Problem(file, message, row + 2, "accept_min"))
        elif (
            value is not None
            and cell["status"] in KNOWN_STATUSES
            and not (low or 0.0) <= value <= (1.0 if high is None else high)
        ):
            message = f"'{cell['value']}' is outside the party's own acceptable range {span}"
            problems.append(Problem(file, message, row + 2, "value"))
    return problems


def _on_scale(scale: Scale, cell: str) -> float | None:
    """The normalised position of a cell, or None when it is empty or off the scale (which
    `_off_scale` reports)."""
    try:
        return scale.normalise(scale.parse(cell)) if cell else None
    except ValueError:
        return None


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
    unknown = [[s for s in _split_sources(cell) if s not in known] for cell in cells]
    bad = np.isin(codes, [n for n, ids in enumerate(unknown) if ids])
    return [
        Problem(file, f"unknown source id(s): {', '.join(unknown[codes[at]])}", row + 2, "sources")
        for at, row in zip(np.flatnonzero(bad)[:MAX_PROBLEMS], frame.index[bad], strict=False)
    ]


def _split_sources(cell: str) -> list[str]:
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


def with_norm(frame: pd.DataFrame, norm: pd.Series) -> pd.DataFrame:
    """The positions with every optional column present, `salience` as a float and `norm` (the
    table's `value_norms`)."""
    frame = frame.reindex(columns=list(POSITION_COLUMNS), fill_value="")
    frame["salience"] = _numbers(frame["salience"])
    frame["norm"] = norm
    return frame


# --- the dataset ----------------------------------------------------------------------------


def parse_dataset(
    metadata: bytes,
    positions: bytes,
    dataset_id: str,
    path: Path | None = None,
    files: tuple[str, str] = (METADATA_FILE, POSITIONS_FILE),
) -> Dataset:
    """A validated Dataset from the bytes of its two files, or DatasetError with every problem."""
    meta_file, positions_file = files
    problems: list[Problem] = []
    meta = frame = norm = None
    try:
        meta = to_metadata(parse_metadata(metadata, meta_file))
    except DatasetError as error:
        problems += error.problems
    try:
        frame = read_table(positions, positions_file)
    except DatasetError as error:
        problems += error.problems
    if meta is not None and frame is not None:
        # cells are read without surrounding spaces, once, for the checks and the data
        frame = frame.apply(lambda column: column.str.strip())
        norm = value_norms(frame, meta["issues"])  # for the scale check and the data alike
        problems += check_positions(frame, meta, positions_file, norm)
    if problems:
        raise DatasetError(problems)
    ds = Dataset(id=dataset_id, positions=with_norm(frame, norm), path=path, **meta)
    return ds.with_fingerprint(dataset_id.encode() + b"\0" + metadata + b"\0" + positions)


def load_dataset(path: str | Path) -> Dataset:
    """The dataset in a folder (dataset.yaml + positions.csv), validated."""
    folder = Path(path)
    missing = [
        Problem(str(folder / name), "is missing")
        for name in (METADATA_FILE, POSITIONS_FILE)
        if not (folder / name).is_file()
    ]
    if missing:
        raise DatasetError(missing)
    return parse_dataset(
        (folder / METADATA_FILE).read_bytes(),
        (folder / POSITIONS_FILE).read_bytes(),
        folder.name,
        folder,
        (str(folder / METADATA_FILE), str(folder / POSITIONS_FILE)),
    )


def list_datasets(root: Path) -> list[str]:
    """The names of the dataset folders directly under `root`, sorted."""
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if (p / METADATA_FILE).is_file())


def resolve_dataset(root: Path, name: str) -> Path:
    """The folder of the dataset `name` under `root`; a name that would leave `root` (../,
    an absolute path, a link pointing outside) is refused with ValueError."""
    base = root.resolve()
    folder = (root / name).resolve()
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", name) or folder.parent != base:
        raise ValueError(
            f"'{name}' is not a dataset name: names are folders directly inside {root}; "
            f"available: {', '.join(list_datasets(root)) or 'none'}"
        )
    return folder


def validate_dataset(path: str | Path) -> list[Problem]:
    """Every problem in a dataset folder; an empty list when it is valid."""
    try:
        load_dataset(path)
    except DatasetError as error:
        return error.problems
    return []


def _repeated(items: list[str]) -> list[str]:
    seen: set[str] = set()
    return sorted({item for item in items if item in seen or seen.add(item)})
