"""Random bytes and random tables fed to the loader and the importers: each either loads or
reports problems (DatasetError), never raises anything else, and every problem it reports can
be acted on: it names a file it was given, says what is wrong, and points at a row that exists
and a column that is a known one or in the file's header. A valid table still loads, with the
same positions, whatever its encoding, delimiter and row order."""

import csv
import io
import itertools
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd
import yaml
from factory import ROWS, csv_text, metadata
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from negotiation.data import importers
from negotiation.data.importers import tidy
from negotiation.data.load import parse_dataset
from negotiation.data.metadata import MetadataIn
from negotiation.data.model import POSITION_COLUMNS
from negotiation.data.problems import METADATA_FILE, POSITIONS_FILE, DatasetError, Problem

META = yaml.safe_dump(metadata()).encode()
VALID = csv_text(ROWS).encode()
FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

KNOWN_COLUMNS = {*POSITION_COLUMNS, *tidy.DERIVED, *tidy.IGNORED}
DECIDE_COLUMNS = {"kind", "actor", "issue", "position", "salience", "power"}
"""The fields of a decide file's rows that its problems name."""
BLANK_HEADER = re.compile(r"Unnamed: \d+|unnamed \d+")
"""How the CSV and the XLSX readers name a column whose header cell is blank."""
ENCODINGS = ("utf-8-sig", "utf-16-le", "utf-16-be", "latin-1")
"""Every way the loader may read a file's bytes as text."""

cells = st.one_of(
    st.sampled_from(["v1", "v2", "a", "b", "draft", "cap", "nato", "600", "open", "stated",
                     "high", "s1", "", "nan", "-inf", "1e309", "=1+1", "<b>x</b>", "'#A'"]),
    st.text(max_size=12),
)  # fmt: skip
names = st.lists(
    st.sampled_from([*POSITION_COLUMNS, "party_name", "version_date", "x", ""]), max_size=8
)
columns = st.one_of(names, names.map(lambda extra: ["version", "party", "issue", "value", *extra]))


@dataclass(frozen=True)
class Table:
    """A generated file, the cells that may head its columns, and how many rows (the header
    included) it has."""

    data: bytes
    header: tuple[str, ...]
    rows: int


@st.composite
def tables(draw) -> Table:
    header = draw(columns)
    rows = draw(st.lists(st.lists(cells, min_size=0, max_size=len(header) + 1), max_size=6))
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1"]))
    return Table(out.getvalue().encode(encoding, errors="replace"), tuple(header), len(rows) + 1)


xlsx_cells = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=12),
    st.sampled_from(["v1", "a", "cap", "600", "=1+1"]),
    st.floats(allow_nan=False, allow_infinity=False),
    st.integers(),
)  # what a spreadsheet cell can hold


@st.composite
def workbooks(draw) -> Table:
    header = draw(columns)
    rows = draw(st.lists(st.lists(xlsx_cells, max_size=6), max_size=5))
    book = Workbook()
    for values in [header, *rows]:
        book.active.append(values)
    out = io.BytesIO()
    book.save(out)
    # the first row that is not blank is the header: any cell may head a column
    names = [str(int(v)) if isinstance(v, float) and v.is_integer() else str(v).strip()
             for v in [*header, *itertools.chain.from_iterable(rows)]]  # fmt: skip
    return Table(out.getvalue(), tuple(names), len(rows) + 1)


def texts(data: bytes) -> list[str]:
    """The bytes read as text in each of ENCODINGS, undecodable bytes replaced."""
    return [data.decode(encoding, errors="replace") for encoding in ENCODINGS]


def most_lines(data: bytes) -> int:
    """The most lines the bytes can hold in any encoding, with the empty one after a final line
    break (where a YAML parser reports an unexpected end)."""
    return max(len(text.splitlines()) for text in texts(data)) + 1


def problems(load: Callable[[], object]) -> list[Problem]:
    """What a load reports ([] when it loads); any exception but DatasetError fails the test."""
    try:
        load()
    except DatasetError as error:
        assert error.problems, "a DatasetError must say what is wrong"
        return error.problems
    return []


def assert_actionable(
    found: Sequence[Problem],
    files: Mapping[str, bytes],
    rows: Mapping[str, int] | None = None,
    header: Sequence[str] = (),
) -> None:
    """Each problem names one of `files`, says what is wrong, and points at a row of that file
    (at most `rows[file]`, else as many as its bytes have lines) and at a column that is known,
    in `header`, or written in the file."""
    rows = rows or {}
    for problem in found:
        assert isinstance(problem, Problem), problem
        assert problem.file in files, problem
        assert problem.message.strip(), problem
        assert str(problem).startswith(problem.file) and str(problem).endswith(problem.message)
        if problem.row is not None:
            assert type(problem.row) is int, problem
            assert 1 <= problem.row <= rows.get(problem.file, most_lines(files[problem.file])), (
                problem
            )
        if problem.column is not None:
            assert problem.column.strip(), problem
            if problem.file == METADATA_FILE:  # a path of keys: the first is a top-level key
                column = problem.column.split(" > ")[0]
                known = set(MetadataIn.model_fields)
            else:
                column, known = problem.column, KNOWN_COLUMNS | DECIDE_COLUMNS | set(header)
            # as written, or as a CSV writes it ('0"0' is the cell "0""0")
            spelled = (column, column.replace('"', '""'))
            written = any(c in text for c in spelled for text in texts(files[problem.file]))
            assert (
                column in known
                or written
                or BLANK_HEADER.fullmatch(column)
                or same_number(column, header)  # a spreadsheet keeps a number to 15-16 digits
            ), problem


def same_number(column: str, header: Sequence[str]) -> bool:
    """Whether a column name is a numeric header cell as a spreadsheet stored it: a float, so
    15-16 digits, and infinite past its range."""
    try:
        value = float(column)
    except ValueError:
        return False
    for cell in header:
        try:
            number = float(cell)
        except ValueError:
            continue
        if math.isclose(value, number, rel_tol=1e-15) or (
            math.isinf(value) and abs(number) > 1e308
        ):
            return True
    return False


def assert_loads_or_reports(load, files, rows=None, header=()) -> list[Problem]:
    found = problems(load)
    assert_actionable(found, files, rows, header)
    return found


@FUZZ
@given(st.binary(max_size=400))
def test_random_bytes_as_positions(data):
    found = problems(lambda: parse_dataset(META, data, "fuzz"))
    assert found  # random bytes are never a valid positions table
    assert {p.file for p in found} == {POSITIONS_FILE}  # the metadata is fine
    assert_actionable(found, {METADATA_FILE: META, POSITIONS_FILE: data})


@FUZZ
@given(st.binary(max_size=400))
def test_random_bytes_as_metadata(data):
    found = problems(lambda: parse_dataset(data, VALID, "fuzz"))
    assert found
    assert {p.file for p in found} == {METADATA_FILE}
    assert_actionable(found, {METADATA_FILE: data, POSITIONS_FILE: VALID})


@FUZZ
@given(st.binary(max_size=400), st.sampled_from(["t.csv", "t.txt", "t.xlsx", "t.zip"]))
def test_random_bytes_to_every_importer(data, name):
    assert_loads_or_reports(lambda: importers.import_files({name: data}, "fuzz"), {name: data})


@FUZZ
@given(tables(), st.sampled_from(["auto", "table", "decide"]))
def test_random_tables_to_the_importers(table, fmt):
    levels = {"nato": ["open", "consensus", "barred"]}
    # a decide file counts lines as str.splitlines does, which also breaks at \x0c, \x85...
    rows = {} if fmt != "table" else {"t.csv": table.rows}
    assert_loads_or_reports(
        lambda: importers.import_files({"t.csv": table.data}, "fuzz", fmt, levels),
        {"t.csv": table.data},
        rows,
        table.header,
    )


@FUZZ
@given(tables())
def test_random_tables_as_positions(table):
    assert_loads_or_reports(
        lambda: parse_dataset(META, table.data, "fuzz"),
        {METADATA_FILE: META, POSITIONS_FILE: table.data},
        {POSITIONS_FILE: table.rows},
        table.header,
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workbooks())
def test_random_workbooks_to_the_table_importer(book):
    assert_loads_or_reports(
        lambda: importers.import_files({"t.xlsx": book.data}, "fuzz"),
        {"t.xlsx": book.data},
        {"t.xlsx": book.rows},
        book.header,
    )


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(["version", "party", "issue"]).reset_index(drop=True)


EXPECTED = _sorted(parse_dataset(META, VALID, "fuzz").positions)


@FUZZ
@given(
    st.permutations(ROWS),
    st.sampled_from([",", ";", "\t"]),
    st.sampled_from(["\n", "\r\n"]),
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
    st.sampled_from(["", " "]),
)
def test_a_valid_table_loads_the_same_positions_whatever_its_form(
    rows, delimiter, newline, encoding, pad
):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator=newline)
    writer.writerow(POSITION_COLUMNS)
    writer.writerows([[f"{pad}{r.get(c, '')}{pad}" for c in POSITION_COLUMNS] for r in rows])
    found = problems(lambda: parse_dataset(META, out.getvalue().encode(encoding), "fuzz"))
    assert not found, [str(p) for p in found]
    ds = parse_dataset(META, out.getvalue().encode(encoding), "fuzz")
    pd.testing.assert_frame_equal(_sorted(ds.positions), EXPECTED)
