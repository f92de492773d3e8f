"""Parquet export: the CSV tables (``tables.TABLES``) as typed ``NAME.parquet`` files in a
directory, for analysts who load them with pandas, polars, DuckDB or Spark.

Columns keep their types: offsets and counts int64, money values and confidences
float64, lists as ``list<string>``, dates as strings at the precision the text gives
(a year is not a day). Rows are written in batches so a large store does not have to fit
in memory."""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import ExitStack

import pyarrow as pa
import pyarrow.parquet as pq

from communique.errors import ExportError
from communique.export.base import ExportSummary, Target, directory_target, replacing_file
from communique.export.tables import TABLES, ColumnType, Row, Table
from communique.model import Record

BATCH_ROWS = 5000

_ARROW_TYPES: dict[ColumnType, pa.DataType] = {
    "string": pa.string(),
    "int": pa.int64(),
    "float": pa.float64(),
    "list": pa.list_(pa.string()),
}


def arrow_schema(table: Table) -> pa.Schema:
    """The Arrow schema of a table (also what the tests check the files against)."""
    return pa.schema([pa.field(name, _ARROW_TYPES[kind]) for name, kind in table.columns])


class _TableWriter:
    """Buffers a table's rows and writes them to its Parquet file batch by batch."""

    def __init__(self, table: Table, writer: pq.ParquetWriter) -> None:
        self.table = table
        self.schema = arrow_schema(table)
        self.writer = writer
        self.rows: list[Row] = []

    def add(self, row: Row) -> None:
        self.rows.append(row)
        if len(self.rows) >= BATCH_ROWS:
            self.flush()

    def flush(self) -> None:
        if self.rows:
            self.writer.write_table(pa.Table.from_pylist(self.rows, schema=self.schema))
            self.rows = []


def write_parquet(records: Iterable[Record], target: Target) -> ExportSummary:
    """Parquet tables per fact kind (the CSV tables, typed columns) in a directory."""
    summary = ExportSummary("parquet")
    directory = directory_target(target, "Parquet tables")
    if directory.suffix.lower() == ".zip":
        raise ExportError(f"{directory}: Parquet tables go to a directory (only CSV tables can be zipped)")
    directory.mkdir(parents=True, exist_ok=True)
    with ExitStack() as stack:
        writers: dict[str, _TableWriter] = {}
        for table in TABLES:
            stream = stack.enter_context(replacing_file(directory / f"{table.name}.parquet", "wb"))
            parquet = stack.enter_context(pq.ParquetWriter(stream, arrow_schema(table)))
            writers[table.name] = _TableWriter(table, parquet)
        for record in records:
            summary.records += 1
            for table in TABLES:
                for row in table.rows(record):
                    writers[table.name].add(row)
                    summary.written[f"{table.name} rows"] += 1
        for writer in writers.values():
            writer.flush()
    return summary
