"""Importers: the decide files, a tidy table (CSV and XLSX), a folder and a zip, each to a
validated dataset; format detection; the `import` command."""

import io
import zipfile
from pathlib import Path

import pytest
from factory import ROWS, csv_text, write_dataset

from negotiation import cli
from negotiation.data import exchange, importers, spreadsheet, store, table
from negotiation.data.load import DatasetError, load_dataset

DECIDE = Path(__file__).resolve().parent / "data" / "decide"
TINY_LEVELS = {"nato": ["open", "consensus", "barred"]}


def decide(name: str):
    return importers.import_files({name: (DECIDE / name).read_bytes()}, "talks")


# parties, issues, positions counted in the files (#A, #P, #D rows)
@pytest.mark.parametrize(
    ("name", "parties", "issues", "positions"),
    [("copenhagen.csv", 11, 7, 75), ("cop21.csv", 15, 13, 181), ("sample_data.txt", 10, 6, 60)],
)
def test_decide_files_import_every_actor_issue_and_row(name, parties, issues, positions):
    ds = decide(name)
    assert (len(ds.parties), len(ds.issues), len(ds.positions)) == (parties, issues, positions)
    assert ds.version_ids == [importers.IMPORTED]
    assert ds.positions["norm"].notna().all()


@pytest.mark.parametrize(
    ("name", "party", "issue", "value", "salience", "capability"),
    [
        # '#D' 'USA' 'Newtreaty' 10.0 0.9 0.26
        ("copenhagen.csv", "usa", "newtreaty", "10", 0.9, 0.26),
        # '#D' 'African_grp' 'mrv' 50.0 0.65 0.25
        ("cop21.csv", "african_grp", "mrv", "50", 0.65, 0.25),
        # '#D' 'Willems' 'tol-hoogte' 3.0 0.7 1.0
        ("sample_data.txt", "willems", "tol-hoogte", "3", 0.7, 1.0),
    ],
)
def test_decide_keeps_position_salience_and_power(name, party, issue, value, salience, capability):
    ds = decide(name)
    cell = ds.positions.set_index(["party", "issue"]).loc[(party, issue)]
    assert cell["value"] == value
    assert cell["salience"] == pytest.approx(salience)
    assert ds.party(party).capability == pytest.approx(capability)


def test_decide_scale_bounds_come_from_the_m_rows():
    ds = decide("sample_data.txt")
    scale = ds.issue("tol-hoogte").scale  # '#M' rows 0.5 and 7
    assert (scale.min, scale.max) == (0.5, 7.0)
    cell = ds.positions.set_index(["party", "issue"]).loc[("willems", "tol-hoogte")]
    assert cell["norm"] == pytest.approx((3 - 0.5) / 6.5)


def test_decide_without_m_rows_uses_0_to_100_and_notes_varying_power():
    text = (
        "'#A'\t'X'\t'Ex'\n'#A'\t'Y'\t'Why'\n'#P'\t'tax'\t'Tax rate'\n"
        "'#D'\t'X'\t'tax'\t30\t0.5\t0.2\n'#D'\t'Y'\t'tax'\t70\t0.5\t0.6\n"
    )
    ds = importers.import_files({"t.txt": text.encode()}, "t")
    assert (ds.issue("tax").scale.min, ds.issue("tax").scale.max) == (0.0, 100.0)
    assert ds.party("x").name == "Ex"
    assert ds.party("y").capability == pytest.approx(0.6)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("'#A'\t'X'\t'Ex'\n", "declares no issue: a decide file needs at least one #P row"),
        ("'#P'\t'tax'\t'Tax'\n", "declares no actor: a decide file needs at least one #A row"),
    ],
)
def test_a_decide_file_without_actors_or_issues_says_so(text, expected):
    with pytest.raises(DatasetError) as error:
        importers.import_files({"t.txt": text.encode()}, "t", "decide")
    assert [(p.file, p.message) for p in error.value.problems] == [("t.txt", expected)]


def test_decide_power_varying_by_issue_is_averaged_with_a_note():
    text = (
        "#A;X;Ex\n#P;a;A\n#P;b;B\n#D;X;a;10;0.5;0.2\n#D;X;b;20;0.5;0.4\n"  # ; delimiter, no quotes
    )
    ds = importers.import_files({"t.txt": text.encode()}, "t")
    assert ds.party("x").capability == pytest.approx(0.3)
    assert ds.import_report == ("power varies by issue for X: capability is the mean",)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "'#A'\t'X'\n'#P'\t'a'\n'#D'\t'Z'\t'a'\t1\t0.5\t0.5\n",
            "t.txt, row 3, column 'actor': 'Z' is not a declared actor",
        ),
        (
            "'#A'\t'X'\n'#P'\t'a'\n'#D'\t'X'\t'b'\t1\t0.5\t0.5\n",
            "t.txt, row 3, column 'issue': 'b' is not a declared issue",
        ),
        (
            "'#A'\t'X'\n'#P'\t'a'\n'#D'\t'X'\t'a'\tten\t0.5\t0.5\n",
            "t.txt, row 3, column 'position': 'ten' is not a number",
        ),
        (
            "'#A'\t'X'\n'#P'\t'a'\n'#D'\t'X'\t'a'\t1\tnan\t0.5\n",
            "t.txt, row 3, column 'salience': 'nan' is not a finite number",
        ),
        (
            "'#A'\t'X'\n'#P'\t'a'\n'#D'\t'X'\t'a'\n",
            "t.txt, row 3: a #D row needs 6 fields, found 3",
        ),
        ("'#Q'\t'X'\n", "t.txt, row 1, column 'kind': '#Q' is not a row kind"),
        ("'#A'\t'A b'\n'#A'\t'a-b'\n", "actors 'A b' and 'a-b' both make the id 'a-b'"),
        (
            "'#A'\t'X'\n'#P'\t'a'\n'#D'\t'X'\t'a'\t150\t0.5\t0.5\n",
            "t.txt, row 3, column 'position': 150 is outside 0–100",
        ),
        (
            "'#A'\t'X'\n'#P'\t'a'\n'#D'\t'X'\t'a'\t1\t1.5\t0.5\n",
            "row 3, column 'salience': 1.5 is outside 0–1",
        ),
        (
            "'#A'\t'X'\n'#P'\t'a'\n'#D'\t'X'\t'a'\t1\t1\t0.5\n'#D'\t'X'\t'a'\t2\t1\t0.5\n",
            "t.txt, row 4: repeats the #D row of line 3",
        ),
    ],
)
def test_decide_problems_name_row_and_column(text, expected):
    with pytest.raises(DatasetError) as caught:
        importers.import_files({"t.txt": text.encode()}, "t", fmt="decide")
    assert any(expected in str(p) for p in caught.value.problems), caught.value.problems


def tiny_table(tiny, fmt: str) -> bytes:
    frame = table.tidy(tiny)
    if fmt == "csv":
        return spreadsheet.to_csv(frame)
    return spreadsheet.to_xlsx({"positions": frame, "sources": exchange.sources_table(tiny)})


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_table_export_imports_back_to_the_same_positions(tiny, fmt):
    ds = importers.import_files({f"t.{fmt}": tiny_table(tiny, fmt)}, "t", levels=TINY_LEVELS)
    assert ds.version_ids == ["v1", "v2"]
    assert [p.name for p in ds.parties] == ["Alpha", "Beta", "Gamma"]
    assert ds.issue("nato").scale.level_ids() == ("open", "consensus", "barred")
    assert ds.issue("nato").scale.label("consensus") == "By consensus"  # from value_label
    # numeric scale inferred from the values: 600..900, so 800 sits at 2/3
    assert (ds.issue("cap").scale.min, ds.issue("cap").scale.max) == (600.0, 900.0)
    key = ["version", "party", "issue"]
    got = ds.positions.set_index(key)
    assert got.loc[("v1", "b", "cap"), "norm"] == pytest.approx(2 / 3)
    assert got.loc[("v1", "c", "nato"), "value"] == "open"
    assert got["status"].to_dict() == tiny.positions.set_index(key)["status"].to_dict()


def test_xlsx_sources_sheet_gives_the_source_metadata(tiny):
    ds = importers.import_files({"t.xlsx": tiny_table(tiny, "xlsx")}, "t", levels=TINY_LEVELS)
    assert ds.source("s1").publisher == "Wire"


def test_minimal_table_gets_defaults():
    text = (
        "version;version_date;party;issue;value\nv1;2025-01-01;a;tax;10\nv1;;b;tax;30\nv1;;c;tax;\n"
    )
    ds = importers.import_files({"mini.csv": text.encode()}, "mini")
    got = ds.positions.set_index("party")
    assert got["status"].to_dict() == {"a": "stated", "b": "stated", "c": "undisclosed"}
    assert got.loc["b", "norm"] == pytest.approx(1.0)
    assert (
        ds.source(importers.IMPORTED).title
        == "Source 'imported' named in mini.csv; its details were not given"
    )


def test_latin1_table_is_read_as_latin1():
    text = "version,version_date,party,issue,value,stance\nv1,2025-01-01,a,tax,10,déjà vu\nv1,,b,tax,20,ok\n"
    ds = importers.import_files({"l.csv": text.encode("latin-1")}, "l")
    assert ds.positions.set_index("party").loc["a", "stance"] == "déjà vu"


@pytest.mark.parametrize(
    ("text", "levels", "expected"),
    [
        (
            "version,version_date,party,issue,value\nv1,2025-01-01,a,nato,open\n",
            {},
            "issue 'nato' has values that are not numbers (e.g. 'open'): list its levels",
        ),
        (
            "version,party,issue,value\nv1,A b,tax,1\n",
            {},
            "row 2, column 'party': 'A b' is not an id",
        ),
        (
            "version,party,issue,value,version_date\nv1,a,tax,1,soon\n",
            {},
            "row 2, column 'version_date': 'soon' is not a date",
        ),
        (
            "version,party,issue\nv1,a,tax\n",
            {},
            "row 1, column 'value': is a required column but missing",
        ),
        (
            "version,party,issue,value,colour\nv1,a,tax,1,red\n",
            {},
            "row 1, column 'colour': is not a known column",
        ),
        (
            "version,version_date,party,issue,value\nv1,2025-01-01,a,nato,maybe\n",
            {"nato": ["yes", "no"]},
            "'maybe' is not a level; valid levels: yes, no",
        ),
    ],
)
def test_table_problems(text, levels, expected):
    with pytest.raises(DatasetError) as caught:
        importers.import_files({"t.csv": text.encode()}, "t", levels=levels)
    assert any(expected in str(p) for p in caught.value.problems), caught.value.problems


def test_folder_and_zip_import(tiny_path):
    files = store.read_files(tiny_path)
    assert len(importers.import_files(files, "t").positions) == len(ROWS)
    zipped = store.export_zip(tiny_path)
    ds = importers.import_files({"tiny.zip": zipped}, "t")
    assert ds.version_ids == ["v1", "v2"]


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("dataset.yaml", b"", "folder"),
        ("a.zip", b"PK\x03\x04", "zip"),
        ("a.csv", b"version,party\n", "table"),
        ("a.txt", b"'#A'\t'X'\n", "decide"),
        ("a.csv", b"#A;X\n", "decide"),
    ],
)
def test_detect(name, data, expected):
    assert importers.detect({name: data}) == expected


def test_detect_xlsx_is_a_table(tiny):
    assert importers.detect({"t.xlsx": tiny_table(tiny, "xlsx")}) == "table"


@pytest.mark.parametrize(
    ("specs", "expected"),
    [(["nato=open, consensus ,barred"], {"nato": ["open", "consensus", "barred"]}), ([], {})],
)
def test_parse_levels(specs, expected):
    assert importers.parse_levels(specs) == expected


@pytest.mark.parametrize("spec", ["nato", "nato=open", "=a,b"])
def test_parse_levels_refuses_malformed(spec):
    with pytest.raises(ValueError, match="is not ISSUE=level1,level2"):
        importers.parse_levels([spec])


def test_cli_import_decide_then_refuse_overwrite(tmp_path, capsys):
    out = tmp_path / "data" / "cop"
    assert cli.main(["import", str(DECIDE / "copenhagen.csv"), "-o", str(out)]) == 0
    assert len(load_dataset(out).parties) == 11
    assert cli.main(["import", str(DECIDE / "cop21.csv"), "-o", str(out)]) == 1
    assert "already exists; choose another name or --force" in capsys.readouterr().err
    assert cli.main(["import", str(DECIDE / "cop21.csv"), "-o", str(out), "--force"]) == 0
    assert len(load_dataset(out).parties) == 15


def test_cli_import_table_with_levels(tmp_path, tiny):
    source = tmp_path / "t.csv"
    source.write_bytes(tiny_table(tiny, "csv"))
    out = tmp_path / "data" / "t"
    args = ["import", str(source), "-o", str(out), "--format", "table"]
    assert cli.main([*args, "--levels", "nato=open,consensus,barred"]) == 0
    assert load_dataset(out).issue("nato").scale.level_ids() == ("open", "consensus", "barred")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--levels", "nato"], "negotiation: 'nato' is not ISSUE=level1,level2"),
        ([], "t.csv, column 'value': issue 'nato' has values that are not numbers (e.g. 'barred')"),
    ],
)
def test_cli_import_reports_problems(tmp_path, tiny, capsys, args, expected):
    source = tmp_path / "t.csv"
    source.write_bytes(tiny_table(tiny, "csv"))
    out = tmp_path / "data" / "t"
    assert cli.main(["import", str(source), "-o", str(out), *args]) == 1
    assert expected in capsys.readouterr().err
    assert not out.exists()


def test_cli_import_two_files(tmp_path):
    folder = write_dataset(tmp_path / "src", positions_text=csv_text(ROWS))
    out = tmp_path / "data" / "copy"
    args = ["import", str(folder / "dataset.yaml"), str(folder / "positions.csv"), "-o", str(out)]
    assert cli.main(args) == 0
    assert load_dataset(out).version_ids == ["v1", "v2"]


def test_cli_import_refuses_a_name_leaving_nothing(tmp_path, capsys):
    assert cli.main(["import", str(DECIDE / "cop21.csv"), "-o", str(tmp_path / "..bad")]) == 1
    assert "is not a dataset name" in capsys.readouterr().err


def test_zip_in_a_folder_is_found(tiny_path):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in store.read_files(tiny_path).items():
            archive.writestr(f"deep/{name}", data)
    assert importers.import_files({"x.zip": out.getvalue()}, "x").version_ids == ["v1", "v2"]
