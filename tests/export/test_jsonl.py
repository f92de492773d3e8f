from __future__ import annotations

import io
import json
from pathlib import Path

import jsonschema

from communique.export import render
from communique.model import Record


def test_each_line_is_the_record(records: list[Record], tmp_path: Path) -> None:
    target = tmp_path / "out" / "records.jsonl"
    summary = render("jsonl", iter(records), target)
    assert summary.records == summary.written["records"] == 3
    assert [Record.from_json(line) for line in target.read_text(encoding="utf-8").splitlines()] == records


def test_each_line_follows_the_contract_schema(records: list[Record], tmp_path: Path, schema_path: Path) -> None:
    target = tmp_path / "records.jsonl"
    render("jsonl", records, target)
    validator = jsonschema.Draft202012Validator(json.loads(schema_path.read_text(encoding="utf-8")))
    for line in target.read_text(encoding="utf-8").splitlines():
        validator.validate(json.loads(line))


def test_writes_to_a_stream(records: list[Record]) -> None:
    stream = io.StringIO()
    render("jsonl", records[:1], stream)
    assert Record.from_json(stream.getvalue()) == records[0]
