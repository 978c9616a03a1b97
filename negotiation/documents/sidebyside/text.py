"""The side by side in Text mode: the drafts' own words, one row per issue, each cell the
clauses of its column's text that speak to the issue, redlined word by word against the clauses
they continue in the column of the text it revises (`clauses.compare`), moved, added and
deleted clauses named. A last row holds the clauses that speak to no issue."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from negotiation.data.model import Dataset
from negotiation.documents import clauses, texts
from negotiation.documents.sidebyside.table import (
    Column,
    bases,
    check,
    cited_sources,
    compared_with,
    grouped,
)

TEXT, POSITIONS = "text", "positions"
MODES = {TEXT: "Text: the drafts' own words", POSITIONS: "Positions: terms and stances"}
OTHER = ""
"""The row key of the clauses that speak to no issue."""
OTHER_NAME = "Clauses on no listed issue"


@dataclass(frozen=True)
class TextTable:
    """Columns in date order; one row per issue some clause speaks to (`rows`: issue,
    issue_name, group), then OTHER; each cell the clauses of the column's text on that issue."""

    title: str
    columns: tuple[Column, ...]
    rows: pd.DataFrame
    cells: dict[tuple[str, str], tuple[clauses.Clause, ...]]
    silent: tuple[str, ...]
    """The chosen issues no text speaks to, by name."""
    sources: pd.DataFrame
    """The sources the clauses were read from: id, publisher, date, title, url."""

    def kinds(self) -> list[str]:
        """The kinds of clause the table holds, in KINDS' order."""
        found = {c.kind for cell in self.cells.values() for c in cell}
        return [kind for kind in clauses.KINDS if kind in found]


def default_mode(ds: Dataset, versions: Sequence[str]) -> str:
    """Text where every chosen version has its text recorded, else positions."""
    written = set(texts.versions_with_texts(ds))
    return TEXT if versions and all(v in written for v in versions) else POSITIONS


def build_text(
    ds: Dataset,
    versions: Sequence[str],
    issues: Iterable[str] | None = None,
    against: Mapping[str, str] | Iterable[tuple[str, str]] = (),
) -> TextTable:
    """The Text-mode table of `versions` (put in date order) over `issues` (default: all, and
    then the clauses on no issue as a last row). Each column is redlined against the column of
    the text it revises, or the column `against` names for it.

    Raises ValueError naming the valid choices for an unknown version, or when no chosen
    version has its text recorded."""
    check(ds, versions, ())
    versions = [v for v in ds.version_ids if v in set(versions)]
    written = set(texts.versions_with_texts(ds))
    if not written & set(versions):
        have = ", ".join(v for v in ds.version_ids if v in written) or "none"
        raise ValueError(f"no chosen version has its text recorded; versions with texts: {have}")
    basis = bases(ds, versions, dict(against))
    read = {v: texts.provisions_of(ds, v) for v in versions if v in written}
    compared = {v: clauses.compare(read.get(basis[v]), read[v]) for v in read}
    chosen = grouped(ds, issues)
    spoken = {i for found in compared.values() for _, c in found for i in c.issues}
    keys = [i for i in chosen if i in spoken]
    if issues is None or set(chosen) == set(ds.issue_ids):
        keys += [OTHER] if any(not c.issues for f in compared.values() for _, c in f) else []
    cells = {
        (key, v): tuple(c for _, c in compared.get(v, []) if _on(c, key)) for key in keys
        for v in versions
    }  # fmt: skip
    return TextTable(
        title=f"{ds.title}: the drafts' texts side by side",
        columns=tuple(
            _column(ds, v, basis[v], v in written, basis[v] in written) for v in versions
        ),
        rows=pd.DataFrame(
            {
                "issue": keys,
                "issue_name": [ds.issue(i).name if i else OTHER_NAME for i in keys],
                "group": [ds.issue(i).group if i else "other" for i in keys],
            }
        ),
        cells=cells,
        silent=tuple(ds.issue(i).name for i in chosen if i not in spoken),
        sources=cited_sources(ds, pd.Series([c.sources for cell in cells.values() for c in cell])),
    )


def _on(clause: clauses.Clause, key: str) -> bool:
    return key in clause.issues if key else not clause.issues


def _column(ds: Dataset, version: str, basis: str | None, written: bool, compared: bool) -> Column:
    """A version's column: its name, date, kind and count of clauses, and what it is compared
    with (nothing when either text is not recorded)."""
    found = ds.version(version)
    count = len(texts.provisions_of(ds, version))
    subtitle = f"{found.date:%d %b %Y} · {found.kind} · " + (
        f"{count} clauses" if written else "no text recorded"
    )
    if basis is not None and written and not compared:
        return Column(version, found.name, subtitle,
                      f"{ds.version(basis).name} has no text recorded: no redline")  # fmt: skip
    return Column(version, found.name, subtitle, compared_with(ds, version, basis))


def text_changes(
    ds: Dataset, old: str, new: str, issues: Iterable[str] | None = None
) -> tuple[clauses.Clause, ...]:
    """How `new`'s text changed `old`'s, clause by clause: the clauses changed, moved, added or
    deleted on `issues` (default: all; clauses on no issue count when every issue is chosen),
    in `new`'s order; none when either text is not recorded."""
    written = set(texts.versions_with_texts(ds))
    if old not in written or new not in written:
        return ()
    chosen = set(issues) if issues is not None else set(ds.issue_ids)
    every = chosen == set(ds.issue_ids)
    return tuple(
        c
        for _, c in clauses.compare(texts.provisions_of(ds, old), texts.provisions_of(ds, new))
        if (c.kind != clauses.SAME or c.moved)
        and (chosen & set(c.issues) or (every and not c.issues))
    )
