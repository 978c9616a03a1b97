"""How one draft's clauses became another's: each clause of the new text matched with the clause
of the text it revises that it continues (by its words, the issues both speak to and its
number, so that a renumbered clause is still found), redlined word by word against it, and named
unchanged, changed, moved, added or deleted."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

import pandas as pd

from negotiation.data.checks import ids
from negotiation.documents import redline

SAME, CHANGED, ADDED, DELETED, OWN = "unchanged", "changed", "added", "deleted", "own"
KINDS = {
    SAME: ("unchanged", "#ffffff", "white"),
    CHANGED: ("changed: struck words deleted, underlined words inserted", "#fff3b0", "yellow"),
    ADDED: ("added: no clause of the compared text matches it", "#c7e9c0", "green"),
    DELETED: ("deleted: in the compared text, not in this one", "#fcbba1", "red"),
    OWN: ("a text of its own: nothing to compare it with", "#f3f3f3", "light grey"),
}
"""Each kind of clause: what it means, its fill colour and the colour's name."""
MATCH_SIMILARITY = 0.5
"""Words two clauses must share (difflib's ratio over their words) to be one clause, revised."""
SHARED_ISSUE_SIMILARITY = 0.25
"""The same, for two clauses that speak to a same issue or bear the same number."""


@dataclass(frozen=True)
class Clause:
    """One clause in a comparison: its number, its words redlined against the clause it
    continues (all kept for a clause compared with nothing, all struck for a deleted one), its
    kind, what it was matched with, and its sources."""

    provision: str
    runs: tuple[redline.Run, ...]
    kind: str
    was: str = ""
    """The number of the clause it continues, when that differs from its own."""
    moved: bool = False
    """Whether it stands elsewhere in the order of the clauses it shares with the other text."""
    issues: tuple[str, ...] = ()
    """The issues it speaks to, and those the clause it continues spoke to."""
    sources: tuple[str, ...] = ()

    @property
    def note(self) -> str:
        """What happened to the clause, in words."""
        if self.kind in (OWN, SAME) and not (self.moved or self.was):
            return ""
        words = [KINDS[self.kind][0].split(":")[0]]
        if self.moved:
            words.append("moved")
        if self.was:
            words.append(f"was {self.was}")
        return ", ".join(words)


def similarity(old: str, new: str) -> float:
    """The share of words two clauses have in common, in order (0 to 1, case ignored)."""
    return difflib.SequenceMatcher(
        a=old.lower().split(), b=new.lower().split(), autojunk=False
    ).ratio()


def matches(old: pd.DataFrame, new: pd.DataFrame) -> dict[int, int]:
    """Which clause of `old` each clause of `new` continues, as {new position: old position}
    (positions in the frames' order): the pairs most alike first, each clause used once. Two
    clauses are one when they share MATCH_SIMILARITY of their words; SHARED_ISSUE_SIMILARITY
    and an issue or their number; or both an issue and their number (a clause rewritten in
    its place)."""
    scored = []
    for j, b in enumerate(new.itertuples()):
        for i, a in enumerate(old.itertuples()):
            ratio = similarity(a.text, b.text)
            shared = bool(set(ids(a.issues)) & set(ids(b.issues)))
            numbered = a.provision == b.provision
            if (
                ratio >= MATCH_SIMILARITY
                or ((shared or numbered) and ratio >= SHARED_ISSUE_SIMILARITY)
                or (shared and numbered)
            ):
                scored.append((ratio + 0.2 * (shared + numbered), -abs(i - j), j, i))
    paired: dict[int, int] = {}
    for *_, j, i in sorted(scored, reverse=True):
        if j not in paired and i not in paired.values():
            paired[j] = i
    return dict(sorted(paired.items()))


def _in_order(paired: dict[int, int]) -> set[int]:
    """The new positions whose matched clauses keep their order (the longest run in order);
    the others moved."""
    news = list(paired)
    best: list[list[int]] = []
    for j in news:
        fits = [run for run in best if paired[run[-1]] < paired[j]]
        best.append([*max(fits, key=len, default=[]), j])
    return set(max(best, key=len, default=[]))


def compare(old: pd.DataFrame | None, new: pd.DataFrame) -> list[tuple[float, Clause]]:
    """The clauses of `new`, and the clauses of `old` it deleted, each with its place in the
    new text's order (a deleted clause right after the new clause matching the old one before
    it). `old` None: the new text compared with nothing. Frames have PROVISION_COLUMNS."""

    def clause(row, runs, kind, was="", moved=False, parent=None) -> Clause:
        issues = dict.fromkeys([*ids(row.issues), *(ids(parent.issues) if parent else ())])
        return Clause(row.provision, runs, kind, was, moved, tuple(issues),
                      tuple(ids(row.sources)))  # fmt: skip

    rows = list(new.itertuples())
    if old is None:
        return [(j, clause(r, redline.redline(r.text, r.text), OWN)) for j, r in enumerate(rows)]
    before = list(old.itertuples())
    paired = matches(old, new)
    kept = _in_order(paired)
    out = []
    for j, row in enumerate(rows):
        if j not in paired:
            out.append((j, clause(row, redline.redline("", row.text), ADDED)))
            continue
        parent = before[paired[j]]
        runs = redline.redline(parent.text, row.text)
        kind = CHANGED if redline.changed(runs) else SAME
        was = parent.provision if parent.provision != row.provision else ""
        out.append((j, clause(row, runs, kind, was, j not in kept, parent)))
    by_old = {i: j for j, i in paired.items()}
    for i, row in enumerate(before):
        if i in by_old:
            continue
        earlier = [by_old[k] for k in by_old if k < i]
        place = (max(earlier) if earlier else -1) + 0.5
        out.append((place, clause(row, redline.redline(row.text, ""), DELETED)))
    return sorted(out, key=lambda item: item[0])
