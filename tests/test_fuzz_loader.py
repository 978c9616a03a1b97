"""Random bytes and random tables fed to the loader and the importers: each either loads or
reports problems (DatasetError), never raises anything else."""

import csv
import io

import yaml
from factory import ROWS, csv_text, metadata
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from negotiation import importers
from negotiation.load import DatasetError, parse_dataset
from negotiation.model import POSITION_COLUMNS

META = yaml.safe_dump(metadata()).encode()
FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

cells = st.one_of(
    st.sampled_from(["v1", "v2", "a", "b", "draft", "cap", "nato", "600", "open", "stated",
                     "high", "s1", "", "nan", "-inf", "1e309", "=1+1", "<b>x</b>", "'#A'"]),
    st.text(max_size=12),
)  # fmt: skip
names = st.lists(
    st.sampled_from([*POSITION_COLUMNS, "party_name", "version_date", "x", ""]), max_size=8
)
columns = st.one_of(names, names.map(lambda extra: ["version", "party", "issue", "value", *extra]))


@st.composite
def tables(draw) -> bytes:
    header = draw(columns)
    rows = draw(st.lists(st.lists(cells, min_size=0, max_size=len(header) + 1), max_size=6))
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1"]))
    return out.getvalue().encode(encoding, errors="replace")


xlsx_cells = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=12),
    st.sampled_from(["v1", "a", "cap", "600", "=1+1"]),
    st.floats(allow_nan=False, allow_infinity=False),
    st.integers(),
)  # what a spreadsheet cell can hold


@st.composite
def workbooks(draw) -> bytes:
    header = draw(columns)
    rows = draw(st.lists(st.lists(xlsx_cells, max_size=6), max_size=5))
    book = Workbook()
    for values in [header, *rows]:
        book.active.append(values)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def loads_or_reports(load) -> None:
    try:
        load()
    except DatasetError as error:
        assert error.problems
        assert all(str(p) for p in error.problems)


@FUZZ
@given(st.binary(max_size=400))
def test_random_bytes_as_positions(data):
    loads_or_reports(lambda: parse_dataset(META, data, "fuzz"))


@FUZZ
@given(st.binary(max_size=400))
def test_random_bytes_as_metadata(data):
    loads_or_reports(lambda: parse_dataset(data, csv_text(ROWS).encode(), "fuzz"))


@FUZZ
@given(st.binary(max_size=400), st.sampled_from(["t.csv", "t.txt", "t.xlsx", "t.zip"]))
def test_random_bytes_to_every_importer(data, name):
    loads_or_reports(lambda: importers.import_files({name: data}, "fuzz"))


@FUZZ
@given(tables(), st.sampled_from(["auto", "table", "decide"]))
def test_random_tables_to_the_importers(data, fmt):
    levels = {"nato": ["open", "consensus", "barred"]}
    loads_or_reports(lambda: importers.import_files({"t.csv": data}, "fuzz", fmt, levels))


@FUZZ
@given(tables())
def test_random_tables_as_positions(data):
    loads_or_reports(lambda: parse_dataset(META, data, "fuzz"))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workbooks())
def test_random_workbooks_to_the_table_importer(data):
    loads_or_reports(lambda: importers.import_files({"t.xlsx": data}, "fuzz"))
