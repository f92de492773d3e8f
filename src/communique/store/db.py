"""The store: SQLite embedded by default (WAL, FTS5), PostgreSQL by URL.

Each document is saved in its own transaction: a crash loses at most the document being
written, and saving a document whose id is already stored changes nothing (unless asked
to re-extract it, when curated facts win). The Store is the one entry point of the CLI,
the API and the exports; it only opens sessions and hands them to the modules that know
the rules (``writer``, ``curation``, ``queries``, ``search``, ``records``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from communique import __version__
from communique.errors import StoreError
from communique.model import Record
from communique.store import aggregates, curation, queries, records, search
from communique.store.migrate import READ_OPTION, lock_writes, open_engine, shown
from communique.store.queries import MAX_ID, FactFilter, without_nul
from communique.store.schema import DocumentRow, EntityRow, FactRow
from communique.store.views import DocumentDetail, DocumentSummary, EntityDetail, EntitySummary, FactView, Page, SearchResult
from communique.store.writer import document_row, forget_extraction, write_record

FACT_KINDS = ("roles", "events", "agreements", "programmes")


class Store:
    """Documents, merged entities and facts, curation, queries and search."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = open_engine(url)
        self._reader = self.engine.execution_options(**{READ_OPTION: True})

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def _read(self) -> Iterator[Session]:
        with Session(self._reader) as session, session.begin():
            yield session

    @contextmanager
    def _write(self) -> Iterator[Session]:
        try:
            with Session(self.engine) as session, session.begin():
                lock_writes(session.connection())
                yield session
        except DBAPIError as exc:
            raise StoreError(f"cannot write to the store at {shown(self.url)}: {exc.orig}") from None

    # -- writing ---------------------------------------------------------------------

    def has_document(self, document_id: str) -> bool:
        with self._read() as session:
            return session.get(DocumentRow, document_id) is not None

    def save(self, record: Record, *, replace: bool = False) -> bool:
        """Store a record in one transaction; False when its document was already stored.

        With ``replace`` a stored document is re-extracted: what the extractor said before
        and nobody curated is replaced by ``record``; curated facts stay as curated."""
        try:
            with self._write() as session:
                stored = session.get(DocumentRow, record.document.id)
                if stored is not None and not replace:
                    return False
                if stored is None:
                    session.add(document_row(record))
                else:
                    forget_extraction(session, stored.id)
                    fresh = document_row(record)
                    for column in ("source", "url", "title", "language", "published", "date_min", "date_max", "record"):
                        setattr(stored, column, getattr(fresh, column))
                    stored.extractor_version = __version__
                session.flush()
                write_record(session, record)
        except StoreError as error:
            error.source = error.source or record.document.source
            raise
        return True

    # -- curation --------------------------------------------------------------------

    def confirm(self, fact_id: int, actor: str) -> FactView:
        with self._write() as session:
            curation.confirm(session, fact_id, actor)
        return self.fact(fact_id)

    def reject(self, fact_id: int, actor: str) -> FactView:
        with self._write() as session:
            curation.reject(session, fact_id, actor)
        return self.fact(fact_id)

    def correct(self, fact_id: int, changes: Mapping[str, Any], actor: str) -> FactView:
        with self._write() as session:
            curation.correct(session, fact_id, changes, actor)
        return self.fact(fact_id)

    def add_fact(
        self, kind: str, payload: Mapping[str, Any], document_id: str, spans: Sequence[Sequence[int]], actor: str
    ) -> FactView:
        with self._write() as session:
            fact_id = curation.add(session, kind, payload, without_nul(document_id) or "", spans, actor)
        return self.fact(fact_id)

    # -- reading ---------------------------------------------------------------------

    def stats(self) -> dict[str, int]:
        """Counts of documents, entities and each fact kind (rejected facts left out)."""
        with self._read() as session:
            counts = {
                "documents": session.scalar(select(func.count()).select_from(DocumentRow)) or 0,
                "entities": session.scalar(select(func.count()).select_from(EntityRow)) or 0,
            }
            rows = session.execute(
                select(FactRow.kind, func.count()).where(FactRow.status != "rejected").group_by(FactRow.kind)
            ).all()
        by_kind = {str(kind): int(count) for kind, count in rows}
        for kind in FACT_KINDS:
            counts[kind] = by_kind.get(kind[:-1], 0)
        return counts

    def records(self, document_ids: Iterable[str] | None = None) -> Iterator[Record]:
        """Contract records rebuilt with curation applied, one per stored document (in the
        order stored, or of ``document_ids``); each read in its own short transaction."""
        if document_ids is None:
            with self._read() as session:
                document_ids = records.document_ids(session)
        for document_id in document_ids:
            yield self.record(document_id)

    def record(self, document_id: str) -> Record:
        with self._read() as session:
            return records.rebuild(session, without_nul(document_id) or "")

    def search(self, q: str, limit: int = 20, offset: int = 0) -> SearchResult:
        with self._read() as session:
            return search.search(session, without_nul(q) or "", limit, offset)

    def documents(
        self, filters: FactFilter | None = None, language: str | None = None, limit: int = 50, offset: int = 0
    ) -> Page[DocumentSummary]:
        with self._read() as session:
            return queries.list_documents(session, (filters or FactFilter()).cleaned(), without_nul(language), limit, offset)

    def document(self, document_id: str) -> DocumentDetail:
        with self._read() as session:
            return queries.document_detail(session, without_nul(document_id) or "")

    def entities(self, kind: str | None = None, q: str | None = None, limit: int = 50, offset: int = 0) -> Page[EntitySummary]:
        with self._read() as session:
            return queries.list_entities(session, without_nul(kind), without_nul(q), limit, offset)

    def entity(self, entity_id: int) -> EntityDetail:
        with self._read() as session:
            return queries.entity_detail(session, entity_id)

    def facts(self, kind: str, filters: FactFilter | None = None, limit: int = 50, offset: int = 0) -> Page[FactView]:
        """Facts of one kind (``role``, ``event``, ``agreement``, ``programme``), dated ones
        newest first; rejected ones only when ``filters.status`` asks for them."""
        with self._read() as session:
            return queries.list_facts(session, kind, (filters or FactFilter()).cleaned(), limit, offset)

    def events(self, filters: FactFilter | None = None, limit: int = 50, offset: int = 0) -> Page[FactView]:
        return self.facts("event", filters, limit, offset)

    def agreements(self, filters: FactFilter | None = None, limit: int = 50, offset: int = 0) -> Page[FactView]:
        return self.facts("agreement", filters, limit, offset)

    def programmes(self, filters: FactFilter | None = None, limit: int = 50, offset: int = 0) -> Page[FactView]:
        return self.facts("programme", filters, limit, offset)

    def roles(self, filters: FactFilter | None = None, limit: int = 50, offset: int = 0) -> Page[FactView]:
        return self.facts("role", filters, limit, offset)

    def fact(self, fact_id: int) -> FactView:
        """One fact with its entities, all its evidence and its audit trail."""
        with self._read() as session:
            return queries.fact_detail(session, min(fact_id, MAX_ID))

    # -- overviews (web UI) ------------------------------------------------------------

    def event_months(self, filters: FactFilter | None = None) -> aggregates.EventMonths:
        """Events per month of their start, for the timeline's chart."""
        with self._read() as session:
            return aggregates.event_months(session, (filters or FactFilter()).cleaned())

    def network(self, filters: FactFilter | None = None, limit: int = 300) -> aggregates.Network:
        """Who takes part in the same events as whom (the pairs sharing most first)."""
        with self._read() as session:
            return aggregates.network(session, (filters or FactFilter()).cleaned(), limit)

    def money(self, filters: FactFilter | None = None) -> aggregates.Money:
        """The money agreements commit, by funder, recipient and year."""
        with self._read() as session:
            return aggregates.money(session, (filters or FactFilter()).cleaned())
