"""Read queries: lists with filters and totals, and the detail of one document, entity or
fact. Every value from outside reaches SQL as a bound parameter (SQLAlchemy expressions);
LIKE patterns escape their wildcards."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session

from communique.errors import NotFound
from communique.store.keys import widen
from communique.store.parts import ACTOR_ROLES, plain_numbers
from communique.store.schema import (
    AuditRow,
    DocumentEntityRow,
    DocumentRow,
    EntityNameRow,
    EntityRow,
    EvidenceRow,
    FactEntityRow,
    FactRow,
    MentionRow,
)
from communique.store.views import (
    AuditEntry,
    CoActor,
    DocumentDetail,
    DocumentSummary,
    EntityDetail,
    EntityRef,
    EntitySummary,
    EvidenceView,
    FactView,
    LinkedEntity,
    MentionView,
    Office,
    Page,
)
from communique.text import fold

MAX_ID = 2**63 - 1
"""Ids beyond SQLite's 64-bit integers match nothing rather than overflow the driver."""
DETAIL_FACTS = 100
"""Facts of each kind listed on an entity's page; the lists page through the rest."""


@dataclass(frozen=True)
class FactFilter:
    """Filters of the fact lists. ``actor`` is an entity id; ``country`` a country entity
    id, Wikidata id or name (any known form, case and accents aside); dates are ISO dates
    of any precision and match facts whose date range overlaps them."""

    actor: int | None = None
    country: str | None = None
    type: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    document: str | None = None
    status: str | None = None

    def cleaned(self) -> FactFilter:
        """The same filters with NUL characters dropped from every text."""
        return FactFilter(
            self.actor,
            without_nul(self.country),
            without_nul(self.type),
            without_nul(self.date_from),
            without_nul(self.date_to),
            without_nul(self.document),
            without_nul(self.status),
        )


def without_nul(text: str | None) -> str | None:
    """PostgreSQL refuses NUL in text parameters; no stored text contains one."""
    return text.replace("\x00", "") if text is not None else None


def like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def entity_refs(session: Session, ids: Sequence[int]) -> dict[int, EntityRef]:
    if not ids:
        return {}
    rows = session.scalars(select(EntityRow).where(EntityRow.id.in_(set(ids))))
    return {row.id: EntityRef(id=row.id, kind=row.kind, name=row.name, ref=row.ref) for row in rows}


def country_ids(session: Session, country: str) -> list[int]:
    """The country entities that ``country`` names (store id, Wikidata id or any name)."""
    text = country.strip()
    if text.isdigit():
        number = int(text)
        return [number] if number <= MAX_ID else []
    by_name = select(EntityNameRow.entity_id).where(EntityNameRow.folded == fold(text))
    query = select(EntityRow.id).where(EntityRow.kind == "country", or_(EntityRow.ref == text, EntityRow.id.in_(by_name)))
    return list(session.scalars(query))


def _fact_conditions(session: Session, kind: str, filters: FactFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [FactRow.kind == kind]
    if filters.status:
        conditions.append(FactRow.status == filters.status)
    else:
        conditions.append(FactRow.status != "rejected")
    linked = select(FactEntityRow.id).where(FactEntityRow.fact_id == FactRow.id)
    if filters.actor is not None:
        conditions.append(linked.where(FactEntityRow.entity_id == min(filters.actor, MAX_ID)).exists())
    if filters.country is not None:
        conditions.append(linked.where(FactEntityRow.entity_id.in_(country_ids(session, filters.country))).exists())
    if filters.type:
        conditions.append(FactRow.type == filters.type)
    if filters.date_from:
        conditions.append(FactRow.date_max >= widen(filters.date_from)[0])
    if filters.date_to:
        conditions.append(FactRow.date_min <= widen(filters.date_to)[1])
    if filters.document:
        evidence = select(EvidenceRow.id).where(EvidenceRow.fact_id == FactRow.id, EvidenceRow.document_id == filters.document)
        conditions.append(evidence.exists())
    return conditions


def _page(session: Session, query: Select[Any], limit: int, offset: int) -> tuple[list[Any], int]:
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    return list(session.scalars(query.limit(limit).offset(offset))), int(total)


def list_facts(session: Session, kind: str, filters: FactFilter, limit: int, offset: int) -> Page[FactView]:
    query = (
        select(FactRow)
        .where(and_(*_fact_conditions(session, kind, filters)))
        .order_by(FactRow.date_min.desc().nulls_last(), FactRow.id.desc())
    )
    facts, total = _page(session, query, limit, offset)
    return Page[FactView](items=fact_views(session, facts), total=total, limit=limit, offset=offset)


def _links(session: Session, fact_ids: list[int]) -> dict[int, list[LinkedEntity]]:
    rows = session.execute(
        select(FactEntityRow.fact_id, FactEntityRow.role, EntityRow)
        .join(EntityRow, EntityRow.id == FactEntityRow.entity_id)
        .where(FactEntityRow.fact_id.in_(fact_ids))
        .order_by(FactEntityRow.id)
    )
    linked: dict[int, dict[int, LinkedEntity]] = defaultdict(dict)
    for fact_id, role, entity in rows:
        fresh = LinkedEntity(id=entity.id, kind=entity.kind, name=entity.name, ref=entity.ref)
        view = linked[fact_id].setdefault(entity.id, fresh)
        view.roles.append(role)
    return {fact_id: list(views.values()) for fact_id, views in linked.items()}


def _evidence(session: Session, fact_ids: list[int], document_id: str | None) -> dict[int, list[EvidenceView]]:
    query = (
        select(EvidenceRow, DocumentRow.title, DocumentRow.published)
        .join(DocumentRow, DocumentRow.id == EvidenceRow.document_id)
        .where(EvidenceRow.fact_id.in_(fact_ids))
        .order_by(DocumentRow.date_min, EvidenceRow.id)
    )
    if document_id is not None:
        query = query.where(EvidenceRow.document_id == document_id)
    found: dict[int, list[EvidenceView]] = defaultdict(list)
    for row, title, published in session.execute(query):
        found[row.fact_id].append(
            EvidenceView(
                document_id=row.document_id,
                document_title=title,
                published=published,
                spans=[(start, end) for start, end in row.spans],
                confidence=row.confidence,
                extractor_version=row.extractor_version,
            )
        )
    return found


def _audit(session: Session, fact_ids: list[int]) -> dict[int, list[AuditEntry]]:
    found: dict[int, list[AuditEntry]] = defaultdict(list)
    for row in session.scalars(select(AuditRow).where(AuditRow.fact_id.in_(fact_ids)).order_by(AuditRow.id)):
        found[row.fact_id].append(AuditEntry(action=row.action, actor=row.actor, at=row.at, before=row.before, after=row.after))
    return found


def fact_views(
    session: Session, facts: Sequence[FactRow], *, document_id: str | None = None, with_audit: bool = False
) -> list[FactView]:
    """Views of facts with their linked entities and evidence (only ``document_id``'s when
    given), loaded in a few queries for the whole list."""
    ids = [fact.id for fact in facts]
    if not ids:
        return []
    linked, evidence = _links(session, ids), _evidence(session, ids, document_id)
    audit = _audit(session, ids) if with_audit else {}
    return [
        FactView(
            id=fact.id,
            kind=fact.kind,
            status=fact.status,
            payload=plain_numbers(fact.payload),
            confidence=fact.confidence,
            extractor_version=fact.extractor_version,
            entities=linked.get(fact.id, []),
            evidence=evidence.get(fact.id, []),
            audit=audit.get(fact.id, []),
            created_at=fact.created_at,
            updated_at=fact.updated_at,
        )
        for fact in facts
    ]


def fact_detail(session: Session, fact_id: int) -> FactView:
    fact = session.get(FactRow, fact_id) if fact_id <= MAX_ID else None
    if fact is None:
        raise NotFound(f"no fact {fact_id}")
    return fact_views(session, [fact], with_audit=True)[0]


def _summary(row: DocumentRow) -> DocumentSummary:
    return DocumentSummary(
        id=row.id,
        source=row.source,
        url=row.url,
        title=row.title,
        language=row.language,
        published=row.published,
        extractor_version=row.extractor_version,
        ingested_at=row.ingested_at,
    )


def list_documents(session: Session, filters: FactFilter, language: str | None, limit: int, offset: int) -> Page[DocumentSummary]:
    """Documents, newest first; ``filters`` uses actor (an entity the document names),
    country and the date range of publication."""
    query = select(DocumentRow).order_by(DocumentRow.date_min.desc().nulls_last(), DocumentRow.id)
    if language:
        query = query.where(DocumentRow.language == language)
    named = select(DocumentEntityRow.id).where(DocumentEntityRow.document_id == DocumentRow.id)
    if filters.actor is not None:
        query = query.where(named.where(DocumentEntityRow.entity_id == min(filters.actor, MAX_ID)).exists())
    if filters.country is not None:
        query = query.where(named.where(DocumentEntityRow.entity_id.in_(country_ids(session, filters.country))).exists())
    if filters.date_from:
        query = query.where(DocumentRow.date_max >= widen(filters.date_from)[0])
    if filters.date_to:
        query = query.where(DocumentRow.date_min <= widen(filters.date_to)[1])
    rows, total = _page(session, query, limit, offset)
    return Page[DocumentSummary](items=[_summary(row) for row in rows], total=total, limit=limit, offset=offset)


def document_detail(session: Session, document_id: str) -> DocumentDetail:
    row = session.get(DocumentRow, document_id)
    if row is None:
        raise NotFound(f"no document {document_id!r}")
    mentions = session.scalars(select(MentionRow).where(MentionRow.document_id == row.id).order_by(MentionRow.start))
    mention_views = [MentionView(entity_id=m.entity_id, start=m.start, end=m.end) for m in mentions]
    entity_ids = session.scalars(select(DocumentEntityRow.entity_id).where(DocumentEntityRow.document_id == row.id))
    facts = session.scalars(
        select(FactRow)
        .join(EvidenceRow, EvidenceRow.fact_id == FactRow.id)
        .where(EvidenceRow.document_id == row.id)
        .order_by(EvidenceRow.start, FactRow.id)
    ).all()
    return DocumentDetail(
        **_summary(row).model_dump(),
        text=row.text,
        entities=sorted(entity_refs(session, list(entity_ids)).values(), key=lambda ref: (ref.kind, ref.name)),
        mentions=mention_views,
        facts=fact_views(session, facts, document_id=row.id),
    )


def names_of(session: Session, ids: Sequence[int]) -> dict[int, list[str]]:
    names: dict[int, list[str]] = defaultdict(list)
    if ids:
        query = select(EntityNameRow.entity_id, EntityNameRow.name).where(EntityNameRow.entity_id.in_(ids))
        for entity_id, name in session.execute(query.order_by(EntityNameRow.id)):
            names[entity_id].append(name)
    return names


def list_entities(session: Session, kind: str | None, q: str | None, limit: int, offset: int) -> Page[EntitySummary]:
    """Entities, the most documented first; ``q`` matches any of their names."""
    documents = (
        select(DocumentEntityRow.entity_id, func.count(DocumentEntityRow.document_id.distinct()).label("n"))
        .group_by(DocumentEntityRow.entity_id)
        .subquery()
    )
    count = func.coalesce(documents.c.n, 0)
    query = select(EntityRow, count).outerjoin(documents, documents.c.entity_id == EntityRow.id)
    if kind:
        query = query.where(EntityRow.kind == kind)
    if q and q.strip():
        named = select(EntityNameRow.entity_id).where(EntityNameRow.folded.like(like_pattern(fold(q)), escape="\\"))
        query = query.where(EntityRow.id.in_(named))
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.execute(query.order_by(count.desc(), EntityRow.name, EntityRow.id).limit(limit).offset(offset)).all()
    names = names_of(session, [row.id for row, _ in rows])
    items = [
        EntitySummary(id=row.id, kind=row.kind, name=row.name, ref=row.ref, names=names[row.id], documents=n) for row, n in rows
    ]
    return Page[EntitySummary](items=items, total=int(total), limit=limit, offset=offset)


def _offices(session: Session, person_id: int) -> list[Office]:
    seen = (
        select(
            EvidenceRow.fact_id,
            func.min(DocumentRow.date_min).label("first"),
            func.max(DocumentRow.date_max).label("last"),
            func.count(EvidenceRow.id).label("n"),
        )
        .join(DocumentRow, DocumentRow.id == EvidenceRow.document_id)
        .group_by(EvidenceRow.fact_id)
        .subquery()
    )
    rows = session.execute(
        select(FactRow, seen.c.first, seen.c.last, seen.c.n)
        .join(seen, seen.c.fact_id == FactRow.id)
        .join(FactEntityRow, FactEntityRow.fact_id == FactRow.id)
        .where(FactRow.kind == "role", FactRow.status != "rejected")
        .where(FactEntityRow.entity_id == person_id, FactEntityRow.role == "person")
        .order_by(seen.c.first.nulls_last(), FactRow.id)
    ).all()
    refs = entity_refs(session, [r.payload.get(k) for r, *_ in rows for k in ("organization", "country") if r.payload.get(k)])
    return [
        Office(
            fact_id=fact.id,
            status=fact.status,
            title=str(fact.payload.get("title", "")),
            organization=refs.get(fact.payload.get("organization") or 0),
            country=refs.get(fact.payload.get("country") or 0),
            first_seen=first,
            last_seen=last,
            documents=n,
        )
        for fact, first, last, n in rows
    ]


def _co_actors(session: Session, entity_id: int) -> list[CoActor]:
    mine = select(FactEntityRow.fact_id).where(FactEntityRow.entity_id == entity_id, FactEntityRow.role.in_(ACTOR_ROLES))
    shared = func.count(FactEntityRow.fact_id.distinct())
    rows = session.execute(
        select(EntityRow, shared)
        .join(FactEntityRow, FactEntityRow.entity_id == EntityRow.id)
        .join(FactRow, FactRow.id == FactEntityRow.fact_id)
        .where(FactEntityRow.fact_id.in_(mine), FactEntityRow.role.in_(ACTOR_ROLES), FactRow.status != "rejected")
        .where(EntityRow.id != entity_id)
        .group_by(EntityRow.id)
        .order_by(shared.desc(), EntityRow.id)
        .limit(50)
    ).all()
    return [CoActor(id=row.id, kind=row.kind, name=row.name, ref=row.ref, facts=n) for row, n in rows]


def entity_detail(session: Session, entity_id: int) -> EntityDetail:
    row = session.get(EntityRow, entity_id) if entity_id <= MAX_ID else None
    if row is None:
        raise NotFound(f"no entity {entity_id}")
    actor = FactFilter(actor=row.id)
    lists = {kind: list_facts(session, kind, actor, DETAIL_FACTS, 0) for kind in ("event", "agreement", "programme", "role")}
    documents = session.scalar(
        select(func.count(DocumentEntityRow.document_id.distinct())).where(DocumentEntityRow.entity_id == row.id)
    )
    counts = {"documents": int(documents or 0)} | {f"{kind}s": page.total for kind, page in lists.items()}
    return EntityDetail(
        id=row.id,
        kind=row.kind,
        name=row.name,
        ref=row.ref,
        names=names_of(session, [row.id])[row.id],
        documents=counts["documents"],
        offices=_offices(session, row.id),
        events=lists["event"].items,
        agreements=lists["agreement"].items,
        programmes=lists["programme"].items,
        co_actors=_co_actors(session, row.id),
        counts=counts,
    )
