from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from communique.errors import ExportError
from communique.export import render
from communique.export.parquet_tables import arrow_schema
from communique.export.tables import TABLES
from communique.model import Record


def test_round_trip_keeps_types_and_rows(records: list[Record], tmp_path: Path) -> None:
    summary = render("parquet", records, tmp_path / "pq")
    for table in TABLES:
        read = pq.read_table(tmp_path / "pq" / f"{table.name}.parquet")
        assert read.schema.equals(arrow_schema(table)), table.name
        expected = [row for record in records for row in table.rows(record)]
        assert read.to_pylist() == expected, table.name
        assert summary.written.get(f"{table.name} rows", 0) == len(expected)


def test_columns_are_typed(records: list[Record], tmp_path: Path) -> None:
    render("parquet", records, tmp_path / "pq")
    amounts = pq.read_table(tmp_path / "pq" / "agreement_amounts.parquet")
    assert amounts.schema.field("value").type == pa.float64()
    assert amounts.column("value").to_pylist()[:2] == [1_500_000.0, 3_950_000.0]
    agreements = pq.read_table(tmp_path / "pq" / "agreements.parquet")
    assert agreements.schema.field("period_start").type == pa.string()
    assert agreements.column("period_start").to_pylist()[0] == "2024"
    assert agreements.schema.field("party_ids").type == pa.list_(pa.string())
    events = pq.read_table(tmp_path / "pq" / "events.parquet")
    assert events.schema.field("evidence_start").type == pa.int64()
    assert events.column("date_start").to_pylist()[-3] == "2024-06"


def test_empty_export_writes_empty_typed_tables(tmp_path: Path) -> None:
    render("parquet", [], tmp_path / "pq")
    for table in TABLES:
        read = pq.read_table(tmp_path / "pq" / f"{table.name}.parquet")
        assert read.num_rows == 0
        assert read.schema.equals(arrow_schema(table))


def test_parquet_is_not_zipped(records: list[Record], tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="directory"):
        render("parquet", records, tmp_path / "tables.zip")
