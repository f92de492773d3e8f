"""Builders of small records and gold files, so each test states only what it is about.

They are fixtures (not an importable module) because the suite runs with
``--import-mode=importlib``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from communique.evaluate.gold import Gold, parse_gold
from communique.model import Document, Record


def _with_defaults(items: list[dict[str, Any]], defaults: Callable[[int], dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**defaults(i), **item} for i, item in enumerate(items)]


def build_record(
    *,
    entities: list[dict[str, Any]] | None = None,
    roles: list[dict[str, Any]] | None = None,
    events: list[dict[str, Any]] | None = None,
    agreements: list[dict[str, Any]] | None = None,
    programmes: list[dict[str, Any]] | None = None,
    source: str = "doc.txt",
    language: str = "fr",
    published: str | None = None,
) -> Record:
    """A valid record; entities default to id ``e<i>`` and events/agreements get the
    bookkeeping fields (evidence, confidence) the scorer ignores."""
    return Record.model_validate(
        {
            "document": {"id": Document.id_for(""), "source": source, "language": language, "published": published, "text": ""},
            "entities": _with_defaults(entities or [], lambda i: {"id": f"e{i}"}),
            "roles": _with_defaults(roles or [], lambda i: {"title": "t", "evidence": (0, 1)}),
            "events": _with_defaults(
                events or [], lambda i: {"id": f"ev{i}", "plover": None, "evidence": (0, 1), "confidence": 1.0}
            ),
            "agreements": _with_defaults(
                [{**a, "amounts": [{"text": "", **m} for m in a.get("amounts", [])]} for a in agreements or []],
                lambda i: {"id": f"ag{i}"},
            ),
            "programmes": programmes or [],
        }
    )


def build_gold(*, document: str = "doc.txt", published: str | None = None, language: str = "fr", **parts: Any) -> Gold:
    """A gold file from YAML-like data; events and agreements default their nullable keys."""
    data: dict[str, Any] = {"document": document, "published": published, "language": language, **parts}
    data["events"] = [{"date": None, "location": None, **e} for e in parts.get("events", [])]
    data["agreements"] = [{"signed": None, **a} for a in parts.get("agreements", [])]
    return parse_gold(data, "test.yaml")


@pytest.fixture(scope="session")
def make_record() -> Callable[..., Record]:
    return build_record


@pytest.fixture(scope="session")
def make_gold() -> Callable[..., Gold]:
    return build_gold
