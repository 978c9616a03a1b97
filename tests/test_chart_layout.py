"""Label placement and wrapping, worked out before drawing (values by hand)."""

import itertools

import pandas as pd
import pytest

from negotiation.charts import layout
from negotiation.charts.issue import numeric_domain, scale_axis_values
from negotiation.charts.matrix import bottom_aligned
from negotiation.data.model import Level, NamedValue, Scale


@pytest.mark.parametrize(
    ("text", "chars", "lines"),
    [
        ("Open path to membership", 30, ["Open path to membership"]),
        ("Open path to membership", 10, ["Open path", "to", "membership"]),
        ("Article-5-like", 5, ["Article-5-like"]),  # a long word keeps its line, uncut
        ("", 10, [""]),
    ],
)
def test_wrap(text, chars, lines):
    assert layout.wrap(text, chars) == lines


@pytest.mark.parametrize(
    ("text", "chars", "lines"),
    [
        # whole when it fits in two lines
        ("Recognised de facto as Russian", 24, ["Recognised de facto as", "Russian"]),
        # else the longest opening clause that fits: before a semicolon, colon or comma
        (
            "Left under Russian control without recognition; status for later talks",
            28,
            ["Left under Russian control", "without recognition"],
        ),
        (
            "Ruled out for good: neutrality, or non-membership in the statutes",
            20,
            ["Ruled out for good:", "neutrality"],
        ),
        ("Russia withdraws: both regions return to Ukraine", 16, ["Russia withdraws"]),
        # else the opening words, the cut said by '…'
        (
            "Ukraine drops its bid in return for security guarantees",
            24,
            ["Ukraine drops its bid in", "return for security …"],
        ),
    ],
)
def test_abridge(text, chars, lines):
    found = layout.abridge(text, chars, 2)
    assert found == lines
    assert all(len(line) <= chars for line in found)


@pytest.mark.parametrize(
    ("starts", "ends", "gap", "lanes"),
    [
        ([0, 10, 20], [5, 15, 25], 0, [0, 0, 0]),  # apart: one lane
        ([0, 3, 6], [5, 8, 11], 0, [0, 1, 0]),  # the second meets the first, the third not
        ([0, 1, 2], [10, 10, 10], 0, [0, 1, 2]),  # all at once: a lane each
        ([0, 6], [5, 11], 2, [0, 1]),  # the gap counts as taken
        ([20, 0], [25, 5], 0, [0, 0]),  # taken left to right whatever the order given
    ],
)
def test_lanes(starts, ends, gap, lanes):
    assert layout.lanes(starts, ends, gap) == lanes


def test_twenty_versions_in_one_month_get_lanes_where_no_two_labels_meet():
    dates = pd.Series(pd.date_range("2025-11-01", periods=20, freq="36h"))
    names = pd.Series([f"Revision {n} of the ceasefire text" for n in range(1, 21)])
    placed = layout.label_lanes(dates, names, width=760, font_size=12)
    size = [layout.text_width(n, 12) + 8 for n in names]
    spans = [
        (x - 8, x + s) if side == "right" else (x - s, x + 8)
        for x, s, side in zip(placed["x"], size, placed["side"], strict=True)
    ]
    for lane in placed["lane"].unique():
        taken = sorted(span for span, at in zip(spans, placed["lane"], strict=True) if at == lane)
        assert all(a[1] + 12 <= b[0] for a, b in itertools.pairwise(taken))
    assert (placed["x"] >= 0).all() and (placed["x"] <= 760).all()
    # a label runs to the left of its mark where it would pass the right edge
    assert placed["side"].iloc[-1] == "left" and placed["side"].iloc[0] == "right"


def test_time_domain_pads_a_single_date_by_a_day():
    start, end = layout.time_domain(pd.Series(pd.to_datetime(["2025-11-20"])))
    assert (start, end) == (pd.Timestamp("2025-11-19"), pd.Timestamp("2025-11-21"))


def test_dodge_spreads_equal_positions_and_leaves_lone_ones():
    frame = pd.DataFrame(
        {"version": ["v1", "v1", "v1", "v1", "v2"], "y": [600.0, 600.0, 600.0, 800.0, 600.0]}
    )
    offsets = layout.dodge(frame, ["version"], "y", step=10)
    assert offsets.tolist() == [-10, 0, 10, 0, 0]


CAP = Scale(
    kind="numeric", unit="thousand", min=0, max=1000, descending=True,
    named=(NamedValue("no-cap", "No cap", "max"),),
)  # fmt: skip
NATO = Scale(kind="ordinal", levels=(Level("open", "Open"), Level("consensus", "By consensus"),
                                     Level("barred", "Barred")))  # fmt: skip


@pytest.mark.parametrize(
    ("scale", "norms", "values"),
    [
        (CAP, [0.4, 0.2, 0.0], [600, 800, 1000]),  # descending: 0 is the top of the scale
        (NATO, [0.0, 0.5, 1.0], [0, 1, 2]),  # the level's index as listed
    ],
)
def test_scale_axis_values(scale, norms, values):
    assert scale_axis_values(scale, pd.Series(norms)).tolist() == pytest.approx(values)


@pytest.mark.parametrize(
    ("values", "domain"),
    [
        ([600, 800, 900], [520, 980]),  # zoomed on the positions, 8% of the scale either side
        ([600, 1000], [520, 1000]),  # never past the scale's end
        ([700, 700], [620, 780]),
    ],
)
def test_numeric_domain(values, domain):
    assert numeric_domain(CAP, pd.Series(values, dtype=float)) == pytest.approx(domain)


def test_bottom_aligned_labels_end_on_one_line():
    lines = bottom_aligned({"US": ["US"], "Europe": ["Europe (UK–", "France)"]})
    assert lines == {"US": ["", "US"], "Europe": ["Europe (UK–", "France)"]}


def test_labels_run_toward_the_middle_of_the_chart():
    share = pd.Series([0.0, 0.55, 0.56, 1.0])
    assert layout.label_side(share).tolist() == ["right", "right", "left", "left"]
