"""The knowledge base: documents, merged entities, merged facts with their evidence,
curation audit, and full-text search (FTS5 on SQLite, a GIN tsvector index on PostgreSQL).

Revision ID: 0001
Revises: (none)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None

_TOKENIZE = "tokenize='unicode61 remove_diacritics 2'"
# the documents' own text is copied into fts_documents (keyed by document id, not rowid:
# VACUUM may renumber the implicit rowids of a table whose key is text)
_SQLITE_FTS = (
    f"CREATE VIRTUAL TABLE fts_documents USING fts5(document_id UNINDEXED, title, text, {_TOKENIZE})",
    "CREATE TRIGGER fts_documents_ai AFTER INSERT ON documents BEGIN "
    "INSERT INTO fts_documents(document_id, title, text) VALUES (new.id, coalesce(new.title, ''), new.text); END",
    "CREATE TRIGGER fts_documents_ad AFTER DELETE ON documents BEGIN DELETE FROM fts_documents WHERE document_id = old.id; END",
    "CREATE TRIGGER fts_documents_au AFTER UPDATE OF title, text ON documents BEGIN "
    "DELETE FROM fts_documents WHERE document_id = old.id; "
    "INSERT INTO fts_documents(document_id, title, text) VALUES (new.id, coalesce(new.title, ''), new.text); END",
    f"CREATE VIRTUAL TABLE fts_entity_names USING fts5(name, content='entity_names', content_rowid='id', {_TOKENIZE})",
    "CREATE TRIGGER fts_entity_names_ai AFTER INSERT ON entity_names BEGIN "
    "INSERT INTO fts_entity_names(rowid, name) VALUES (new.id, new.name); END",
    "CREATE TRIGGER fts_entity_names_ad AFTER DELETE ON entity_names BEGIN "
    "INSERT INTO fts_entity_names(fts_entity_names, rowid, name) VALUES ('delete', old.id, old.name); END",
    "CREATE TRIGGER fts_entity_names_au AFTER UPDATE ON entity_names BEGIN "
    "INSERT INTO fts_entity_names(fts_entity_names, rowid, name) VALUES ('delete', old.id, old.name); "
    "INSERT INTO fts_entity_names(rowid, name) VALUES (new.id, new.name); END",
)
_POSTGRESQL_FTS = (
    "CREATE INDEX fts_documents_tsv ON documents USING gin (to_tsvector('simple', coalesce(title, '') || ' ' || text))",
)


def _when() -> sa.Column[object]:
    return sa.Column("created_at", sa.DateTime(timezone=True), nullable=False)


def _documents() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(71), primary_key=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("published", sa.String(10), nullable=True),
        sa.Column("date_min", sa.String(10), nullable=True),
        sa.Column("date_max", sa.String(10), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("record", sa.JSON(), nullable=False),
        sa.Column("extractor_version", sa.String(32), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_documents_date_min", "documents", ["date_min"])


def _entities() -> None:
    op.create_table(
        "entities",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(512), nullable=False, unique=True),
        sa.Column("name_key", sa.String(512), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("ref", sa.String(16), nullable=True),
        _when(),
    )
    for column in ("name_key", "kind", "ref"):
        op.create_index(f"ix_entities_{column}", "entities", [column])
    op.create_table(
        "entity_names",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("entity_id", sa.Integer(), sa.ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("folded", sa.String(512), nullable=False),
        sa.UniqueConstraint("entity_id", "name", name="uq_entity_names_entity_name"),
    )
    op.create_index("ix_entity_names_entity_id", "entity_names", ["entity_id"])
    op.create_index("ix_entity_names_folded", "entity_names", ["folded"])


def _document_links() -> None:
    op.create_table(
        "document_entities",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("document_id", sa.String(71), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("entity_id", sa.Integer(), sa.ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
        sa.Column("local_id", sa.Text(), nullable=False),
        sa.UniqueConstraint("document_id", "local_id", name="uq_document_entities_local"),
    )
    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("entity_id", sa.Integer(), sa.ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
        sa.Column("document_id", sa.String(71), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
    )
    for table in ("document_entities", "mentions"):
        op.create_index(f"ix_{table}_document_id", table, ["document_id"])
        op.create_index(f"ix_{table}_entity_id", table, ["entity_id"])


def _facts() -> None:
    op.create_table(
        "facts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("type", sa.String(32), nullable=True),
        sa.Column("date_min", sa.String(10), nullable=True),
        sa.Column("date_max", sa.String(10), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("extractor_version", sa.String(32), nullable=False),
        _when(),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_facts_kind_status", "facts", ["kind", "status"])
    op.create_index("ix_facts_type", "facts", ["type"])
    op.create_index("ix_facts_date_min", "facts", ["date_min"])
    op.create_table(
        "fact_keys",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("fact_id", sa.Integer(), sa.ForeignKey("facts.id", ondelete="CASCADE"), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False, unique=True),
    )
    op.create_index("ix_fact_keys_fact_id", "fact_keys", ["fact_id"])
    op.create_table(
        "fact_entities",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("fact_id", sa.Integer(), sa.ForeignKey("facts.id", ondelete="CASCADE"), nullable=False),
        sa.Column("entity_id", sa.Integer(), sa.ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.UniqueConstraint("fact_id", "entity_id", "role", name="uq_fact_entities"),
    )
    op.create_index("ix_fact_entities_fact_id", "fact_entities", ["fact_id"])
    op.create_index("ix_fact_entities_entity_id", "fact_entities", ["entity_id"])


def _evidence_and_audit() -> None:
    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("fact_id", sa.Integer(), sa.ForeignKey("facts.id", ondelete="CASCADE"), nullable=False),
        sa.Column("document_id", sa.String(71), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.Column("spans", sa.JSON(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("extractor_version", sa.String(32), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        _when(),
        sa.UniqueConstraint("fact_id", "document_id", name="uq_evidence_fact_document"),
    )
    op.create_index("ix_evidence_fact_id", "evidence", ["fact_id"])
    op.create_index("ix_evidence_document_id", "evidence", ["document_id"])
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("fact_id", sa.Integer(), sa.ForeignKey("facts.id", ondelete="CASCADE"), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
    )
    op.create_index("ix_audit_fact_id", "audit", ["fact_id"])


def upgrade() -> None:
    _documents()
    _entities()
    _document_links()
    _facts()
    _evidence_and_audit()
    dialect = op.get_bind().dialect.name
    for statement in _SQLITE_FTS if dialect == "sqlite" else _POSTGRESQL_FTS if dialect == "postgresql" else ():
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS fts_entity_names")
        op.execute("DROP TABLE IF EXISTS fts_documents")
    for table in (
        "audit",
        "evidence",
        "fact_entities",
        "fact_keys",
        "facts",
        "mentions",
        "document_entities",
        "entity_names",
        "entities",
        "documents",
    ):
        op.drop_table(table)
