"""Contract records rebuilt from the store, with curation applied, for exports and the API.

A rebuilt record is what the knowledge base now holds about a document, not a copy of
what the extractor said (``documents.record`` keeps that): rejected facts are left out,
corrected facts take their corrected form, facts added by hand on the document are in,
and entities carry every name the store knows them by. Ids are the store's, so they agree
across records: entity ``E<id>``, event and agreement ``F<fact id>`` (a merged event has
the same id in every record that reports it).
"""

from __future__ import annotations

import sys
from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from communique.errors import NotFound
from communique.model import Document, Entity, Record
from communique.store.parts import KINDS, links, to_part
from communique.store.queries import names_of
from communique.store.schema import DocumentEntityRow, DocumentRow, EntityRow, EvidenceRow, FactRow, MentionRow


def entity_id(store_id: int) -> str:
    return f"E{store_id}"


def fact_id(store_id: int) -> str:
    return f"F{store_id}"


def _document(row: DocumentRow) -> Document:
    return Document(
        id=row.id,
        source=row.source,
        url=row.url,
        title=row.title,
        language=row.language,
        published=row.published,
        text=row.text,
    )


def _entities(session: Session, document_id: str, referenced: set[int]) -> list[Entity]:
    named = set(session.scalars(select(DocumentEntityRow.entity_id).where(DocumentEntityRow.document_id == document_id)))
    ids = sorted(named | referenced)
    spans: dict[int, list[tuple[int, int]]] = defaultdict(list)
    mentions = select(MentionRow).where(MentionRow.document_id == document_id).order_by(MentionRow.start, MentionRow.end)
    for mention in session.scalars(mentions):
        spans[mention.entity_id].append((mention.start, mention.end))
    names = names_of(session, ids)
    rows = session.scalars(select(EntityRow).where(EntityRow.id.in_(ids))).all() if ids else []
    entities = [
        Entity(
            id=entity_id(row.id),
            kind=row.kind,
            name=row.name,
            aliases=[name for name in names[row.id] if name != row.name],
            ref=row.ref,
            mentions=sorted(dict.fromkeys(spans[row.id])),
        )
        for row in rows
    ]
    return sorted(entities, key=lambda e: (e.mentions[0][0] if e.mentions else sys.maxsize, e.id))


def rebuild(session: Session, document_id: str) -> Record:
    """The record of one stored document, as the knowledge base now holds it."""
    row = session.get(DocumentRow, document_id)
    if row is None:
        raise NotFound(f"no document {document_id!r}")
    stated = session.execute(
        select(FactRow, EvidenceRow.spans)
        .join(EvidenceRow, EvidenceRow.fact_id == FactRow.id)
        .where(EvidenceRow.document_id == document_id, FactRow.status != "rejected")
        .order_by(EvidenceRow.start, FactRow.id)
    ).all()
    parts: dict[str, list[object]] = defaultdict(list)
    referenced: set[int] = set()
    for fact, spans in stated:
        parts[KINDS[fact.kind].field].append(to_part(fact.kind, fact.payload, fact_id(fact.id), spans, entity_id))
        referenced.update(entity for entity, _role in links(fact.kind, fact.payload))
    return Record.model_validate(
        {
            "document": _document(row),
            "entities": _entities(session, document_id, referenced),
            **parts,
        }
    )


def document_ids(session: Session) -> list[str]:
    """Every stored document id, in the order documents were stored."""
    return list(session.scalars(select(DocumentRow.id).order_by(DocumentRow.ingested_at, DocumentRow.id)))
