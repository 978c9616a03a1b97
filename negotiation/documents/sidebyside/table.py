"""The drafts side by side, as a four-column document: one row per issue (grouped), one column
per chosen version in date order holding the draft's own term, its stance redlined against the
column of the text it revises (`bases`) and its sources; optionally each party's position at the
newest version and where the issue may land. Each cell's colour is its change, from
`agreement.version_diff`.

About 360 lines: the build and the three kinds of cell it assembles (the versions', the
parties', the forecast's), which share one row layout; paging the issues (`pages`,
`page_note`) is the part to move out next."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from negotiation.analysis import agreement, forecast, standing
from negotiation.data import table
from negotiation.data.checks import ids
from negotiation.data.model import DRAFT, Dataset
from negotiation.documents import redline, texts

FORECAST = "forecast"
"""The key of the last column: where the issue may land (the compromise forecast)."""
PAGE_SIZE = 25
"""Issues per page on screen: 40 versions × 25 issues is 1,000 cells, a page a browser draws at
once (the downloads hold every chosen issue)."""
OPEN_STATUSES = ("undisclosed", "disputed")
"""What a footer counts as still open in a version, like the brackets of a negotiating text."""

STATES = {
    "first": ("nothing to compare with: no column of a text it revises", "#ffffff", "white"),
    "unchanged": ("unchanged", "#ffffff", "white"),
    "toward-low": ("moved toward {low}", "#c6dbef", "light blue"),
    "toward-high": ("moved toward {high}", "#fdd0a2", "light orange"),
    "changed": ("changed, no nearer either end", "#fff3b0", "light yellow"),
    "status changed": ("same position, its status changed", "#deebf7", "pale blue"),
    "newly disclosed": ("newly disclosed", "#c7e9c0", "light green"),
    "added": ("took a position", "#c7e9c0", "light green"),
    "newly undisclosed": ("newly undisclosed", "#bdbdbd", "grey"),
    "dropped": ("dropped", "#fcbba1", "light red"),
    "undisclosed": ("still undisclosed", "#eeeeee", "light grey"),
    "position": ("a party's position", "#ffffff", "white"),
    FORECAST: ("where it may land", "#efe7f6", "light purple"),
}
"""Each cell state: its label (poles filled in by `state_label`), fill colour and colour name."""
DISPUTED_MARK = ("dashed red border", "#cb181d")
"""Disputed cells, whatever their change, are framed: reports of the text conflict."""


@dataclass(frozen=True)
class Column:
    key: str
    """A version id, a party id, or FORECAST."""
    title: str
    subtitle: str
    against: str = ""
    """For a version: the column it is redlined against, in words ('' for other columns)."""

    @property
    def caption(self) -> str:
        """The line under the column's title: its subtitle and what it is compared with."""
        return " · ".join(part for part in (self.subtitle, self.against) if part)


@dataclass(frozen=True)
class SideBySide:
    """The table: columns in order, one row per issue (`rows`: issue, issue_name, group), one
    cell per issue and column (`cells`, see CELL_COLUMNS), the open count per version column."""

    title: str
    columns: tuple[Column, ...]
    rows: pd.DataFrame
    cells: pd.DataFrame
    open_counts: dict[str, int]
    legend: dict[str, tuple[str, str, str]]
    sources: pd.DataFrame
    """The sources the cells cite: id, publisher, date, title, url."""

    def cell(self, issue: str, column: str) -> dict:
        """One cell as a dict of CELL_COLUMNS."""
        found = self.cells[(self.cells["issue"] == issue) & (self.cells["column"] == column)]
        return found.iloc[0].to_dict()


CELL_COLUMNS = (
    "issue",
    "column",
    "term",
    "stance",
    "quote",
    "status",
    "state",
    "state_label",
    "toward",
    "away",
    "disputed",
    "basis",
    "redline",
    "sources",
)
"""`basis` is what the redline compares: 'quote' (the texts' own words, when both cells quote
them), 'stance', or '' (nothing before it). `redline` is a tuple of redline.Run; `sources` a
tuple of source ids."""


def default_versions(ds: Dataset) -> list[str]:
    """Every version whose own text is known on at least one issue, in date order."""
    draft = table.select(ds, parties=[DRAFT])
    known = set(draft.loc[draft["norm"].notna(), "version"])
    return [v for v in ds.version_ids if v in known]


def grouped(ds: Dataset, issues: Iterable[str] | None = None) -> list[str]:
    """Issue ids grouped as the dataset first lists each group, the dataset's order within."""
    chosen = set(issues) if issues is not None else set(ds.issue_ids)
    groups = list(dict.fromkeys(i.group for i in ds.issues))
    return [i.id for g in groups for i in ds.issues if i.group == g and i.id in chosen]


def pages(ds: Dataset, issues: Iterable[str] | None = None, size: int = PAGE_SIZE) -> list[list]:
    """The chosen issues, grouped, in pages of `size`."""
    ordered = grouped(ds, issues)
    return [ordered[n : n + size] for n in range(0, len(ordered), size)] or [[]]


def page_note(ds: Dataset, issues: Iterable[str] | None, number: int, size: int = PAGE_SIZE) -> str:
    """Which issues a page shows, in words ('' when one page holds them all)."""
    every = pages(ds, issues, size)
    if len(every) == 1:
        return ""
    start = sum(len(p) for p in every[:number])
    total = sum(len(p) for p in every)
    return (
        f"Showing issues {start + 1}–{start + len(every[number])} of {total} (page {number + 1} "
        f"of {len(every)}), so that the table stays quick to draw; pick another page, or "
        "choose issues in the sidebar. The downloads hold every chosen issue."
    )


def check(ds: Dataset, versions: Sequence[str], parties: Sequence[str]) -> None:
    """Raise ValueError naming the valid choices for an unknown version or party."""
    for kind, chosen, valid in (
        ("version", versions, ds.version_ids),
        ("party", parties, ds.party_ids),
    ):
        unknown = [c for c in chosen if c not in valid]
        if unknown:
            raise ValueError(f"unknown {kind} '{unknown[0]}'; valid: {', '.join(valid)}")
    if not versions:
        raise ValueError(f"no version chosen; valid: {', '.join(ds.version_ids)}")


def state_label(state: str, ds: Dataset) -> str:
    """A state in words, the dataset's poles named."""
    return STATES[state][0].format(low=ds.poles.low, high=ds.poles.high)


def build(
    ds: Dataset,
    versions: Sequence[str],
    parties: Sequence[str] = (),
    issues: Iterable[str] | None = None,
    with_parties: bool = False,
    with_forecast: bool = False,
    against: Mapping[str, str] | Iterable[tuple[str, str]] = (),
) -> SideBySide:
    """The side-by-side table of `versions` (put in date order) over `issues` (default: all),
    each change judged against `parties`; optionally a column per party at the newest version
    and the forecast (over `parties`) as the last column. Each version's column is redlined
    against the column of the text it revises, or the column `against` names for it.

    Raises ValueError naming the valid choices for an unknown version or party."""
    check(ds, versions, parties)
    versions = [v for v in ds.version_ids if v in set(versions)]
    basis = bases(ds, versions, dict(against))
    ordered = grouped(ds, issues)
    # every step below works on these rows alone, not the whole table (as forecast.sensitivity)
    ds = replace(ds, positions=table.select(ds, versions, [DRAFT, *parties], ordered))
    cells = [_version_cells(ds, versions, parties, ordered, basis)]
    if with_parties:
        cells.append(_party_cells(ds, versions[-1], parties, ordered))
    if with_forecast:
        cells.append(_forecast_cells(ds, versions[-1], parties, ordered))
    frame = pd.concat(cells, ignore_index=True)
    version_cells = frame[frame["column"].isin(versions)]
    is_open = version_cells["status"].isin(OPEN_STATUSES)
    counts = is_open.groupby(version_cells["column"]).sum()
    return SideBySide(
        title=f"{ds.title}: the drafts side by side",
        columns=tuple(
            _columns(ds, versions, parties if with_parties else (), with_forecast, basis)
        ),
        rows=pd.DataFrame(
            {
                "issue": ordered,
                "issue_name": [ds.issue(i).name for i in ordered],
                "group": [ds.issue(i).group for i in ordered],
            }
        ),
        cells=frame[list(CELL_COLUMNS)],
        open_counts={v: int(counts.get(v, 0)) for v in versions},
        legend={k: (state_label(k, ds), fill, name) for k, (_, fill, name) in STATES.items()},
        sources=cited_sources(ds, frame["sources"]),
    )


def bases(
    ds: Dataset, versions: Sequence[str], against: Mapping[str, str] | None = None
) -> dict[str, str | None]:
    """The column each version is redlined against: the one `against` names for it, else the
    nearest text it revises (through `revises`) among the columns, else none (a text of its
    own). A dataset recording no lineage compares each column with the one before it.

    Raises ValueError for a choice that is not another of the columns."""
    out: dict[str, str | None] = {}
    for n, version in enumerate(versions):
        chosen = (against or {}).get(version)
        if chosen is not None:
            if chosen not in versions or chosen == version:
                others = ", ".join(v for v in versions if v != version)
                raise ValueError(f"{version} cannot be compared with '{chosen}'; valid: {others}")
            out[version] = chosen
        elif not ds.has_lineage:
            out[version] = versions[n - 1] if n else None
        else:
            ancestors = standing.ancestry(ds, version)
            out[version] = next((v for v in ancestors if v in versions), None)
    return out


def compared_with(ds: Dataset, version: str, basis: str | None) -> str:
    """What a version's column is compared with, in words."""
    if basis is None:
        return "a text of its own: no redline" if ds.has_lineage else "first column: no redline"
    revises = basis == ds.version(version).revises
    return f"redlined against {ds.version(basis).name}" + (" (which it revises)" if revises else "")


def _columns(
    ds: Dataset,
    versions: Sequence[str],
    parties: Sequence[str],
    with_forecast: bool,
    basis: Mapping[str, str | None],
) -> list[Column]:
    newest = ds.version(versions[-1])
    out = [
        Column(v.id, v.name, f"{v.date:%d %b %Y} · {v.kind}", compared_with(ds, v.id, basis[v.id]))
        for v in map(ds.version, versions)
    ]
    out += [Column(p, ds.party(p).name, f"position at {newest.name}") for p in parties]
    if with_forecast:
        out.append(Column(FORECAST, "Where it may land", f"forecast at {newest.name}"))
    return out


def _version_cells(
    ds: Dataset,
    versions: Sequence[str],
    parties: Sequence[str],
    issues: list[str],
    compared: Mapping[str, str | None],
) -> pd.DataFrame:
    """The draft's cells: each version's term, stance and quote, redlined against its basis
    column, its state from the version diff between the two."""
    draft = table.tidy(ds, versions, [DRAFT], issues).set_index(["version", "issue"])
    every = pd.MultiIndex.from_product([versions, issues], names=["version", "issue"])
    draft = draft.reindex(every)  # a version silent on an issue has no row: no position
    draft = draft.assign(
        value_label=draft["value_label"].fillna("no position"),
        status=draft["status"].fillna("none"),
        **{c: draft[c].fillna("") for c in ("stance", "quote", "sources")},
    )
    pairs = [(old, new) for new, old in compared.items() if old is not None]
    diffs = agreement.version_diffs(ds, versions, parties, issues, of=[DRAFT], pairs=pairs)
    frames = []
    for version in versions:
        previous = compared[version]
        now = draft.loc[version].reindex(issues)
        if previous is None:
            first = np.where(now["status"] == "undisclosed", "undisclosed", "first")
            moves = pd.DataFrame({"state": first, "toward": "", "away": ""}, index=issues)
            runs, basis = [redline.redline(s, s) for s in now["stance"]], [""] * len(issues)
        else:
            moves = _moves(diffs[version], issues, now["status"])
            runs, basis = _redlines(draft.loc[previous].reindex(issues), now)
        frames.append(
            pd.DataFrame(
                {
                    "issue": issues,
                    "column": version,
                    "term": standing.marked(ds, now).to_numpy(),
                    "stance": now["stance"].to_numpy(),
                    "quote": now["quote"].to_numpy(),
                    "status": now["status"].to_numpy(),
                    "state": moves["state"].to_numpy(),
                    "toward": moves["toward"].to_numpy(),
                    "away": moves["away"].to_numpy(),
                    "basis": basis,
                    "redline": runs,
                    "sources": [tuple(ids(s)) for s in now["sources"]],
                }
            )
        )
    return _labelled(ds, pd.concat(frames, ignore_index=True))


def _moves(diff: pd.DataFrame, issues: list[str], status: pd.Series) -> pd.DataFrame:
    """Per issue, the draft's state from the draft's version diff (its change, a change named
    by the pole it moved toward) and the parties it moved toward and away from."""
    diff = diff.set_index("issue").reindex(issues)
    change = diff["change"].fillna("unchanged").to_numpy()
    shift = diff["shift"].fillna(0).to_numpy()
    moved = np.select([shift < 0, shift > 0], ["toward-low", "toward-high"], "changed")
    state = np.where(change == "changed", moved, change)
    state = np.where((state == "unchanged") & (status.to_numpy() == "undisclosed"),
                     "undisclosed", state)  # fmt: skip
    return pd.DataFrame(
        {"state": state, "toward": diff["toward"].fillna(""), "away": diff["away"].fillna("")},
        index=issues,
    )


def _redlines(before: pd.DataFrame, now: pd.DataFrame) -> tuple[list, list[str]]:
    """Each cell's redline against its basis column, and what it compares: the quoted words
    of the texts where both cells quote them, else the stance sentences."""
    on_quotes = ((before["quote"] != "") & (now["quote"] != "")).to_numpy()
    runs = [
        redline.redline(*(quotes if quoted else stances))
        for quoted, quotes, stances in zip(
            on_quotes,
            zip(before["quote"], now["quote"], strict=True),
            zip(before["stance"], now["stance"], strict=True),
            strict=True,
        )
    ]
    return runs, ["quote" if quoted else "stance" for quoted in on_quotes]


def _labelled(ds: Dataset, frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with `state_label` (naming the parties a change moved toward and away from)
    and `disputed`."""
    if "toward" not in frame:
        frame = frame.assign(toward="", away="")
    labels = []
    for state, toward, away in zip(frame["state"], frame["toward"], frame["away"], strict=True):
        parts = [f"toward {toward}" if toward else "", f"away from {away}" if away else ""]
        moves = "; ".join(p for p in parts if p)
        labels.append(state_label(state, ds) + (f" ({moves})" if moves else ""))
    return frame.assign(state_label=labels, disputed=frame["status"] == "disputed")


def _party_cells(
    ds: Dataset, version: str, parties: Sequence[str], issues: list[str]
) -> pd.DataFrame:
    """Each party's position at `version`: term, stance, quote and sources (no position where
    the party has no row)."""
    rows = table.tidy(ds, [version], parties, issues).set_index(["issue", "party"])
    every = pd.MultiIndex.from_product([issues, parties], names=["issue", "party"])
    rows = rows.reindex(every).reset_index()
    rows = rows.assign(
        value_label=rows["value_label"].fillna("no position"),
        status=rows["status"].fillna("none"),
        **{c: rows[c].fillna("") for c in ("stance", "quote", "sources")},
    )
    frame = pd.DataFrame(
        {
            "issue": rows["issue"],
            "column": rows["party"],
            "term": standing.marked(ds, rows),
            "stance": rows["stance"],
            "quote": rows["quote"],
            "status": rows["status"],
            "state": np.where(rows["status"] == "undisclosed", "undisclosed", "position"),
            "basis": "",
            "redline": [redline.redline(s, s) for s in rows["stance"]],
            "sources": [tuple(ids(s)) for s in rows["sources"]],
        }
    )
    return _labelled(ds, frame)


def _forecast_cells(
    ds: Dataset, version: str, parties: Sequence[str], issues: list[str]
) -> pd.DataFrame:
    """Where each issue may land at `version`: the compromise, the weighted median beside it."""
    found = forecast.forecast(ds, version, parties, issues).set_index("issue")
    found = found.reindex(issues)
    stance = [
        f"Weighted median: {median}." if not reason else f"No forecast: {reason}."
        for median, reason in zip(found["median_label"], found["reason"], strict=True)
    ]
    frame = pd.DataFrame(
        {
            "issue": issues,
            "column": FORECAST,
            "term": [label or "—" for label in found["compromise_label"]],
            "stance": stance,
            "quote": "",
            "status": "",
            "state": FORECAST,
            "basis": "",
            "redline": [redline.redline(s, s) for s in stance],
            "sources": [()] * len(issues),
        }
    )
    return _labelled(ds, frame)


def cited_sources(ds: Dataset, cells: pd.Series) -> pd.DataFrame:
    """The sources cited by cells holding tuples of source ids (`texts.sources_table`)."""
    return texts.sources_table(ds, {source for cell in cells for source in cell})
