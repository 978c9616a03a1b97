"""Edits as pure functions: one issue's rows replaced, items added, a version copied."""

import pytest
from factory import ROWS

from negotiation.data import edit, importers
from negotiation.data.load import DatasetError


def test_issue_rows_are_one_version_and_issue_with_numbers_for_numeric_scales(tiny):
    rows = edit.issue_rows(tiny, "v1", "cap")
    assert rows["party"].tolist() == ["draft", "a", "b", "c"]
    assert rows["value"].tolist()[:3] == [600.0, 600.0, 800.0]
    assert rows["value"].isna().tolist()[3]
    assert edit.issue_rows(tiny, "v1", "nato")["value"].tolist() == [
        "barred", "barred", "consensus", "open",
    ]  # fmt: skip


def test_replace_rows_writes_numbers_as_plain_text(tiny):
    rows = edit.issue_rows(tiny, "v2", "cap")
    rows.loc[1, "value"] = 700.0
    changed = edit.replace_rows(tiny, "v2", "cap", rows)
    cells = changed.positions.set_index(["version", "party", "issue"])
    assert cells.loc[("v2", "a", "cap"), "value"] == "700"
    assert cells.loc[("v2", "a", "cap"), "norm"] == pytest.approx(0.7)
    assert len(changed.positions) == len(ROWS)


def test_replace_rows_refuses_a_value_off_the_scale(tiny):
    rows = edit.issue_rows(tiny, "v2", "cap")
    rows.loc[1, "value"] = 5000.0
    with pytest.raises(DatasetError, match="5,000 is off the scale"):
        edit.replace_rows(tiny, "v2", "cap", rows)


@pytest.mark.parametrize(
    ("kind", "item", "check"),
    [
        (
            "parties",
            {"id": "d", "name": "Delta", "short": "", "colour": "#123456"},
            lambda ds: ds.party("d").short == "Delta",
        ),
        (
            "sources",
            {"id": "s2", "publisher": "Paper", "title": "T", "date": "2025-03-01", "url": ""},
            lambda ds: ds.source("s2").url is None,
        ),
        (
            "issues",
            {
                "id": "tax",
                "name": "Tax",
                "group": "economy",
                "scale": edit.scale("ordinal", "", 0, 0, "low, high"),
            },
            lambda ds: ds.issue("tax").scale.level_ids() == ("low", "high"),
        ),
        (
            "issues",
            {"id": "tax", "name": "Tax", "scale": edit.scale("numeric", "%", 0, 50, "")},
            lambda ds: ds.issue("tax").scale.max == 50,
        ),
    ],
)
def test_add_an_item(tiny, kind, item, check):
    assert check(edit.add(tiny, kind, item))


def test_add_a_repeated_id_is_refused(tiny):
    with pytest.raises(DatasetError, match="parties ids repeat: a"):
        edit.add(tiny, "parties", {"id": "a", "name": "Again"})


@pytest.mark.parametrize(("copy_from", "rows"), [("v2", 8), ("", 0)])
def test_add_version_copies_positions_when_asked(tiny, copy_from, rows):
    item = {"id": "v3", "name": "Third", "date": "2025-03-01", "kind": "draft"}
    ds = edit.add_version(tiny, item, copy_from)
    assert ds.version_ids == ["v1", "v2", "v3"]
    copied = ds.positions[ds.positions["version"] == "v3"]
    assert len(copied) == rows
    if rows:
        assert copied.set_index(["party", "issue"]).loc[("c", "cap"), "value"] == "900"


def test_preview_keeps_the_dataset_and_reports_a_bad_name(tmp_path):
    files = {"t.csv": b"version,version_date,party,issue,value\nv1,2025-01-01,a,tax,1\n"}
    result = importers.preview(files, tmp_path, "../up")
    assert result.ds is not None
    assert [str(p) for p in result.problems] == [
        f"dataset name: '../up' is not a dataset name: names are folders directly inside {tmp_path}; available: none"
    ]


def test_report_is_a_table_of_problems(tmp_path):
    result = importers.preview({"t.csv": b"version\n"}, tmp_path, "x")
    assert importers.problems_frame(result.problems).to_dict("records") == [
        {"file": "t.csv", "row": None, "column": "", "problem": "has a header but no data rows"}
    ]
