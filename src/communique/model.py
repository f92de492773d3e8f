"""The extraction record of ../shared/contract/, as one typed model.

Every stage receives and returns these objects; nothing downstream re-parses JSON that an
upstream stage wrote. The JSON form (``Record.to_json()``) is exactly the contract's
``communique.extraction/1`` record.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

SCHEMA_ID: Literal["communique.extraction/1"] = "communique.extraction/1"

Span = tuple[int, int]
"""``[start, end)`` Python ``str`` indices into ``Document.text``."""

IsoDate = Annotated[str, Field(pattern=r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")]
"""An ISO 8601 date at the precision the text gives: ``2024``, ``2024-07``, ``2024-07-26``."""

EntityKind = Literal["person", "organization", "country", "place", "programme"]
EventType = Literal[
    "meeting",
    "visit",
    "signing",
    "dialogue",
    "conference",
    "declaration",
    "adoption",
    "launch",
    "announcement",
    "other",
]
PloverType = Literal[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
    "SANCTION",
]
Factuality = Literal["asserted", "planned", "negated", "hypothetical"]
Precision = Literal["day", "month", "year"]
Per = Literal["year", "total", "unspecified"]


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Document(_Part):
    id: str = Field(pattern=r"^sha256:[0-9a-f]{64}$")
    source: str
    url: str | None = None
    title: str | None = None
    language: str = Field(pattern=r"^[a-z]{2}$")
    published: IsoDate | None = None
    text: str

    @staticmethod
    def id_for(text: str) -> str:
        """The contract's document id: ``sha256:`` of the cleaned text in UTF-8."""
        return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


class Entity(_Part):
    id: str = Field(min_length=1)
    kind: EntityKind
    name: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)
    ref: str | None = Field(default=None, pattern=r"^Q[0-9]+$")
    mentions: list[Span] = Field(default_factory=list)

    def names(self) -> list[str]:
        return [self.name, *self.aliases]


class Role(_Part):
    person: str
    title: str
    organization: str | None = None
    country: str | None = None
    evidence: Span


class When(_Part):
    start: IsoDate
    end: IsoDate
    precision: Precision


class Event(_Part):
    id: str = Field(min_length=1)
    type: EventType
    plover: PloverType | None
    plover_mode: str | None = None
    cameo: str | None = Field(default=None, pattern=r"^[0-9]{2,4}$")
    date: When | None = None
    location: str | None = None
    participants: list[str] = Field(default_factory=list)
    evidence: Span
    confidence: float = Field(ge=0.0, le=1.0)
    factuality: Factuality = "asserted"


class Period(_Part):
    start: IsoDate | None = None
    end: IsoDate | None = None
    years: float | None = Field(default=None, gt=0)


class Amount(_Part):
    value: float = Field(ge=0)
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    per: Per = "unspecified"
    text: str


class Agreement(_Part):
    id: str = Field(min_length=1)
    instrument: str | None = None
    parties: list[str] = Field(default_factory=list)
    signatories: list[str] = Field(default_factory=list)
    signed: IsoDate | None = None
    period: Period | None = None
    amounts: list[Amount] = Field(default_factory=list)
    purposes: list[str] = Field(default_factory=list)
    evidence: list[Span] = Field(default_factory=list)


class Figure(_Part):
    value: float
    text: str


class Programme(_Part):
    entity: str
    implementers: list[str] = Field(default_factory=list)
    funders: list[str] = Field(default_factory=list)
    period: Period | None = None
    sectors: list[str] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    evidence: list[Span] = Field(default_factory=list)


class Record(_Part):
    """One document's extraction: the contract's ``communique.extraction/1`` record."""

    schema_: Literal["communique.extraction/1"] = Field(default=SCHEMA_ID, alias="schema")
    document: Document
    entities: list[Entity] = Field(default_factory=list)
    roles: list[Role] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    agreements: list[Agreement] = Field(default_factory=list)
    programmes: list[Programme] = Field(default_factory=list)

    model_config = ConfigDict(extra="forbid", populate_by_name=True, validate_assignment=True)

    @field_validator("entities")
    @classmethod
    def _unique_entity_ids(cls, entities: list[Entity]) -> list[Entity]:
        seen: set[str] = set()
        for entity in entities:
            if entity.id in seen:
                raise ValueError(f"duplicate entity id {entity.id!r}")
            seen.add(entity.id)
        return entities

    def entity(self, entity_id: str) -> Entity:
        for entity in self.entities:
            if entity.id == entity_id:
                return entity
        raise KeyError(entity_id)

    def to_dict(self) -> dict[str, object]:
        """The contract's JSON form (``schema`` first, optional event fields kept)."""
        return self.model_dump(mode="json", by_alias=True)

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_json(cls, text: str) -> Record:
        return cls.model_validate_json(text)


def gold_key(source: str) -> str:
    """The key that matches a record to a gold file (GOLD.md): the file name of
    ``document.source``, or the ID after ``#`` for a record of a JSON Lines file."""
    if "#" in source:
        return source.split("#", 1)[1]
    return re.split(r"[\\/]", source)[-1]
