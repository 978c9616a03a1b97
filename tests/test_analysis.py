"""Gap and agreement arithmetic on the hand-made example in factory.py (values by hand)."""

import math

import pandas as pd
import pytest
from factory import ROWS, edit, row, write_dataset

from negotiation.analysis import agreement
from negotiation.data import table
from negotiation.data.load import load_dataset

PARTIES = ["a", "b", "c"]


@pytest.mark.parametrize(
    ("version", "a", "b", "issue", "gap", "gap_units", "agree"),
    [
        ("v1", "a", "b", "cap", 0.2, 200, False),
        ("v1", "a", "draft", "cap", 0.0, 0, True),
        ("v1", "a", "b", "nato", 0.5, None, False),
        ("v1", "a", "c", "nato", 1.0, None, False),
        ("v2", "b", "c", "cap", 0.1, 100, False),
        ("v2", "b", "draft", "nato", 0.0, None, True),
    ],
)
def test_gap(tiny, version, a, b, issue, gap, gap_units, agree):
    result = agreement.gap(tiny, version, a, b).set_index("issue").loc[issue]
    assert result["gap"] == pytest.approx(gap)
    if gap_units is None:
        assert math.isnan(result["gap_units"])
    else:
        assert result["gap_units"] == pytest.approx(gap_units)
    assert bool(result["agree"]) is agree


def test_gap_with_an_unknown_side_is_unknown_not_zero(tiny):
    result = agreement.gap(tiny, "v1", "a", "c").set_index("issue").loc["cap"]
    assert math.isnan(result["gap"])
    assert result["agree"] is pd.NA


def test_numeric_tolerance_counts_as_agreement(tmp_path):
    rows = edit(ROWS, "v1", "b", "cap", value="640")  # b is 40 from a on cap; the tolerance is 50
    ds = load_dataset(write_dataset(tmp_path / "t", rows=rows))
    result = agreement.gap(ds, "v1", "a", "b").set_index("issue").loc["cap"]
    assert bool(result["agree"]) is True
    assert result["gap_units"] == pytest.approx(40)


@pytest.fixture
def varied(tmp_path):
    """The example with b at 640 on the v1 cap (within a's and the draft's tolerance of 50) and
    c's v1 nato undisclosed, so c has nothing known in v1. Norms by issue, cap then nato:
    v1  draft .6 1, a .6 1, b .64 .5, c ? ?
    v2  draft .8 .5, a .6 1, b .8 .5, c .9 (none)"""
    rows = edit(ROWS, "v1", "b", "cap", value="640")
    rows = edit(rows, "v1", "c", "nato", value="", status="undisclosed")
    return load_dataset(write_dataset(tmp_path / "varied", rows=rows))


@pytest.mark.parametrize(
    ("version", "a", "b", "known", "agreed", "share", "mean_gap"),
    [
        ("v1", "draft", "a", 2, 2, 1.0, 0.0),  # same on both
        ("v1", "a", "b", 2, 1, 0.5, (0.04 + 0.5) / 2),  # cap within tolerance, nato not
        ("v1", "b", "a", 2, 1, 0.5, (0.04 + 0.5) / 2),  # the mirrored cell
        ("v1", "b", "draft", 2, 1, 0.5, (0.04 + 0.5) / 2),
        ("v1", "a", "c", 0, 0, math.nan, math.nan),  # nothing known in common
        ("v2", "a", "b", 2, 0, 0.0, (0.2 + 0.5) / 2),
        ("v2", "b", "draft", 2, 2, 1.0, 0.0),
        ("v2", "c", "b", 1, 0, 0.0, 0.1),  # cap 100 apart; c took no nato position
    ],
)
def test_agreement_matrix(varied, version, a, b, known, agreed, share, mean_gap):
    parties = ["draft", *PARTIES]
    matrix = agreement.agreement_matrix(varied, version, parties).set_index(["party_a", "party_b"])
    cell = matrix.loc[(a, b)]
    assert (cell["known"], cell["agreed"]) == (known, agreed)
    assert cell["share"] == pytest.approx(share, nan_ok=True)
    assert cell["weighted_share"] == pytest.approx(share, nan_ok=True)  # no salience given
    assert cell["mean_gap"] == pytest.approx(mean_gap, nan_ok=True)
    assert len(matrix) == len(parties) * (len(parties) - 1)  # every ordered pair, no diagonal


def test_agreement_matrix_with_draft_and_salience(tmp_path):
    # v1, b vs draft: cap 800 vs 600 disagree; nato moved to barred, as the draft: agree.
    # With b's salience 1.0 on cap and 0.0 on nato and the draft's unknown (1.0), the weights
    # are cap (1+1)/2 = 1 and nato (0+1)/2 = 0.5: 0.5 of 1.5 agreed.
    rows = edit(ROWS, "v1", "b", "cap", salience="1.0")
    rows = edit(rows, "v1", "b", "nato", salience="0.0", value="barred")
    ds = load_dataset(write_dataset(tmp_path / "s", rows=rows))
    matrix = agreement.agreement_matrix(ds, "v1", ["draft", "b"]).set_index(["party_a", "party_b"])
    cell = matrix.loc[("draft", "b")]
    assert (cell["known"], cell["agreed"]) == (2, 1)
    assert cell["share"] == pytest.approx(0.5)
    assert cell["weighted_share"] == pytest.approx(0.5 / 1.5)


def test_agreement_matrix_counts_no_issue_as_unknown_share(tiny):
    matrix = agreement.agreement_matrix(tiny, "v1", ["c"])
    assert matrix.empty
    solo = agreement.agreement_matrix(tiny, "v2", ["c", "draft"], issues=["nato"])
    assert solo["known"].tolist() == [0, 0]
    assert solo["share"].isna().all()


def test_widest_gaps_ranks_issues(tiny):
    widest = agreement.widest_gaps(tiny, "v1", PARTIES)
    assert widest["issue"].tolist() == ["nato", "cap"]
    assert widest["gap"].tolist() == pytest.approx([1.0, 0.2])
    assert (widest.loc[0, "party_a"], widest.loc[0, "party_b"]) == ("a", "c")


@pytest.mark.parametrize(
    ("version", "party", "known", "distance"),
    [
        ("v1", "a", 2, 0.0),
        ("v1", "b", 2, (0.2 + 0.5) / 2),
        ("v1", "c", 1, 1.0),
        ("v2", "a", 2, (0.2 + 0.5) / 2),
        ("v2", "b", 2, 0.0),
        ("v2", "c", 1, 0.1),
    ],
)
def test_draft_distance(tiny, version, party, known, distance):
    result = agreement.draft_distance(tiny).set_index(["version", "party"]).loc[(version, party)]
    assert result["known"] == known
    assert result["distance"] == pytest.approx(distance)


def test_draft_distance_is_salience_weighted(tmp_path):
    rows = edit(ROWS, "v1", "b", "cap", salience="1")  # b cares about cap (gap 0.2) ...
    rows = edit(rows, "v1", "b", "nato", salience="0.25")  # ... less about nato (gap 0.5)
    ds = load_dataset(write_dataset(tmp_path / "w", rows=rows))
    result = agreement.draft_distance(ds).set_index(["version", "party"]).loc[("v1", "b")]
    assert result["distance"] == pytest.approx((0.2 * 1 + 0.5 * 0.25) / 1.25)


@pytest.mark.parametrize(
    ("party", "issue", "change", "old", "new", "toward", "away"),
    [
        ("draft", "cap", "changed", "600 thousand", "800 thousand", "Beta, Gamma", "Alpha"),
        ("draft", "nato", "changed", "Barred", "By consensus", "Beta, Gamma", "Alpha"),
        ("a", "cap", "unchanged", "600 thousand", "600 thousand", "", ""),
        ("c", "cap", "newly disclosed", "undisclosed", "900 thousand", "", ""),
        ("c", "nato", "dropped", "Open path", "no position", "", ""),
    ],
)
def test_version_diff(tiny, party, issue, change, old, new, toward, away):
    diff = agreement.version_diff(tiny, "v1", "v2").set_index(["party", "issue"])
    cell = diff.loc[(party, issue)]
    assert cell["change"] == change
    assert (cell["value_label_old"], cell["value_label_new"]) == (old, new)
    assert (cell["toward"], cell["away"]) == (toward, away)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (dict(status="none"), dict(value="500"), "added"),
        (dict(value="500"), dict(status="undisclosed"), "newly undisclosed"),
        (dict(status="undisclosed"), dict(status="none"), "dropped"),
        (dict(status="none"), dict(status="undisclosed"), "newly undisclosed"),
        (dict(status="undisclosed"), dict(status="undisclosed"), "unchanged"),
        (None, dict(value="500"), "added"),
        (dict(value="500"), None, "dropped"),
    ],
)
def test_version_diff_states(tmp_path, old, new, expected):
    rows = [r for r in ROWS if r["party"] != "c" or r["issue"] != "cap"]
    if old is not None:
        rows.append(row("v1", "c", "cap", **old))
    if new is not None:
        rows.append(row("v2", "c", "cap", **new))
    ds = load_dataset(write_dataset(tmp_path / "d", rows=rows))
    diff = agreement.version_diff(ds, "v1", "v2").set_index(["party", "issue"])
    assert diff.loc[("c", "cap"), "change"] == expected


def test_version_diff_direction_for_a_party_move(tmp_path):
    # b moves on cap from 800 to 700 in v2: closer to a (600) and the draft (800 -> gap from
    # 0 to .1: away), c at 900: away.
    rows = edit(ROWS, "v2", "b", "cap", value="700")
    ds = load_dataset(write_dataset(tmp_path / "m", rows=rows))
    cell = agreement.version_diff(ds, "v1", "v2").set_index(["party", "issue"]).loc[("b", "cap")]
    assert cell["change"] == "changed"
    assert cell["shift"] == pytest.approx(-0.1)
    assert cell["toward"] == "Alpha"
    assert cell["away"] == "Draft text, Gamma"


def test_headline_counts(tiny):
    counts = agreement.headline_counts(tiny, "v2", PARTIES)
    # v2: cap known for all (600/800/900, none agree); nato c has no position.
    assert counts["all_known"] == 1
    assert counts["all_agree"] == 0
    assert counts["draft_matches"] == {"a": 0, "b": 2, "c": 0}
    assert counts["draft_known"] == 2  # the draft's term on both issues
    assert (counts["undisclosed"], counts["no_position"], counts["cells"]) == (0, 1, 8)


def test_headline_counts_all_agree(tmp_path):
    rows = [dict(r) for r in ROWS]
    for r in rows:
        if r["version"] == "v1" and r["issue"] == "cap" and r["party"] != "draft":
            r.update(value="600", status="stated")
    ds = load_dataset(write_dataset(tmp_path / "agree", rows=rows))
    counts = agreement.headline_counts(ds, "v1", PARTIES)
    assert (counts["all_known"], counts["all_agree"]) == (2, 1)  # nato known, not agreed
    assert counts["draft_matches"] == {"a": 2, "b": 1, "c": 1}


def test_table_columns_and_labels(tiny):
    frame = table.tidy(tiny)
    assert list(frame.columns) == list(table.TIDY_COLUMNS)
    first = frame.iloc[0]
    assert (first["version"], first["party"], first["issue"]) == ("v1", "draft", "cap")
    assert first["value_label"] == "600 thousand"
    assert first["version_date"] == "2025-01-01"
    labels = frame.set_index(["version", "party", "issue"])["value_label"]
    assert labels["v1", "c", "cap"] == "undisclosed"
    assert labels["v2", "c", "nato"] == "no position"


@pytest.mark.parametrize(
    ("version", "a", "b", "issue", "apart"),
    [
        ("v1", "a", "b", "cap", "200 thousand apart"),  # in the issue's units
        ("v1", "a", "draft", "cap", "no gap"),
        ("v1", "a", "b", "nato", "1 level apart"),  # barred and consensus: next levels
        ("v1", "a", "c", "nato", "2 levels apart"),
        ("v1", "a", "c", "cap", ""),  # c undisclosed: not known, not zero
    ],
)
def test_issue_gaps_say_the_gap_in_the_issues_terms(tiny, version, a, b, issue, apart):
    gaps = agreement.issue_gaps(tiny, version, ["a", "b", "c"], issue)
    pairs = gaps.set_index(["party_a", "party_b"])["apart"].to_dict()
    assert pairs.get((a, b), pairs.get((b, a))) == apart
