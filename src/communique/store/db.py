"""The store: SQLite embedded by default (WAL), any SQLAlchemy URL otherwise.

Each document is saved in its own transaction: a crash loses at most the document being
written, and saving a document whose id is already stored changes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from communique import __version__
from communique.errors import StoreError
from communique.model import Record
from communique.store.schema import Base, DocumentRow, EntityNameRow, EntityRow, FactRow, MentionRow
from communique.text import fold

FACT_KINDS = ("roles", "events", "agreements", "programmes")
# record fields that hold entity ids, per fact kind
_REFERENCES: dict[str, tuple[str, ...]] = {
    "roles": ("person", "organization", "country"),
    "events": ("location", "participants"),
    "agreements": ("parties", "signatories"),
    "programmes": ("entity", "implementers", "funders"),
}
_SQLITE_BUSY_MS = 30000


def _sqlite_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": _SQLITE_BUSY_MS / 1000})

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        # let SQLAlchemy's "begin" below open transactions, not the driver
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in ("journal_mode=WAL", f"busy_timeout={_SQLITE_BUSY_MS}", "foreign_keys=ON", "synchronous=NORMAL"):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        # take the write lock at the start, so two writers queue instead of deadlocking
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def open_engine(url: str) -> Engine:
    try:
        engine = _sqlite_engine(url) if url.startswith("sqlite") else create_engine(url, pool_pre_ping=True)
        Base.metadata.create_all(engine)
    except OperationalError as exc:
        raise StoreError(f"cannot open the store at {url}: {exc.orig}") from None
    return engine


def entity_key(kind: str, name: str, ref: str | None) -> str:
    """Entities with a Wikidata id merge on it; others on kind and folded name."""
    return ref if ref else f"{kind}:{fold(name)}"


class Store:
    """Documents, entities and facts; a thin layer over SQLAlchemy sessions."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = open_engine(url)

    def close(self) -> None:
        self.engine.dispose()

    def has_document(self, document_id: str) -> bool:
        with Session(self.engine) as session:
            return session.get(DocumentRow, document_id) is not None

    def save(self, record: Record) -> bool:
        """Store a record in one transaction; False when its document was already stored."""
        with Session(self.engine) as session, session.begin():
            if session.get(DocumentRow, record.document.id) is not None:
                return False
            document = record.document
            session.add(
                DocumentRow(
                    id=document.id,
                    source=document.source,
                    url=document.url,
                    title=document.title,
                    language=document.language,
                    published=document.published,
                    text=document.text,
                    record=record.to_dict(),
                    extractor_version=__version__,
                )
            )
            ids = self._save_entities(session, record)
            self._save_facts(session, record, ids)
        return True

    def _save_entities(self, session: Session, record: Record) -> dict[str, int]:
        ids: dict[str, int] = {}
        for entity in record.entities:
            key = entity_key(entity.kind, entity.name, entity.ref)
            row = session.scalar(select(EntityRow).where(EntityRow.key == key))
            if row is None:
                row = EntityRow(key=key, kind=entity.kind, name=entity.name, ref=entity.ref)
                session.add(row)
                session.flush()
            known = set(session.scalars(select(EntityNameRow.name).where(EntityNameRow.entity_id == row.id)))
            for name in dict.fromkeys(entity.names()):
                if name not in known:
                    session.add(EntityNameRow(entity_id=row.id, name=name))
            for start, end in entity.mentions:
                session.add(MentionRow(entity_id=row.id, document_id=record.document.id, start=start, end=end))
            ids[entity.id] = row.id
        return ids

    def _save_facts(self, session: Session, record: Record, ids: dict[str, int]) -> None:
        for kind in FACT_KINDS:
            for part in getattr(record, kind):
                payload = part.model_dump(mode="json")
                for field_name in _REFERENCES[kind]:
                    value = payload.get(field_name)
                    if isinstance(value, list):
                        payload[field_name] = [ids.get(v) for v in value]
                    elif value is not None:
                        payload[field_name] = ids.get(value)
                evidence = payload.get("evidence")
                first = evidence[0] if evidence and isinstance(evidence[0], list) else evidence
                session.add(
                    FactRow(
                        document_id=record.document.id,
                        kind=kind[:-1] if kind != "programmes" else "programme",
                        payload=payload,
                        start=first[0] if first else None,
                        end=first[1] if first else None,
                        confidence=payload.get("confidence"),
                        extractor_version=__version__,
                    )
                )

    def stats(self) -> dict[str, int]:
        """Counts of documents, entities and each fact kind."""
        with Session(self.engine) as session:
            counts = {
                "documents": session.scalar(select(func.count()).select_from(DocumentRow)) or 0,
                "entities": session.scalar(select(func.count()).select_from(EntityRow)) or 0,
            }
            rows = session.execute(select(FactRow.kind, func.count()).group_by(FactRow.kind))
            by_kind: dict[str, int] = {kind: count for kind, count in rows}  # noqa: C416 - rows are Row objects, not pairs
        for kind in FACT_KINDS:
            counts[kind] = int(by_kind.get("programme" if kind == "programmes" else kind[:-1], 0))
        return counts
