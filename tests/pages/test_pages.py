"""Every page through AppTest: no exception, the expected values, widgets and URL state."""

import json

import pytest
from apptest import CHARTLESS, PAGES, charts, open_page, titles
from factory import ROWS, row, write_dataset

from benchmarks import generate
from negotiation.analysis import agreement, headlines, standing
from negotiation.data.load import load_dataset
from negotiation.ui import controls, render, table_fit


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_the_bundled_dataset(page):
    at = open_page(page)
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="dataset").value == "ukraine-2025"
    if page not in CHARTLESS:
        assert charts(at), f"{page} shows no chart"
    for table in at.dataframe:  # a missing value reads "—", never "None" or "nan"
        assert table.proto.placeholder == "—"
        cells = table.value.to_numpy().ravel()
        assert not [c for c in cells if isinstance(c, str) and c.strip() in ("None", "nan")]


def test_overview_counts_on_the_tiny_dataset(tiny_app):
    at = open_page("overview")
    metrics = [(m.label, m.value) for m in at.metric]
    # v2 (the latest): cap known for all three, none agree; the draft matches Beta on both.
    assert metrics[:6] == [
        ("Issues where all parties agree", "0 of 2"),
        ("Undisclosed positions", "0"),
        ("Issues", "2"),
        ("A", "0"),
        ("B", "2"),
        ("C", "0"),
    ]
    # the army cap's figures in full, with the change since the first draft
    assert metrics[6:] == [
        ("Draft's term", "800,000"),
        ("A", "600,000"),
        ("B", "800,000"),
        ("C", "900,000"),
    ]
    assert [m.proto.delta for m in at.metric[6:]] == [
        "+200,000", "unchanged", "unchanged", "was undisclosed"
    ]  # fmt: skip
    assert at.title[0].value == "Tiny talks"
    assert titles(at) == [
        "Second draft · 01 February 2025",
        "Headline numbers",
        "Timeline of versions",
        "Position matrix",
    ]
    # the matrix has its own page, one click away
    link = at.get("page_link")[0].proto
    assert link.label.startswith("Open the matrix")
    assert link.page.endswith("matrix")


def generated_overview(tmp_path, monkeypatch, size: str):
    """The Overview over a generated dataset of `size` alone, and that dataset's standing
    positions."""
    folder = generate.write(tmp_path / "generated", generate.Size.parse(size))
    monkeypatch.setenv("NEGOTIATION_DATA_DIR", str(tmp_path))
    at = open_page("overview")
    assert not at.exception
    return at, standing.as_of(load_dataset(folder), standing.DEFAULT_MODE)


def test_many_headline_numbers_are_one_table(tmp_path, monkeypatch):
    # 10 numeric issues × (the draft, 4 parties, no reference point): 50 figures
    at, _ = generated_overview(tmp_path, monkeypatch, "5x20x3")
    table = next(t.value for t in at.dataframe if "Issue" in t.value.columns)
    assert len(table) == 10
    assert list(table.columns[2:]) == ["Draft's term", "P0", "P1", "P2", "P3"]
    # no card per figure: only the counts' 3 and the draft's match with each of the 4 parties
    assert len(at.metric) == 3 + 4


def test_many_issues_start_as_all_issues_without_a_chip_each(tmp_path, monkeypatch):
    # 41 issues: more than ISSUE_CHIPS, so the filter starts empty, which means every issue
    at, ds = generated_overview(tmp_path, monkeypatch, "3x41x2")
    assert len(ds.issue_ids) == 41 > controls.ISSUE_CHIPS
    assert at.multiselect(key="issues").value == []
    assert "issues" not in at.query_params  # the default, left out of the link
    every = headlines.term_paths(ds, ds.version_ids[-1], ds.issue_ids)
    paths = next(t.value for t in at.dataframe if "Path" in t.value.columns)
    assert list(paths["Path"]) == list(every["path"]) and len(every) > render.PATH_LINES
    at.multiselect(key="issues").set_value(ds.issue_ids[:2]).run()
    assert at.query_params["issues"] == ds.issue_ids[:2]
    assert not [t for t in at.dataframe if "Path" in t.value.columns]  # two issues at most


def test_up_to_issue_chips_every_issue_has_its_chip(tmp_path, monkeypatch):
    at, ds = generated_overview(tmp_path, monkeypatch, "3x40x2")
    assert len(ds.issue_ids) == controls.ISSUE_CHIPS
    assert at.multiselect(key="issues").value == ds.issue_ids


def test_many_parties_draft_matches_are_one_table(tmp_path, monkeypatch):
    at, ds = generated_overview(tmp_path, monkeypatch, "12x6x2")
    column = "Issues where the draft's term matches"
    table = next(t.value for t in at.dataframe if column in t.value.columns)
    assert len(table) == 11  # 12 "parties" in the generator's size count the draft
    assert table[column].is_monotonic_decreasing  # the draft's closest parties first
    counts = agreement.headline_counts(ds, ds.version_ids[-1], ds.party_ids)
    expected = {ds.party(p).name: n for p, n in counts["draft_matches"].items()}
    assert dict(zip(table["Party"], table[column], strict=True)) == expected
    assert len(at.metric) == 3  # the counts only: no card per party


def test_many_term_paths_are_one_table(tmp_path, monkeypatch):
    at, ds = generated_overview(tmp_path, monkeypatch, "3x30x3")
    table = next(t.value for t in at.dataframe if "Path" in t.value.columns)
    paths = headlines.term_paths(ds, ds.version_ids[-1], ds.issue_ids)
    assert len(paths) == 15 > render.PATH_LINES
    assert table["Path"].tolist() == paths["path"].tolist()
    assert table["Issue"].tolist() == paths["issue_name"].tolist()
    assert not [m for m in at.markdown if " in Version " in m.value]  # not also as text


def test_a_version_without_a_draft_text_says_so(tmp_path, monkeypatch):
    rows = [
        row(r["version"], "draft", r["issue"]) if (r["version"], r["party"]) == ("v2", "draft")
        else r
        for r in ROWS
    ]  # fmt: skip
    write_dataset(tmp_path / "summit", rows)
    monkeypatch.setenv("NEGOTIATION_DATA_DIR", str(tmp_path))
    at = open_page("overview")
    assert not at.exception
    assert [m.label for m in at.metric][:3] == [
        "Issues where all parties agree", "Undisclosed positions", "Issues"
    ]  # fmt: skip
    # no row of zeros: the party cards left are the headline numbers' figures
    assert not [m for m in at.metric if m.label in ("A", "B", "C") and m.value == "0"]
    assert any("No draft term is known at Second draft" in c.value for c in at.caption)


def test_changing_version_changes_the_matrix_data(tiny_app):
    at = open_page("matrix")
    before = charts(at)[0]["frame"]
    assert set(before["version"]) == {"v2"}
    at.selectbox(key="version").set_value("v1").run()
    after = charts(at)[0]["frame"]
    assert set(after["version"]) == {"v1"}
    cell = after.set_index(["party", "issue"]).loc[("c", "cap")]
    assert (cell["status"], cell["value_label"], bool(cell["known"])) == (
        "undisclosed",
        "undisclosed",
        False,
    )


def test_url_state_round_trips(tiny_app):
    at = open_page("matrix", {"version": "v1", "parties": ["a", "c"]})
    assert at.selectbox(key="version").value == "v1"
    assert at.multiselect(key="parties").value == ["a", "c"]
    frame = charts(at)[0]["frame"]
    assert set(frame["party"]) == {"draft", "a", "c"}
    at.selectbox(key="version").set_value("v2").run()
    assert "version" not in at.query_params  # back at its default: left out of the link
    assert at.query_params["parties"] == ["a", "c"]
    at.selectbox(key="to").set_value("v1").run()
    assert at.query_params["to"] == "v1"
    at.switch_page("pages/gaps.py").run()
    assert at.multiselect(key="parties").value == ["a", "c"]


def test_unknown_url_values_fall_back_to_defaults(tiny_app):
    at = open_page("overview", {"version": "nope", "dataset": "../../etc"})
    assert not at.exception
    assert at.selectbox(key="version").value == "v2"
    assert at.selectbox(key="dataset").value == "tiny"


def test_no_party_chosen_explains_instead_of_failing(tiny_app):
    at = open_page("gaps", {"parties": []})
    at.multiselect(key="parties").set_value([]).run()
    assert not at.exception
    infos = [i.value for i in at.info]
    assert "No party is chosen: pick at least one in the sidebar." in infos


def test_version_with_nothing_disclosed_shows_an_explanation(tmp_path, monkeypatch):
    rows = [*ROWS, *(row("v3", p, i) for p in ("draft", "a", "b", "c") for i in ("cap", "nato"))]
    from factory import VERSIONS, metadata

    meta = metadata(
        versions=[*VERSIONS, {"id": "v3", "name": "Secret", "date": "2025-03-01", "kind": "draft"}]
    )
    write_dataset(tmp_path / "tiny", rows=rows, meta=meta)
    monkeypatch.setenv("NEGOTIATION_DATA_DIR", str(tmp_path))
    at = open_page("matrix", {"positions": "event"})  # standing, v2's positions would carry
    assert not at.exception
    assert (
        "Nothing is disclosed for the chosen parties and issues in this version: pick another "
        "version, or more parties and issues, in the sidebar." in [i.value for i in at.info]
    )


def test_gaps_page_focus_issue_and_agreement(tiny_app):
    at = open_page("gaps", {"version": "v1"})
    scale = charts(at)[0]
    assert set(scale["frame"]["issue"]) == {"cap"}
    at.selectbox(key="issue").set_value("nato").run()
    scale = charts(at)[0]
    assert sorted(scale["frame"]["value_label"]) == [
        "Barred",
        "Barred",
        "By consensus",
        "Open path",
    ]
    cell = charts(at)[2]["frame"].set_index(["party_a", "party_b"]).loc[("a", "draft")]
    assert (cell["agreed"], cell["known"]) == (2, 2)
    assert charts(at)[3]["frame"]["issue"].tolist() == ["nato", "cap"]


def test_compare_page_lists_the_army_cap_change():
    at = open_page("compare", {"from": "us-28", "to": "eu-counter"})
    table = at.dataframe[0].value
    cap = table[(table["Party"] == "Draft text") & (table["Issue"] == "Ukraine's army size cap")]
    assert [list(tags) for tags in cap["Change"]] == [["changed"]]
    assert cap["Before"].tolist() == ["600 thousand personnel"]
    assert cap["After"].tolist() == ["800 thousand personnel"]
    # Ukraine wants no cap at all (the scale's low pole) and Europe 800: both are nearer 800
    # than 600, so the move is toward them both and away from the US's 600.
    assert cap["Moved toward"].iloc[0] == "Ukraine, Europe (UK–France–Germany / EU)"
    assert cap["Moved away from"].iloc[0] == "United States"


def test_compare_page_tags_each_change_in_its_colour():
    at = open_page("compare", {"from": "us-28", "to": "eu-counter"})
    config = json.loads(at.dataframe[0].proto.columns)["Change"]["type_config"]
    colours = {option["value"]: option["color"] for option in config["options"]}
    assert colours == render.CHANGE_COLOURS


def test_compare_page_counts(tiny_app):
    at = open_page("compare")
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["Changed"], metrics["Newly disclosed"], metrics["Dropped"]) == ("2", "1", "1")
    at.toggle(key="only_changes").set_value(False).run()
    assert len(at.dataframe[0].value) == 8


def test_sources_page_lists_citations_and_conflicts(tiny_app):
    at = open_page("sources")
    sources = at.dataframe[0].value
    assert sources[["Publisher", "Positions"]].values.tolist() == [["Wire", 16]]
    assert len(at.dataframe[1].value) == 16
    assert "No conflicting reports are recorded in this dataset." in [i.value for i in at.info]


def test_a_long_table_shows_its_first_rows_and_says_so(tiny_app, monkeypatch):
    monkeypatch.setattr(table_fit, "MAX_SHOWN", 10)
    at = open_page("sources")
    assert len(at.dataframe[1].value) == 10
    notes = [c.value for c in at.caption]
    assert "Showing the first 10 of 16 rows; the downloads hold every row." in notes


def test_an_edit_on_disk_shows_on_the_next_rerun(tiny_app):
    at = open_page("matrix")
    before = charts(at)[0]["frame"].set_index(["party", "issue"]).loc[("a", "cap"), "value_label"]
    assert before == "600 thousand"
    positions = tiny_app / "tiny" / "positions.csv"
    positions.write_text(positions.read_text().replace("v2,a,cap,600,", "v2,a,cap,650,"))
    at.run()
    after = charts(at)[0]["frame"].set_index(["party", "issue"]).loc[("a", "cap"), "value_label"]
    assert after == "650 thousand"
