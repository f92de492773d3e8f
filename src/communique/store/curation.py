"""Curation: a person confirms, corrects or rejects a fact, or adds one by hand.

Every change writes an audit row (who, when, the fact before and after). A curated fact
is never touched by re-extraction (``writer.forget_extraction`` spares it), and keeps the
dedupe key it was extracted under, so the extractor saying the same thing again adds
evidence to it instead of bringing the uncorrected form back; a corrected fact also
answers to the key of its corrected form.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from communique.errors import DuplicateFact, InvalidFact, NotFound
from communique.store.keys import fact_key
from communique.store.parts import links, validate_payload
from communique.store.queries import MAX_ID
from communique.store.schema import AuditRow, DocumentRow, EntityRow, EvidenceRow, FactRow, utcnow
from communique.store.writer import add_key, describe, fact_by_key, new_fact, relink

CURATOR_VERSION = "curator"
"""The extractor version recorded for facts and evidence a person added by hand."""


def _fact(session: Session, fact_id: int) -> FactRow:
    fact = session.get(FactRow, fact_id) if 0 < fact_id <= MAX_ID else None
    if fact is None:
        raise NotFound(f"no fact {fact_id}")
    return fact


def _snapshot(fact: FactRow) -> dict[str, Any]:
    return {"status": fact.status, "payload": dict(fact.payload)}


def _audit(session: Session, fact: FactRow, action: str, actor: str, before: dict[str, Any] | None) -> None:
    session.add(AuditRow(fact_id=fact.id, action=action, actor=actor, before=before, after=_snapshot(fact)))
    session.flush()


def _check_entities(session: Session, kind: str, payload: Mapping[str, Any]) -> None:
    wanted = {entity_id for entity_id, _role in links(kind, payload)}
    if any(entity_id <= 0 or entity_id > MAX_ID for entity_id in wanted):
        raise InvalidFact(f"unknown entity among {sorted(wanted)}")
    known = set(session.scalars(select(EntityRow.id).where(EntityRow.id.in_(wanted)))) if wanted else set()
    if missing := sorted(wanted - known):
        raise InvalidFact(f"unknown entit{'y' if len(missing) == 1 else 'ies'} {', '.join(map(str, missing))}")


def _set_status(session: Session, fact_id: int, status: str, action: str, actor: str) -> None:
    fact = _fact(session, fact_id)
    before = _snapshot(fact)
    fact.status = status
    fact.updated_at = utcnow()
    _audit(session, fact, action, actor, before)


def confirm(session: Session, fact_id: int, actor: str) -> None:
    """Confirm a fact as it stands (a rejected fact comes back)."""
    _set_status(session, fact_id, "confirmed", "confirm", actor)


def reject(session: Session, fact_id: int, actor: str) -> None:
    """Reject a fact: lists, stats and rebuilt records leave it out; its audit stays."""
    _set_status(session, fact_id, "rejected", "reject", actor)


def _first_document(session: Session, fact_id: int) -> str:
    first = session.scalar(select(func.min(EvidenceRow.document_id)).where(EvidenceRow.fact_id == fact_id))
    return first or f"fact:{fact_id}"


def correct(session: Session, fact_id: int, changes: Mapping[str, Any], actor: str) -> None:
    """Replace the given top-level fields of a fact's payload (a field set to null is
    cleared); the result must still be a valid part of its kind."""
    fact = _fact(session, fact_id)
    if not changes:
        raise InvalidFact("a correction needs at least one field to change")
    payload = validate_payload(fact.kind, {**fact.payload, **changes})
    _check_entities(session, fact.kind, payload)
    before = _snapshot(fact)
    fact.status = "corrected"
    describe(fact, payload)
    relink(session, fact)
    add_key(session, fact.id, fact.kind, fact_key(fact.kind, payload, _first_document(session, fact.id)))
    _audit(session, fact, "correct", actor, before)


def _checked_spans(document: DocumentRow, spans: Sequence[Sequence[int]]) -> list[list[int]]:
    if not spans:
        raise InvalidFact("a fact added by hand needs at least one evidence span in its document")
    checked = []
    for span in spans:
        if len(span) != 2 or not 0 <= span[0] < span[1] <= len(document.text):
            raise InvalidFact(f"evidence span {list(span)} is not within the document's {len(document.text)} characters")
        checked.append([int(span[0]), int(span[1])])
    return checked


def add(
    session: Session, kind: str, payload: Mapping[str, Any], document_id: str, spans: Sequence[Sequence[int]], actor: str
) -> int:
    """A fact a person states from a document, with the spans that say it."""
    normalised = validate_payload(kind, payload)
    _check_entities(session, kind, normalised)
    document = session.get(DocumentRow, document_id)
    if document is None:
        raise InvalidFact(f"no document {document_id!r} to take the evidence from")
    checked = _checked_spans(document, spans)
    key = fact_key(kind, normalised, document_id)
    if (existing := fact_by_key(session, kind, key)) is not None:
        raise DuplicateFact(f"fact {existing.id} already states this {kind}; confirm or correct it instead")
    fact = new_fact(session, kind, normalised, "added", CURATOR_VERSION)
    add_key(session, fact.id, kind, key)
    confidence = normalised.get("confidence")
    session.add(
        EvidenceRow(
            fact_id=fact.id,
            document_id=document_id,
            start=checked[0][0],
            end=checked[0][1],
            spans=checked,
            confidence=float(confidence) if isinstance(confidence, int | float) else None,
            extractor_version=CURATOR_VERSION,
            payload=normalised,
        )
    )
    _audit(session, fact, "add", actor, None)
    return fact.id
