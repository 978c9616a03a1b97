"""dataset.yaml: its pydantic schema, parsed and validated with every problem named by its path
(`issues > #3 (nato) > scale`) and its line, turned into the domain objects of a Dataset, and
the notes on what a valid file leaves to defaults.

About 390 lines: one pydantic model per part of the file, each with its own checks; the
YAML-reading helpers (no aliases, lines of nodes) are the part to move out next."""

from __future__ import annotations

import datetime
import re
from datetime import date
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from negotiation.data.model import (
    DRAFT,
    SHORT_CHARS,
    VERSION_KINDS,
    Carry,
    Issue,
    Level,
    NamedValue,
    Party,
    Poles,
    Reference,
    Scale,
    Source,
    Version,
)
from negotiation.data.problems import METADATA_FILE, DatasetError, Problem, repeated
from negotiation.data.textfile import decode

Id = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=64)]
Text = Annotated[str, Field(min_length=1, max_length=2000)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LevelIn(_Model):
    id: Id
    label: Text
    short: Annotated[str, Field(min_length=1, max_length=SHORT_CHARS)] | None = None


class NamedIn(_Model):
    id: Id
    label: Text
    at: Literal["min", "max"]

    @field_validator("id")
    @classmethod
    def _not_a_number(cls, value: str) -> str:
        try:
            float(value)
        except ValueError:
            return value
        raise ValueError(f"'{value}' is a number; a named value needs a name such as no-cap")


class ScaleIn(_Model):
    kind: Literal["numeric", "ordinal"]
    unit: str = ""
    min: float | None = None
    max: float | None = None
    tolerance: float = Field(0.0, ge=0)
    levels: list[LevelIn] = []
    direction: Literal["ascending", "descending"] = "ascending"
    named: list[NamedIn] = []

    @model_validator(mode="after")
    def _consistent(self) -> ScaleIn:
        if self.kind == "numeric":
            if self.min is None or self.max is None:
                raise ValueError("a numeric scale needs min and max")
            if not self.min < self.max:
                raise ValueError(
                    f"min ({self.min:g}) must be below max ({self.max:g}); a scale that runs "
                    "the other way keeps min < max and says direction: descending"
                )
            if self.levels:
                raise ValueError("a numeric scale has no levels")
            names = [n.id for n in self.named]
            if repeated(names):
                raise ValueError(f"named value ids repeat: {', '.join(repeated(names))}")
        elif self.named:
            raise ValueError("named values belong to numeric scales; an ordinal one has levels")
        else:
            if len(self.levels) < 2:
                raise ValueError("an ordinal scale needs at least two levels")
            ids = [level.id for level in self.levels]
            if len(set(ids)) != len(ids):
                raise ValueError(f"level ids repeat: {', '.join(repeated(ids))}")
        return self


class PartyIn(_Model):
    id: Id
    name: Text
    short: Text | None = None
    colour: Annotated[str, Field(pattern=r"^#[0-9a-fA-F]{6}$")] | None = None
    capability: float | None = Field(None, ge=0, le=1)

    @field_validator("id")
    @classmethod
    def _not_draft(cls, value: str) -> str:
        if value == DRAFT:
            raise ValueError(f"'{DRAFT}' is reserved for the draft text of each version")
        return value


class ReferenceIn(_Model):
    value: str | float
    label: Text
    sources: list[Id] = []
    version: Id | None = None


class IssueIn(_Model):
    id: Id
    name: Text
    group: Text = "other"
    description: str = ""
    scale: ScaleIn
    reference: ReferenceIn | list[ReferenceIn] = []

    @property
    def references(self) -> list[ReferenceIn]:
        return self.reference if isinstance(self.reference, list) else [self.reference]

    @model_validator(mode="after")
    def _references_on_the_scale(self) -> IssueIn:
        scale = _scale(self.scale)
        for reference in self.references:
            try:
                scale.parse(_cell(reference.value))
            except ValueError as error:
                raise ValueError(f"reference value: {error}") from None
        versions = [r.version for r in self.references]
        if repeated([str(v) for v in versions]):
            raise ValueError("two references for the same version (or two without a version)")
        return self


class VersionIn(_Model):
    id: Id
    name: Text
    date: date
    kind: Literal[VERSION_KINDS]  # type: ignore[valid-type]
    author: str = ""
    summary: str = ""
    capabilities: dict[Id, Annotated[float, Field(ge=0, le=1)]] = {}
    final: bool = False
    revises: Id | None = None
    revises_sources: list[Id] = []


class CarryIn(_Model):
    max_age_days: Annotated[int, Field(ge=0)] | None = None


class SourceIn(_Model):
    id: Id
    publisher: Text
    title: Text
    date: datetime.date | None = None  # the module's: the field's name hides the type
    url: Annotated[str, Field(pattern=r"^https?://\S+$", max_length=2000)] | None = None
    unpublished: Text | None = None


class PolesIn(_Model):
    low: Text
    high: Text


class MetadataIn(_Model):
    title: Text
    description: str = ""
    licence: str = ""
    parties: list[PartyIn] = Field(min_length=1)
    issues: list[IssueIn] = Field(min_length=1)
    versions: list[VersionIn] = Field(min_length=1)
    sources: list[SourceIn] = Field(min_length=1)
    poles: PolesIn | None = None
    carry: bool | CarryIn = True

    @model_validator(mode="after")
    def _unique_ids(self) -> MetadataIn:
        for kind in ("parties", "issues", "versions", "sources"):
            repeats = repeated([item.id for item in getattr(self, kind)])
            if repeats:
                raise ValueError(f"{kind} ids repeat: {', '.join(repeats)}")
        return self

    @model_validator(mode="after")
    def _known_capability_parties(self) -> MetadataIn:
        parties = [p.id for p in self.parties]
        for version in self.versions:
            unknown = [p for p in version.capabilities if p not in parties]
            if unknown:
                raise ValueError(
                    f"version {version.id}: capabilities name unknown party id(s) "
                    f"{', '.join(unknown)}; valid: {', '.join(parties)}"
                )
        return self

    @model_validator(mode="after")
    def _known_reference_ids(self) -> MetadataIn:
        sources, versions = {s.id for s in self.sources}, {v.id for v in self.versions}
        for issue in self.issues:
            for reference in issue.references:
                unknown = [s for s in reference.sources if s not in sources]
                if unknown:
                    listed = ", ".join(unknown)
                    raise ValueError(
                        f"issue {issue.id}: reference cites unknown source(s) {listed}"
                    )
                if reference.version is not None and reference.version not in versions:
                    raise ValueError(
                        f"issue {issue.id}: reference names unknown version '{reference.version}'; "
                        f"valid: {', '.join(sorted(versions))}"
                    )
        return self

    @property
    def _source_ids(self) -> set[str]:
        return {s.id for s in self.sources}

    @model_validator(mode="after")
    def _revisions_of_earlier_versions(self) -> MetadataIn:
        place = {v.id: (v.date, n) for n, v in enumerate(self.versions)}
        for version in self.versions:
            parent = version.revises
            unknown = [s for s in version.revises_sources if s not in self._source_ids]
            if unknown:
                raise ValueError(
                    f"version {version.id}: revises_sources names unknown source(s) "
                    f"{', '.join(unknown)}"
                )
            if parent is None:
                continue
            if parent not in place:
                raise ValueError(
                    f"version {version.id}: revises unknown version '{parent}'; "
                    f"valid: {', '.join(sorted(place))}"
                )
            if place[parent] >= place[version.id]:
                raise ValueError(
                    f"version {version.id}: revises '{parent}', which is not earlier (a "
                    "revision comes after its parent: a later date, or the same date listed after)"
                )
        return self

    @model_validator(mode="after")
    def _one_final_version(self) -> MetadataIn:
        finals = [v.id for v in self.versions if v.final or v.kind == "agreement"]
        if len(finals) > 1:
            raise ValueError(f"only one version can be final; marked final: {', '.join(finals)}")
        return self


class _NoAliasLoader(yaml.SafeLoader):
    """A safe loader that refuses aliases, so a small file cannot expand into a huge one."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise yaml.MarkedYAMLError(problem="aliases (*name) are not allowed", problem_mark=mark)
        return super().compose_node(parent, index)


def _read_yaml(text: str) -> object:
    """The YAML document in `text`, refusing aliases. A text without '*' cannot hold one, so it
    goes to libyaml's C loader (1.5 s → 0.1 s for 300 issues); any other text, and any text the
    C loader rejects, to the pure-Python loader, which refuses aliases and words the errors."""
    if "*" not in text and getattr(yaml, "CSafeLoader", None):
        try:
            return yaml.load(text, Loader=yaml.CSafeLoader)
        except yaml.YAMLError:
            pass
    return yaml.load(text, Loader=_NoAliasLoader)


def parse_metadata(data: bytes, file: str = METADATA_FILE) -> MetadataIn:
    """The validated metadata of a dataset.yaml, or DatasetError listing every problem."""
    text = decode(data, file)
    try:
        raw = _read_yaml(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        row = mark.line + 1 if mark else None
        reason = getattr(error, "problem", None) or str(error)
        raise DatasetError([Problem(file, f"not valid YAML: {reason}", row=row)]) from None
    if not isinstance(raw, dict):
        found = type(raw).__name__ if raw is not None else "an empty file"
        raise DatasetError([Problem(file, f"must be a mapping of keys to values, found {found}")])
    if not all(isinstance(key, str) for key in raw):
        message = "has a key that is empty or not a name (a line starting with '?' or ':')"
        raise DatasetError([Problem(file, message)])
    try:
        return MetadataIn.model_validate(raw)
    except ValidationError as error:
        root = _compose(text)
        raise DatasetError([_yaml_problem(file, raw, e, root) for e in error.errors()]) from None


def _yaml_problem(file: str, raw: dict, error: dict, root: yaml.Node | None) -> Problem:
    path, node = [], raw
    row = _line(root, error["loc"])
    for key in error["loc"]:
        if isinstance(key, int) and isinstance(node, list) and key < len(node):
            node = node[key]
            label = node.get("id") if isinstance(node, dict) else None
            path.append(f"#{key + 1}" + (f" ({label})" if label else ""))
        else:
            node = node.get(key) if isinstance(node, dict) else None
            path.append(str(key))
    message = error["msg"].removeprefix("Value error, ")
    if error["type"] == "missing":
        message = "is required but missing"
    elif error["type"] == "extra_forbidden":
        message = "is not a known field"
    return Problem(file, message, row=row, column=" > ".join(path) or None)


def _line(root: yaml.Node | None, loc: tuple) -> int | None:
    """The line (from 1) where the deepest node of `loc` that exists in the file starts."""
    node, line = root, None
    for key in loc:
        if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        elif isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == key), None)
        else:
            node = None
        if node is None:
            break
        line = node.start_mark.line + 1
    return line


def _compose(text: str) -> yaml.Node | None:
    """The YAML document as nodes, which know their lines (as _read_yaml chooses its loader)."""
    fast = "*" not in text and getattr(yaml, "CSafeLoader", None)
    try:
        return yaml.compose(text, Loader=fast or _NoAliasLoader)
    except yaml.YAMLError:
        return None


def short_name(name: str) -> str:
    """A party's short name when none is given: its name without a closing bracket
    ("EU/E3 (France, Germany, UK, EU)" is "EU/E3"), for cards and chart labels."""
    shorter = re.sub(r"\s*\([^()]*\)\s*$", "", name)
    return shorter or name


def to_metadata(meta: MetadataIn) -> dict:
    """The domain objects for a validated metadata model, as Dataset keyword arguments."""
    return {
        "title": meta.title,
        "description": meta.description,
        "licence": meta.licence,
        "parties": tuple(
            Party(p.id, p.name, p.short or short_name(p.name), p.colour, p.capability)
            for p in meta.parties
        ),
        "issues": tuple(
            Issue(i.id, i.name, i.group, i.description, _scale(i.scale), _references(i))
            for i in meta.issues
        ),
        "versions": tuple(
            Version(
                v.id,
                v.name,
                v.date,
                v.kind,
                v.author,
                v.summary,
                tuple(v.capabilities.items()),
                v.final,
                v.revises,
                tuple(v.revises_sources),
            )
            for v in meta.versions
        ),
        "sources": tuple(
            Source(s.id, s.publisher, s.title, s.date, s.url, s.unpublished) for s in meta.sources
        ),
        "poles": Poles(meta.poles.low, meta.poles.high, named=True) if meta.poles else Poles(),
        "carry": _carry(meta.carry),
    }


def _carry(carry: bool | CarryIn) -> Carry:
    if isinstance(carry, bool):
        return Carry(enabled=carry)
    return Carry(max_age_days=carry.max_age_days)


def _scale(scale: ScaleIn) -> Scale:
    descending = scale.direction == "descending"
    if scale.kind == "numeric":
        named = tuple(NamedValue(n.id, n.label, n.at) for n in scale.named)
        return Scale("numeric", scale.unit, scale.min, scale.max, scale.tolerance, (), descending,
                     named)  # fmt: skip
    levels = tuple(Level(level.id, level.label, level.short) for level in scale.levels)
    return Scale("ordinal", scale.unit, 0.0, 1.0, 0.0, levels, descending)


def _cell(value: str | float) -> str:
    """A YAML value as a positions cell would hold it (800.0 as '800')."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _references(issue: IssueIn) -> tuple[Reference, ...]:
    return tuple(
        Reference(_cell(r.value), r.label, tuple(r.sources), r.version) for r in issue.references
    )


def notes(meta: MetadataIn, text: str, file: str = METADATA_FILE) -> tuple[Problem, ...]:
    """What a valid dataset.yaml leaves to defaults or should add, each naming file, row and
    field: poles not named, sources with neither a url nor an unpublished reason."""
    found = []
    if meta.poles is None:
        found.append(Problem(file, "poles are not named: 0 is taken as each scale's start "
                                   "(minimum or first level) and 1 as its end; add poles: "
                                   "{low: ..., high: ...}", column="poles"))  # fmt: skip
    unlinked = [n for n, s in enumerate(meta.sources) if s.url is None and s.unpublished is None]
    root = _compose(text) if unlinked else None  # the file is parsed again only to place notes
    for n in unlinked:
        found.append(Problem(
            file, "has no url; give the link of the page read, or unpublished: <why not>",
            row=_line(root, ("sources", n)),
            column=f"sources > #{n + 1} ({meta.sources[n].id}) > url",
        ))  # fmt: skip
    return tuple(found)
