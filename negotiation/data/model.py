"""The domain types: parties, issues and their scales, versions, sources, and the dataset.

About 400 lines: the Scale (direction, named values, labels) is most of it; every module
imports these types from here, so the file stays whole until Scale grows further."""

from __future__ import annotations

import functools
import hashlib
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import pairwise
from pathlib import Path

import numpy as np
import pandas as pd

from negotiation.data.problems import Problem

EPSILON = 1e-9
"""Absorbs floating-point noise when comparing positions (a gap to a tolerance, a tie)."""

DRAFT = "draft"
"""The pseudo-party whose positions are what a version's own text says."""

STATUSES = ("stated", "reported", "inferred", "disputed", "undisclosed", "none")
KNOWN_STATUSES = ("stated", "reported", "inferred", "disputed")
CONFIDENCES = ("high", "medium", "low")
VERSION_KINDS = ("draft", "counter-proposal", "summit", "statement", "framework", "agreement")
MAX_QUOTE_CHARS = 400
"""A quote is the few words of a source that support a position, not the article."""

POSITION_COLUMNS = (
    "version",
    "party",
    "issue",
    "value",
    "stance",
    "status",
    "confidence",
    "salience",
    "accept_min",
    "accept_max",
    "sources",
    "quote",
    "note",
)
CARRIED_COLUMNS = ("carried_from", "carried_date")
"""Columns of standing positions (never of positions.csv): the version a carried position was
disclosed at, and its date; empty when the position was stated at the row's own version."""
REQUIRED_COLUMNS = (
    "version",
    "party",
    "issue",
    "value",
    "stance",
    "status",
    "confidence",
    "sources",
)

STATUS_LABELS = {
    "stated": "stated on the record",
    "reported": "reported by the press",
    "inferred": "inferred from earlier statements",
    "disputed": "disputed: reports conflict",
    "undisclosed": "undisclosed: not made public",
    "none": "no position: the text is silent",
}


SHORT_CHARS = 32
"""The longest short label of a level: what a matrix cell or a chart's label holds."""


@dataclass(frozen=True)
class Level:
    id: str
    label: str
    short: str | None = None
    """At most SHORT_CHARS characters, for matrix cells and chart labels; the label stays whole
    in tooltips and tables."""

    @property
    def brief(self) -> str:
        """The short label, else the label."""
        return self.short or self.label


@dataclass(frozen=True)
class NamedValue:
    """A named value on a numeric scale ("no-cap"), at one of its ends in the scale's units."""

    id: str
    label: str
    at: str
    """'min' or 'max': the end of the scale it stands at."""


@dataclass(frozen=True)
class Scale:
    """An issue's scale: numeric (unit, bounds, named values) or ordinal (ordered levels).

    Normalised positions run from the dataset's low pole (0) to its high pole (1): an ascending
    scale has its minimum or first level at 0, a descending one its maximum or last level."""

    kind: str
    unit: str = ""
    min: float = 0.0
    max: float = 1.0
    tolerance: float = 0.0
    levels: tuple[Level, ...] = ()
    descending: bool = False
    named: tuple[NamedValue, ...] = ()
    value_decimals: int = field(default=0, compare=False)
    """The most decimals the issue's own values are given with (set by the loader from the
    positions, red lines and reference points): 3.67 % is shown as 3.67, never 3.7."""

    @property
    def is_numeric(self) -> bool:
        return self.kind == "numeric"

    @property
    def direction(self) -> str:
        return "descending" if self.descending else "ascending"

    def level_ids(self) -> tuple[str, ...]:
        return tuple(level.id for level in self.levels)

    def named_value(self, value: object) -> NamedValue | None:
        """The named value `value` stands for, or None (a number or a level)."""
        return next((n for n in self.named if n.id == value), None)

    def parse(self, raw: str) -> float | str:
        """The value of a raw cell: a float or a named value's id on a numeric scale, a level id
        on an ordinal one.

        Raises ValueError with a plain-words reason when the cell is not on the scale.
        """
        text = raw.strip()
        if self.is_numeric:
            if self.named_value(text):
                return text
            try:
                number = float(text)
            except ValueError:
                names = f" or a named value ({', '.join(n.id for n in self.named)})"
                raise ValueError(f"'{text}' is not a number{names if self.named else ''}") from None
            if not math.isfinite(number):
                raise ValueError(f"'{text}' is not a finite number")
            if not self.min <= number <= self.max:
                raise ValueError(
                    f"{number_text(number)} is off the scale "
                    f"{number_text(self.min)}–{number_text(self.max)} {self.unit}"
                )
            return number
        if text not in self.level_ids():
            raise ValueError(
                f"'{text}' is not a level; valid levels: {', '.join(self.level_ids())}"
            )
        return text

    def units(self, value: float | str) -> float:
        """A numeric value in the scale's units; NaN for a named value, which stands at an end
        without being a number (no cap is not a cap of the maximum)."""
        return np.nan if self.named_value(value) else float(value)

    def share(self, value: float | str) -> float:
        """How far along the scale, as listed, a value lies (0 at min or the first level)."""
        if self.is_numeric:
            named = self.named_value(value)
            if named:
                return 0.0 if named.at == "min" else 1.0
            return (float(value) - self.min) / (self.max - self.min)
        return self.level_ids().index(str(value)) / max(len(self.levels) - 1, 1)

    def interval(self, low: float | str | None, high: float | str | None) -> tuple[float, float]:
        """A range given in the scale's listed order (accept_min to accept_max; None: that end
        of the scale) as a normalised interval, its lower end first whatever the direction."""
        ends = (
            self._toward_pole(0.0 if low is None else self.share(low)),
            self._toward_pole(1.0 if high is None else self.share(high)),
        )
        return min(ends), max(ends)

    def _toward_pole(self, share: float) -> float:
        """A share along the listed scale as a normalised position, and back (its own inverse)."""
        return 1.0 - share if self.descending else share

    def normalise(self, value: float | str) -> float:
        """The position in [0, 1] between the dataset's poles."""
        return self._toward_pole(self.share(value))

    def denormalise(self, norm: float) -> float:
        """The value in the issue's own units at a normalised position (numeric scales)."""
        return self.min + self._toward_pole(norm) * (self.max - self.min)

    def nearest_level(self, norm: float) -> Level:
        """The ordinal level closest to a normalised position."""
        index = round(self._toward_pole(norm) * (len(self.levels) - 1))
        return self.levels[min(max(index, 0), len(self.levels) - 1)]

    def label(self, value: float | str) -> str:
        """The value in plain words: the level's or named value's label, or the number with
        its unit."""
        named = self.named_value(value) if self.is_numeric else None
        if named:
            return named.label
        if self.is_numeric:
            return f"{number_text(float(value))} {self.unit}".strip()
        return {level.id: level.label for level in self.levels}[str(value)]

    def short_label(self, value: float | str) -> str:
        """The value in few words: a level's short label where it has one, else `label`."""
        if self.is_numeric:
            return self.label(value)
        return {level.id: level.brief for level in self.levels}[str(value)]

    def native(self, norm: float) -> float:
        """A normalised position in the issue's terms: units on a numeric scale, the level number
        (1 = first level, fractions in between) on an ordinal one."""
        if self.is_numeric:
            return self.denormalise(norm)
        return 1 + self._toward_pole(norm) * (len(self.levels) - 1)

    @functools.cached_property
    def decimals(self) -> int:
        """How many decimals show a value to the issue's precision: those its own values,
        bounds and tolerance are given with (so a given value shows exactly as given), and
        enough to tell a hundredth of its range (a point on the common 0-100 scale) apart, no
        more (5,967 centrifuges, not 5,966.67)."""
        step = (self.max - self.min) / 100
        needed = max(0, -math.floor(math.log10(step) + EPSILON)) if step > 0 else 0
        given = (_decimals(x) for x in (self.min, self.max, self.tolerance))
        return min(max(needed, self.value_decimals, *given), MAX_DECIMALS)

    def rounded(self, value: float) -> float:
        """A computed value in the issue's units, rounded to its precision (`decimals`)."""
        return round(value, self.decimals) + 0.0  # + 0.0: no "-0"

    def native_label(self, norm: float) -> str:
        """A normalised position in plain words: a named value's label where one stands there,
        the number (to the issue's precision) with its unit, or the nearest level (both levels
        when it lies midway)."""
        if pd.isna(norm):
            return ""
        if self.is_numeric:
            at = [n for n in self.named if abs(self.normalise(n.id) - norm) <= EPSILON]
            if at:
                return at[0].label
            value = self.rounded(self.denormalise(norm))
            shown = 0 if value.is_integer() else self.decimals  # 3, not 3.00
            return f"{value:,.{shown}f} {self.unit}".strip()
        position = self._toward_pole(norm) * (len(self.levels) - 1)
        lower = int(np.floor(position + EPSILON))
        if abs(position - lower - 0.5) <= EPSILON:  # a tie: name both rather than pick one
            return f"between {self.levels[lower].label} and {self.levels[lower + 1].label}"
        return self.nearest_level(norm).label

    @property
    def norm_tolerance(self) -> float:
        """The agreement tolerance on the normalised scale (exact level match on ordinal)."""
        if self.is_numeric:
            return self.tolerance / (self.max - self.min)
        return 0.0


@dataclass(frozen=True)
class Reference:
    """An issue's reference point (the status quo): a value on its scale with its label and
    sources, for one version or (version None) for every version without its own. Drawn on the
    issue's charts and listed in tables; never a party, never counted in agreement."""

    value: str
    label: str
    sources: tuple[str, ...] = ()
    version: str | None = None
    carried_from: str | None = None
    """The earlier version whose own reference this one carries (standing positions)."""


@dataclass(frozen=True)
class Poles:
    """The names of the two ends of the dataset's common scale (normalised 0 and 1)."""

    low: str = "Scale start"
    high: str = "Scale end"
    named: bool = False
    """Whether the dataset names them (else these defaults stand for each scale's own ends)."""

    def axis_title(self) -> str:
        """How a normalised axis is titled: its two ends by name."""
        return f"← {self.low} · {self.high} →"


@dataclass(frozen=True)
class Party:
    id: str
    name: str
    short: str
    colour: str | None = None
    capability: float | None = None


@dataclass(frozen=True)
class Issue:
    id: str
    name: str
    group: str
    description: str
    scale: Scale
    references: tuple[Reference, ...] = ()

    def reference(self, version: str | None = None) -> Reference | None:
        """The reference point at a version: its own, else the dataset-wide one, else None."""
        own = [r for r in self.references if r.version == version and version is not None]
        default = [r for r in self.references if r.version is None]
        return (own or default or [None])[0]


@dataclass(frozen=True)
class Version:
    id: str
    name: str
    date: date
    kind: str
    author: str
    summary: str
    capabilities: tuple[tuple[str, float], ...] = ()
    """Per-party capability at this version, overriding the party's own (party id, 0-1)."""
    final: bool = False
    """The agreed or final text: its draft terms are the outcome (also when kind is agreement)."""
    revises: str | None = None
    """The earlier version whose text this one revises: where its own text is silent, the
    parent's terms stand (standing positions). None: a text of its own, carrying no terms."""
    revises_sources: tuple[str, ...] = ()
    """The sources that say this version revises its parent."""

    @property
    def is_final(self) -> bool:
        return self.final or self.kind == "agreement"


@dataclass(frozen=True)
class Source:
    id: str
    publisher: str
    title: str
    date: date | None
    """None when the dataset does not give it (an import without a sources table): never
    guessed."""
    url: str | None = None
    unpublished: str | None = None
    """Why the source has no link (an unpublished text, a statement read on air)."""

    @property
    def iso_date(self) -> str:
        """The date as YYYY-MM-DD, empty when not given."""
        return self.date.isoformat() if self.date else ""

    @property
    def when(self) -> str:
        """The date in words: "05 Mar 2026", or "date not given"."""
        return f"{self.date:%d %b %Y}" if self.date else NO_DATE


@dataclass(frozen=True)
class Carry:
    """How far a party's last disclosed position carries forward to later versions (dataset.yaml
    `carry: false` or `carry: {max_age_days: N}`); by default, without limit."""

    enabled: bool = True
    max_age_days: int | None = None


DRAFT_PARTY = Party(id=DRAFT, name="Draft text", short="Draft", colour="#555555")


@dataclass(frozen=True)
class Dataset:
    """A negotiation: its metadata and the tidy positions table.

    `positions` has the columns of positions.csv (as strings, empty for missing) plus
    `norm`: the normalised position in [0, 1], NaN when the value is unknown.
    """

    id: str
    title: str
    description: str
    licence: str
    parties: tuple[Party, ...]
    issues: tuple[Issue, ...]
    versions: tuple[Version, ...]
    sources: tuple[Source, ...]
    positions: pd.DataFrame = field(compare=False, repr=False)
    path: Path | None = None
    poles: Poles = Poles()
    carry: Carry = Carry()
    notes: tuple[Problem, ...] = ()
    """What the dataset leaves to defaults or should add (sources without a link), in words;
    none of it stops the dataset from loading."""
    provisions: pd.DataFrame | None = field(default=None, compare=False, repr=False)
    """The drafts' own words, clause by clause (provisions.csv, `data.provisions`); None when
    the dataset has none."""
    import_report: tuple[str, ...] = ()
    """What an import assumed where the imported file was silent (a scale's ends, a unit read
    from labels), one line each: shown after the import and saved as IMPORT.md, never folded
    into the description."""

    def party(self, party_id: str) -> Party:
        return DRAFT_PARTY if party_id == DRAFT else _find(self.parties, party_id, "party")

    def issue(self, issue_id: str) -> Issue:
        return _find(self.issues, issue_id, "issue")

    def version(self, version_id: str) -> Version:
        return _find(self.versions, version_id, "version")

    def source(self, source_id: str) -> Source:
        return _find(self.sources, source_id, "source")

    @functools.cached_property
    def fingerprint(self) -> str:
        """A hash of this dataset's content, which the UI's caches key on: a changed value
        gives a new fingerprint, whatever object holds it. The loader sets it from the files'
        bytes (cheaper than hashing the table); any other dataset hashes its content here."""
        digest = hashlib.blake2b(digest_size=16)
        metadata = (self.id, self.title, self.description, self.licence, self.parties,
                    self.issues, self.versions, self.sources, self.poles, self.carry)  # fmt: skip
        digest.update(repr(metadata).encode())
        digest.update(pd.util.hash_pandas_object(self.positions).to_numpy().tobytes())
        return digest.hexdigest()

    def with_fingerprint(self, content: bytes | Iterable[bytes]) -> Dataset:
        """This dataset, its fingerprint the hash of the bytes it was read from (given whole,
        or in parts, hashed as if joined)."""
        self.__dict__["fingerprint"] = content_digest(content)
        return self

    @property
    def party_ids(self) -> list[str]:
        return [p.id for p in self.parties]

    @property
    def issue_ids(self) -> list[str]:
        return [i.id for i in self.issues]

    @property
    def final_version(self) -> Version | None:
        """The agreed or final version, if the dataset has one."""
        return next((v for v in self.versions if v.is_final), None)

    @property
    def version_ids(self) -> list[str]:
        """Version ids in chronological order."""
        return [v.id for v in sorted(self.versions, key=lambda v: v.date)]

    @property
    def has_lineage(self) -> bool:
        """Whether any version names the version it revises."""
        return any(v.revises for v in self.versions)

    @property
    def revisions(self) -> list[tuple[str, str]]:
        """(parent, revision) for every version that revises another, in date order. A dataset
        that records no lineage at all is read as one text revised version after version."""
        if not self.has_lineage:
            return list(pairwise(self.version_ids))
        versions = (self.version(v) for v in self.version_ids)
        return [(v.revises, v.id) for v in versions if v.revises]


def content_digest(content: bytes | Iterable[bytes]) -> str:
    """The fingerprint of bytes, or of parts hashed as if joined (without copying them into
    one: at 600,000 positions a 37 MB copy)."""
    digest = hashlib.blake2b(digest_size=16)
    for part in [content] if isinstance(content, bytes) else content:
        digest.update(part)
    return digest.hexdigest()


def _find(items: tuple, item_id: str, kind: str):
    for item in items:
        if item.id == item_id:
            return item
    valid = ", ".join(i.id for i in items)
    raise KeyError(f"No {kind} '{item_id}'; valid {kind} ids: {valid}")


NO_DATE = "date not given"
"""What a source without a date says in its place."""
MULTIPLIERS = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
"""Unit words that scale a number: "600 thousand personnel" reads 600,000 personnel."""
MAX_DECIMALS = 6
"""The most decimals a computed value is shown with, however narrow its scale."""


def with_value_decimals(issues: tuple[Issue, ...], positions: pd.DataFrame) -> tuple[Issue, ...]:
    """The issues, each numeric scale with its `value_decimals`: the most decimals among its
    positions' values (`units`), red lines and reference points."""
    codes, ids = pd.factorize(positions["issue"])
    parts = [(codes, positions["units"].to_numpy(float))]
    for column in ("accept_min", "accept_max"):
        filled = (positions[column] != "").to_numpy(bool)  # red lines are mostly empty
        cells, texts = pd.factorize(positions[column][filled])
        numbers = pd.to_numeric(pd.Series(texts, dtype=object), errors="coerce").to_numpy(float)
        parts.append((codes[filled], np.append(numbers, np.nan)[cells]))
    at = np.concatenate([issue for issue, _ in parts])
    number = np.concatenate([number for _, number in parts])
    given = ~np.isnan(number) & (at >= 0)
    # each distinct number's decimals once, then the most per issue
    distinct, which = np.unique(number[given], return_inverse=True)
    places = np.array([_decimals(n) for n in distinct.tolist()], dtype=np.int64)
    most = np.full(len(ids), -1, dtype=np.int64)
    np.maximum.at(most, at[given], places[which])
    found = {i: int(n) for i, n in zip(ids.tolist(), most.tolist(), strict=True) if n >= 0}

    def decimals(issue: Issue) -> int:
        references = (_decimals(float(r.value)) for r in issue.references if _is_number(r.value))
        return max(found.get(issue.id, 0), *references, 0)

    return tuple(
        replace(issue, scale=replace(issue.scale, value_decimals=decimals(issue)))
        if issue.scale.is_numeric
        else issue
        for issue in issues
    )


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _decimals(number: float) -> int:
    """The decimals a bound is written with (0.25 has 2), up to MAX_DECIMALS."""
    text = f"{abs(number):.{MAX_DECIMALS}f}".rstrip("0")
    return len(text.partition(".")[2])


def number_text(number: float) -> str:
    """A number as given, with thousands separators: "600,000", "3.67", "2.5" (a float's noise
    past MAX_DECIMALS dropped: 0.1 + 0.2 reads 0.3)."""
    return f"{number:,.{MAX_DECIMALS}f}".rstrip("0").rstrip(".")


def per_issue_and_cell(
    issues: pd.Series, cells: pd.Series, compute: Callable[[str, str | None], object]
) -> np.ndarray:
    """compute(issue, cell) for every row (cell None where missing), called once per distinct
    (issue, cell) pair and spread back by array index: 600,000 positions hold a few thousand
    pairs. `issues` has no missing values."""
    issue_codes, issue_ids = pd.factorize(issues)
    cell_codes, cell_values = pd.factorize(cells)
    width = len(cell_values) + 1  # cell codes move up by one, so that 0 stands for missing
    pair_codes, pairs = pd.factorize(issue_codes.astype(np.int64) * width + cell_codes + 1)
    issue_ids, cells_at = issue_ids.tolist(), [None, *cell_values.tolist()]
    answers = np.empty(len(pairs), dtype=object)
    for n, pair in enumerate(pairs):
        at_issue, at_cell = divmod(int(pair), width)
        answers[n] = compute(issue_ids[at_issue], cells_at[at_cell])
    return answers[pair_codes]
