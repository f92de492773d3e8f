"""The Spark engine's worker functions on hand-built Arrow batches, without a Spark
session or a model: line numbering across file splits, whole files, error rows."""

from __future__ import annotations

import json

import pyarrow as pa
import pytest

pytest.importorskip("pyspark", reason="pyspark is not installed (pip install -e '.[spark]'): the Spark engine is NOT tested")

from communique.engines.spark import (
    PARSED_SCHEMA,
    Block,
    InputFile,
    _extract_row,
    _summary,
    line_origins,
    parse_files,
    parse_lines,
    session,
)
from communique.errors import EngineError

FEED = InputFile(index=4, name="in/feed.jsonl", path="file:/data/in/feed.jsonl", keys=("file:/data/in/feed.jsonl",))
SECOND_SPLIT = 1 << 33  # monotonically_increasing_id of the first row of partition 1


def test_line_numbers_continue_across_splits() -> None:
    # a file read in two splits; the later split was read by an earlier partition
    blocks = [Block(FEED.path, 1000, 2, 0), Block(FEED.path, 0, 3, SECOND_SPLIT + 7)]
    origins = line_origins(blocks, {FEED.path: FEED})
    assert origins[(FEED.path, 0)] == (4, "in/feed.jsonl", SECOND_SPLIT + 7)
    assert origins[(FEED.path, 1000)] == (4, "in/feed.jsonl", -3)


def _lines(rows: list[tuple[str, int, int]]) -> pa.RecordBatch:
    return pa.RecordBatch.from_pylist(
        [{"value": value, "path": FEED.path, "block": block, "position": position} for value, block, position in rows]
    )


def test_parse_lines_names_documents_and_errors_as_the_local_reader() -> None:
    blocks = [Block(FEED.path, 0, 3, 10), Block(FEED.path, 500, 2, SECOND_SPLIT)]
    origins = line_origins(blocks, {FEED.path: FEED})
    first = "\ufeff" + json.dumps({"id": "a", "text": "Un texte.", "language": "fr"})
    batch = _lines(
        [
            (first, 0, 10),
            ("   ", 0, 11),
            ("{broken", 0, 12),
            (json.dumps({"text": "No id."}), 500, SECOND_SPLIT),
            (json.dumps({"id": "e", "text": " "}), 500, SECOND_SPLIT + 1),
        ]
    )
    (out,) = list(parse_lines([batch], starts=origins))
    assert out.schema == PARSED_SCHEMA
    rows = out.to_pylist()
    assert [(row["file"], row["line"], row["source"], row["error_code"]) for row in rows] == [
        (4, 1, "in/feed.jsonl#a", None),
        (4, 3, "in/feed.jsonl:3", "C007"),
        (4, 4, "in/feed.jsonl#4", None),
        (4, 5, "in/feed.jsonl#e", "C002"),
    ]
    assert (rows[0]["content"], rows[0]["language"], rows[0]["record_id"]) == ("Un texte.", "fr", "a")


def test_parse_files_reads_whole_files_by_the_local_rules() -> None:
    note = InputFile(index=0, name="in/note.md", path="file:/data/in/note.md", keys=("file:/data/in/note.md",))
    odd = InputFile(index=1, name="in/x.docx", path="file:/data/in/x.docx", keys=("file:/data/in/x.docx",))
    batch = pa.RecordBatch.from_pylist(
        [{"path": note.path, "content": b"# Titre\n\nUn texte."}, {"path": odd.path, "content": b"PK"}]
    )
    (out,) = list(parse_files([batch], by_key={note.path: note, odd.path: odd}))
    rows = out.to_pylist()
    assert [(row["file"], row["source"], row["format"], row["error_code"]) for row in rows] == [
        (0, "in/note.md", "markdown", None),
        (1, "in/x.docx", None, "C005"),
    ]


def test_errors_and_duplicates_become_error_rows_without_extraction() -> None:
    parsed = dict.fromkeys(PARSED_SCHEMA.names)
    failed = {**parsed, "source": "f.jsonl:2", "error": "f.jsonl:2: not valid JSON [C007]", "error_code": "C007"}
    row = _extract_row({**failed, "duplicate": False}, extractor=None)  # type: ignore[arg-type]
    assert (row["source"], row["error"], row["error_code"], row["record"]) == (
        "f.jsonl:2",
        "f.jsonl:2: not valid JSON [C007]",
        "C007",
        None,
    )
    again = {**parsed, "source": "f.jsonl#a", "content": "x", "format": "text", "record_id": "a", "line": 7}
    row = _extract_row({**again, "duplicate": True}, extractor=None)  # type: ignore[arg-type]
    assert row["error"] == "f.jsonl#a: duplicate id 'a' (line 7) [C007]"


def test_a_failed_job_is_summed_up_by_its_cause() -> None:
    trace = "An exception was thrown from the Python worker.\nTraceback:\nModuleNotFoundError: No module named 'communique'"
    assert _summary(RuntimeError(trace)) == "ModuleNotFoundError: No module named 'communique'"
    assert _summary(RuntimeError("[JAVA_GATEWAY_EXITED] gateway exited.\nmore")) == "[JAVA_GATEWAY_EXITED] gateway exited."


def test_without_java_the_engine_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("shutil.which", lambda _name: None)
    monkeypatch.delenv("JAVA_HOME", raising=False)
    with pytest.raises(EngineError, match="Java is not installed"):
        session("local[1]", quiet=True)
