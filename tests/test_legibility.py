"""The page half of "read at a glance": headline numbers in full units, tables fitted to the
page, the focus issue that has something to show, the briefing's most important changes."""

from dataclasses import replace

import pandas as pd
import pytest

from negotiation.analysis import headlines
from negotiation.charts import views
from negotiation.data.load import load_dataset
from negotiation.data.model import number_text
from negotiation.documents import briefing
from negotiation.ui import table_fit
from tests.factory import CAP_DOWN, ISSUES, ROWS, edit, metadata, row, write_dataset


@pytest.mark.parametrize(
    ("number", "unit", "expected"),
    [
        (600, "thousand personnel", (600_000, "personnel")),
        (2.5, "million euros", (2_500_000, "euros")),
        (15, "years", (15, "years")),
        (40, "", (40, "")),
    ],
)
def test_in_full_spells_out_multiplier_words(number, unit, expected):
    assert headlines.in_full(number, unit) == expected


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (600_000, "600,000"), (5966.666, "5,966.666"), (2.5, "2.5"), (0.0, "0"), (3.67, "3.67"),
        (0.1 + 0.2, "0.3"), (-1.25, "-1.25"),
    ],
)  # fmt: skip
def test_given_numbers_read_as_given_with_separators(number, expected):
    assert number_text(number) == expected


def _rows(frame: pd.DataFrame, issue: str) -> dict[str, tuple[str, str]]:
    picked = frame[frame["issue"] == issue]
    return {r.who: (r.label, r.change) for r in picked.itertuples()}


def test_headline_numbers_side_by_side_with_the_change(tiny):
    numbers = headlines.numbers(tiny, "v2", ["a", "b", "c"])
    assert set(numbers["issue"]) == {"cap"}  # the ordinal issue has no numbers
    assert _rows(numbers, "cap") == {
        "draft": ("800,000", "+200,000"),
        "a": ("600,000", "unchanged"),
        "b": ("800,000", "unchanged"),
        "c": ("900,000", "was undisclosed"),
    }
    assert list(numbers["unit"].unique()) == [""]  # "thousand" alone: the unit is spelled out
    assert set(numbers["since"]) == {"First draft"}


def test_headline_numbers_as_one_table_keep_each_figure_and_its_change(tiny):
    numbers = headlines.numbers(tiny, "v2", ["a", "b", "c"])
    table = headlines.table(numbers)
    assert table.to_dict("records") == [
        {
            "Issue": "Army cap",
            "Unit": "",
            "Draft's term": "800,000 (+200,000)",
            "A": "600,000",
            "B": "800,000",
            "C": "900,000 (was undisclosed)",
        }
    ]


def test_headline_numbers_name_values_and_the_reference_point(tmp_path):
    cap = CAP_DOWN | {
        "scale": CAP_DOWN["scale"] | {"unit": "thousand personnel"},
        "reference": [{"value": "900", "label": "About 900,000 today", "sources": ["s1"]}],
    }
    rows = edit(ROWS, "v2", "a", "cap", value="no-cap")
    ds = load_dataset(write_dataset(tmp_path / "t", rows, metadata(issues=[cap, ISSUES[1]])))
    numbers = headlines.numbers(ds, "v2", ["a"])
    assert _rows(numbers, "cap") == {
        "draft": ("800,000", "+200,000"),
        "a": ("No cap", "was 600,000"),
        "reference": ("900,000", "unchanged"),
    }
    assert numbers.set_index("who").loc["reference", "help"] == "Status quo: About 900,000 today"
    assert set(numbers["unit"]) == {"personnel"}


def test_the_first_version_has_no_change(tiny):
    numbers = headlines.numbers(tiny, "v1", ["a"])
    assert list(numbers["change"]) == ["", ""]
    assert _rows(numbers, "cap") == {"draft": ("600,000", ""), "a": ("600,000", "")}


def test_wide_tables_fit_the_page_and_move_long_text_to_the_detail_view():
    long = "a stance sentence that runs on well past what a table cell shows"
    frame = pd.DataFrame({"Party": ["Ukraine"], **{f"Text {i}": [long] for i in range(9)}})
    widths, shown = table_fit.table_layout(frame)
    assert sum(widths.values()) <= table_fit.TABLE_WIDTH
    assert shown[0] == "Party" and len(shown) < len(frame.columns)
    assert all(widths[c] >= table_fit.MIN_LONG for c in shown if c != "Party")


def test_short_tables_keep_their_natural_widths():
    frame = pd.DataFrame({"Party": ["Ukraine"], "Gap": [0.25]})
    assert table_fit.table_layout(frame) == ({}, ["Party", "Gap"])


def test_many_short_columns_get_their_widths_set():
    figures = {f"Party {i}": ["800,000 (+200,000)", "No cap"] for i in range(20)}
    frame = pd.DataFrame({"Issue": ["Army cap", "Troops"], **figures})
    widths = table_fit.preset_widths(frame)
    assert list(widths) == list(frame.columns)
    assert widths["Issue"] == 8 * len("Army cap") + 24
    assert widths["Party 0"] == 8 * len("800,000 (+200,000)") + 24  # the longest cell, whole
    assert table_fit.preset_widths(frame.iloc[:, :5]) == {}


def test_focus_issue_is_the_first_with_something_known(tiny, tmp_path):
    assert views.focus_issue(tiny, "v1", ["a"], ["cap", "nato"]) == "cap"
    rows = [r for r in ROWS if not (r["version"] == "v2" and r["issue"] == "cap")]
    rows += [row("v2", p, "cap") for p in ("draft", "a", "b", "c")]
    ds = load_dataset(write_dataset(tmp_path / "t", rows))
    assert views.focus_issue(ds, "v2", ["a", "b"], ["cap", "nato"]) == "nato"
    nothing = [
        r if r["version"] == "v1" else row(r["version"], r["party"], r["issue"]) for r in ROWS
    ]
    ds = load_dataset(write_dataset(tmp_path / "n", nothing))
    assert views.focus_issue(ds, "v2", ["a"], ["cap", "nato"]) == "cap"


def test_briefing_puts_the_biggest_moves_first_and_counts_the_rest(tmp_path):
    # twelve issues; at v2 the draft moves each by a different amount, party a discloses all
    issues = [
        ISSUES[0] | {"id": f"i{n}", "name": f"Issue {n}", "scale": dict(ISSUES[0]["scale"])}
        for n in range(12)
    ]
    rows = [row("v1", "draft", f"i{n}", "100") for n in range(12)]
    rows += [row("v2", "draft", f"i{n}", str(100 + 10 * n)) for n in range(12)]
    rows += [row("v1", "a", f"i{n}") for n in range(12)] + [
        row("v2", "a", f"i{n}", "500") for n in range(12)
    ]
    ds = load_dataset(write_dataset(tmp_path / "t", rows, metadata(issues=issues, parties=[
        {"id": "a", "name": "Alpha", "short": "A", "colour": "#1b9e77"}])))  # fmt: skip
    sel = replace(views.Selection.default(ds), old="v1", new="v2")
    built = briefing.build(ds, sel)
    assert len(built.headlines) == briefing.HEADLINES + 1
    assert built.headlines[0].startswith("On Issue 11, the draft moved from 100 thousand to 210")
    assert built.headlines[9].startswith("On Issue 2, the draft moved")
    assert built.headlines[-1] == "And 13 more changes, listed in the table below."
    assert len(built.changes) == 11 + 12  # the draft's unmoved Issue 0 is not a change


def test_an_empty_chart_says_why_in_words(tmp_path):
    rows = edit(edit(ROWS, "v2", "b", "cap", value="600"), "v2", "b", "nato", value="barred")
    ds = load_dataset(write_dataset(tmp_path / "t", rows))
    agree = replace(views.Selection.default(ds), parties=("a", "b"))
    assert views.data("widest-gaps", ds, agree)[0].empty  # gaps of zero draw no bar
    assert views.why_empty("widest-gaps", ds, agree).startswith(
        "All the chosen parties agree on every issue"
    )
    alone = replace(agree, parties=("a",))
    assert views.why_empty("widest-gaps", ds, alone).startswith("No issue has two known")
    assert "pick another issue above" in views.why_empty("issue-scale", ds, alone)
    apart = replace(agree, parties=("a", "b", "c"))
    assert list(views.data("widest-gaps", ds, apart)[0]["issue"]) == ["cap"]
