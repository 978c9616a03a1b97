"""Provisions (issue 26, the data model): a dataset's provisions.csv read, checked with every
problem at its file, row and column, kept in the text's order, and carried through saves,
edits, folder imports and zips."""

import io
import zipfile

import pytest
from factory import metadata, write_dataset

from negotiation.data import edit, importers, store
from negotiation.data.load import load_dataset
from negotiation.data.problems import DatasetError

SOURCES = [
    {"id": "s1", "publisher": "Wire", "title": "Report", "date": "2025-01-02",
     "url": "https://wire.example/report"},
    {"id": "s2", "publisher": "Radio", "title": "Read on air", "date": "2025-01-03",
     "unpublished": "read on air"},
]  # fmt: skip
CLAUSES = (
    "version,provision,issues,text,sources,note\n"
    "v1,1,cap,The army is capped at 600 thousand.,s1,\n"
    'v1,2,nato;cap,"Membership is barred; forces, too, are capped.",s1,\n'
    "v2,1,cap,The army is capped at 800 thousand.,s1,variant\n"
)


def with_clauses(tmp_path, text: str = CLAUSES, sources: list[dict] = SOURCES):
    folder = write_dataset(tmp_path / "t", meta=metadata(sources=sources))
    (folder / "provisions.csv").write_text(text, encoding="utf-8")
    return folder


def test_provisions_are_read_in_the_texts_order(tmp_path):
    ds = load_dataset(with_clauses(tmp_path))
    assert ds.provisions[["version", "provision", "issues"]].values.tolist() == [
        ["v1", "1", "cap"], ["v1", "2", "nato;cap"], ["v2", "1", "cap"]
    ]  # fmt: skip
    assert ds.provisions.loc[2, "text"] == "The army is capped at 800 thousand."


def test_a_dataset_without_provisions_has_none(tmp_path):
    folder = write_dataset(tmp_path / "t")
    assert load_dataset(folder).provisions is None
    store.save(load_dataset(folder), tmp_path / "copy")
    assert not (tmp_path / "copy" / "provisions.csv").exists()


def test_the_fingerprint_follows_the_provisions(tmp_path):
    folder = with_clauses(tmp_path)
    before = load_dataset(folder).fingerprint
    (folder / "provisions.csv").write_text(CLAUSES.replace("800", "850"), encoding="utf-8")
    assert load_dataset(folder).fingerprint != before


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("version,provision,text\nv1,1,x\n",
         [(1, "sources", "is a required column but missing")]),
        ("version,provision,text,sources,colour\nv1,1,x,s1,red\n",
         [(1, "colour", "is not a known column; valid: version, provision, issues, text, "
                        "sources, note")]),
        ("version,provision,issues,text,sources\nv9,1,cap,x,s1\nv1,2,tax,x,s1\nv1,3,,x,zz\n",
         [(2, "version", "unknown version 'v9'"), (3, "issues", "unknown id(s): tax"),
          (4, "sources", "unknown id(s): zz")]),
        ("version,provision,text,sources\nv1,1,,s1\n", [(2, "text", "is empty but required")]),
        ("version,provision,text,sources\nv1,1,x,s1\nv1,1,y,s1\n",
         [(3, "provision", "provision '1' of 'v1' is also on row 2")]),
        ("version,provision,text,sources\nv1,1,x,s1\nv2,1,y,s1\nv1,2,z,s1\n",
         [(4, "version", "version 'v1' has clauses above: keep a text's clauses together, "
                         "in order")]),
        ("version,provision,text,sources\nv1,1,x,s2\n",
         [(2, "sources", "cites s2 without a url: give the page the text was read from")]),
    ],
)  # fmt: skip
def test_each_problem_names_file_row_and_column(tmp_path, text, expected):
    with pytest.raises(DatasetError) as caught:
        load_dataset(with_clauses(tmp_path, text))
    found = [(p.row, p.column, p.message) for p in caught.value.problems]
    assert found == expected
    assert all(p.file.endswith("provisions.csv") for p in caught.value.problems)


def test_saves_edits_imports_and_zips_keep_the_provisions(tmp_path):
    folder = with_clauses(tmp_path)
    ds = load_dataset(folder)
    edited = edit.replace_rows(ds, "v2", "cap", edit.issue_rows(ds, "v2", "cap"))
    assert edited.provisions.equals(ds.provisions)
    store.save(edited, tmp_path / "saved")
    assert (tmp_path / "saved" / "provisions.csv").read_text(encoding="utf-8") == CLAUSES
    imported = importers.import_files(importers.read_paths([folder]), "again")
    assert imported.provisions.equals(ds.provisions)
    archive = zipfile.ZipFile(io.BytesIO(store.export_zip(folder)))
    assert "t/provisions.csv" in archive.namelist()
    unzipped = importers.import_files({"t.zip": store.export_zip(folder)}, "unzipped")
    assert unzipped.provisions.equals(ds.provisions)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_table_command_and_import_carry_the_provisions(tmp_path, fmt, capsys):
    from negotiation.cli import main

    text = CLAUSES + 'v2,2,,"=a clause a spreadsheet would run, kept as written",s1,\n'
    folder = with_clauses(tmp_path, text)
    out = tmp_path / f"talks.{fmt}"
    assert main(["table", str(folder), "--format", fmt, "-o", str(out)]) == 0
    if fmt == "csv":  # beside it, found again by its name on import
        assert (tmp_path / "talks-provisions.csv").is_file()
        assert "Wrote 4 provisions" in capsys.readouterr().err
    assert main(["import", str(out), "-o", str(tmp_path / "back")]) == 0
    back = load_dataset(tmp_path / "back").provisions
    assert back.equals(load_dataset(folder).provisions)
    assert back.loc[3, "text"].startswith("=a clause")
