"""The command line end to end, on real seeds and on a batch of broken inputs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from communique.cli import app

pytestmark = pytest.mark.model
runner = CliRunner()


def _communique(*args: str, cwd: Path | None = None, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-c", "from communique.cli import main; main()", *args],
        capture_output=True,
        cwd=cwd,
        input=stdin,
        check=False,
        timeout=600,
    )


def test_extract_seeds_gives_five_schema_valid_records(seeds_dir: Path, schema_path: Path) -> None:
    result = runner.invoke(app, ["extract", *sorted(str(p) for p in seeds_dir.glob("*.txt")), "--quiet"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 5
    validator = Draft202012Validator(json.loads(schema_path.read_text(encoding="utf-8")))
    for record in records:
        assert list(validator.iter_errors(record)) == []
        text = record["document"]["text"]
        for entity in record["entities"]:
            for start, end in entity["mentions"]:
                assert text[start:end].strip() == text[start:end] != ""
    by_name = {Path(r["document"]["source"]).name: r["document"] for r in records}
    assert "skip_to_content" not in by_name["001_9f5804d6652d13c0.txt"]["text"]
    assert "©" not in by_name["002_cd4a907702965963.txt"]["text"]
    assert by_name["004_351d07cf759c5707.txt"]["published"] == "2020-12-03"


def test_json_format_and_output_file(seeds_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "records.json"
    result = runner.invoke(app, ["extract", str(seeds_dir / "003_209e1647f543d56b.txt"), "--format", "json", "-o", str(out)])
    assert result.exit_code == 0
    record = json.loads(out.read_text(encoding="utf-8"))
    assert record["schema"] == "communique.extraction/1"


def test_ingest_twice_leaves_counts_unchanged(seeds_dir: Path, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'store.db'}"
    assert runner.invoke(app, ["ingest", str(seeds_dir), "--db", db, "-q"]).exit_code == 0
    first = json.loads(runner.invoke(app, ["stats", "--db", db, "--format", "json"]).stdout)
    assert runner.invoke(app, ["ingest", str(seeds_dir), "--db", db, "-q"]).exit_code == 0
    second = json.loads(runner.invoke(app, ["stats", "--db", db, "--format", "json"]).stdout)
    assert first == second
    assert first["documents"] == 5
    assert set(first) == {"documents", "entities", "roles", "events", "agreements", "programmes"}


def test_default_store_and_env_variable(seeds_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["ingest", str(seeds_dir / "003_209e1647f543d56b.txt"), "-q"]).exit_code == 0
    assert (tmp_path / ".communique" / "communique.db").exists()
    monkeypatch.setenv("COMMUNIQUE_DB", f"sqlite:///{tmp_path / 'other.db'}")
    assert runner.invoke(app, ["ingest", str(seeds_dir / "003_209e1647f543d56b.txt"), "-q"]).exit_code == 0
    assert (tmp_path / "other.db").exists()


def test_a_batch_of_bad_inputs_reports_each_on_one_line_and_goes_on(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text(
        "Paris, le 3 décembre 2020 – Le ministre a rencontré son homologue allemand.", encoding="utf-8"
    )
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (inputs / "latin.txt").write_bytes("Genève, le 2 mars 2021 – Déclaration à l'issue de la réunion.".encode("cp1252"))
    (inputs / "feed.jsonl").write_text(
        json.dumps({"id": "ok", "text": "WASHINGTON, May 5, 2023 – The President met the Chancellor."})
        + "\n"
        + '{"id": "cut", "te',
        encoding="utf-8",
    )
    slides = tmp_path / "slides.pptx"  # named explicitly: directories yield only known types
    slides.write_bytes(b"PK\x03\x04")
    with (inputs / "huge.txt").open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    db = f"sqlite:///{tmp_path / 'store.db'}"
    result = _communique("ingest", str(inputs), str(slides), "--db", db)
    stderr = result.stderr.decode()
    assert result.returncode == 1
    assert "Traceback" not in stderr
    errors = [line for line in stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 5, stderr
    for name in ("empty.txt", "binary.txt", "feed.jsonl:2", "slides.pptx", "huge.txt"):
        assert any(name in line for line in errors), (name, errors)
    stats = json.loads(_communique("stats", "--db", db, "--format", "json").stdout)
    assert stats["documents"] == 3


def test_stdin_and_mixed_inputs(tmp_path: Path, seeds_dir: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"id": "r1", "text": "<p>Le ministre a signé un accord avec le PNUD.</p>"}) + "\n", encoding="utf-8"
    )
    result = _communique(
        "extract",
        str(seeds_dir / "003_209e1647f543d56b.txt"),
        str(feed),
        "-",
        stdin="Bonjour, le ministre est à Genève.".encode(),
    )
    assert result.returncode == 0, result.stderr.decode()
    sources = [json.loads(line)["document"]["source"] for line in result.stdout.decode().splitlines()]
    assert sources == [str(seeds_dir / "003_209e1647f543d56b.txt"), f"{feed}#r1", "-"]
