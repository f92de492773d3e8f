"""A stand-in for the extraction, so that engine tests need no spaCy model, and a small
batch of good and broken inputs.

The fake replaces ``communique.engines.local.extract_row``: the local engine looks it up at
call time, and its workers are forked, so they see the replacement too.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from communique.engines import local
from communique.engines.parquet import Row, error_row, record_row
from communique.errors import ExtractionError
from communique.ingest.sources import SourceDocument
from communique.model import Document, Record


def fake_extract_row(item: SourceDocument) -> Row:
    """A record with the document only; "BOOM" in a text fails it, "CRASH" kills the worker."""
    if "CRASH" in item.content:
        os._exit(3)
    if "BOOM" in item.content:
        return error_row(item.source, ExtractionError("exploded", source=item.source))
    text = item.content.strip()
    document = Document(id=Document.id_for(text), source=item.source, language=item.language or "en", text=text)
    return record_row(Record(document=document))


@pytest.fixture
def fake_extraction(monkeypatch: pytest.MonkeyPatch) -> Callable[[SourceDocument], Row]:
    monkeypatch.setattr(local, "extract_row", fake_extract_row)
    # the real initializer would load spaCy in every worker
    monkeypatch.setattr(local, "start_worker", lambda _options: None)
    return fake_extract_row


def write_jsonl(path: Path, lines: list[object]) -> Path:
    """Lines as given: dicts become JSON, strings are written as they are (broken lines)."""
    path.write_text("\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def jsonl_writer() -> Callable[[Path, list[object]], Path]:
    return write_jsonl


@pytest.fixture
def mixed_inputs(tmp_path: Path) -> list[str]:
    """Two text files, a JSON Lines file with good, broken, blank and duplicate lines, an
    unsupported file and a missing one: 10 rows, 6 of them errors."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("First document, plain text.", encoding="utf-8")
    (folder / "b.md").write_text("# Title\n\nSecond BOOM document.", encoding="utf-8")
    write_jsonl(
        folder / "feed.jsonl",
        [
            {"id": "r1", "text": "Record one.", "language": "fr"},
            "{not json",
            "",
            {"text": "Record without an id."},
            {"id": "r2", "text": ""},
            {"id": "r1", "text": "Same id again."},
            {"id": "r3", "text": "Record three.", "published": "2020-01-02"},
        ],
    )
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    return [str(folder), str(tmp_path / "notes.docx"), str(tmp_path / "missing.txt")]
