"""API clients over stores filled with the hand-built records, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from communique.store import Store
from communique.web.app import create_app

from tests.store import postgres
from tests.store.samples import all_records

TOKEN = "correct horse battery staple"


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[postgres.PostgresServer]:
    try:
        server = postgres.server()
    except RuntimeError as exc:
        pytest.skip(f"{postgres.UNAVAILABLE}: {exc}")
    yield server
    postgres.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A new empty store's URL, once per backend (the PostgreSQL database dropped after)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'kb.db'}"
        return
    server: postgres.PostgresServer = request.getfixturevalue("postgres_server")
    url = server.new_database()
    yield url
    server.drop_database(url)


def _filled(app: FastAPI) -> FastAPI:
    store: Store = app.state.store
    for record in all_records():
        store.save(record)
    return app


@pytest.fixture
def app(store_url: str) -> Iterator[FastAPI]:
    """The app with a write token, over a store holding the three sample records."""
    application = _filled(create_app(store_url, token=TOKEN))
    yield application
    application.state.store.close()


@pytest.fixture
def client(app: FastAPI) -> TestClient:
    return TestClient(app, raise_server_exceptions=False)


@pytest.fixture
def readonly(store_url: str) -> Iterator[TestClient]:
    """A client of an app started without a token."""
    application = _filled(create_app(store_url))
    yield TestClient(application, raise_server_exceptions=False)
    application.state.store.close()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    postgres.announce(terminalreporter)
