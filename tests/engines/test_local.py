"""The local engine without a model: one row per input document, errors as rows, input
order whatever the number of processes, a dying worker costing one document only."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from communique.cli import app
from communique.engines import run_batch
from communique.engines.local import count_documents, run_local
from communique.engines.parquet import PART_NAME, ROW_SCHEMA, SUCCESS, Row
from communique.errors import EngineError
from communique.ingest.sources import SourceDocument
from communique.settings import Options

OPTIONS = Options(quiet=True)
FakeExtraction = Callable[[SourceDocument], Row]


def _rows(directory: Path) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = pq.read_table(directory).to_pylist()
    return rows


def _short(rows: list[dict[str, object]]) -> list[tuple[str, str | None]]:
    """Each row as (source relative to the inputs, error code)."""
    return [(str(row["source"]).rsplit("/", 1)[-1], row["error_code"]) for row in rows]  # type: ignore[misc]


EXPECTED = [
    ("a.txt", None),
    ("b.md", "C100"),
    ("feed.jsonl#r1", None),
    ("feed.jsonl:2", "C007"),
    ("feed.jsonl#4", None),
    ("feed.jsonl#r2", "C002"),
    ("feed.jsonl#r1", "C007"),
    ("feed.jsonl#r3", None),
    ("notes.docx", "C005"),
    ("missing.txt", "C001"),
]


@pytest.mark.usefixtures("fake_extraction")
@pytest.mark.parametrize("processes", [1, 2])
def test_one_row_per_document_in_input_order(tmp_path: Path, mixed_inputs: list[str], processes: int) -> None:
    errors: list[str] = []
    summary = run_local(mixed_inputs, tmp_path / "out", OPTIONS, processes=processes, on_error=errors.append)
    rows = _rows(tmp_path / "out")
    assert _short(rows) == EXPECTED
    assert (summary.documents, summary.failed) == (10, 6)
    assert len(errors) == 6
    assert "duplicate id 'r1' (line 6)" in errors[3]
    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == [SUCCESS, PART_NAME]


@pytest.mark.usefixtures("fake_extraction")
def test_failed_rows_have_an_error_and_no_record(tmp_path: Path, mixed_inputs: list[str]) -> None:
    run_local(mixed_inputs, tmp_path / "out", OPTIONS, processes=1)
    table = pq.read_table(tmp_path / "out")
    assert table.schema.names == ROW_SCHEMA.names
    for row in table.to_pylist():
        assert (row["error"] is None) == (row["record"] is not None) == (row["id"] is not None)
        if row["error"] is not None:
            assert "\n" not in row["error"]
            assert row["error"].endswith(f"[{row['error_code']}]")
    ok = next(row for row in table.to_pylist() if row["source"].endswith("#r3"))
    assert ok["id"].startswith("sha256:")
    assert ok["events"] == []
    assert ok["agreements"] == []


@pytest.mark.usefixtures("fake_extraction")
def test_two_runs_and_process_counts_give_the_same_file_content(tmp_path: Path, mixed_inputs: list[str]) -> None:
    run_local(mixed_inputs, tmp_path / "one", OPTIONS, processes=1)
    run_local(mixed_inputs, tmp_path / "two", OPTIONS, processes=2)
    assert _rows(tmp_path / "one") == _rows(tmp_path / "two")


@pytest.mark.usefixtures("fake_extraction")
def test_a_dying_worker_costs_only_its_document(tmp_path: Path, jsonl_writer: Callable[[Path, list[object]], Path]) -> None:
    texts = [f"Document {n}." for n in range(10)]
    texts[3] = "This one CRASHes the worker."
    feed = jsonl_writer(tmp_path / "feed.jsonl", [{"id": str(n), "text": text} for n, text in enumerate(texts)])
    summary = run_local([str(feed)], tmp_path / "out", OPTIONS, processes=2)
    rows = _rows(tmp_path / "out")
    assert [row["source"] for row in rows] == [f"{feed}#{n}" for n in range(10)]
    assert [n for n, row in enumerate(rows) if row["error"] is not None] == [3]
    assert "worker process died" in str(rows[3]["error"])
    assert summary.failed == 1


@pytest.mark.usefixtures("fake_extraction")
def test_output_is_never_replaced_by_mistake(tmp_path: Path, mixed_inputs: list[str]) -> None:
    out = tmp_path / "out"
    run_local(mixed_inputs[:1], out, OPTIONS, processes=1)
    with pytest.raises(EngineError, match="not empty; pass --overwrite"):
        run_local(mixed_inputs, out, OPTIONS, processes=1)
    run_local(mixed_inputs, out, OPTIONS, processes=1, overwrite=True)
    assert len(_rows(out)) == 10
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(EngineError, match="not a batch output"):
        run_local(mixed_inputs, out, OPTIONS, processes=1, overwrite=True)
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(EngineError, match="not a directory"):
        run_local(mixed_inputs, tmp_path / "file", OPTIONS, processes=1)


def test_a_crash_while_writing_keeps_the_previous_output(
    tmp_path: Path, mixed_inputs: list[str], monkeypatch: pytest.MonkeyPatch, fake_extraction: FakeExtraction
) -> None:
    out = tmp_path / "out"
    run_local(mixed_inputs, out, OPTIONS, processes=1)
    before = _rows(out)

    def broken(item: SourceDocument) -> Row:
        if item.source.endswith("#r3"):
            raise KeyboardInterrupt
        return fake_extraction(item)

    monkeypatch.setattr("communique.engines.local._work", broken)
    with pytest.raises(KeyboardInterrupt):
        run_local(mixed_inputs, out, OPTIONS, processes=1, overwrite=True)
    assert _rows(out) == before
    assert sorted(path.name for path in out.iterdir()) == [SUCCESS, PART_NAME]


def test_an_internal_error_is_a_row(tmp_path: Path, mixed_inputs: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    def bug(_item: SourceDocument) -> Row:
        raise ValueError("a bug")

    monkeypatch.setattr("communique.engines.local.extract_row", bug)
    monkeypatch.setattr("communique.engines.local.start_worker", lambda _options: None)
    summary = run_local(mixed_inputs, tmp_path / "out", OPTIONS, processes=2)
    assert (summary.documents, summary.failed) == (10, 10)
    assert "internal error: ValueError: a bug" in str(_rows(tmp_path / "out")[0]["error"])


def test_documents_are_counted_for_the_progress_bar(mixed_inputs: list[str]) -> None:
    # a.txt, b.md, 6 non-blank lines, notes.docx, missing.txt
    assert count_documents(mixed_inputs) == 10
    assert count_documents(["-"]) is None


def test_engine_options_are_checked() -> None:
    with pytest.raises(EngineError, match="--master applies to --engine spark only"):
        run_batch("local", ["x"], "out", OPTIONS, master="local[2]")
    with pytest.raises(EngineError, match="--processes applies to --engine local only"):
        run_batch("spark", ["x"], "out", OPTIONS, processes=2)


@pytest.mark.usefixtures("fake_extraction")
def test_cli_batch_writes_parquet_and_reports_errors(tmp_path: Path, mixed_inputs: list[str]) -> None:
    result = CliRunner().invoke(app, ["batch", *mixed_inputs, "--output", str(tmp_path / "out"), "--processes", "2"])
    assert result.exit_code == 1, result.output
    assert "10 documents, 6 failed" in result.stderr
    assert result.stderr.count("error: ") == 6
    assert len(_rows(tmp_path / "out")) == 10
    again = CliRunner().invoke(app, ["batch", *mixed_inputs, "--output", str(tmp_path / "out")])
    assert again.exit_code == 2
    assert "--overwrite" in again.stderr


@pytest.mark.usefixtures("fake_extraction")
def test_a_file_named_twice_is_read_once_and_nothing_gives_an_empty_output(tmp_path: Path, mixed_inputs: list[str]) -> None:
    folder = Path(mixed_inputs[0])
    summary = run_local([str(folder), str(folder / "a.txt")], tmp_path / "out", OPTIONS, processes=1)
    assert summary.documents == 8
    (tmp_path / "empty").mkdir()
    summary = run_local([str(tmp_path / "empty")], tmp_path / "none", OPTIONS, processes=2)
    assert (summary.documents, _rows(tmp_path / "none")) == (0, [])
