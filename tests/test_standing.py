"""Standing positions: carried forward with their origin, ended by a later none, limited by the
dataset's carry setting; drafts inheriting through `revises`; reference points carried; and
the library, the command line and the pages agreeing with one independent computation."""

import dataclasses
import io
import random

import pandas as pd
import pytest
from apptest import charts, open_page
from factory import ISSUES, ROWS, VERSIONS, edit, metadata, row, write_dataset

from negotiation.analysis import standing
from negotiation.cli import main
from negotiation.data.load import load_dataset
from negotiation.data.model import DRAFT, POSITION_COLUMNS
from negotiation.data.problems import DatasetError
from negotiation.data.references import references

V3 = {"id": "v3", "name": "Third draft", "date": "2025-03-01", "kind": "draft"}
V4 = {"id": "v4", "name": "Fourth draft", "date": "2025-04-01", "kind": "draft"}
# v3 says nothing but the draft's NATO term; v4 says nothing at all
SILENT = [
    *ROWS,
    row("v3", "draft", "cap"),
    row("v3", "draft", "nato", "barred"),
    *(row("v3", p, i) for p in "abc" for i in ("cap", "nato")),
    *(row(v, p, i) for v in ["v4"] for p in ("draft", "a", "b", "c") for i in ("cap", "nato")),
]


def silent(tmp_path, versions=(V3, V4), **meta):
    folder = write_dataset(
        tmp_path / "talks", SILENT, metadata(versions=[*VERSIONS, *versions], **meta)
    )
    return load_dataset(folder)


def cell(ds, version, party, issue) -> dict:
    p = ds.positions
    at = p[(p["version"] == version) & (p["party"] == party) & (p["issue"] == issue)]
    assert len(at) == 1
    return at.iloc[0].to_dict()


@pytest.mark.parametrize(
    ("version", "party", "issue", "value", "status", "carried_from", "carried_date"),
    [
        ("v1", "a", "cap", "600", "stated", "", ""),  # stated at its own version
        ("v3", "a", "cap", "600", "stated", "v2", "2025-02-01"),  # carried one version
        ("v4", "a", "cap", "600", "stated", "v2", "2025-02-01"),  # the origin, not v3
        ("v4", "c", "cap", "900", "stated", "v2", "2025-02-01"),
        ("v2", "c", "nato", "", "none", "", ""),  # a later none ends v1's "open"
        ("v3", "c", "nato", "", "none", "v2", "2025-02-01"),  # and carries as none
        ("v3", "draft", "cap", "", "undisclosed", "", ""),  # no `revises`: nothing inherited
    ],
)
def test_carried_forward_with_its_origin(tmp_path, version, party, issue, value, status,
                                         carried_from, carried_date):  # fmt: skip
    found = cell(standing.standing(silent(tmp_path)), version, party, issue)
    assert (found["value"], found["status"]) == (value, status)
    assert (found["carried_from"], found["carried_date"]) == (carried_from, carried_date)


def test_undisclosed_until_first_disclosed(tmp_path):
    ds = standing.standing(silent(tmp_path))
    assert cell(ds, "v1", "c", "cap")["status"] == "undisclosed"  # nothing before v1


def test_disputed_carries_as_disputed(tmp_path):
    rows = edit(SILENT, "v2", "b", "cap", status="disputed")
    meta = metadata(versions=[*VERSIONS, V3, V4])
    ds = standing.standing(load_dataset(write_dataset(tmp_path / "d", rows, meta)))
    assert (cell(ds, "v4", "b", "cap")["status"], cell(ds, "v4", "b", "cap")["value"]) == (
        "disputed",
        "800",
    )


@pytest.mark.parametrize(
    ("carry", "v3_a_cap", "v4_a_cap"),
    [
        (True, "600", "600"),
        ({"max_age_days": 28}, "600", ""),  # v2 -> v3 is 28 days, v2 -> v4 59
        ({"max_age_days": 27}, "", ""),
        (False, "", ""),
    ],
)
def test_the_dataset_limits_carrying(tmp_path, carry, v3_a_cap, v4_a_cap):
    ds = silent(tmp_path, carry=carry)
    shown = standing.standing(ds)
    assert cell(shown, "v3", "a", "cap")["value"] == v3_a_cap
    assert cell(shown, "v4", "a", "cap")["value"] == v4_a_cap


def test_carry_setting_round_trips_through_save(tmp_path):
    from negotiation.data import store

    ds = silent(tmp_path, carry={"max_age_days": 30})
    store.save(ds, tmp_path / "copy", overwrite=False)
    assert load_dataset(tmp_path / "copy").carry == ds.carry


def test_event_mode_is_the_record(tmp_path):
    ds = silent(tmp_path)
    event = standing.as_of(ds, "event")
    columns = [*POSITION_COLUMNS, "norm"]
    pd.testing.assert_frame_equal(event.positions[columns], ds.positions[columns])
    assert set(event.positions["carried_from"]) == {""}
    assert event.fingerprint != ds.fingerprint != standing.as_of(ds).fingerprint


def test_unknown_mode_names_the_valid_ones(tmp_path):
    with pytest.raises(ValueError, match="valid: standing, event"):
        standing.as_of(silent(tmp_path), "latest")


# Lineage: v3 revises v2 (its own NATO term, silent on the cap); v4 revises v3 (silent on both)
LINEAGE = [*VERSIONS, V3 | {"revises": "v2"}, V4 | {"revises": "v3"}]


@pytest.mark.parametrize(
    ("version", "issue", "value", "carried_from"),
    [
        ("v3", "cap", "800", "v2"),  # silent: the parent's term stands
        ("v3", "nato", "barred", ""),  # its own text replaces the parent's
        ("v4", "cap", "800", "v2"),  # through two revisions, from where it was written
        ("v4", "nato", "barred", "v3"),
    ],
)
def test_a_revision_inherits_and_overrides_its_parent(
    tmp_path, version, issue, value, carried_from
):
    ds = standing.standing(silent(tmp_path, versions=LINEAGE[2:]))
    found = cell(ds, version, DRAFT, issue)
    assert (found["value"], found["carried_from"]) == (value, carried_from)


def test_a_term_the_revision_dropped_stays_dropped(tmp_path):
    rows = edit(SILENT, "v3", DRAFT, "cap", status="none")
    meta = metadata(versions=[*VERSIONS, *LINEAGE[2:]])
    ds = standing.standing(load_dataset(write_dataset(tmp_path / "dropped", rows, meta)))
    assert (
        cell(ds, "v3", DRAFT, "cap")["status"],
        cell(ds, "v3", DRAFT, "cap")["carried_from"],
    ) == ("none", "")
    assert cell(ds, "v4", DRAFT, "cap")["status"] == "none"  # and its child inherits the drop


def test_lineage_holds_with_carrying_off(tmp_path):
    ds = standing.standing(silent(tmp_path, versions=LINEAGE[2:], carry=False))
    assert cell(ds, "v4", DRAFT, "cap")["value"] == "800"
    assert cell(ds, "v4", "a", "cap")["value"] == ""


@pytest.mark.parametrize(
    ("revises", "message"),
    [
        ("v9", "version v3: revises unknown version 'v9'; valid: v1, v2, v3, v4"),
        ("v4", "version v3: revises 'v4', which is not earlier"),
        ("v3", "version v3: revises 'v3', which is not earlier"),
    ],
)
def test_revises_must_name_an_earlier_version(tmp_path, revises, message):
    with pytest.raises(DatasetError) as error:
        silent(tmp_path, versions=[V3 | {"revises": revises}, V4])
    assert any(message in str(p) for p in error.value.problems)


def test_a_reference_point_carries_forward(tmp_path):
    cap = ISSUES[0] | {"reference": [{"value": "880", "label": "Army in 2025", "version": "v2"}]}
    ds = silent(tmp_path, issues=[cap, ISSUES[1]])
    assert references(ds, "v4").empty  # as recorded: v4 has none of its own
    shown = references(standing.standing(ds), "v4")
    assert shown[["value", "label"]].values.tolist() == [["880", "Army in 2025"]]
    assert references(standing.standing(ds), "v1").empty  # nothing before v2
    carried = standing.standing(ds).issue("cap").reference("v4")
    assert carried.carried_from == "v2"


# One independent computation of the standing matrix, against which the library, the command
# line and the pages are checked: plain loops over versions in date order.
def expected_standing(rows: list[dict], versions: list[dict]) -> dict[tuple, tuple]:
    """(version, party, issue) -> (value, status, carried_from) for the parties (no lineage)."""
    order = [v["id"] for v in sorted(versions, key=lambda v: v["date"])]
    by_key = {(r["version"], r["party"], r["issue"]): r for r in rows}
    out, last = {}, {}
    for version in order:
        for (v, party, issue), r in by_key.items():
            if v != version or party == DRAFT:
                continue
            if r["status"] != "undisclosed":
                last[(party, issue)] = (r["value"], r["status"], version)
                out[(v, party, issue)] = (r["value"], r["status"], "")
            elif (party, issue) in last:
                out[(v, party, issue)] = last[(party, issue)]
            else:
                out[(v, party, issue)] = ("", "undisclosed", "")
    return out


def random_rows(seed: int) -> tuple[list[dict], list[dict]]:
    rng = random.Random(seed)
    versions = [{"id": f"w{n}", "name": f"Round {n}", "date": f"2025-0{9 - n}-01", "kind": "summit"}
                for n in range(1, 7)]  # listed newest first: the order is by date  # fmt: skip
    rows = []
    for v in versions:
        for p in ("draft", "a", "b", "c"):
            for issue, values in (("cap", ["500", "600", "800"]), ("nato", ["open", "barred"])):
                status = rng.choice(["stated", "undisclosed", "undisclosed", "none", "reported"])
                value = rng.choice(values) if status in ("stated", "reported") else ""
                rows.append(row(v["id"], p, issue, value, status=status))
    return rows, versions


@pytest.fixture(params=[1, 2, 3])
def randomised(request, tmp_path):
    rows, versions = random_rows(request.param)
    folder = write_dataset(tmp_path / "random", rows, metadata(versions=versions))
    return folder, expected_standing(rows, versions)


def test_the_library_agrees_with_the_independent_computation(randomised):
    folder, expected = randomised
    p = standing.standing(load_dataset(folder)).positions
    p = p[p["party"] != DRAFT]
    found = {
        (r.version, r.party, r.issue): (r.value, r.status, r.carried_from) for r in p.itertuples()
    }
    assert found == expected


def test_the_table_command_agrees(randomised, capsys):
    folder, expected = randomised
    for version in ("w1", "w4", "w6"):
        assert main(["table", str(folder), "--version", version]) == 0
        table = pd.read_csv(io.StringIO(capsys.readouterr().out), dtype=str, keep_default_na=False)
        table = table[table["party"] != DRAFT]
        assert (table["version"] == version).all()
        found = {
            (version, r.party, r.issue): (r.value, r.status, r.carried_from)
            for r in table.itertuples()
        }
        assert found == {k: v for k, v in expected.items() if k[0] == version}


def test_the_event_table_is_the_record(randomised, capsys):
    folder, _ = randomised
    assert main(["table", str(folder), "--version", "w1", "--positions", "event"]) == 0
    table = pd.read_csv(io.StringIO(capsys.readouterr().out), dtype=str, keep_default_na=False)
    ds = load_dataset(folder)
    recorded = ds.positions[ds.positions["version"] == "w1"]
    assert sorted(table["status"]) == sorted(recorded["status"])
    assert set(table["carried_from"]) == {""}


def test_the_matrix_page_agrees(randomised, monkeypatch):
    folder, expected = randomised
    monkeypatch.setenv("NEGOTIATION_DATA_DIR", str(folder.parent))
    at = open_page("matrix", {"version": "w1"})  # w1 is the newest round
    frame = charts(at)[0]["frame"]
    known = {(r.party, r.issue) for r in frame.itertuples() if r.known}
    wanted = {(p, i) for (v, p, i), (_, status, _) in expected.items()
              if v == "w1" and status in ("stated", "reported")}  # fmt: skip
    assert known - {(DRAFT, "cap"), (DRAFT, "nato")} == wanted
    assert at.radio(key="positions").value == "standing"
    at.radio(key="positions").set_value("event").run()
    frame = charts(at)[0]["frame"]
    p = load_dataset(folder).positions
    at_w1 = p[(p["version"] == "w1") & p["status"].isin(["stated", "reported"])]
    assert {(r.party, r.issue) for r in frame.itertuples() if r.known} == {
        (r.party, r.issue) for r in at_w1.itertuples()
    }
    assert at.query_params["positions"] == "event"


def test_the_matrix_tints_carried_cells_and_names_them(tmp_path):
    from negotiation.analysis import agreement
    from negotiation.charts.matrix import CARRIED, CARRIED_OPACITY, STATED, position_heatmap

    ds = standing.standing(silent(tmp_path))
    frame = agreement.matrix(ds, "v3", ["draft", "a", "b", "c"])
    assert (
        frame.set_index(["party", "issue"]).loc[("a", "cap"), "since"]
        == "since Second draft, 01 Feb 2025"
    )
    assert frame.set_index(["party", "issue"]).loc[("draft", "nato"), "since"] == ""
    spec = position_heatmap(frame).to_dict()
    text = str(spec)
    assert f"datum.shown == '{CARRIED}'" in text and str(CARRIED_OPACITY) in text
    assert "'title': 'Cells'" in text and STATED in text  # the key names both tints
    assert "'title': 'Carried'" in text  # the tooltip says since when


def test_whom_a_revision_moved_toward_compares_it_with_its_parent(tmp_path):
    from negotiation.analysis import drift

    # v3 revises v1, not v2 (a rival text): its cap term 800 against v1's 600
    rows = edit(SILENT, "v3", DRAFT, "cap", value="800", status="stated")
    meta = metadata(versions=[*VERSIONS, V3 | {"revises": "v1"}, V4])
    ds = standing.standing(load_dataset(write_dataset(tmp_path / "rivals", rows, meta)))
    assert ds.revisions == [("v1", "v3")]
    moves = drift.draft_drift(ds, ["a", "b"], ["cap"])
    assert set(zip(moves["old"], moves["new"], strict=True)) == {("v1", "v3")}
    cap = moves.set_index("party")
    # a stands at 600, b at 800: 600 -> 800 moved toward b, away from a
    assert cap.loc["b", "change"] < 0 < cap.loc["a", "change"]


def test_without_any_lineage_consecutive_versions_are_revisions(tmp_path):
    ds = silent(tmp_path)
    assert ds.revisions == [("v1", "v2"), ("v2", "v3"), ("v3", "v4")]


@pytest.mark.parametrize(
    ("old", "new", "note"),
    [
        ("v1", "v3", "Third draft revises First draft: the draft's changes are its edits."),
        (
            "v1",
            "v4",
            "Fourth draft revises First draft (through Third draft): the draft's changes are its edits.",
        ),
        (
            "v4",
            "v1",
            "Fourth draft revises First draft (through Third draft): the draft's changes are its edits, read backwards.",
        ),
        (
            "v2",
            "v3",
            "Third draft does not revise Second draft: their draft terms are two texts of their own, set side by side, not edits.",
        ),
        ("v2", "v2", ""),
    ],
)
def test_the_comparison_says_what_the_lineage_makes_of_it(tmp_path, old, new, note):
    ds = silent(tmp_path, versions=[V3 | {"revises": "v1"}, V4 | {"revises": "v3"}])
    assert standing.comparison_note(ds, old, new) == note
    assert standing.comparison_note(silent(tmp_path / "plain"), old, new) == ""  # no lineage


def test_the_compare_page_and_the_briefing_say_it(tmp_path, monkeypatch):
    from datetime import date

    from negotiation.charts import views
    from negotiation.documents import briefing

    meta = metadata(versions=[*VERSIONS, V3 | {"revises": "v1"}, V4])
    folder = write_dataset(tmp_path / "talks", SILENT, meta)
    ds = standing.as_of(load_dataset(folder))
    sel = views.Selection.default(ds)
    assert (sel.old, sel.new) == ("v3", "v4")  # v4 revises nothing: the version before it
    brief = briefing.build(ds, dataclasses.replace(sel, old="v1", new="v3"), date(2025, 5, 1))
    assert (
        brief.subtitle
        == "Briefing of 01 May 2025. Third draft revises First draft: the draft's changes are its edits."
    )
    monkeypatch.setenv("NEGOTIATION_DATA_DIR", str(tmp_path))
    at = open_page("compare", {"from": "v2", "to": "v3"})
    assert "Third draft does not revise Second draft" in at.caption[0].value


def test_the_path_of_the_drafts_term_through_its_lineage(tmp_path):
    from negotiation.analysis import headlines

    cap = ISSUES[0] | {"reference": [{"value": "880", "label": "Army", "version": "v1"},
                                     {"value": "900", "label": "Army", "version": "v3"}]}  # fmt: skip
    ds = standing.standing(silent(tmp_path, versions=LINEAGE[2:], issues=[cap, ISSUES[1]]))
    paths = headlines.term_paths(ds, "v4").set_index("issue")["path"]
    # the texts' own terms (v3 and v4 only kept v2's), the reference point where it changed
    assert paths["cap"] == (
        "600,000 in First draft (01 Jan 2025); 800,000 in Second draft (01 Feb 2025); "
        "reference point 880,000 at First draft, 900,000 at Fourth draft"
    )
    numbers = headlines.numbers(ds, "v4", ["a"]).set_index("who")
    assert numbers.loc["a", "change"] == "since Second draft"  # a carried figure says so


def test_the_overview_writes_the_army_caps_path_as_text():
    at = open_page("overview")
    text = " ".join(m.value for m in at.markdown)
    for figure in ("600,000 in US 28-point draft", "800,000 in", "900,000 at US 28-point draft"):
        assert figure in text
    assert "About this dataset" in at.expander[0].label


def test_level_short_labels_fill_cells_and_the_tooltip_keeps_the_whole(tmp_path):
    from negotiation.analysis import agreement
    from negotiation.charts.matrix import position_heatmap

    nato = ISSUES[1] | {"scale": {"kind": "ordinal", "levels": [
        {"id": "open", "label": "An open path to membership at a date the allies set together"},
        {"id": "consensus", "label": "By consensus", "short": "Consensus"},
        {"id": "barred", "label": "Barred", "short": "Barred for good"}]}}  # fmt: skip
    ds = silent(tmp_path, issues=[ISSUES[0], nato])
    frame = agreement.matrix(ds, "v1", ["a", "b", "c"], ["nato"]).set_index("party")
    assert frame.loc["b", "value_short"] == "Consensus"
    assert frame.loc["b", "value_label"] == "By consensus"  # tables and tooltips
    assert frame.loc["c", "value_short"] == frame.loc["c", "value_label"]  # no short: the label
    cells = position_heatmap(frame.reset_index()).to_dict()["datasets"]
    shown = next(iter(cells.values()))
    assert {row["cell"] for row in shown} >= {"Consensus", "Barred for good"}


def test_a_short_label_over_32_characters_is_refused(tmp_path):
    nato = ISSUES[1] | {"scale": {"kind": "ordinal", "levels": [
        {"id": "open", "label": "Open", "short": "An open path to membership, at a date"}]}}  # fmt: skip
    with pytest.raises(DatasetError) as error:
        silent(tmp_path, issues=[ISSUES[0], nato])
    assert any("short" in str(p) and "32" in str(p) for p in error.value.problems)


def test_tables_and_the_side_by_side_mark_carried_positions(tmp_path):
    from negotiation.analysis import agreement
    from negotiation.documents import sidebyside

    ds = standing.standing(silent(tmp_path, versions=LINEAGE[2:]))
    text = agreement.stance_matrix(ds, "v4", ["a", "b", "c"]).set_index("Issue")
    assert text.loc["Army cap", "Alpha"].startswith(
        "600 thousand (since Second draft, 01 Feb 2025) — "
    )
    table = sidebyside.build(ds, ["v2", "v4"], ["a"], with_parties=True)
    assert table.cell("cap", "v4")["term"] == "800 thousand (since Second draft, 01 Feb 2025)"
    assert table.cell("cap", "a")["term"] == "600 thousand (since Second draft, 01 Feb 2025)"
    assert table.cell("nato", "v4")["term"] == "Barred (since Third draft, 01 Mar 2025)"


def test_the_forecast_command_agrees(randomised, capsys):
    import json

    folder, expected = randomised
    assert main(["forecast", str(folder), "--version", "w1", "--format", "json"]) == 0
    issues = {i["issue"]: i["known"] for i in json.loads(capsys.readouterr().out)["issues"]}
    wanted = {
        issue: sum(1 for (v, _p, i), (_, status, _) in expected.items()
                   if v == "w1" and i == issue and status in ("stated", "reported"))
        for issue in ("cap", "nato")
    }  # fmt: skip
    assert issues == wanted
