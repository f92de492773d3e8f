"""Gold files (../shared/contract/GOLD.md) as typed, name-resolved objects.

A gold file refers to its entities by any of their names. The loader resolves every such
reference to the entity's index once, so the scorer compares integers and an annotator's
typo fails loudly at load time instead of silently costing recall.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, model_validator

from communique.errors import GoldError
from communique.model import EntityKind, EventType, Per
from communique.text import fold

GOLD_SUFFIXES = (".yaml", ".yml")


def _iso(value: object) -> object:
    """YAML reads ``2024-07-26`` as a date and ``2024`` as an int: both mean an ISO string."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:04d}"
    return value


IsoDate = Annotated[str, BeforeValidator(_iso), Field(pattern=r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")]


# --- the YAML as written -------------------------------------------------------------


class _Raw(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=False)


class _RawEntity(_Raw):
    kind: EntityKind
    names: list[str] = Field(min_length=1)


class _RawRole(_Raw):
    person: str
    of: str
    title: str


class _RawEvent(_Raw):
    types: list[EventType] = Field(min_length=1)
    date: IsoDate | None
    location: str | None
    participants: list[str] = Field(min_length=1)
    also: list[str] = Field(default_factory=list)
    optional: bool = False


class _RawPeriod(_Raw):
    start: IsoDate | None = None
    end: IsoDate | None = None
    years: int | None = Field(default=None, gt=0)


class _RawAmount(_Raw):
    value: float = Field(ge=0)
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    per: Per


class _RawAgreement(_Raw):
    parties: list[str] = Field(min_length=1)
    signed: IsoDate | None
    period: _RawPeriod | None = None
    amounts: list[_RawAmount] = Field(default_factory=list)


class _RawProgramme(_Raw):
    name: str
    implementers: list[str] = Field(default_factory=list)


class _RawGold(_Raw):
    document: str = Field(min_length=1)
    published: IsoDate | None
    language: str = Field(pattern=r"^[a-z]{2}$")
    entities: list[_RawEntity] = Field(default_factory=list)
    optional: list[_RawEntity] = Field(default_factory=list)
    roles: list[_RawRole] = Field(default_factory=list)
    events: list[_RawEvent] = Field(default_factory=list)
    agreements: list[_RawAgreement] = Field(default_factory=list)
    programmes: list[_RawProgramme] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _empty_parts(cls, data: Any) -> Any:
        """``roles:`` with nothing under it reads as null in YAML; it means no roles."""
        parts = ("entities", "optional", "roles", "events", "agreements", "programmes")
        if isinstance(data, dict):
            return {key: [] if value is None and key in parts else value for key, value in data.items()}
        return data


# --- the resolved form the scorer uses -----------------------------------------------


@dataclass(frozen=True)
class GoldEntity:
    kind: EntityKind
    names: tuple[str, ...]
    optional: bool

    @cached_property
    def folded(self) -> frozenset[str]:
        """The names as compared (``fold``), computed once per entity."""
        return frozenset(fold(name) for name in self.names)


@dataclass(frozen=True)
class GoldRole:
    person: int
    of: int
    title: str


@dataclass(frozen=True)
class GoldEvent:
    types: frozenset[str]
    date: str | None
    location: int | None
    participants: frozenset[int]
    also: frozenset[int]
    optional: bool


@dataclass(frozen=True)
class GoldPeriod:
    start: str | None
    end: str | None
    years: int | None


@dataclass(frozen=True)
class GoldAmount:
    value: float
    currency: str
    per: str


@dataclass(frozen=True)
class GoldAgreement:
    parties: frozenset[int]
    signed: str | None
    period: GoldPeriod | None
    amounts: tuple[GoldAmount, ...]


@dataclass(frozen=True)
class GoldProgramme:
    name: int
    implementers: frozenset[int]


@dataclass(frozen=True)
class Gold:
    """One gold file. Entity references are indices into ``entities`` (required entities
    first, then the optional ones, in file order)."""

    file: str
    document: str
    published: str | None
    language: str
    entities: tuple[GoldEntity, ...]
    roles: tuple[GoldRole, ...]
    events: tuple[GoldEvent, ...]
    agreements: tuple[GoldAgreement, ...]
    programmes: tuple[GoldProgramme, ...]


class _Names:
    """Folded name → entity index, failing on names that are unknown or ambiguous."""

    def __init__(self, entities: tuple[GoldEntity, ...], file: str) -> None:
        self.file = file
        self.index: dict[str, set[int]] = {}
        for i, entity in enumerate(entities):
            for key in entity.folded:
                self.index.setdefault(key, set()).add(i)

    def one(self, name: str, where: str) -> int:
        found = self.index.get(fold(name), set())
        if not found:
            raise GoldError(f"{where}: {name!r} names no gold entity (entities or optional)", source=self.file)
        if len(found) > 1:
            raise GoldError(f"{where}: {name!r} names several gold entities; use a name unique to one", source=self.file)
        return next(iter(found))

    def many(self, names: Iterable[str], where: str) -> frozenset[int]:
        return frozenset(self.one(name, where) for name in names)

    def maybe(self, name: str | None, where: str) -> int | None:
        return None if name is None else self.one(name, where)


def _resolve(raw: _RawGold, file: str) -> Gold:
    entities = tuple(GoldEntity(e.kind, tuple(e.names), False) for e in raw.entities) + tuple(
        GoldEntity(e.kind, tuple(e.names), True) for e in raw.optional
    )
    names = _Names(entities, file)
    roles = tuple(
        GoldRole(names.one(r.person, f"roles[{i}].person"), names.one(r.of, f"roles[{i}].of"), r.title)
        for i, r in enumerate(raw.roles)
    )
    events = tuple(
        GoldEvent(
            types=frozenset(e.types),
            date=e.date,
            location=names.maybe(e.location, f"events[{i}].location"),
            participants=names.many(e.participants, f"events[{i}].participants"),
            also=names.many(e.also, f"events[{i}].also"),
            optional=e.optional,
        )
        for i, e in enumerate(raw.events)
    )
    agreements = tuple(
        GoldAgreement(
            parties=names.many(a.parties, f"agreements[{i}].parties"),
            signed=a.signed,
            period=None if a.period is None else GoldPeriod(a.period.start, a.period.end, a.period.years),
            amounts=tuple(GoldAmount(m.value, m.currency, m.per) for m in a.amounts),
        )
        for i, a in enumerate(raw.agreements)
    )
    programmes = tuple(
        GoldProgramme(names.one(p.name, f"programmes[{i}].name"), names.many(p.implementers, f"programmes[{i}].implementers"))
        for i, p in enumerate(raw.programmes)
    )
    return Gold(file, raw.document, raw.published, raw.language, entities, roles, events, agreements, programmes)


def one_line(error: ValidationError, whole: str) -> str:
    """The first problem of a pydantic report, where it is, and how many more: error
    messages stay one line. ``whole`` names the top level."""
    first = error.errors()[0]
    where = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in first["loc"]).lstrip(".") or whole
    more = error.error_count() - 1
    return f"{where}: {first['msg']}" + (f" (and {more} more problems)" if more else "")


def parse_gold(data: Any, file: str) -> Gold:
    """A gold file's parsed YAML (a mapping) as a ``Gold``; ``file`` names it in errors."""
    if not isinstance(data, dict):
        raise GoldError("not a YAML mapping of GOLD.md fields", source=file)
    try:
        raw = _RawGold.model_validate(data)
    except ValidationError as error:
        raise GoldError(one_line(error, "file"), source=file) from None
    return _resolve(raw, file)


def load_gold(path: Path) -> Gold:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise GoldError(f"cannot read: {error}", source=path.name) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        problem = getattr(error, "problem", None) or "invalid YAML"
        raise GoldError(f"{where}{problem}", source=path.name) from None
    return parse_gold(data, path.name)


def load_gold_dir(path: Path) -> dict[str, Gold]:
    """Every ``*.yaml``/``*.yml`` gold file of a folder, keyed by its ``document``."""
    if not path.is_dir():
        raise GoldError("not a folder of gold files", source=str(path))
    golds: dict[str, Gold] = {}
    for file in sorted(p for p in path.iterdir() if p.suffix in GOLD_SUFFIXES and p.is_file()):
        gold = load_gold(file)
        if gold.document in golds:
            raise GoldError(f"document {gold.document!r} is also annotated by {golds[gold.document].file}", source=file.name)
        golds[gold.document] = gold
    return golds
