"""Importing real outcome data as a user would: a DEU-like tidy table (codes with capitals,
scales given by bounds, a final version, reference points) imports and backtests; ids are
made lowercase with a note, undated versions and bad bounds are refused by row and column."""

import math

import pytest

from benchmarks.generate import outcome_table
from negotiation.analysis import backtest
from negotiation.cli import main
from negotiation.data import importers, spreadsheet
from negotiation.data.problems import DatasetError


def imported(text: str, name: str = "t.csv"):
    return importers.import_files({name: text.encode()}, "t")


def problems(text: str) -> list[str]:
    with pytest.raises(DatasetError) as caught:
        imported(text)
    return [str(p) for p in caught.value.problems]


HEAD = "version,version_date,party,issue,value\n"


def test_ids_with_capitals_are_made_lowercase_and_said():
    ds = imported(HEAD + "V1,2025-01-01,Alpha,n0062B,10\nV1,2025-01-01,beta,n0062B,30\n")
    assert (ds.version_ids, ds.party_ids, ds.issue_ids) == (["v1"], ["alpha", "beta"], ["n0062b"])
    assert "ids are made lowercase: V1 is v1, Alpha is alpha, n0062B is n0062b" in ds.import_report


def test_two_ids_one_once_lowercased_are_refused():
    found = problems(HEAD + "v1,2025-01-01,a,n0062B,10\nv1,2025-01-01,a,n0062b,30\n")
    assert found == [
        "t.csv, row 3, column 'issue': 'n0062B' and 'n0062b' are one id once lowercased: "
        "rename one to keep them apart"
    ]


def test_an_id_that_is_no_id_in_lowercase_either_names_its_cell():
    assert problems(HEAD + "v1,2025-01-01,A b,tax,1\n") == [
        "t.csv, row 2, column 'party': 'A b' is not an id: use letters, digits, - and _ "
        "(capitals are made lowercase)"
    ]


@pytest.mark.parametrize(
    ("bounds", "scale", "said"),
    [
        # positions stop at 70: the given bounds stand
        (("0", "100"), (0, 100), None),
        # one end given: the other is the values' own, and said
        (("0", ""), (0, 70), "its upper end is its highest value (give scale_max to set it)"),
        (("", "100"), (10, 100), "its lower end is its lowest value (give scale_min to set it)"),
    ],
)
def test_scale_bounds_come_from_the_table(bounds, scale, said):
    low, high = bounds
    text = (
        "version,version_date,party,issue,value,scale_min,scale_max\n"
        f"v1,2025-01-01,a,tax,10,{low},{high}\nv1,2025-01-01,b,tax,70,{low},{high}\n"
    )
    ds = imported(text)
    got = ds.issue("tax").scale
    assert (got.min, got.max) == scale
    report = "; ".join(ds.import_report)
    assert (said in report) if said else "scale runs" not in report


def test_a_bound_that_is_not_a_number_names_its_column():
    text = (
        "version,version_date,party,issue,value,scale_min,scale_max\n"
        "v1,2025-01-01,a,tax,10,zero,100\n"
    )
    assert problems(text) == [
        "t.csv, column 'scale_min': 'zero' is not a number (the scale's bound of issue 'tax')"
    ]


@pytest.mark.parametrize(("cell", "final"), [("yes", True), ("true", True), ("", False)])
def test_version_final_marks_the_outcome(cell, final):
    text = (
        "version,version_date,version_final,party,issue,value\n"
        f"v1,2025-01-01,,a,tax,10\nv2,2025-02-01,{cell},draft,tax,20\n"
    )
    ds = imported(text)
    assert (ds.final_version is not None) == final


def test_a_300_issue_30_party_table_with_outcomes_backtests():
    table = outcome_table(300, 30, seed=3)
    ds = importers.import_files({"deu.csv": spreadsheet.to_csv(table)}, "deu")
    assert (len(ds.issues), len(ds.parties), len(ds.positions)) == (300, 30, 300 * 31)
    assert ds.final_version.id == "outcome" and ds.party_ids[0] == "p00"
    assert {(i.scale.min, i.scale.max) for i in ds.issues} == {(0, 100)}
    result = backtest.backtest(ds)
    assert (result.start, result.final, result.used) == ("proposal", "outcome", 300)
    assert result.skipped.empty
    # the compromise's error per issue, recomputed from the table's own numbers
    proposal = table[table["version"] == "proposal"].astype(
        {"value": float, "salience": float, "party_capability": float}
    )
    weight = proposal["salience"] * proposal["party_capability"]
    compromise = (proposal["value"] * weight).groupby(proposal["issue"]).sum() / weight.groupby(
        proposal["issue"]
    ).sum()
    outcome = table[table["version"] == "outcome"].set_index("issue")["value"].astype(float)
    expected = (compromise - outcome).abs().mean()
    models = result.models.set_index("model")
    assert models.loc["compromise", "mean_error"] == pytest.approx(expected)
    assert models.loc["compromise", "issues"] == 300
    assert len(models) == 4 + 30
    reference = table[table["version"] == "proposal"].drop_duplicates("issue")
    quo = (reference.set_index("issue")["reference_value"].astype(float) - outcome).abs().mean()
    assert models.loc["reference", "mean_error"] == pytest.approx(quo)
    assert not math.isnan(models.loc["median", "mean_error"])


def test_import_then_backtest_from_the_command_line(tmp_path, capsys):
    table = tmp_path / "deu.csv"
    table.write_bytes(spreadsheet.to_csv(outcome_table(12, 5, seed=1)))
    assert main(["import", str(table), "-o", str(tmp_path / "deu")]) == 0
    assert main(["backtest", str(tmp_path / "deu"), "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert '"used": 12' in out and '"to": "outcome"' in out
