"""Opening a store: the engine (SQLite pragmas, PostgreSQL driver) and the schema, brought
to the newest migration with ``alembic upgrade head`` on every open.

The upgrade runs in one transaction that holds the write lock (SQLite ``BEGIN IMMEDIATE``,
a PostgreSQL advisory lock), so two processes opening a new store at once create it once.
A store written before migrations existed (its tables made by ``create_all``) still holds
every record as extracted; it is rebuilt into the migrated schema in the same transaction.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.util import CommandError
from pydantic import ValidationError
from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.orm import Session

from communique.errors import StoreError
from communique.model import Record

SQLITE_BUSY_MS = 30000
WRITE_LOCK = 0x636F6D6D  # "comm": the PostgreSQL advisory lock every writer takes
READ_OPTION = "communique_read"
"""Execution option of the read-only engine: SQLite reads begin DEFERRED, not IMMEDIATE,
so the API keeps reading while an ingest writes."""
_MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_LEGACY_TABLES = ("facts", "mentions", "entity_names", "entities", "documents")


def normalise_url(url: str) -> str:
    """``postgresql://`` and ``postgres://`` mean psycopg 3, the driver communique ships."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def shown(url: str) -> str:
    """A URL fit for messages: the password hidden."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def _sqlite_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.database and parsed.database != ":memory:" and not parsed.database.startswith("file:"):
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_MS / 1000, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        # let SQLAlchemy's "begin" below open transactions, not the driver
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in ("journal_mode=WAL", f"busy_timeout={SQLITE_BUSY_MS}", "foreign_keys=ON", "synchronous=NORMAL"):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        # writers take the write lock at the start, so two writers queue instead of
        # deadlocking; readers do not, so they never wait for a writer (WAL)
        reading = connection.get_execution_options().get(READ_OPTION, False)
        connection.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")

    return engine


def lock_writes(connection: Connection) -> None:
    """Serialise writers on PostgreSQL as SQLite does, so merges never race."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK})


def _legacy_records(connection: Connection) -> list[Record]:
    """Records of a store made before migrations, its old tables dropped."""
    tables = set(inspect(connection).get_table_names())
    if "documents" not in tables or "alembic_version" in tables:
        return []
    rows = connection.execute(text("SELECT record FROM documents")).scalars().all()
    records = [Record.model_validate_json(row) if isinstance(row, str) else Record.model_validate(row) for row in rows]
    for table in _LEGACY_TABLES:
        if table in tables:
            connection.execute(text(f"DROP TABLE {table}"))  # fixed names, no input
    return records


def _upgrade(connection: Connection) -> None:
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


def open_engine(url: str) -> Engine:
    """The engine of a store, its schema migrated to the newest revision."""
    url = normalise_url(url)
    try:
        engine = _sqlite_engine(url) if url.startswith("sqlite") else create_engine(url, pool_pre_ping=True)
        with engine.begin() as connection:
            lock_writes(connection)
            legacy = _legacy_records(connection)
            _upgrade(connection)
            if legacy:
                _rewrite(connection, legacy)
    except (DBAPIError, ArgumentError, ImportError) as exc:
        reason = getattr(exc, "orig", None) or exc
        raise StoreError(f"cannot open the store at {shown(url)}: {reason}".strip()) from None
    except CommandError as exc:
        raise StoreError(f"the store at {shown(url)} has a schema this communique does not know ({exc})") from None
    except ValidationError as exc:
        raise StoreError(f"cannot carry over the store at {shown(url)}: a stored record no longer validates ({exc})") from None
    return engine


def _rewrite(connection: Connection, records: list[Record]) -> None:
    from communique.store.writer import document_row, write_record

    with Session(bind=connection) as session:
        for record in records:
            session.add(document_row(record))
            session.flush()
            write_record(session, record)
        session.flush()
