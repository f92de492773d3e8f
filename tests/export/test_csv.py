from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest

from communique.export import render
from communique.export.tables import TABLES
from communique.model import Record


def _read(directory: Path) -> dict[str, list[dict[str, str]]]:
    tables: dict[str, list[dict[str, str]]] = {}
    for table in TABLES:
        with (directory / f"{table.name}.csv").open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            assert reader.fieldnames == table.column_names
            tables[table.name] = list(reader)
    return tables


@pytest.fixture
def tables(records: list[Record], tmp_path: Path) -> dict[str, list[dict[str, str]]]:
    render("csv", records, tmp_path / "tables")
    return _read(tmp_path / "tables")


def test_every_row_matches_its_table_columns(records: list[Record]) -> None:
    for record in records:
        for table in TABLES:
            for row in table.rows(record):
                assert list(row) == table.column_names, table.name


def test_every_fact_belongs_to_an_exported_document(tables: dict[str, list[dict[str, str]]]) -> None:
    documents = {row["document_id"] for row in tables["documents"]}
    assert len(documents) == 3
    for name, rows in tables.items():
        assert {row["document_id"] for row in rows} <= documents, name


def test_evidence_is_the_text_at_the_offsets(records: list[Record], tables: dict[str, list[dict[str, str]]]) -> None:
    texts = {record.document.id: record.document.text for record in records}
    checked = 0
    for name, rows in tables.items():
        for row in rows:
            if row.get("evidence_start"):
                text = texts[row["document_id"]]
                assert text[int(row["evidence_start"]) : int(row["evidence_end"])] == row["evidence_text"], name
                checked += 1
    for row in tables["evidence"] + tables["mentions"]:
        assert texts[row["document_id"]][int(row["start"]) : int(row["end"])] == row["text"]
    assert checked > 30


def test_entity_names_are_resolved(tables: dict[str, list[dict[str, str]]]) -> None:
    ohchr = next(row for row in tables["agreements"] if row["agreement_id"] == "ag1" and row["signed"])
    assert ohchr["party_names"] == "Luxembourg | Haut-Commissariat des Nations unies aux droits de l'Homme"
    assert ohchr["period_start"] == "2024"
    assert ohchr["period_end"] == "2027"
    roles = {row["person_name"]: row for row in tables["roles"]}
    assert roles["Xavier Bettel"]["country_name"] == "Luxembourg"
    assert roles["Volker Türk"]["organization_name"] == "Haut-Commissariat des Nations unies aux droits de l'Homme"
    parties = [
        row for row in tables["agreement_parties"] if row["role"] == "signatory" and row["entity_name"] == "Sameer Chauhan"
    ]
    assert len(parties) == 1


def test_money_reads_as_plain_numbers(tables: dict[str, list[dict[str, str]]]) -> None:
    values = sorted((row["value"], row["currency"], row["per"]) for row in tables["agreement_amounts"])
    assert values == [
        ("1500000", "EUR", "year"),
        ("1500000000", "USD", "unspecified"),
        ("3950000", "EUR", "total"),
        ("4500000", "EUR", "total"),
    ]


def test_event_participants_follow_the_events(tables: dict[str, list[dict[str, str]]]) -> None:
    for event in tables["events"]:
        rows = [
            r
            for r in tables["event_participants"]
            if (r["document_id"], r["event_id"]) == (event["document_id"], event["event_id"])
        ]
        assert " | ".join(r["entity_id"] for r in sorted(rows, key=lambda r: int(r["position"]))) == event["participant_ids"]


def test_zip_holds_the_same_tables(records: list[Record], tmp_path: Path, tables: dict[str, list[dict[str, str]]]) -> None:
    archive_path = tmp_path / "tables.zip"
    summary = render("csv", records, archive_path)
    with zipfile.ZipFile(archive_path) as archive:
        assert sorted(archive.namelist()) == sorted(f"{t.name}.csv" for t in TABLES)
        for table in TABLES:
            rows = list(csv.DictReader(io.StringIO(archive.read(f"{table.name}.csv").decode("utf-8"))))
            assert rows == tables[table.name]
    assert summary.written["documents rows"] == 3


def test_rewriting_replaces_tables_and_keeps_other_files(records: list[Record], tmp_path: Path) -> None:
    directory = tmp_path / "tables"
    render("csv", records, directory)
    (directory / "notes.txt").write_text("mine", encoding="utf-8")
    render("csv", records[:1], directory)
    assert len(_read(directory)["documents"]) == 1
    assert (directory / "notes.txt").read_text(encoding="utf-8") == "mine"
