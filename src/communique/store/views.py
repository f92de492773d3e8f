"""What the store answers to queries: typed views that the API serves as they are (so the
OpenAPI schema documents them) and that the UI and exports can rely on.

Entity references inside a fact ``payload`` are store entity ids (integers); ``entities``
beside it names each one. Money and figures are plain numbers in units.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Generic, TypeVar

from pydantic import AfterValidator, BaseModel, Field

T = TypeVar("T")


def _utc(moment: datetime) -> datetime:
    # SQLite hands back the UTC times it stored without their zone; PostgreSQL with it
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


Moment = Annotated[datetime, AfterValidator(_utc)]
"""A time in UTC, zone included, whichever database stored it."""


class Page(BaseModel, Generic[T]):
    """One page of a list: ``total`` counts every match, ``items`` the ones from
    ``offset`` on, at most ``limit``."""

    items: list[T]
    total: int
    limit: int
    offset: int


class EntityRef(BaseModel):
    id: int
    kind: str
    name: str
    ref: str | None = None


class LinkedEntity(EntityRef):
    """An entity a fact refers to, with how (participant, party, funder, ...)."""

    roles: list[str] = Field(default_factory=list)


class EvidenceView(BaseModel):
    document_id: str
    document_title: str | None = None
    published: str | None = None
    spans: list[tuple[int, int]]
    confidence: float | None = None
    extractor_version: str


class AuditEntry(BaseModel):
    action: str
    actor: str
    at: Moment
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None


class FactView(BaseModel):
    id: int
    kind: str
    status: str
    payload: dict[str, Any]
    confidence: float | None = None
    extractor_version: str
    entities: list[LinkedEntity] = Field(default_factory=list)
    evidence: list[EvidenceView] = Field(default_factory=list)
    audit: list[AuditEntry] = Field(default_factory=list)
    created_at: Moment
    updated_at: Moment


class DocumentSummary(BaseModel):
    id: str
    source: str
    url: str | None = None
    title: str | None = None
    language: str
    published: str | None = None
    extractor_version: str
    ingested_at: Moment


class MentionView(BaseModel):
    entity_id: int
    start: int
    end: int


class DocumentDetail(DocumentSummary):
    """A document with its text and everything to highlight in it: entity mentions and
    the facts it states (each with its spans in this document)."""

    text: str
    entities: list[EntityRef]
    mentions: list[MentionView]
    facts: list[FactView]


class EntitySummary(EntityRef):
    names: list[str]
    documents: int


class Office(BaseModel):
    """A role fact of a person, dated by the documents that state it."""

    fact_id: int
    status: str
    title: str
    organization: EntityRef | None = None
    country: EntityRef | None = None
    first_seen: str | None = None
    last_seen: str | None = None
    documents: int


class CoActor(EntityRef):
    facts: int


class EntityDetail(EntitySummary):
    offices: list[Office]
    events: list[FactView]
    agreements: list[FactView]
    programmes: list[FactView]
    co_actors: list[CoActor]
    counts: dict[str, int]


class DocumentHit(BaseModel):
    id: str
    title: str | None = None
    published: str | None = None
    language: str
    snippet: str


class EntityHit(EntityRef):
    names: list[str]


class SearchResult(BaseModel):
    q: str
    documents: Page[DocumentHit]
    entities: Page[EntityHit]
