"""Writing one record into the store, inside the caller's transaction.

Entities merge by Wikidata id or kind and folded name (``keys``); an unlinked entity also
joins a linked entity of its kind when one (and only one) knows the name as an alias, since
gazetteer aliases are reliable. Facts merge by their dedupe key: a later document adds an
evidence row to the fact already stored. Re-extracting a document replaces only what the
extractor said and nobody curated: curated facts keep their evidence and their form.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from communique import __version__
from communique.model import Entity, Record
from communique.store.keys import KEY_LENGTH, digest, entity_key, fact_key, name_key, widen
from communique.store.parts import KINDS, links, spans_of, to_payload
from communique.store.schema import (
    DocumentEntityRow,
    DocumentRow,
    EntityNameRow,
    EntityRow,
    EvidenceRow,
    FactEntityRow,
    FactKeyRow,
    FactRow,
    MentionRow,
    utcnow,
)
from communique.text import fold


def document_row(record: Record) -> DocumentRow:
    document = record.document
    date_min, date_max = widen(document.published)
    return DocumentRow(
        id=document.id,
        source=document.source,
        url=document.url,
        title=document.title,
        language=document.language,
        published=document.published,
        date_min=date_min,
        date_max=date_max,
        text=document.text,
        record=record.to_dict(),
        extractor_version=__version__,
    )


def write_record(session: Session, record: Record) -> None:
    """Entities, mentions and facts of a record whose document row is already added."""
    ids = {entity.id: _merge_entity(session, entity) for entity in record.entities}
    document_id = record.document.id
    for entity in record.entities:
        session.add(DocumentEntityRow(document_id=document_id, entity_id=ids[entity.id], local_id=entity.id))
        for start, end in entity.mentions:
            session.add(MentionRow(entity_id=ids[entity.id], document_id=document_id, start=start, end=end))
    for kind in KINDS.values():
        used: set[str] = set()
        for index, part in enumerate(getattr(record, kind.field)):
            payload = to_payload(kind.name, part, ids)
            key = fact_key(kind.name, payload, document_id)
            if kind.name == "agreement" and key in used:
                # one document's agreements with the same parties and date are distinct acts
                key = f"{key}|{document_id}#{index}"
            used.add(key)
            _attach(session, kind.name, key, payload, spans_of(kind.name, part), document_id)


def forget_extraction(session: Session, document_id: str) -> None:
    """Remove what the extractor said in a document and nobody curated, before re-extraction."""
    uncurated = select(FactRow.id).where(FactRow.status == "extracted")
    session.execute(delete(EvidenceRow).where(EvidenceRow.document_id == document_id, EvidenceRow.fact_id.in_(uncurated)))
    orphans = select(FactRow.id).where(
        FactRow.status == "extracted", ~select(EvidenceRow.id).where(EvidenceRow.fact_id == FactRow.id).exists()
    )
    session.execute(delete(FactRow).where(FactRow.id.in_(orphans)))
    session.execute(delete(MentionRow).where(MentionRow.document_id == document_id))
    session.execute(delete(DocumentEntityRow).where(DocumentEntityRow.document_id == document_id))


def _find_linked(session: Session, entity: Entity, ref: str) -> EntityRow | None:
    row = session.scalar(select(EntityRow).where(EntityRow.key == ref))
    if row is not None:
        return row
    # an entity first stored without its Wikidata id is the same one: link it now
    row = session.scalar(
        select(EntityRow).where(EntityRow.name_key == name_key(entity.kind, entity.name), EntityRow.ref.is_(None))
    )
    if row is not None:
        row.ref = row.key = ref
    return row


def _find_unlinked(session: Session, entity: Entity) -> EntityRow | None:
    # the same kind and folded name, linked or not (the first stored when two share it)
    row = session.scalar(
        select(EntityRow).where(EntityRow.name_key == name_key(entity.kind, entity.name)).order_by(EntityRow.id).limit(1)
    )
    if row is not None or entity.kind == "person":
        return row
    # an organisation, country or place named by a known alias of exactly one linked entity
    known = session.scalars(
        select(EntityRow)
        .join(EntityNameRow, EntityNameRow.entity_id == EntityRow.id)
        .where(EntityRow.kind == entity.kind, EntityRow.ref.is_not(None), EntityNameRow.folded == fold(entity.name))
        .distinct()
        .limit(2)
    ).all()
    return known[0] if len(known) == 1 else None


def _merge_entity(session: Session, entity: Entity) -> int:
    row = _find_linked(session, entity, entity.ref) if entity.ref else _find_unlinked(session, entity)
    if row is None:
        row = EntityRow(
            key=entity_key(entity.kind, entity.name, entity.ref),
            name_key=name_key(entity.kind, entity.name),
            kind=entity.kind,
            name=entity.name,
            ref=entity.ref,
        )
        session.add(row)
        session.flush()
    known = set(session.scalars(select(EntityNameRow.name).where(EntityNameRow.entity_id == row.id)))
    for name in dict.fromkeys(entity.names()):
        if name not in known:
            session.add(EntityNameRow(entity_id=row.id, name=name, folded=fold(name)[:KEY_LENGTH]))
    session.flush()
    return row.id


def fact_by_key(session: Session, kind: str, key: str) -> FactRow | None:
    return session.scalar(
        select(FactRow).join(FactKeyRow, FactKeyRow.fact_id == FactRow.id).where(FactKeyRow.digest == digest(f"{kind}|{key}"))
    )


def add_key(session: Session, fact_id: int, kind: str, key: str) -> None:
    """Let a fact answer to ``key`` too, unless another fact already does."""
    if session.scalar(select(FactKeyRow.id).where(FactKeyRow.digest == digest(f"{kind}|{key}"))) is None:
        session.add(FactKeyRow(fact_id=fact_id, key=key, digest=digest(f"{kind}|{key}")))


def new_fact(session: Session, kind: str, payload: dict[str, Any], status: str, version: str) -> FactRow:
    fact = FactRow(kind=kind, status=status, payload=payload, extractor_version=version)
    describe(fact, payload)
    fact.created_at = fact.updated_at
    session.add(fact)
    session.flush()
    relink(session, fact)
    return fact


def describe(fact: FactRow, payload: Mapping[str, Any]) -> None:
    """Copy into columns what filters and sorting need from a payload."""
    fact.payload = dict(payload)
    fact.type = payload.get("type") if fact.kind == "event" else None
    date = (payload.get("date") or {}) if fact.kind == "event" else {}
    if fact.kind == "event":
        fact.date_min, fact.date_max = widen(date.get("start"))[0], widen(date.get("end"))[1]
    elif fact.kind == "agreement":
        fact.date_min, fact.date_max = widen(payload.get("signed"))
    else:
        fact.date_min = fact.date_max = None
    confidence = payload.get("confidence")
    if isinstance(confidence, int | float):
        fact.confidence = float(confidence)
    fact.updated_at = utcnow()


def relink(session: Session, fact: FactRow) -> None:
    session.execute(delete(FactEntityRow).where(FactEntityRow.fact_id == fact.id))
    for entity_id, role in dict.fromkeys(links(fact.kind, fact.payload)):
        session.add(FactEntityRow(fact_id=fact.id, entity_id=entity_id, role=role))


def _attach(session: Session, kind: str, key: str, payload: dict[str, Any], spans: list[list[int]], document_id: str) -> None:
    fact = fact_by_key(session, kind, key)
    if fact is None:
        fact = new_fact(session, kind, payload, "extracted", __version__)
        add_key(session, fact.id, kind, key)
    confidence = payload.get("confidence")
    evidence = session.scalar(select(EvidenceRow).where(EvidenceRow.fact_id == fact.id, EvidenceRow.document_id == document_id))
    if evidence is None:
        first = spans[0] if spans else [None, None]
        session.add(
            EvidenceRow(
                fact_id=fact.id,
                document_id=document_id,
                start=first[0],
                end=first[1],
                spans=spans,
                confidence=confidence,
                extractor_version=__version__,
                payload=payload,
            )
        )
    elif fact.status == "extracted":
        # the same fact stated twice in one document: one evidence row with both spans
        evidence.spans = [*evidence.spans, *(span for span in spans if span not in evidence.spans)]
    if fact.status == "extracted" and isinstance(confidence, int | float) and (fact.confidence or 0.0) < confidence:
        fact.confidence = float(confidence)
    session.flush()
