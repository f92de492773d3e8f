"""API clients over stores filled with the hand-built records, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from communique.store import Store
from communique.web.app import create_app

from tests.store import postgres
from tests.store.samples import all_records

TOKEN = "correct horse battery staple"


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
