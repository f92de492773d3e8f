"""Alembic environment: migrations run on the connection the store hands over.

The store opens the connection (with its SQLite pragmas or PostgreSQL lock) and a
transaction, so two processes opening one new store at once apply the schema once."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from communique.store.schema import Base

connection = context.config.attributes.get("connection")
if not isinstance(connection, Connection):
    raise RuntimeError("communique migrations run through communique.store (Store(url)), which passes a connection")
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
