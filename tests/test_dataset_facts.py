"""The bundled ukraine-2025 dataset checked against its sourced fact sheet.

Reads dataset.yaml and positions.csv with PyYAML and pandas only (never the `negotiation`
package), so the data is pinned independently of the library that loads it. The fact tables
below restate the fact sheet the dataset was compiled from and the Washington Times report of
2025-11-25 (source `washingtontimes-2025-11-25` in dataset.yaml); every report they rest on is
listed under `sources` there. When a source changes, change the table and the data together.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from pathlib import Path

import pandas as pd
import pytest
import yaml

DATA = Path(__file__).resolve().parent.parent / "data" / "ukraine-2025"
HEADER = (
    "version,party,issue,value,stance,status,confidence,salience,accept_min,accept_max,sources,note"
)
PARTY_ORDER = ("draft", "us", "ukraine", "russia", "europe")
KNOWN = ("stated", "reported", "inferred", "disputed")
UNKNOWN = ("undisclosed", "none")
WEAK_SOURCES = {"partisan-2025-11-25", "afp-relay-2025-11-20"}
"""Reports the fact sheet marks as weak: a single partisan outlet, an AFP-based error."""


@pytest.fixture(scope="module")
def meta() -> dict:
    return yaml.safe_load((DATA / "dataset.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def positions() -> pd.DataFrame:
    return pd.read_csv(DATA / "positions.csv", dtype=str, keep_default_na=False, encoding="utf-8")


@pytest.fixture(scope="module")
def issues(meta) -> dict[str, dict]:
    return {issue["id"]: issue for issue in meta["issues"]}


def row(positions: pd.DataFrame, version: str, party: str, issue: str) -> pd.Series:
    """The one row of (version, party, issue)."""
    found = positions[
        (positions["version"] == version)
        & (positions["party"] == party)
        & (positions["issue"] == issue)
    ]
    assert len(found) == 1, f"{version}/{party}/{issue}: {len(found)} rows"
    return found.iloc[0]


def level_label(issues: dict, issue: str, level: str) -> str:
    return {lv["id"]: lv["label"] for lv in issues[issue]["scale"]["levels"]}[level]


# --- what the documents themselves say (the `draft` rows) ------------------------------------

DRAFT_TERMS = [
    # version, issue, expected value, a phrase the level's label must carry (ordinal issues)
    # US 28-point draft (Axios, AFP, FT, Reuters; Washington Times)
    ("us-28", "army-cap", "600", None),
    ("us-28", "nato-membership", "barred", "constitution"),
    ("us-28", "foreign-troops", "no-nato", "no nato troops"),
    ("us-28", "crimea", "de-facto-russian", "de facto"),
    ("us-28", "donetsk-luhansk", "ukraine-withdraws", "ukraine withdraws"),
    ("us-28", "kherson-zaporizhzhia", "line-of-contact", "line of contact"),
    ("us-28", "buffer-zone", "russian-zone", "recognised as russian"),
    ("us-28", "security-guarantees", "us-conditional", "compensation"),
    ("us-28", "sanctions", "staged", "in stages"),
    ("us-28", "g8-return", "readmitted", "back into the g8"),
    ("us-28", "frozen-assets", "joint-reconstruction", "reconstruction"),
    ("us-28", "zaporizhzhia-npp", "split-50-50", "50/50 between russia and ukraine"),
    ("us-28", "elections", "within-100-days", "100 days"),
    ("us-28", "amnesty", "full-amnesty", "full amnesty"),
    # European counter-proposal (Reuters)
    ("eu-counter", "army-cap", "800", None),
    ("eu-counter", "nato-membership", "consensus", "consensus"),
    (
        "eu-counter",
        "foreign-troops",
        "not-permanent-nato",
        "permanently stationed under nato command",
    ),
    ("eu-counter", "crimea", "unrecognised", "without recognition"),
    ("eu-counter", "donetsk-luhansk", "line-of-contact", "line of contact"),
    ("eu-counter", "kherson-zaporizhzhia", "line-of-contact", "line of contact"),
    ("eu-counter", "security-guarantees", "us-article-5", "article 5"),
    ("eu-counter", "g8-return", "phased", "phased"),
    ("eu-counter", "frozen-assets", "compensation-first", "until russia compensates"),
    # Russia's Istanbul memorandum
    ("istanbul-memo", "crimea", "recognised-russian", "internationally"),
    ("istanbul-memo", "donetsk-luhansk", "recognised-russian", "internationally"),
    ("istanbul-memo", "kherson-zaporizhzhia", "recognised-russian", "internationally"),
    ("istanbul-memo", "nato-membership", "barred", "neutrality"),
    ("istanbul-memo", "foreign-troops", "no-foreign", "no foreign troops"),
    ("istanbul-memo", "sanctions", "lifted", "all sanctions lifted"),
    ("istanbul-memo", "frozen-assets", "no-reparations", "no reparations"),
    ("istanbul-memo", "elections", "within-100-days", "100 days"),
    ("istanbul-memo", "language-church", "russian-official", "official language"),
    # Ukraine's Berlin statements and 20-point framework
    ("ukraine-berlin", "nato-membership", "bid-dropped", "drops its bid"),
    ("ukraine-berlin", "donetsk-luhansk", "line-of-contact", "line of contact"),
    ("ukraine-berlin", "army-cap", "800", None),
    ("ukraine-20", "army-cap", "800", None),
    ("ukraine-20", "security-guarantees", "binding-article-5", "article 5"),
    ("ukraine-20", "eu-membership", "fixed-date", "fixed date"),
    ("ukraine-20", "elections", "asap", "as soon as possible"),
    ("ukraine-20", "donetsk-luhansk", "line-of-contact", "line of contact"),
    ("ukraine-20", "kherson-zaporizhzhia", "line-of-contact", "line of contact"),
    ("ukraine-20", "buffer-zone", "zone-by-referendum", "referendum"),
]


@pytest.mark.parametrize(("version", "issue", "expected", "label_says"), DRAFT_TERMS)
def test_draft_terms_match_the_reports(positions, issues, version, issue, expected, label_says):
    cell = row(positions, version, "draft", issue)
    assert cell["status"] in KNOWN
    if issues[issue]["scale"]["kind"] == "numeric":
        assert float(cell["value"]) == float(expected)
    else:
        assert cell["value"] == expected
        assert label_says in level_label(issues, issue, expected).lower()


UNKNOWN_TERMS = [
    # version, party, issue, expected status: what the reports say was not published or dropped
    ("geneva", "draft", "amnesty", "none"),  # not among the 19 points (DW)
    ("geneva", "draft", "army-cap", "undisclosed"),
    ("geneva", "draft", "crimea", "undisclosed"),
    ("geneva", "draft", "donetsk-luhansk", "undisclosed"),
    ("geneva", "draft", "nato-membership", "undisclosed"),
    ("geneva", "draft", "foreign-troops", "undisclosed"),
    ("eu-counter", "draft", "sanctions", "undisclosed"),  # not reported for the counter-proposal
    ("istanbul-memo", "draft", "army-cap", "undisclosed"),  # "army limits", no figure
    ("ukraine-20", "draft", "zaporizhzhia-npp", "none"),  # left unresolved
    ("anchorage", "us", "army-cap", "undisclosed"),
]


@pytest.mark.parametrize(("version", "party", "issue", "expected"), UNKNOWN_TERMS)
def test_unpublished_or_dropped_terms_have_no_value(positions, version, party, issue, expected):
    cell = row(positions, version, party, issue)
    assert (cell["status"], cell["value"]) == (expected, "")


def test_anchorage_understandings_are_all_undisclosed(positions):
    drafts = positions[(positions["version"] == "anchorage") & (positions["party"] == "draft")]
    assert set(drafts["status"]) == {"undisclosed"}


def test_geneva_amnesty_clause_is_recorded_as_dropped_per_dw(positions):
    cell = row(positions, "geneva", "draft", "amnesty")
    assert cell["status"] == "none" and cell["value"] == ""
    assert "dw-2025-11-25" in cell["sources"].split(";")
    assert "drop" in cell["stance"].lower()


# --- conflicting reports ---------------------------------------------------------------------

CONFLICTS = [
    # version, party, issue, fragments the note must carry
    ("us-28", "draft", "army-cap", ("CONFLICT", "400,000")),
    ("us-28", "draft", "frozen-assets", ("CONFLICT", "$100bn", "EUR 140bn")),
    ("us-28", "draft", "language-church", ("CONFLICT", "official language", "EU norms")),
    ("eu-counter", "draft", "army-cap", ("CONFLICT", "Washington Post", "no army limit")),
    (
        "eu-counter",
        "draft",
        "zaporizhzhia-npp",
        ("CONFLICT", "Reuters", "Washington Post", "Kakhovka"),
    ),
    ("geneva", "draft", "amnesty", ("19", "20", "27")),
    ("geneva", "draft", "army-cap", ("600,000", "800,000", "partisan", "27")),
    ("ukraine-20", "draft", "frozen-assets", ("$800bn", "$200bn")),
]


@pytest.mark.parametrize(("version", "party", "issue", "fragments"), CONFLICTS)
def test_conflicting_reports_are_recorded_in_the_note(positions, version, party, issue, fragments):
    note = row(positions, version, party, issue)["note"]
    missing = [f for f in fragments if f not in note]
    assert not missing, f"note lacks {missing}: {note}"


@pytest.mark.parametrize(
    ("version", "party", "issue", "status", "value"),
    [
        ("eu-counter", "draft", "zaporizhzhia-npp", "disputed", "split-50-50"),  # Reuters text
        ("eu-counter", "draft", "army-cap", "disputed", "800"),  # Reuters text
        ("us-28", "draft", "language-church", "disputed", "eu-minority-norms"),
        ("us-28", "draft", "army-cap", "reported", "600"),  # 400,000 is an error, not a rival
    ],
)
def test_disputed_rows_keep_the_better_sourced_value(
    positions, version, party, issue, status, value
):
    cell = row(positions, version, party, issue)
    assert (cell["status"], cell["value"]) == (status, value)


def test_the_400k_army_cap_is_never_a_value(positions):
    army = positions[(positions["issue"] == "army-cap") & (positions["value"] != "")]
    assert 400 not in set(pd.to_numeric(army["value"]))  # "400" and "400.0" alike


# --- parties' stances, confidence and red lines ----------------------------------------------

STANCES = [
    # version, party, issue, value, status, confidence
    ("us-28", "us", "army-cap", "600", "reported", "high"),
    ("eu-counter", "europe", "nato-membership", "consensus", "reported", "high"),
    ("us-28", "ukraine", "nato-membership", "open", "reported", "medium"),
    ("ukraine-berlin", "ukraine", "nato-membership", "bid-dropped", "stated", "high"),
    ("ukraine-berlin", "ukraine", "army-cap", "800", "stated", "medium"),
    ("geneva", "ukraine", "army-cap", "800", "reported", "low"),  # partisan outlet only
    ("anchorage", "russia", "donetsk-luhansk", "ukraine-withdraws", "reported", "medium"),
    ("anchorage", "russia", "kherson-zaporizhzhia", "line-of-contact", "reported", "medium"),
    ("istanbul-memo", "russia", "nato-membership", "barred", "stated", "high"),
    ("ukraine-20", "us", "zaporizhzhia-npp", "joint-three-way", "reported", "medium"),
    ("ukraine-20", "ukraine", "zaporizhzhia-npp", "ukraine-us", "reported", "medium"),
]


@pytest.mark.parametrize(("version", "party", "issue", "value", "status", "confidence"), STANCES)
def test_party_stances(positions, version, party, issue, value, status, confidence):
    cell = row(positions, version, party, issue)
    assert (cell["value"], cell["status"], cell["confidence"]) == (value, status, confidence)


def test_rows_resting_only_on_weak_reports_are_low_confidence(positions):
    weak = positions[positions["sources"].map(lambda s: set(s.split(";")) <= WEAK_SOURCES)]
    assert len(weak) > 0
    assert set(weak["confidence"]) == {"low"}


def test_inferred_rows_say_where_they_come_from(positions):
    inferred = positions[positions["status"] == "inferred"]
    assert len(inferred) > 0
    assert (inferred["note"].str.len() > 0).all()


RED_LINES = [
    # version, party, issue, accept_min, accept_max
    ("ukraine-berlin", "ukraine", "army-cap", "800", ""),
    ("ukraine-berlin", "ukraine", "donetsk-luhansk", "", "line-of-contact"),
    ("ukraine-berlin", "ukraine", "kherson-zaporizhzhia", "", "line-of-contact"),
    ("ukraine-berlin", "ukraine", "buffer-zone", "", "zone-by-referendum"),
    ("ukraine-20", "ukraine", "army-cap", "800", ""),
    ("ukraine-20", "ukraine", "donetsk-luhansk", "", "line-of-contact"),
    ("us-28", "us", "army-cap", "", ""),  # no US red line is on the record
]


@pytest.mark.parametrize(("version", "party", "issue", "low", "high"), RED_LINES)
def test_red_lines_only_where_stated(positions, version, party, issue, low, high):
    cell = row(positions, version, party, issue)
    assert (cell["accept_min"], cell["accept_max"]) == (low, high)


def test_red_lines_are_on_scale_and_hold_the_partys_own_value(positions, issues):
    problems = []
    for r in positions[
        (positions["accept_min"] != "") | (positions["accept_max"] != "")
    ].itertuples():
        if r.party == "draft":
            problems.append(f"{r.version}/{r.issue}: a draft text has no red lines")
            continue
        scale = issues[r.issue]["scale"]
        if scale["kind"] == "numeric":
            pos = lambda v, s=scale: (float(v) - s["min"]) / (s["max"] - s["min"])  # noqa: E731
        else:
            ids = [lv["id"] for lv in scale["levels"]]
            pos = lambda v, ids=ids: ids.index(v) / (len(ids) - 1)  # noqa: E731
        low = pos(r.accept_min) if r.accept_min else 0.0
        high = pos(r.accept_max) if r.accept_max else 1.0
        if low > high or (r.value and not low <= pos(r.value) <= high):
            problems.append(f"{r.version}/{r.party}/{r.issue}")
    assert not problems


# --- structure: the data format, exactly -----------------------------------------------------


def test_csv_is_utf8_without_bom_with_the_exact_header():
    data = (DATA / "positions.csv").read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8").split("\n", 1)[0] == HEADER


def test_every_version_party_issue_exactly_once(meta, positions):
    expected = set(
        itertools.product(
            [v["id"] for v in meta["versions"]],
            ["draft", *(p["id"] for p in meta["parties"])],
            [i["id"] for i in meta["issues"]],
        )
    )
    keys = list(positions[["version", "party", "issue"]].itertuples(index=False, name=None))
    assert len(keys) == len(set(keys)) == len(expected)
    assert set(keys) == expected


def test_rows_are_sorted_by_version_date_party_and_issue(meta, positions):
    versions = sorted(meta["versions"], key=lambda v: v["date"])
    rank_v = {v["id"]: n for n, v in enumerate(versions)}
    rank_i = {i["id"]: n for n, i in enumerate(meta["issues"])}
    keys = [
        (rank_v[r.version], PARTY_ORDER.index(r.party), rank_i[r.issue])
        for r in positions.itertuples()
    ]
    assert keys == sorted(keys)


def test_every_row_cites_known_sources_and_every_source_is_cited(meta, positions):
    ids = {s["id"] for s in meta["sources"]}
    cited = positions["sources"].str.split(";")
    assert cited.map(all).all()  # no empty cell, no empty id between semicolons
    unknown = set(itertools.chain.from_iterable(cited)) - ids
    assert not unknown
    references = {
        source
        for issue in meta["issues"]
        for reference in issue.get("reference", [])
        for source in reference["sources"]
    }
    assert ids <= set(itertools.chain.from_iterable(cited)) | references


def test_every_source_has_publisher_date_and_a_supplied_title(meta):
    for source in meta["sources"]:
        assert set(source) in ({"id", "publisher", "date", "title"},
                               {"id", "publisher", "date", "title", "url"}), source["id"]  # fmt: skip
        assert source["publisher"].strip()
        assert isinstance(source["date"], dt.date)
        if "url" in source:  # a page read: its real headline, and its link
            assert source["url"].startswith("https://"), source["id"]
            assert not source["title"].startswith("["), source["id"]
        else:  # the fact sheet gives no headlines: titles are descriptions, in square brackets
            assert source["title"].startswith("[") and source["title"].endswith("]"), source["id"]


def test_statuses_confidences_and_stances(positions):
    assert set(positions["status"]) <= set(KNOWN + UNKNOWN)
    assert set(positions["confidence"]) <= {"high", "medium", "low"}
    stances = positions["stance"]
    assert (stances.str.len() > 0).all()
    assert stances.str.endswith(".").all()
    assert not stances.str.contains("\n").any()


def test_unknown_rows_have_no_value_and_known_rows_have_one(positions):
    unknown = positions["status"].isin(UNKNOWN)
    assert (positions.loc[unknown, "value"] == "").all()
    assert (positions.loc[~unknown, "value"] != "").all()


def test_every_value_is_on_its_issues_scale(positions, issues):
    off = []
    for r in positions[positions["value"] != ""].itertuples():
        scale = issues[r.issue]["scale"]
        if scale["kind"] == "numeric":
            ok = scale["min"] <= float(r.value) <= scale["max"]
        else:
            ok = r.value in {lv["id"] for lv in scale["levels"]}
        if not ok:
            off.append(f"{r.version}/{r.party}/{r.issue}={r.value}")
    assert not off


def test_salience_is_empty_or_between_0_and_1(positions):
    given = pd.to_numeric(positions.loc[positions["salience"] != "", "salience"])
    assert given.between(0, 1).all()


# --- metadata --------------------------------------------------------------------------------

VERSIONS = [
    # id, date, kind
    ("istanbul-memo", "2025-06-02", "statement"),
    ("anchorage", "2025-08-15", "summit"),
    ("us-28", "2025-11-20", "draft"),
    ("eu-counter", "2025-11-23", "counter-proposal"),
    ("geneva", "2025-11-25", "framework"),
    ("ukraine-berlin", "2025-12-14", "statement"),
    ("ukraine-20", "2025-12-23", "framework"),
]


@pytest.mark.parametrize(("version", "date", "kind"), VERSIONS)
def test_versions(meta, version, date, kind):
    found = {v["id"]: v for v in meta["versions"]}[version]
    assert (found["date"], found["kind"]) == (dt.date.fromisoformat(date), kind)
    assert found["name"] and found["author"] and found["summary"]


@pytest.mark.parametrize(
    ("party", "name", "short"),
    [
        ("us", "United States", "US"),
        ("ukraine", "Ukraine", "Ukraine"),
        ("russia", "Russia", "Russia"),
        ("europe", "Europe (UK–France–Germany / EU)", "Europe"),
    ],
)
def test_parties(meta, party, name, short):
    found = {p["id"]: p for p in meta["parties"]}[party]
    assert (found["name"], found["short"]) == (name, short)
    assert "capability" not in found  # no source supports a weight


def test_party_colours_are_distinct_hex(meta):
    colours = [p["colour"] for p in meta["parties"]]
    assert len(set(colours)) == len(colours)
    assert [c for c in colours if not re.fullmatch(r"#[0-9a-fA-F]{6}", c)] == []


def test_army_cap_scale(issues):
    scale = issues["army-cap"]["scale"]
    assert scale == {
        "kind": "numeric",
        "unit": "thousand personnel",
        "min": 0,
        "max": 1000,
        "tolerance": 25,
        "direction": "descending",
        "named": [{"id": "no-cap", "label": "No cap", "at": "max"}],
    }
    references = {r.get("version"): r["value"] for r in issues["army-cap"]["reference"]}
    assert references == {None: 880, "us-28": 900, "eu-counter": 900, "geneva": 900}


def test_issues_have_groups_and_ordinal_scales_of_3_to_5_labelled_levels(issues):
    assert len(issues) >= 15
    for issue in issues.values():
        assert issue["group"] and issue["name"] and issue["description"], issue["id"]
        scale = issue["scale"]
        if scale["kind"] == "ordinal":
            assert 3 <= len(scale["levels"]) <= 5, issue["id"]
            assert all(level["label"].strip() for level in scale["levels"])


def test_description_states_the_scale_convention(meta):
    text = " ".join(meta["description"].split())
    assert "most favourable to Ukraine's stated aims" in text
    assert "most favourable to Russia's" in text
    assert "army cap" in text  # the one issue whose scale runs the other way
