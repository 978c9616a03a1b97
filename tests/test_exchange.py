"""The tidy table is a complete exchange format: `table` (CSV with its sources table, or XLSX)
then `import` gives back an equal dataset, field by field, for the bundled dataset, a small
one with every v2 field, and generated ones."""

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from factory import CAP_DOWN, ROWS, edit, metadata, row, write_dataset
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from negotiation.data import exchange, importers, spreadsheet
from negotiation.data.load import load_dataset
from negotiation.data.model import POSITION_COLUMNS, Dataset
from negotiation.data.problems import DatasetError

BUNDLED = Path(__file__).resolve().parents[1] / "data" / "ukraine-2025"


def through_csv(ds: Dataset) -> Dataset:
    files = {
        "talks.csv": spreadsheet.to_csv(exchange.positions_table(ds)),
        "talks-sources.csv": spreadsheet.to_csv(exchange.sources_table(ds)),
    }
    return importers.import_files(files, ds.id)


def through_xlsx(ds: Dataset) -> Dataset:
    book = spreadsheet.to_xlsx(
        {"positions": exchange.positions_table(ds), "sources": exchange.sources_table(ds)}
    )
    return importers.import_files({"talks.xlsx": book}, ds.id)


def by_id(items) -> dict:
    return {item.id: item for item in items}


def assert_same(back: Dataset, ds: Dataset) -> None:
    """Equal field by field: metadata by id, references as sets, positions cell by cell."""
    assert (back.title, back.description, back.licence, back.poles, back.carry) == (
        ds.title, ds.description, ds.licence, ds.poles, ds.carry,
    )  # fmt: skip
    assert by_id(back.parties) == by_id(ds.parties)
    assert by_id(back.versions) == by_id(ds.versions)
    assert by_id(back.sources) == by_id(ds.sources)
    for issue in ds.issues:
        other = back.issue(issue.id)
        assert (other.name, other.group, other.description, other.scale) == (
            issue.name, issue.group, issue.description, issue.scale,
        ), issue.id  # fmt: skip
        assert set(other.references) == set(issue.references), issue.id
    assert list(back.issue_ids) == list(ds.issue_ids)
    columns = [c for c in POSITION_COLUMNS if c != "salience"]
    keys = ["version", "party", "issue"]
    mine = ds.positions.sort_values(keys).reset_index(drop=True)
    theirs = back.positions.sort_values(keys).reset_index(drop=True)
    pd.testing.assert_frame_equal(theirs[columns], mine[columns])
    pd.testing.assert_series_equal(theirs["salience"], mine["salience"])
    pd.testing.assert_series_equal(theirs["norm"], mine["norm"])


@pytest.mark.parametrize("through", [through_csv, through_xlsx], ids=["csv", "xlsx"])
def test_the_bundled_dataset_comes_back_equal(through):
    ds = load_dataset(BUNDLED)
    assert_same(through(ds), ds)


V2_ISSUES = [
    CAP_DOWN
    | {
        "reference": [
            {"value": 880, "label": "About 880,000", "sources": ["s1"]},
            {"value": 900, "label": "About 900,000", "sources": ["s2"], "version": "v2"},
        ],
    },
    {
        "id": "nato",
        "name": "NATO membership",
        "group": "security",
        "description": "Whether the country may join; levels with ; and = in labels.",
        "scale": {
            "kind": "ordinal",
            "levels": [
                {"id": "open", "label": "Open path; no conditions"},
                {"id": "consensus", "label": "By consensus = NATO decides"},
                {"id": "barred", "label": "Barred"},
            ],
        },
        "reference": {"value": "consensus", "label": "NATO's open door"},
    },
]
V2_SOURCES = [
    {"id": "s1", "publisher": "Wire", "title": "Report", "date": "2025-01-02",
     "url": "https://example.org/report"},
    {"id": "s2", "publisher": "Ministry", "title": "Statement", "date": "2025-01-03",
     "unpublished": "Read on television; no transcript"},
]  # fmt: skip


@pytest.fixture
def everything(tmp_path):
    """A dataset using every field: poles, a descending scale with a named value, references
    for all versions and one, a final version revising the first, capabilities, quotes, red
    lines, links, a carry limit."""
    meta = metadata(
        poles={"low": "Kyiv's aims", "high": "Moscow's demands"},
        issues=V2_ISSUES,
        sources=V2_SOURCES,
        versions=[
            {
                "id": "v1",
                "name": "First draft",
                "date": "2025-01-01",
                "kind": "draft",
                "author": "A",
                "summary": 'The first, with a comma, and a "quote".',
            },
            {
                "id": "v2",
                "name": "Agreed text",
                "date": "2025-02-01",
                "kind": "agreement",
                "final": True,
                "capabilities": {"a": 0.5},
                "revises": "v1",
                "revises_sources": [V2_SOURCES[0]["id"]],
            },
        ],
        carry={"max_age_days": 90},
    )
    rows = edit(ROWS, "v2", "c", "cap", value="no-cap", quote="No limits on the army.")
    rows = edit(rows, "v1", "a", "cap", accept_min="500", accept_max="700", salience="0.8",
                quote='"Six hundred", he said; no more.', note="One, two")  # fmt: skip
    return load_dataset(write_dataset(tmp_path / "everything", rows, meta))


@pytest.mark.parametrize("through", [through_csv, through_xlsx], ids=["csv", "xlsx"])
def test_every_v2_field_comes_back_equal(everything, through):
    back = through(everything)
    assert_same(back, everything)
    assert back.final_version.id == "v2"
    assert (back.version("v2").revises, back.carry.max_age_days) == ("v1", 90)
    assert back.issue("cap").reference("v2").value == "900"
    assert back.issue("cap").reference("v1").value == "880"
    cell = back.positions.set_index(["version", "party", "issue"]).loc[("v2", "c", "cap")]
    assert (cell["value"], cell["quote"], cell["norm"]) == ("no-cap", "No limits on the army.", 0)


def test_the_table_has_the_quote_and_red_line_columns(everything):
    table = exchange.positions_table(everything)
    assert {"quote", "accept_min", "accept_max", "issue_group", "scale_direction"} <= set(table)
    assert list(table.columns).index("quote") == list(table.columns).index("sources") + 1


def test_a_table_without_metadata_columns_says_what_it_assumed():
    text = (
        "version,version_date,party,issue,value,value_label\n"
        "v1,2025-01-01,a,enrichment,3.67,3.67%\nv1,2025-01-01,b,enrichment,60,60%\n"
    )
    ds = importers.import_files({"nuclear.csv": text.encode()}, "nuclear")
    scale = ds.issue("enrichment").scale
    assert (scale.unit, scale.min, scale.max) == ("%", 3.67, 60)
    report = "; ".join(ds.import_report)
    assert "issue enrichment's unit is '%', read from its value labels" in report
    assert "issue enrichment's scale runs 3.67–60" in report
    assert "Assumed" not in ds.description
    assert ds.source("imported").unpublished.startswith("imported from nuclear.csv")


@pytest.mark.parametrize(
    "text",
    [
        "version,party,issue,value\nv1,a,cap,1\nv2,a,cap,2\n",  # no version_date column
        "version,version_date,party,issue,value\nv1,,a,cap,1\nv2,,a,cap,2\n",  # no cell
    ],
)
def test_a_version_without_a_date_is_refused_at_its_first_row(text):
    # versions are ordered by their dates: an import never guesses one
    with pytest.raises(DatasetError) as caught:
        importers.import_files({"t.csv": text.encode()}, "t")
    assert [str(p) for p in caught.value.problems] == [
        f"t.csv, row {row}, column 'version_date': version '{v}' has no date: give its "
        "version_date (YYYY-MM-DD) on one of its rows"
        for row, v in ((2, "v1"), (3, "v2"))
    ]


def test_a_date_on_one_row_of_a_version_dates_it():
    text = "version,version_date,party,issue,value\nv1,,a,cap,1\nv1,2025-03-04,b,cap,2\n"
    ds = importers.import_files({"t.csv": text.encode()}, "t")
    assert ds.version("v1").date == date(2025, 3, 4)


LEVELS = ["low", "mid", "high", "top"]


@st.composite
def datasets(draw) -> tuple[dict, list[dict]]:
    """A small dataset with random scales, directions, named values, references and cells."""
    n_issues = draw(st.integers(1, 3))
    issues, rows = [], []
    words = st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), min_size=1,
                    max_size=30).map(str.strip).filter(bool)  # fmt: skip
    for n in range(n_issues):
        numeric = draw(st.booleans())
        direction = draw(st.sampled_from(["ascending", "descending"]))
        if numeric:
            scale = {"kind": "numeric", "unit": draw(st.sampled_from(["", "kg", "%"])), "min": 0,
                     "max": 100, "direction": direction,
                     "named": [{"id": "none-at-all", "label": draw(words), "at": "max"}]}  # fmt: skip
            values = st.one_of(st.integers(0, 100).map(str), st.just("none-at-all"))
        else:
            count = draw(st.integers(2, 4))
            scale = {"kind": "ordinal", "direction": direction,
                     "levels": [{"id": i, "label": draw(words)} for i in LEVELS[:count]]}  # fmt: skip
            values = st.sampled_from(LEVELS[:count])
        issue = {"id": f"i{n}", "name": draw(words), "group": "g", "description": "",
                 "scale": scale}  # fmt: skip
        if draw(st.booleans()):
            issue["reference"] = {"value": draw(values), "label": draw(words), "sources": ["s1"]}
        issues.append(issue)
        for version in ("v1", "v2"):
            for party in ("draft", "a", "b", "c"):  # every party has rows: the table is rows
                if draw(st.booleans()):
                    rows.append(row(version, party, f"i{n}", draw(values), quote=draw(words)))
                else:
                    rows.append(row(version, party, f"i{n}"))
    return metadata(issues=issues, sources=V2_SOURCES), rows


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])  # fmt: skip
@given(generated=datasets(), xlsx=st.booleans())
def test_generated_datasets_come_back_equal(tmp_path, generated, xlsx):
    meta, rows = generated
    ds = load_dataset(write_dataset(tmp_path / "generated", rows, meta))
    assert_same((through_xlsx if xlsx else through_csv)(ds), ds)


def test_the_table_command_writes_the_sources_table_beside_a_csv(tmp_path):
    from negotiation.cli import main

    out = tmp_path / "talks.csv"
    assert main(["table", str(BUNDLED), "-o", str(out)]) == 0
    sources = pd.read_csv(tmp_path / "talks-sources.csv", dtype=str, keep_default_na=False)
    assert list(sources.columns) == list(exchange.SOURCE_COLUMNS)
    assert len(sources) == len(load_dataset(BUNDLED).sources)
