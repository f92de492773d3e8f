"""The REST API under ``/api``: a thin adapter over ``communique.store.Store``.

Lists page with ``limit`` (1–500, default 50) and ``offset`` and report the ``total``
number of matches. Fact lists filter by ``actor`` (an entity id), ``country`` (a country
entity id, Wikidata id or name), ``type`` (events), ``date_from``/``date_to`` (ISO dates at
any precision; a fact matches when its dates overlap the range), ``document`` and
``status``; rejected facts are listed only when ``status=rejected`` asks for them.
Entity references in fact payloads are store entity ids; ``entities`` names them. Money
values are plain numbers in units. Curation routes need the write token
(``Authorization: Bearer <COMMUNIQUE_TOKEN>``) and record the ``X-Curator`` header (else
"curator") as who made the change. Errors are ``{"error": {"code", "message"}}``: store
errors carry their stable code (C201 not found, C202 invalid fact, C203 duplicate), HTTP
ones a name (unauthorized, read_only, payload_too_large, invalid_request, ...).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Depends, Path, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from communique.store import Store
from communique.store.queries import MAX_ID, FactFilter
from communique.store.views import (
    DocumentDetail,
    DocumentSummary,
    EntityDetail,
    EntitySummary,
    FactView,
    Page,
    SearchResult,
)
from communique.web.security import Writer

ISO_DATE = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
MAX_LIMIT = 500

router = APIRouter(prefix="/api", tags=["api"])


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(get_store)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page (at most 500).")]
Offset = Annotated[int, Query(ge=0, le=10**9, description="Items to skip.")]
Actor = Annotated[int | None, Query(ge=1, le=MAX_ID, description="An entity id the fact links (any role).")]
Country = Annotated[str | None, Query(max_length=200, description="A country: entity id, Wikidata id or name.")]
DateFrom = Annotated[str | None, Query(pattern=ISO_DATE, description="ISO date (YYYY, YYYY-MM or YYYY-MM-DD).")]
DateTo = Annotated[str | None, Query(pattern=ISO_DATE, description="ISO date (YYYY, YYYY-MM or YYYY-MM-DD).")]
DocumentQuery = Annotated[str | None, Query(max_length=100, description="Only facts this document states.")]
FactStatus = Literal["extracted", "confirmed", "corrected", "rejected", "added"]
Status = Annotated[FactStatus | None, Query(description="Only facts in this curation state.")]
FactId = Annotated[int, Path(ge=1, le=MAX_ID)]


@router.get("/documents", response_model=Page[DocumentSummary])
def list_documents(
    store: StoreDep,
    actor: Actor = None,
    country: Country = None,
    language: Annotated[str | None, Query(max_length=8)] = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[DocumentSummary]:
    """Documents, newest first; ``actor`` and ``country`` select those naming the entity."""
    filters = FactFilter(actor=actor, country=country, date_from=date_from, date_to=date_to)
    return store.documents(filters, language, limit, offset)


@router.get("/documents/{document_id}", response_model=DocumentDetail)
def get_document(store: StoreDep, document_id: Annotated[str, Path(max_length=100)]) -> DocumentDetail:
    """A document's text with its entity mentions and the facts it states (with spans)."""
    return store.document(document_id)


@router.get("/entities", response_model=Page[EntitySummary])
def list_entities(
    store: StoreDep,
    kind: Annotated[Literal["person", "organization", "country", "place", "programme"] | None, Query()] = None,
    q: Annotated[str | None, Query(max_length=200, description="Part of any of the entity's names.")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[EntitySummary]:
    """Entities, those named by the most documents first."""
    return store.entities(kind, q, limit, offset)


@router.get("/entities/{entity_id}", response_model=EntityDetail)
def get_entity(store: StoreDep, entity_id: Annotated[int, Path(ge=1, le=MAX_ID)]) -> EntityDetail:
    """An entity with its names, offices over time, events, agreements, programmes and
    co-actors (the lists hold the newest 100; page the rest with ``?actor=``)."""
    return store.entity(entity_id)


@router.get("/events", response_model=Page[FactView])
def list_events(
    store: StoreDep,
    actor: Actor = None,
    country: Country = None,
    event_type: Annotated[str | None, Query(alias="type", max_length=32, description="meeting, visit, signing, ...")] = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    document: DocumentQuery = None,
    status: Status = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[FactView]:
    """Events (one per real event, with every document reporting it), newest first."""
    filters = FactFilter(actor, country, event_type, date_from, date_to, document, status)
    return store.events(filters, limit, offset)


def _facts(kind: str) -> Any:
    def list_kind(
        store: StoreDep,
        actor: Actor = None,
        country: Country = None,
        date_from: DateFrom = None,
        date_to: DateTo = None,
        document: DocumentQuery = None,
        status: Status = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> Page[FactView]:
        filters = FactFilter(actor, country, None, date_from, date_to, document, status)
        return store.facts(kind, filters, limit, offset)

    list_kind.__name__ = f"list_{kind}s"
    list_kind.__doc__ = f"{kind.capitalize()} facts, dated ones newest first."
    return list_kind


for _kind in ("agreement", "programme", "role"):
    router.get(f"/{_kind}s", response_model=Page[FactView])(_facts(_kind))


@router.get("/search", response_model=SearchResult)
def search(
    store: StoreDep,
    q: Annotated[str, Query(max_length=500, description="Words to find in documents and entity names.")],
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 20,
    offset: Offset = 0,
) -> SearchResult:
    """Documents (title and text) and entities (any name) matching every word of ``q``."""
    return store.search(q, limit, offset)


@router.get("/facts/{fact_id}", response_model=FactView)
def get_fact(store: StoreDep, fact_id: FactId) -> FactView:
    """A fact with its entities, all its evidence and its audit trail."""
    return store.fact(fact_id)


@router.post("/facts/{fact_id}/confirm", response_model=FactView)
def confirm_fact(store: StoreDep, curator: Writer, fact_id: FactId) -> FactView:
    """Confirm a fact as it stands (needs the write token)."""
    return store.confirm(fact_id, curator)


@router.post("/facts/{fact_id}/reject", response_model=FactView)
def reject_fact(store: StoreDep, curator: Writer, fact_id: FactId) -> FactView:
    """Reject a fact: it leaves lists, counts and exports; its audit trail stays."""
    return store.reject(fact_id, curator)


@router.patch("/facts/{fact_id}", response_model=FactView)
def correct_fact(
    store: StoreDep,
    curator: Writer,
    fact_id: FactId,
    changes: Annotated[dict[str, Any], Body(description='Payload fields to replace, e.g. {"date": {...}}; null clears.')],
) -> FactView:
    """Correct a fact: the given top-level payload fields replace the stored ones, and the
    result must be a valid fact of its kind (422 otherwise)."""
    return store.correct(fact_id, changes, curator)


class NewFact(BaseModel):
    """A fact added by hand, with the spans of its document that state it."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["role", "event", "agreement", "programme"]
    document_id: str = Field(max_length=100)
    evidence: list[tuple[int, int]] = Field(min_length=1, max_length=100)
    payload: dict[str, Any]


@router.post("/facts", response_model=FactView, status_code=201)
def add_fact(store: StoreDep, curator: Writer, fact: NewFact) -> FactView:
    """Add a fact by hand (409 when the store already holds it under the same key)."""
    return store.add_fact(fact.kind, fact.payload, fact.document_id, fact.evidence, curator)
