"""Loading and validation: a valid dataset loads; each bad input gives a plain report."""

import codecs

import pytest
import yaml
from factory import ROWS, csv_text, metadata, write_dataset

from negotiation.data.load import DatasetError, Problem, load_dataset, validate_dataset


def test_tiny_dataset_loads_with_normalised_positions(tiny):
    assert [p.id for p in tiny.parties] == ["a", "b", "c"]
    assert tiny.version_ids == ["v1", "v2"]
    norms = tiny.positions.set_index(["version", "party", "issue"])["norm"]
    assert norms["v1", "b", "cap"] == pytest.approx(0.8)
    assert norms["v1", "b", "nato"] == pytest.approx(0.5)
    assert norms["v2", "draft", "nato"] == pytest.approx(0.5)


def test_spaces_around_cells_are_dropped(tmp_path):
    rows = [dict(r) for r in ROWS]
    rows[1] |= {"version": " v1 ", "party": "a ", "value": " 600", "status": "stated "}
    ds = load_dataset(write_dataset(tmp_path / "spaced", rows))
    row = ds.positions.iloc[1]
    assert (row["version"], row["party"], row["value"], row["status"]) == (
        "v1",
        "a",
        "600",
        "stated",
    )
    assert row["norm"] == pytest.approx(0.6)


@pytest.mark.parametrize(
    ("key", "expected_status"),
    [(("v1", "c", "cap"), "undisclosed"), (("v2", "c", "nato"), "none")],
)
def test_undisclosed_and_no_position_are_distinct_and_never_zero(tiny, key, expected_status):
    cell = tiny.positions.set_index(["version", "party", "issue"]).loc[key]
    assert cell["status"] == expected_status
    assert cell["norm"] != cell["norm"]  # NaN, not 0


def problems_for(tmp_path, **kwargs) -> list[str]:
    return [str(p) for p in validate_dataset(write_dataset(tmp_path / "bad", **kwargs))]


def replace(index: int, **cells: str) -> list[dict]:
    rows = [dict(r) for r in ROWS]
    rows[index] |= cells
    return rows


BAD_ROWS = [
    (
        "unknown party",
        replace(1, party="zeta"),
        "row 3, column 'party': 'zeta' is not a known party",
    ),
    ("unknown issue", replace(1, issue="oil"), "row 3, column 'issue': 'oil' is not a known issue"),
    (
        "unknown version",
        replace(1, version="v9"),
        "row 3, column 'version': 'v9' is not a known version",
    ),
    (
        "unknown status",
        replace(1, status="rumour"),
        "row 3, column 'status': 'rumour' is not a known status",
    ),
    (
        "unknown confidence",
        replace(1, confidence="sure"),
        "column 'confidence': 'sure' is not a known",
    ),
    (
        "off the scale",
        replace(1, value="1200"),
        "row 3, column 'value': 1,200 is off the scale 0–1,000 thousand (issue cap)",
    ),
    ("not a number", replace(1, value="lots"), "row 3, column 'value': 'lots' is not a number"),
    ("infinite", replace(1, value="inf"), "row 3, column 'value': 'inf' is not a finite number"),
    ("NaN", replace(1, value="nan"), "row 3, column 'value': 'nan' is not a finite number"),
    (
        "not a level",
        replace(5, value="maybe"),
        "row 7, column 'value': 'maybe' is not a level; valid levels: open, consensus, barred",
    ),
    (
        "missing value",
        replace(1, value=""),
        "row 3, column 'value': is empty but status is 'stated'",
    ),
    (
        "value when undisclosed",
        replace(3, value="500"),
        "row 5, column 'value': must be empty when status is 'undisclosed'",
    ),
    ("no source", replace(1, sources=""), "row 3, column 'sources': '' is empty but required"),
    (
        "unknown source",
        replace(1, sources="s1; s7"),
        "row 3, column 'sources': unknown source id(s): s7",
    ),
    ("empty stance", replace(1, stance=""), "row 3, column 'stance': '' is empty but required"),
    (
        "salience off range",
        replace(1, salience="1.5"),
        "row 3, column 'salience': '1.5' must be a number from 0 to 1",
    ),
    (
        "red line off the scale",
        replace(1, accept_min="-5"),
        "row 3, column 'accept_min': -5 is off the scale",
    ),
    ("duplicate row", [*ROWS, ROWS[0]], "row 18: repeats an earlier (version, party, issue)"),
]


@pytest.mark.parametrize(
    ("rows", "expected"), [c[1:] for c in BAD_ROWS], ids=[c[0] for c in BAD_ROWS]
)
def test_bad_positions_are_reported_with_row_and_column(tmp_path, rows, expected):
    problems = problems_for(tmp_path, rows=rows)
    assert any(expected in p for p in problems), problems
    assert all(p.startswith(str(tmp_path / "bad" / "positions.csv")) for p in problems)


def test_every_problem_is_reported_at_once(tmp_path):
    rows = replace(1, party="zeta")
    rows[2] |= {"value": "lots"}
    rows[6] |= {"sources": "nope"}
    problems = problems_for(tmp_path, rows=rows)
    assert len(problems) == 3
    assert [p.split(", ")[1] for p in problems] == ["row 3", "row 4", "row 8"]


BAD_FILES = [
    ("semicolons are accepted", csv_text(ROWS).replace(",", ";"), None),
    (
        "wrong delimiter",
        csv_text(ROWS).replace(",", "|"),
        "column 'version': is a required column but missing",
    ),
    (
        "ragged row",
        csv_text(ROWS) + "v1,a,cap,600,extra,stated,high,,,,s1,,,,\n",
        "row 18: has 15 fields where the header has 13",
    ),
    ("empty file", "", "is empty: it needs a header row and data rows"),
    (
        "missing column",
        csv_text(ROWS).replace("confidence", "certainty"),
        "column 'confidence': is a required column but missing",
    ),
    (
        "unknown column",
        csv_text(ROWS).replace("note", "notes"),
        "column 'notes': is not a known column",
    ),
    (
        "duplicated column",
        csv_text(ROWS).replace("note", "stance"),
        "column 'stance': the column appears more than once",
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in BAD_FILES], ids=[c[0] for c in BAD_FILES]
)
def test_malformed_csv(tmp_path, text, expected):
    problems = problems_for(tmp_path, positions_text=text)
    if expected is None:
        assert problems == []
    else:
        assert any(expected in p for p in problems), problems


@pytest.mark.parametrize(
    ("encode", "ok"),
    [
        (lambda t: t.encode("utf-8"), True),
        (lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), True),
        (lambda t: t.encode("utf-16"), True),
        (lambda t: t.replace("—", "-").encode("latin-1"), False),
    ],
    ids=["utf-8", "utf-8 with BOM", "utf-16", "latin-1"],
)
def test_encodings(tmp_path, encode, ok):
    folder = write_dataset(tmp_path / "enc")
    text = csv_text(ROWS).replace("a on cap", "a on cap — déjà")
    (folder / "positions.csv").write_bytes(encode(text))
    problems = [str(p) for p in validate_dataset(folder)]
    assert (problems == []) == ok, problems
    if not ok:
        assert "is not UTF-8 text (byte 0xe9" in problems[0]


def test_a_cut_utf16_file_is_a_problem_not_a_crash(tmp_path):
    folder = write_dataset(tmp_path / "cut")
    (folder / "positions.csv").write_bytes(csv_text(ROWS).encode("utf-16")[:-1])
    problems = [str(p) for p in validate_dataset(folder)]
    assert len(problems) == 1
    assert "positions.csv: starts as UTF-16 but does not decode (truncated data" in problems[0]


BAD_YAML = [
    ("not yaml", "title: [unclosed", "dataset.yaml, row 1: not valid YAML"),
    ("not a mapping", "- just\n- a list\n", "must be a mapping of keys to values, found list"),
    ("empty", "", "must be a mapping of keys to values, found an empty file"),
    ("alias", "a: &x [1, 2]\nb: *x\n", "aliases (*name) are not allowed"),
    (
        "missing title",
        yaml.safe_dump({k: v for k, v in metadata().items() if k != "title"}),
        "column 'title': is required but missing",
    ),
    (
        "bad date",
        yaml.safe_dump(
            metadata(versions=[{"id": "v1", "name": "V", "date": "2025-13-45", "kind": "draft"}])
        ),
        "column 'versions > #1 (v1) > date'",
    ),
    (
        "bad kind",
        yaml.safe_dump(
            metadata(versions=[{"id": "v1", "name": "V", "date": "2025-01-01", "kind": "rumour"}])
        ),
        "versions > #1 (v1) > kind",
    ),
    (
        "min above max",
        yaml.safe_dump(
            metadata(
                issues=[
                    {"id": "cap", "name": "Cap", "scale": {"kind": "numeric", "min": 5, "max": 1}}
                ]
            )
        ),
        "min (5) must be below max (1)",
    ),
    (
        "one level",
        yaml.safe_dump(
            metadata(
                issues=[
                    {
                        "id": "x",
                        "name": "X",
                        "scale": {"kind": "ordinal", "levels": [{"id": "a", "label": "A"}]},
                    }
                ]
            )
        ),
        "an ordinal scale needs at least two levels",
    ),
    (
        "repeated ids",
        yaml.safe_dump(metadata(sources=[dict(s) for s in metadata()["sources"] * 2])),
        "sources ids repeat: s1",
    ),
    (
        "party named draft",
        yaml.safe_dump(metadata(parties=[{"id": "draft", "name": "D"}])),
        "'draft' is reserved",
    ),
    (
        "bad colour",
        yaml.safe_dump(metadata(parties=[{"id": "a", "name": "A", "colour": "red"}])),
        "parties > #1 (a) > colour",
    ),
    (
        "unknown field",
        yaml.safe_dump(metadata(colour="x")),
        "column 'colour': is not a known field",
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in BAD_YAML], ids=[c[0] for c in BAD_YAML]
)
def test_bad_metadata(tmp_path, text, expected):
    problems = problems_for(tmp_path, metadata_text=text)
    assert any(expected in p for p in problems), problems


def test_missing_files_are_named(tmp_path):
    with pytest.raises(DatasetError) as caught:
        load_dataset(tmp_path)
    assert [p.message for p in caught.value.problems] == ["is missing", "is missing"]
    assert caught.value.problems[0].file.endswith("dataset.yaml")


def test_problem_reads_as_plain_words():
    problem = Problem("positions.csv", "'zeta' is not a known party", row=3, column="party")
    assert str(problem) == "positions.csv, row 3, column 'party': 'zeta' is not a known party"


def test_rows_after_blank_lines_are_numbered_as_the_file_shows_them(tmp_path):
    lines = csv_text(ROWS).split("\n")
    lines[3] = lines[3].replace(",stated,", ",bogus,", 1)  # the third data row, line 4
    text = "\n".join([*lines[:2], "", "", *lines[2:]])  # two blank lines before it: line 6
    with pytest.raises(DatasetError) as error:
        load_dataset(write_dataset(tmp_path / "t", positions_text=text))
    assert [(p.row, p.column) for p in error.value.problems] == [(6, "status")]


def test_blank_lines_do_not_change_the_data(tmp_path):
    plain = load_dataset(write_dataset(tmp_path / "a"))
    lines = csv_text(ROWS).split("\n")
    spaced = load_dataset(write_dataset(tmp_path / "b", positions_text="\n\n".join(lines)))
    assert spaced.positions.equals(plain.positions)


def test_blank_column_names_in_the_header_are_said_in_words(tmp_path):
    text = 'version,"\r",party,"\r"\nv1,a,b,c\n'
    with pytest.raises(DatasetError) as error:
        load_dataset(write_dataset(tmp_path / "t", positions_text=text))
    assert [(p.row, p.column, p.message) for p in error.value.problems] == [
        (1, None, "column 2 has no name in the header"),
        (1, None, "column 4 has no name in the header"),
    ]


def test_a_repeated_column_and_a_nameless_one_are_said_at_once(tmp_path):
    text = "version,,party,party\nv1,x,a,b\n"
    with pytest.raises(DatasetError) as error:
        load_dataset(write_dataset(tmp_path / "t", positions_text=text))
    assert [(p.row, p.column, p.message) for p in error.value.problems] == [
        (1, "party", "the column appears more than once"),
        (1, None, "column 2 has no name in the header"),
    ]


@pytest.mark.parametrize("blank", ["", " ", "\x0b"])
def test_a_column_without_a_name_is_said_by_its_place(tmp_path, blank):
    text = f"version,{blank},party\nv1,x,a\n"
    with pytest.raises(DatasetError) as error:
        load_dataset(write_dataset(tmp_path / "t", positions_text=text))
    assert [(p.row, p.column, p.message) for p in error.value.problems] == [
        (1, None, "column 2 has no name in the header")
    ]


def test_a_lone_carriage_return_in_an_unquoted_cell_is_the_files_problem():
    from negotiation.data.textfile import read_table

    with pytest.raises(DatasetError) as raised:
        read_table(b'version\r\n\r\nv1;"\r"\r\n', "t.csv")
    assert "is not valid CSV" in str(raised.value.problems[0])


@pytest.mark.parametrize(
    "cells",
    [
        ["a", "b"],
        ["", ""],
        [" a", "b"],
        ["a", "b\t"],
        ["\u00a0a", "b"],  # no-break space
        ["a", "b\u3000"],  # ideographic space
        ["é", "\x1cb"],
        ["", " "],
    ],
)
def test_cells_are_stripped_as_str_strip_does(cells):
    import pandas as pd

    from negotiation.data.textfile import stripped

    frame = pd.DataFrame({"c": pd.Series(cells, dtype="str")})
    for part in (frame, frame.iloc[1:], frame.iloc[:1]):  # slices start inside Arrow's buffers
        expected = part.apply(lambda column: column.str.strip())
        assert stripped(part).equals(expected)


@pytest.mark.parametrize("dense", [True, False])
def test_values_are_read_as_their_scale_reads_each_cell(tiny, dense, monkeypatch):
    """The array reading of values (norm, units) against Scale.parse, cell by cell: every
    (issue, cell) combination at once, or (past checks.DENSE_PAIRS) the pairs found."""
    import math

    import numpy as np
    import pandas as pd

    from negotiation.data import checks
    from negotiation.data.checks import scaled

    monkeypatch.setattr(checks, "DENSE_PAIRS", checks.DENSE_PAIRS if dense else 0)

    scales = {issue.id: issue.scale for issue in tiny.issues}
    issues, cells = [], []
    for issue_id, scale in scales.items():
        texts = ["", " ", "x", "1_0", "inf", "nan", "-1", "1e3", "600", " 600 ", "0", "1000"]
        texts += [n.id for n in scale.named] + [level.id for level in scale.levels]
        issues += [issue_id] * len(texts) + ["unknown"]
        cells += [*texts, "600"]
    norm, units = scaled(pd.Series(issues, dtype="str"), pd.Series(cells, dtype="str"), scales)
    for issue_id, cell, got_norm, got_units in zip(issues, cells, norm, units, strict=True):
        scale = scales.get(issue_id)
        try:
            value = scale.parse(cell) if scale is not None and cell else None
        except ValueError:
            value = None
        want_norm = np.nan if value is None else scale.normalise(value)
        want_units = np.nan if value is None or not scale.is_numeric else scale.units(value)
        assert (math.isnan(got_norm) and math.isnan(want_norm)) or got_norm == want_norm
        assert (math.isnan(got_units) and math.isnan(want_units)) or got_units == want_units
