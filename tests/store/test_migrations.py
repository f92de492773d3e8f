"""The migration is the schema: opening a store runs ``alembic upgrade head``, the tables
it makes are exactly the ones the code queries, and older stores are carried over."""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from communique.errors import StoreError
from communique.store import Store
from communique.store.migrate import normalise_url, shown
from communique.store.schema import Base

from tests.store.samples import all_records, french


def _skip_search_objects(_obj: Any, name: str | None, kind: str, _reflected: bool, _compare_to: Any) -> bool:
    # full-text objects are made by raw DDL for one dialect: FTS5 tables, a GIN index
    return not (name or "").startswith("fts_")


def test_opening_a_store_migrates_it_to_head_without_drift(store: Store) -> None:
    from communique.store import migrate

    script = ScriptDirectory(str(Path(migrate.__file__).parent / "migrations"))
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": _skip_search_objects})
        assert context.get_current_revision() == script.get_current_head()
        assert compare_metadata(context, Base.metadata) == []


def test_reopening_a_store_keeps_its_content(store_url: str) -> None:
    first = Store(store_url)
    first.save(french())
    first.close()
    again = Store(store_url)
    assert again.stats()["documents"] == 1
    assert again.search("Bettel").documents.total == 1
    again.close()


def test_two_processes_opening_a_new_store_at_once_create_it_once(store_url: str) -> None:
    errors: list[BaseException] = []

    def open_and_save(index: int) -> None:
        try:
            opened = Store(store_url)
            opened.save(all_records()[index])
            opened.close()
        except BaseException as exc:  # noqa: BLE001 - reported to the main thread
            errors.append(exc)

    threads = [threading.Thread(target=open_and_save, args=(i,)) for i in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    check = Store(store_url)
    assert check.stats()["documents"] == 3
    check.close()


def test_a_store_made_before_migrations_is_carried_over(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    record = french()
    with sqlite3.connect(path) as old:
        old.execute(
            "CREATE TABLE documents (id VARCHAR(71) PRIMARY KEY, source TEXT, url TEXT, title TEXT, language VARCHAR(2), "
            "published VARCHAR(10), text TEXT, record JSON, extractor_version VARCHAR(32), ingested_at DATETIME)"
        )
        old.execute("CREATE TABLE entities (id INTEGER PRIMARY KEY, key VARCHAR(512), kind VARCHAR(16), name TEXT, ref TEXT)")
        old.execute(
            "INSERT INTO documents VALUES (?, ?, NULL, NULL, 'fr', NULL, ?, ?, '0.0.1', NULL)",
            (record.document.id, record.document.source, record.document.text, json.dumps(record.to_dict())),
        )
    store = Store(f"sqlite:///{path}")
    assert store.stats()["documents"] == 1
    assert store.stats()["events"] == 2
    assert store.record(record.document.id).document == record.document
    with store.engine.connect() as connection:
        assert "alembic_version" in inspect(connection).get_table_names()
    store.close()


def test_sqlite_store_uses_wal_fts5_and_a_busy_timeout(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'kb.db'}")
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        tables = {row[0] for row in connection.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'"))}
    assert {"fts_documents", "fts_entity_names"} <= tables
    store.close()


def test_postgresql_urls_use_psycopg_and_hide_passwords() -> None:
    assert normalise_url("postgresql://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    assert normalise_url("postgres://h/db") == "postgresql+psycopg://h/db"
    assert normalise_url("sqlite:///x.db") == "sqlite:///x.db"
    assert "secret" not in shown("postgresql+psycopg://u:secret@h/db")


def test_an_unreachable_store_is_a_clear_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as caught:
        Store("postgresql://nobody:secret@127.0.0.1:1/none")
    assert "cannot open the store" in str(caught.value)
    assert "secret" not in str(caught.value)
    (tmp_path / "dir.db").mkdir()
    with pytest.raises(StoreError):
        Store(f"sqlite:///{tmp_path / 'dir.db'}")
