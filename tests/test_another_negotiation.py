"""Another negotiation, end to end (issue 27): a position's own value shown exactly as given
(3.67 stays 3.67) on every page, table, label, export and command, only computed figures
rounded, to the issue's precision, which is that of its own values; units read from labels
with thousands separators and words, never from a fragment."""

import json

import pytest
from factory import ISSUES, metadata, row, write_dataset

from negotiation.analysis import forecast, headlines, standing
from negotiation.cli import main
from negotiation.data import importers, table
from negotiation.data.load import load_dataset
from negotiation.data.problems import DatasetError

ENRICHMENT = {
    "id": "enrich",
    "name": "Enrichment cap",
    "group": "nuclear",
    "description": "Highest enrichment level.",
    "scale": {"kind": "numeric", "unit": "%", "min": 0, "max": 90, "tolerance": 1},
}
ROWS = [
    row("v1", "draft", "enrich", "20"),
    row("v1", "a", "enrich", "3.5"),
    row("v1", "b", "enrich", "20"),
    row("v2", "draft", "enrich", "3.67"),
    row("v2", "a", "enrich", "3.5"),
    row("v2", "b", "enrich", "5"),
    row("v2", "c", "enrich", "3.67"),
]


@pytest.fixture
def nuclear(tmp_path):
    return write_dataset(tmp_path / "nuclear", ROWS, metadata(issues=[ENRICHMENT, ISSUES[1]]))


def test_the_issue_keeps_the_precision_of_its_own_values(nuclear):
    scale = load_dataset(nuclear).issue("enrich").scale
    assert scale.value_decimals == 2
    assert scale.decimals == 2  # 0-90 alone would be whole percentages
    # a computed figure to that precision: (3.5 + 5 + 3.67) / 3 = 4.0566…
    assert scale.rounded(4.056666) == 4.06


def test_the_draft_term_reads_as_given_in_forecasts(nuclear):
    ds = load_dataset(nuclear)
    row = forecast.forecasts(ds, "v2").set_index("issue").loc["enrich"]
    assert row["draft"] == 3.67
    assert row["draft_label"] == "3.67 %"
    assert row["compromise"] == 4.06


def test_labels_and_headline_numbers_read_as_given(nuclear):
    ds = standing.as_of(load_dataset(nuclear), standing.DEFAULT_MODE)
    frame = table.tidy(ds, ["v2"], issues=["enrich"])
    assert set(frame["value_label"]) == {"3.67 %", "3.5 %", "5 %"}
    numbers = headlines.numbers(ds, "v2", ["a", "b", "c"]).set_index("who")
    assert numbers.loc["draft", "label"] == "3.67"
    assert numbers.loc["draft", "change"] == "−16.33"


def test_the_forecast_command_gives_the_draft_as_given(nuclear, capsys):
    assert main(["forecast", str(nuclear), "--format", "json"]) == 0
    (enrich,) = [i for i in json.loads(capsys.readouterr().out)["issues"] if i["issue"] == "enrich"]
    assert enrich["draft"] == 3.67
    assert main(["forecast", str(nuclear), "--format", "csv"]) == 0
    assert ",3.67," in capsys.readouterr().out


def refused(text: str) -> list:
    """The problems an import of the table `text` (as t.csv) is refused with."""
    with pytest.raises(DatasetError) as caught:
        importers.import_files({"t.csv": text.encode()}, "t")
    return caught.value.problems


def imported(rows: list[tuple[str, str, str]]) -> str:
    """The unit an import reads from rows of (party, value, value_label)."""
    text = "version,version_date,party,issue,value,value_label\n" + "".join(
        f'v1,2025-01-01,{party},cap,{value},"{label}"\n' for party, value, label in rows
    )
    return importers.import_files({"t.csv": text.encode()}, "t").issue("cap").scale.unit


@pytest.mark.parametrize(
    ("rows", "unit"),
    [
        ([("a", "16000", "16,000 centrifuges"), ("b", "5060", "5,060 centrifuges")], "centrifuges"),
        ([("a", "1.5", "1.5 million"), ("b", "2", "2 million")], "million"),
        ([("a", "1500000", "1.5 million people"), ("b", "300", "300 people")], "people"),
        ([("a", "300", "300 kg"), ("b", "60", "60kg")], "kg"),
        ([("a", "3.67", "3.67%"), ("b", "60", "60 %")], "%"),
        ([("a", "16", "16,000 troops"), ("b", "20", "20,000 troops")], ""),  # not the values
        ([("a", "300", "300 kg"), ("b", "2", "2 tonnes")], ""),  # labels disagree
    ],
)
def test_units_are_read_from_whole_numbers_in_labels(rows, unit):
    assert imported(rows) == unit


NO_SOURCES_TABLE = (
    "version,version_date,party,issue,value,sources\n"
    "jpoa,2013-11-24,a,cap,3.5,s-2015\nfinal,2015-07-14,a,cap,3.67,s-2015\n"
)


def test_sources_without_a_sources_table_have_no_date(tmp_path):
    ds = importers.import_files({"t.csv": NO_SOURCES_TABLE.encode()}, "t")
    source = ds.source("s-2015")
    assert source.date is None and source.when == "date not given"
    assert "their publisher, title and date are not given" in "; ".join(ds.import_report)
    # saved and read back: still no date, never the first version's
    from negotiation.data import store

    store.save(ds, tmp_path / "t")
    assert load_dataset(tmp_path / "t").source("s-2015").date is None


def test_the_sources_table_beside_a_table_is_found_and_said(tmp_path, capsys):
    (tmp_path / "talks.csv").write_text(NO_SOURCES_TABLE, encoding="utf-8")
    (tmp_path / "talks-sources.csv").write_text(
        "id,publisher,date,title,url\n"
        "s-2015,EU External Action,2015-07-14,Joint Comprehensive Plan of Action,https://e.eu/j\n",
        encoding="utf-8",
    )
    out = tmp_path / "nuclear"
    assert main(["import", str(tmp_path / "talks.csv"), "--output", str(out)]) == 0
    assert "talks-sources.csv" in capsys.readouterr().err
    source = load_dataset(out).source("s-2015")
    assert (source.publisher, str(source.date)) == ("EU External Action", "2015-07-14")


def test_sources_cited_are_the_briefing_rows_sources_by_id(tmp_path):
    from factory import ROWS as TINY_ROWS
    from factory import SOURCES, edit

    from negotiation.charts import views
    from negotiation.documents import briefing

    sources = [
        *SOURCES,
        {"id": "s2", "publisher": "Wire", "title": "Another report", "date": "2025-01-03"},
        {"id": "s3", "publisher": "Wire", "title": "Not cited", "date": "2025-01-04"},
    ]
    rows = edit(TINY_ROWS, "v2", "a", "cap", sources="s2")
    ds = load_dataset(write_dataset(tmp_path / "t", rows, metadata(sources=sources)))
    built = briefing.build(ds, views.Selection.default(ds))
    # s1 and s2 are cited by the rows shown; s3 shares their publisher but no row cites it
    assert list(built.sources["Title"]) == ["Report", "Another report"]


def test_two_dates_for_one_version_are_an_error_naming_both_rows():
    text = (
        "version,version_date,party,issue,value\n"
        "jpoa,2013-11-24,a,cap,3.5\njpoa,2013-11-24,b,cap,5\njpoa,2014-01-20,c,cap,20\n"
    )
    problems = refused(text)
    assert [str(p) for p in problems] == [
        "t.csv, row 4, column 'version_date': version 'jpoa' has two version_date values: "
        "'2013-11-24' (row 2) and '2014-01-20' (row 4); give one"
    ]


@pytest.mark.parametrize(
    ("value", "told"),
    [
        ("3,67", "issue 'cap' has '3,67', a decimal comma: use a decimal point (3.67)"),
        ("16,000", "issue 'cap' has '16,000': write numbers without thousands separators (16000)"),
    ],
)
def test_numbers_written_the_local_way_are_told_how_to_write(value, told):
    text = f'version,version_date,party,issue,value\nv1,2015-07-14,a,cap,"{value}"\n'
    problems = refused(text)
    assert [p.message for p in problems] == [told]


def test_a_metadata_problem_is_reported_at_the_users_row_and_column():
    text = (
        "version,version_date,version_kind,party,issue,value\n"
        "jpoa,2013-11-24,draft,a,cap,3.5\nfinal,2015-07-14,treaty,a,cap,3.67\n"
    )
    problems = refused(text)
    (problem,) = problems
    assert (problem.file, problem.row, problem.column) == ("t.csv", 3, "version_kind")
    assert "treaty" in problem.message


def test_a_problem_on_many_rows_is_one_line_naming_them():
    from negotiation.data.problems import Problem, collapsed

    same = [Problem("t.csv", "'x' is not a level", row, "value") for row in (74, 75, 76)]
    other = [Problem("t.csv", "'x' is not a level", row, "value") for row in (3, 9)]
    assert [str(p) for p in collapsed([*same, Problem("t.csv", "alone", 5, "party")])] == [
        "t.csv, column 'value': rows 74–76: 'x' is not a level",
        "t.csv, row 5, column 'party': alone",
    ]
    assert str(collapsed(other)[0]) == "t.csv, column 'value': rows 3 and 9: 'x' is not a level"


def test_a_change_of_status_is_a_change(tmp_path):
    from factory import ROWS as TINY_ROWS
    from factory import edit

    from negotiation.analysis import agreement
    from negotiation.charts import views
    from negotiation.documents import briefing

    rows = edit(TINY_ROWS, "v1", "b", "cap", status="disputed")  # 800, disputed → stated
    ds = load_dataset(write_dataset(tmp_path / "t", rows))
    diff = agreement.version_diff(ds, "v1", "v2").set_index(["party", "issue"])
    assert diff.loc[("b", "cap"), "change"] == "status changed"
    assert diff.loc[("a", "cap"), "change"] == "unchanged"
    built = briefing.build(ds, views.Selection.default(ds))
    assert "On Army cap, Beta keeps 800 thousand, now stated (was disputed)." in built.headlines
    assert "<td>status changed</td>" in briefing.to_html(built).decode()
    assert built.judged == (
        "Moved toward and away from: judged against the others' positions (the draft's "
        "included) at Second draft, or at First draft where one is not known at Second draft."
    )


def test_party_names_are_printed_as_given(tmp_path):
    from factory import PARTIES

    from negotiation.charts import views
    from negotiation.documents import briefing

    parties = [PARTIES[0], PARTIES[1] | {"name": "EU/E3 (France, Germany, UK, EU)"}, PARTIES[2]]
    ds = load_dataset(write_dataset(tmp_path / "t", meta=metadata(parties=parties)))
    built = briefing.build(ds, views.Selection.default(ds))
    assert (
        "On Army cap, the draft moved from 600 thousand to 800 thousand, toward "
        "EU/E3 (France, Germany, UK, EU) and Gamma and away from Alpha." in built.headlines
    )


def test_what_an_import_assumed_is_its_report_saved_as_import_md(tmp_path):
    from negotiation.data import edit as editing
    from negotiation.data import store

    ds = importers.import_files({"t.csv": NO_SOURCES_TABLE.encode()}, "t")
    assert ds.description == "Imported from t.csv."
    assert any("scale runs 3.5–4.5" in line for line in ds.import_report)
    store.save(ds, tmp_path / "t")
    report = (tmp_path / "t" / "IMPORT.md").read_text(encoding="utf-8")
    assert report.startswith("# Import report: t")
    assert all(f"- {line}\n" in report for line in ds.import_report)
    # a later save of the folder (an edit) keeps the report, and any other document beside it
    (tmp_path / "t" / "AUDIT.md").write_text("checked", encoding="utf-8")
    loaded = load_dataset(tmp_path / "t")
    assert loaded.import_report == ()
    store.save(loaded, tmp_path / "t")
    assert (tmp_path / "t" / "IMPORT.md").read_text(encoding="utf-8") == report
    assert (tmp_path / "t" / "AUDIT.md").read_text(encoding="utf-8") == "checked"
    assert editing  # the Data page saves through store.save too


def test_an_issues_scale_is_edited_and_checked_as_a_whole(tiny):
    from negotiation.data import edit as editing

    changed = editing.update_issue(
        tiny, "cap", {"unit": "thousand troops", "max": 950.0, "direction": "descending"}
    )
    scale = changed.issue("cap").scale
    assert (scale.unit, scale.max, scale.descending) == ("thousand troops", 950.0, True)
    with pytest.raises(DatasetError) as caught:  # 900 (Gamma at v2) would fall off the scale
        editing.update_issue(tiny, "cap", {"max": 850.0})
    assert any("off the scale" in p.message for p in caught.value.problems)


def test_a_wrong_date_column_is_one_line_naming_its_rows():
    rows = "".join(f"v1,24/11/2013,p{n},cap,{n}\n" for n in range(72))
    text = "version,version_date,party,issue,value\n" + rows
    problems = refused(text)
    assert [str(p) for p in problems] == [
        "t.csv, column 'version_date': rows 2–73: '24/11/2013' is not a date (YYYY-MM-DD)"
    ]
