"""One factory for the small datasets that tests write for their own purpose."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import yaml

from negotiation.data.model import POSITION_COLUMNS

PARTIES = [
    {"id": "a", "name": "Alpha", "short": "A", "colour": "#1b9e77"},
    {"id": "b", "name": "Beta", "short": "B", "colour": "#d95f02"},
    {"id": "c", "name": "Gamma", "short": "C", "colour": "#7570b3"},
]
ISSUES = [
    {
        "id": "cap",
        "name": "Army cap",
        "group": "military",
        "description": "Ceiling on the army.",
        "scale": {"kind": "numeric", "unit": "thousand", "min": 0, "max": 1000, "tolerance": 50},
    },
    {
        "id": "nato",
        "name": "NATO membership",
        "group": "security",
        "description": "Whether the country may join.",
        "scale": {
            "kind": "ordinal",
            "levels": [
                {"id": "open", "label": "Open path"},
                {"id": "consensus", "label": "By consensus"},
                {"id": "barred", "label": "Barred"},
            ],
        },
    },
]
NO_CAP = {"id": "no-cap", "label": "No cap", "at": "max"}
CAP_DOWN = ISSUES[0] | {
    "scale": ISSUES[0]["scale"] | {"direction": "descending", "named": [NO_CAP]}
}
"""The army cap running downward (a bigger army is the low pole's aim), no cap at its top."""
VERSIONS = [
    {"id": "v1", "name": "First draft", "date": "2025-01-01", "kind": "draft", "author": "A"},
    {"id": "v2", "name": "Second draft", "date": "2025-02-01", "kind": "counter-proposal"},
]
SOURCES = [{"id": "s1", "publisher": "Wire", "title": "Report", "date": "2025-01-02"}]


def row(version: str, party: str, issue: str, value: str = "", **cells: str) -> dict:
    """One positions row; a value makes it `stated`, none makes it `undisclosed`."""
    status = cells.pop("status", "stated" if value != "" else "undisclosed")
    base = {
        "version": version,
        "party": party,
        "issue": issue,
        "value": str(value),
        "stance": cells.pop("stance", f"{party} on {issue}"),
        "status": status,
        "confidence": "high",
        "sources": "s1",
    }
    return base | cells


def edit(rows: list[dict], version: str, party: str, issue: str, **cells: str) -> list[dict]:
    """A copy of `rows` with `cells` set in the one row of (version, party, issue)."""
    key = (version, party, issue)
    found = [n for n, r in enumerate(rows) if (r["version"], r["party"], r["issue"]) == key]
    if len(found) != 1:
        raise LookupError(f"{version}/{party}/{issue}: {len(found)} rows, expected one")
    return [r | cells if n == found[0] else dict(r) for n, r in enumerate(rows)]


# The hand-computed example most tests use (norm in brackets):
# v1  cap: draft 600 (.6), a 600 (.6), b 800 (.8), c undisclosed
#     nato: draft barred (1), a barred (1), b consensus (.5), c open (0)
# v2  cap: draft 800 (.8), a 600, b 800, c 900 (.9)
#     nato: draft consensus (.5), a barred, b consensus, c none
ROWS = [
    row("v1", "draft", "cap", "600"),
    row("v1", "a", "cap", "600"),
    row("v1", "b", "cap", "800"),
    row("v1", "c", "cap"),
    row("v1", "draft", "nato", "barred"),
    row("v1", "a", "nato", "barred"),
    row("v1", "b", "nato", "consensus"),
    row("v1", "c", "nato", "open"),
    row("v2", "draft", "cap", "800"),
    row("v2", "a", "cap", "600"),
    row("v2", "b", "cap", "800"),
    row("v2", "c", "cap", "900"),
    row("v2", "draft", "nato", "consensus"),
    row("v2", "a", "nato", "barred"),
    row("v2", "b", "nato", "consensus"),
    row("v2", "c", "nato", status="none"),
]


def metadata(**changes: object) -> dict:
    meta = {
        "title": "Tiny talks",
        "description": "A hand-made negotiation.",
        "licence": "CC0",
        "parties": PARTIES,
        "issues": ISSUES,
        "versions": VERSIONS,
        "sources": SOURCES,
    }
    return meta | changes


def csv_text(rows: list[dict], columns: tuple[str, ...] = POSITION_COLUMNS) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n", restval="")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def write_dataset(
    folder: Path,
    rows: list[dict] | None = None,
    meta: dict | None = None,
    *,
    positions_text: str | None = None,
    metadata_text: str | None = None,
) -> Path:
    """Write dataset.yaml and positions.csv into `folder` and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    meta_text = metadata_text if metadata_text is not None else yaml.safe_dump(meta or metadata())
    (folder / "dataset.yaml").write_text(meta_text, encoding="utf-8")
    text = (
        positions_text if positions_text is not None else csv_text(ROWS if rows is None else rows)
    )
    (folder / "positions.csv").write_text(text, encoding="utf-8")
    return folder


# A negotiation with a known outcome, for backtests (norm in brackets; capability a .5, b .5,
# c 1). v2 is forecast from, v3 is the agreed text.
# cap (descending 0-1000, no cap at its top = norm 0; reference 900 (.1)):
#     v2 a 600 (.4, salience .5), b no-cap (0, salience not given), c undisclosed; v3 800 (.2)
# nato (open 0, consensus .5, barred 1; no reference):
#     v2 a barred, b consensus, c open (no salience given); v3 consensus (.5)
# aid (0-100): v2 a 20, b 40; v3 undisclosed: no outcome, so skipped
AID = {
    "id": "aid",
    "name": "Aid",
    "group": "economy",
    "description": "Aid in billions.",
    "scale": {"kind": "numeric", "unit": "bn", "min": 0, "max": 100},
}
OUTCOME_ISSUES = [CAP_DOWN | {"reference": {"value": "900", "label": "Army today"}}, ISSUES[1], AID]
OUTCOME_PARTIES = [p | {"capability": c} for p, c in zip(PARTIES, (0.5, 0.5, 1), strict=True)]
OUTCOME_VERSIONS = [
    *VERSIONS,
    {"id": "v3", "name": "Agreed text", "date": "2025-03-01", "kind": "agreement"},
]
OUTCOME_ROWS = [
    *ROWS,
    row("v2", "draft", "aid", "30"),
    row("v2", "a", "aid", "20"),
    row("v2", "b", "aid", "40"),
    row("v3", "draft", "cap", "800"),
    row("v3", "draft", "nato", "consensus"),
    row("v3", "draft", "aid"),
]
OUTCOME_ROWS = edit(OUTCOME_ROWS, "v2", "a", "cap", salience="0.5")
OUTCOME_ROWS = edit(OUTCOME_ROWS, "v2", "b", "cap", value="no-cap")
OUTCOME_ROWS = edit(OUTCOME_ROWS, "v2", "c", "cap", value="", status="undisclosed")
OUTCOME_ROWS = edit(OUTCOME_ROWS, "v2", "c", "nato", value="open", status="stated")


def write_outcome(folder: Path) -> Path:
    """The negotiation with a known outcome (above), written into `folder`."""
    meta = metadata(issues=OUTCOME_ISSUES, parties=OUTCOME_PARTIES, versions=OUTCOME_VERSIONS)
    return write_dataset(folder, OUTCOME_ROWS, meta)


NEEDS_OUTCOME = {"backtest"}
"""Views that draw only on a dataset with a final version (use `write_outcome`)."""


SIX_PARTIES = [
    {"id": "us", "name": "United States", "colour": "#1f77b4"},
    {"id": "iran", "name": "Islamic Republic of Iran", "colour": "#2ca02c"},
    {"id": "e3", "name": "EU/E3 (France, Germany, UK, EU)", "colour": "#9467bd"},
    {"id": "russia", "name": "Russian Federation", "colour": "#d62728"},
    {"id": "china", "name": "People's Republic of China", "colour": "#ff7f0e"},
    {"id": "iaea", "name": "International Atomic Energy Agency", "colour": "#8c564b"},
]
SIX_ISSUES = [
    {"id": "enrich", "name": "Enrichment cap", "group": "nuclear", "description": "Highest level.",
     "scale": {"kind": "numeric", "unit": "%", "min": 0, "max": 90, "tolerance": 1}},
    {"id": "centrifuges", "name": "Centrifuges", "group": "nuclear", "description": "Count.",
     "scale": {"kind": "numeric", "unit": "centrifuges", "min": 0, "max": 20000,
               "tolerance": 500}},
    {"id": "sanctions", "name": "Sanctions relief", "group": "economy", "description": "When.",
     "scale": {"kind": "ordinal", "levels": [
         {"id": "upfront", "label": "Lifted on signature"},
         {"id": "phased", "label": "Lifted in phases as the IAEA verifies compliance"},
         {"id": "kept", "label": "Kept until full compliance"}]}},
]  # fmt: skip
SIX_VERSIONS = [
    {"id": "jpoa", "name": "Joint Plan of Action", "date": "2013-11-24", "kind": "framework"},
    {"id": "lausanne", "name": "Lausanne parameters", "date": "2015-04-02", "kind": "framework"},
    {"id": "jcpoa", "name": "Joint Comprehensive Plan of Action", "date": "2015-07-14",
     "kind": "agreement"},
]  # fmt: skip
SIX_VALUES = {
    "enrich": ["5", "3.67", "20", "3.67", "5", "3.67", "3.67"],
    "centrifuges": ["19000", "5060", "19000", "6104", "10000", "9000", "5060"],
    "sanctions": ["phased", "phased", "upfront", "kept", "phased", "upfront", "phased"],
}
"""Per issue, a value for the draft and each of the six parties (the last version shifts the
draft and the first two parties toward the others)."""


def write_six_parties(folder: Path) -> Path:
    """A nuclear-style negotiation of six parties with long names, exact decimals and counts,
    three versions: the layout checks' dataset (cards, matrix, tables at 1440 and 390 px)."""
    rows = []
    for n, version in enumerate(SIX_VERSIONS):
        for issue, values in SIX_VALUES.items():
            who = ["draft", *(p["id"] for p in SIX_PARTIES)]
            for k, party in enumerate(who):
                value = values[(k + n) % len(values)] if n else values[k]
                rows.append(row(version["id"], party, issue, value))
    meta = metadata(
        title="Nuclear talks", parties=SIX_PARTIES, issues=SIX_ISSUES, versions=SIX_VERSIONS
    )
    return write_dataset(folder, rows, meta)
