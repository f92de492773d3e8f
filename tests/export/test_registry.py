from __future__ import annotations

import io
from pathlib import Path

import pytest

from communique.cli import ExportFormat
from communique.errors import ExportError
from communique.export import RENDERERS, render
from communique.model import Record


def test_registry_snapshot() -> None:
    # a change here is a change of the CLI's formats and of what `--help` says about them
    assert {name: (r.layout, r.description) for name, r in RENDERERS.items()} == {
        "jsonl": ("file", "Contract records (communique.extraction/1), one JSON object per line."),
        "csv": (
            "directory",
            "CSV tables per fact kind (documents, entities, mentions, roles, events, agreements, programmes…)"
            " in a directory or .zip.",
        ),
        "parquet": ("directory", "Parquet tables per fact kind (the CSV tables, typed columns) in a directory."),
        "plover": (
            "file",
            "PLOVER event records (JSON Lines): actor, recipient, event type, mode, context, location, citation.",
        ),
        "cameo": ("file", "CAMEO-coded events as TSV with GDELT-like columns and a header row, one row per dyad."),
        "iati": ("file", "IATI 2.03 activities (XML), one per agreement or funding commitment with an amount."),
    }


def test_cli_offers_exactly_the_registered_formats() -> None:
    assert [f.value for f in ExportFormat] == list(RENDERERS)


def test_unknown_format_is_a_clear_error(records: list[Record], tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="unknown export format 'xml'"):
        render("xml", records, tmp_path / "out")


@pytest.mark.parametrize("name", ["csv", "parquet"])
def test_table_formats_refuse_a_stream(name: str, records: list[Record]) -> None:
    with pytest.raises(ExportError, match="not a stream"):
        render(name, records, io.StringIO())


def test_single_file_format_refuses_a_directory(records: list[Record], tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="is a directory"):
        render("jsonl", records, tmp_path)


def test_failed_export_keeps_the_previous_file(records: list[Record], tmp_path: Path) -> None:
    target = tmp_path / "records.jsonl"
    render("jsonl", records, target)
    before = target.read_text(encoding="utf-8")

    def failing() -> list[Record]:
        raise RuntimeError("store went away")

    with pytest.raises(RuntimeError):
        render("jsonl", (r for r in [records[0], *failing()]), target)
    assert target.read_text(encoding="utf-8") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["records.jsonl"]
