"""Full-text search over document titles and texts and entity names.

SQLite answers with FTS5 (the migration keeps ``fts_documents`` and ``fts_entity_names``
in sync by triggers); PostgreSQL with ``to_tsvector`` on documents (a GIN index) and the
folded entity names with LIKE. A user's query never reaches either query language as it
is: it is cut into word tokens, each quoted, so ``NEAR(``, ``"`` or ``'; DROP TABLE`` are
searched as the words they contain (or as nothing) and can never break the syntax. Every
token must match; the last one also matches as a prefix ("Bett" finds "Bettel").
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import ColumnElement, Float, Integer, Select, String, and_, column, func, select, text
from sqlalchemy.orm import Session

from communique.store.queries import like_pattern, names_of
from communique.store.schema import DocumentRow, EntityNameRow, EntityRow
from communique.store.views import DocumentHit, EntityHit, Page, SearchResult
from communique.text import fold

_WORD = re.compile(r"[^\W_]+")
MAX_TOKENS = 16
SNIPPET = 80
"""Characters of context each side of the first match in a snippet."""


def tokens(q: str) -> list[str]:
    """The words of a query, at most ``MAX_TOKENS``; punctuation and operators dropped."""
    return _WORD.findall(q)[:MAX_TOKENS]


def fts5_query(words: list[str]) -> str:
    """An FTS5 MATCH string of quoted phrases, the last one a prefix."""
    quoted = ['"' + word.replace('"', '""') + '"' for word in words if word]
    if quoted:
        quoted[-1] += "*"
    return " ".join(quoted)


def tsquery(words: list[str]) -> str:
    """A ``to_tsquery`` string: quoted lexemes joined by AND, the last one a prefix."""
    quoted = ["'" + word.replace("'", "''").replace("\\", "\\\\") + "'" for word in words if word]
    if quoted:
        quoted[-1] += ":*"
    return " & ".join(quoted)


def snippet(body: str, words: list[str]) -> str:
    """Plain text around the first word found (the caller escapes it for display)."""
    positions = [match.start() for word in words if (match := re.search(re.escape(word), body, re.IGNORECASE))]
    start = max(0, min(positions) - SNIPPET) if positions else 0
    end = min(len(body), (min(positions) if positions else 0) + SNIPPET)
    prefix, suffix = ("…" if start > 0 else ""), ("…" if end < len(body) else "")
    return prefix + " ".join(body[start:end].split()) + suffix


def _document_query(dialect: str, words: list[str]) -> Select[Any]:
    if dialect == "sqlite":
        match = text("SELECT document_id, rank FROM fts_documents WHERE fts_documents MATCH :q").bindparams(q=fts5_query(words))
        hits = match.columns(column("document_id", String), column("rank", Float)).subquery("hits")
        return select(DocumentRow).join(hits, hits.c.document_id == DocumentRow.id).order_by(hits.c.rank, DocumentRow.id)
    if dialect == "postgresql":
        vector = func.to_tsvector("simple", func.coalesce(DocumentRow.title, "") + " " + DocumentRow.text)
        query = func.to_tsquery("simple", tsquery(words))
        return select(DocumentRow).where(vector.bool_op("@@")(query)).order_by(func.ts_rank(vector, query).desc(), DocumentRow.id)
    body = func.coalesce(DocumentRow.title, "") + " " + DocumentRow.text
    conditions = [body.ilike(like_pattern(word), escape="\\") for word in words]
    return select(DocumentRow).where(and_(*conditions)).order_by(DocumentRow.id)


def _entity_condition(dialect: str, words: list[str]) -> ColumnElement[bool]:
    if dialect == "sqlite":
        match = text("SELECT rowid FROM fts_entity_names WHERE fts_entity_names MATCH :q").bindparams(q=fts5_query(words))
        names = select(EntityNameRow.entity_id).where(EntityNameRow.id.in_(match.columns(column("rowid", Integer))))
        return EntityRow.id.in_(names)
    folded = [fold(word) for word in words]
    conditions = [EntityNameRow.folded.like(like_pattern(word), escape="\\") for word in folded if word]
    return EntityRow.id.in_(select(EntityNameRow.entity_id).where(and_(*conditions)))


def search(session: Session, q: str, limit: int, offset: int) -> SearchResult:
    """Documents and entities matching every word of ``q``, best first, one page of each."""
    words = tokens(q)
    empty_docs = Page[DocumentHit](items=[], total=0, limit=limit, offset=offset)
    empty_entities = Page[EntityHit](items=[], total=0, limit=limit, offset=offset)
    if not words:
        return SearchResult(q=q, documents=empty_docs, entities=empty_entities)
    dialect = session.get_bind().dialect.name
    documents = _document_query(dialect, words)
    total = session.scalar(select(func.count()).select_from(documents.order_by(None).subquery())) or 0
    rows = session.scalars(documents.limit(limit).offset(offset)).all()
    hits = [
        DocumentHit(
            id=row.id,
            title=row.title,
            published=row.published,
            language=row.language,
            snippet=snippet(row.text, words),
        )
        for row in rows
    ]
    entities = select(EntityRow).where(_entity_condition(dialect, words))
    entity_total = session.scalar(select(func.count()).select_from(entities.subquery())) or 0
    found = session.scalars(entities.order_by(EntityRow.kind, EntityRow.name, EntityRow.id).limit(limit).offset(offset)).all()
    names = names_of(session, [row.id for row in found])
    entity_hits = [EntityHit(id=r.id, kind=r.kind, name=r.name, ref=r.ref, names=names[r.id]) for r in found]
    return SearchResult(
        q=q,
        documents=Page[DocumentHit](items=hits, total=int(total), limit=limit, offset=offset),
        entities=Page[EntityHit](items=entity_hits, total=int(entity_total), limit=limit, offset=offset),
    )
