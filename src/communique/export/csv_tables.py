"""CSV export: one table per fact kind (``tables.TABLES``), one ``NAME.csv`` file each, in
a directory or, when the path ends with ``.zip``, in a zip archive.

Files are UTF-8 with a header row (RFC 4180 quoting). Lists (aliases, participants,
purposes…) are joined with `` | ``; an empty cell is a missing value; whole-number floats
are written without ``.0`` so money reads as 1500000."""

from __future__ import annotations

import csv
import shutil
import tempfile
import zipfile
from collections.abc import Iterable
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Any

from communique.export.base import ExportSummary, Target, directory_target, replacing_file
from communique.export.tables import TABLES, Cell
from communique.model import Record

LIST_SEPARATOR = " | "


def _cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _write_tables(records: Iterable[Record], directory: Path, summary: ExportSummary) -> None:
    with ExitStack() as stack:
        writers: dict[str, Any] = {}
        for table in TABLES:
            stream: IO[str] = stack.enter_context(replacing_file(directory / f"{table.name}.csv"))
            writer = csv.writer(stream)
            writer.writerow(table.column_names)
            writers[table.name] = writer
        for record in records:
            summary.records += 1
            for table in TABLES:
                for row in table.rows(record):
                    writers[table.name].writerow([_cell(row[name]) for name in table.column_names])
                    summary.written[f"{table.name} rows"] += 1


def write_csv(records: Iterable[Record], target: Target) -> ExportSummary:
    """CSV tables per fact kind (documents, entities, mentions, roles, events, agreements, programmes…) in a directory or .zip."""
    summary = ExportSummary("csv")
    path = directory_target(target, "CSV tables")
    if path.suffix.lower() != ".zip":
        path.mkdir(parents=True, exist_ok=True)
        _write_tables(records, path, summary)
        return summary
    with tempfile.TemporaryDirectory(prefix="communique-csv-") as scratch:
        _write_tables(records, Path(scratch), summary)
        with replacing_file(path, "wb") as archive_stream, zipfile.ZipFile(archive_stream, "w", zipfile.ZIP_DEFLATED) as archive:
            for table in TABLES:
                with (Path(scratch) / f"{table.name}.csv").open("rb") as source, archive.open(f"{table.name}.csv", "w") as member:
                    shutil.copyfileobj(source, member)
    return summary
