"""The store's tables (SQLAlchemy 2), as the Alembic migrations create them.

The migrations in ``store/migrations/`` are the schema; these classes describe the same
tables for queries, and a test compares both so they never drift apart.

Entities are shared across documents. A fact (role, event, agreement, programme) is one
merged statement about the world; each document that states it adds an ``evidence`` row
keeping the document, the spans, the extractor version and the confidence. ``fact_keys``
holds the dedupe keys a fact answers to, ``fact_entities`` the entities it links (for
filters and co-actors), ``audit`` every curation change.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

FACT_STATUSES = ("extracted", "confirmed", "corrected", "rejected", "added")
"""``extracted`` as the extractor left it; the others are a curator's last word on it."""


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class DocumentRow(Base):
    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(String(71), primary_key=True)  # sha256:<64 hex>
    source: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8))
    published: Mapped[str | None] = mapped_column(String(10))
    # ``published`` widened to whole days, so ranges compare as strings at any precision
    date_min: Mapped[str | None] = mapped_column(String(10), index=True)
    date_max: Mapped[str | None] = mapped_column(String(10))
    text: Mapped[str] = mapped_column(Text)
    record: Mapped[dict[str, Any]] = mapped_column(JSON)  # the record as extracted
    extractor_version: Mapped[str] = mapped_column(String(32))
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class EntityRow(Base):
    """One real actor or place across documents, keyed by Wikidata id or kind and name."""

    __tablename__ = "entities"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(512), unique=True)
    name_key: Mapped[str] = mapped_column(String(512), index=True)  # kind:folded canonical name
    kind: Mapped[str] = mapped_column(String(16), index=True)
    name: Mapped[str] = mapped_column(Text)
    ref: Mapped[str | None] = mapped_column(String(16), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class EntityNameRow(Base):
    """Every form an entity was named by (canonical names, aliases), with its folded form."""

    __tablename__ = "entity_names"
    __table_args__ = (UniqueConstraint("entity_id", "name", name="uq_entity_names_entity_name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(Text)
    folded: Mapped[str] = mapped_column(String(512), index=True)


class DocumentEntityRow(Base):
    """Which store entity a record's local entity id (``e1``) became."""

    __tablename__ = "document_entities"
    __table_args__ = (UniqueConstraint("document_id", "local_id", name="uq_document_entities_local"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), index=True)
    local_id: Mapped[str] = mapped_column(Text)


class MentionRow(Base):
    __tablename__ = "mentions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class FactRow(Base):
    """One merged fact. ``payload`` is the contract's part without ``id`` and ``evidence``,
    entity references replaced by store entity ids; the other columns copy what filters
    need."""

    __tablename__ = "facts"
    __table_args__ = (Index("ix_facts_kind_status", "kind", "status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default="extracted")
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    type: Mapped[str | None] = mapped_column(String(32), index=True)  # event type
    date_min: Mapped[str | None] = mapped_column(String(10), index=True)
    date_max: Mapped[str | None] = mapped_column(String(10))
    confidence: Mapped[float | None] = mapped_column(Float)
    extractor_version: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class FactKeyRow(Base):
    """A dedupe key a fact answers to: the one it was extracted under, and the one of its
    corrected form. ``digest`` (SHA-256 of ``kind|key``) is unique, so keys of any length
    index well."""

    __tablename__ = "fact_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fact_id: Mapped[int] = mapped_column(ForeignKey("facts.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(Text)
    digest: Mapped[str] = mapped_column(String(64), unique=True)


class FactEntityRow(Base):
    __tablename__ = "fact_entities"
    __table_args__ = (UniqueConstraint("fact_id", "entity_id", "role", name="uq_fact_entities"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fact_id: Mapped[int] = mapped_column(ForeignKey("facts.id", ondelete="CASCADE"), index=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(16))


class EvidenceRow(Base):
    """One document's statement of a fact: its spans, extractor version, confidence and the
    part as that document gave it."""

    __tablename__ = "evidence"
    __table_args__ = (UniqueConstraint("fact_id", "document_id", name="uq_evidence_fact_document"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fact_id: Mapped[int] = mapped_column(ForeignKey("facts.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)
    spans: Mapped[list[list[int]]] = mapped_column(JSON)
    confidence: Mapped[float | None] = mapped_column(Float)
    extractor_version: Mapped[str] = mapped_column(String(32))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AuditRow(Base):
    """One curation change: who, when, what the fact was before and after."""

    __tablename__ = "audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fact_id: Mapped[int] = mapped_column(ForeignKey("facts.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(16))
    actor: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
