"""``communique export`` end to end: records saved in a SQLite store come out in each format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from communique.cli import app
from communique.export import RENDERERS
from communique.model import Record
from communique.store import Store

runner = CliRunner()


@pytest.fixture
def db_url(records: list[Record], tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    store = Store(url)
    try:
        for record in records:
            store.save(record)
    finally:
        store.close()
    return url


@pytest.mark.parametrize("name", list(RENDERERS))
def test_every_format_from_the_store(name: str, db_url: str, tmp_path: Path) -> None:
    output = tmp_path / f"export-{name}"
    result = runner.invoke(app, ["export", "--db", db_url, "--format", name, "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert f"{name}: 3 records read" in result.output
    assert output.exists()


def test_jsonl_to_standard_output(db_url: str, records: list[Record]) -> None:
    result = runner.invoke(app, ["export", "--db", db_url, "--format", "jsonl", "-o", "-", "--quiet"])
    assert result.exit_code == 0, result.output
    exported = sorted((json.loads(line) for line in result.stdout.splitlines()), key=lambda r: r["document"]["source"])
    assert [r["document"]["id"] for r in exported] == [r.document.id for r in sorted(records, key=lambda r: r.document.source)]


def test_unusable_output_is_a_one_line_error(db_url: str, tmp_path: Path) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["export", "--db", db_url, "--format", "csv", "-o", str(blocker)])
    assert result.exit_code == 2
    assert "exists and is not a directory [C400]" in result.output
