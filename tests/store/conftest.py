"""Stores for the tests, over SQLite and over a throwaway PostgreSQL server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from communique.store import Store

from tests.store import postgres


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    opened = Store(store_url)
    yield opened
    opened.close()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    postgres.announce(terminalreporter)
