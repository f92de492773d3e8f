"""The batch output: one Parquet row per document, the same schema from every engine.

A row carries the contract record as JSON (the one source of truth, read back with
``Record.from_json``) and, beside it, flattened columns for events and agreements so that a
researcher can query them with SQL or pandas without parsing JSON. A document that failed
is a row too, with ``error`` set and no record: a batch never loses a document silently.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from communique.batch import Outcome
from communique.errors import CommuniqueError, EngineError
from communique.model import Agreement, Event, Record

Row = dict[str, object]

_EVENT = pa.struct(
    [
        ("id", pa.string()),
        ("type", pa.string()),
        ("plover", pa.string()),
        ("cameo", pa.string()),
        ("date_start", pa.string()),
        ("date_end", pa.string()),
        ("date_precision", pa.string()),
        ("location_name", pa.string()),
        ("participant_names", pa.list_(pa.string())),
        ("factuality", pa.string()),
        ("confidence", pa.float64()),
    ]
)
_AGREEMENT = pa.struct(
    [
        ("id", pa.string()),
        ("instrument", pa.string()),
        ("parties", pa.list_(pa.string())),
        ("signatories", pa.list_(pa.string())),
        ("signed", pa.string()),
        ("period_start", pa.string()),
        ("period_end", pa.string()),
        ("amount_values", pa.list_(pa.float64())),
        ("currencies", pa.list_(pa.string())),
    ]
)
ROW_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("source", pa.string()),
        ("language", pa.string()),
        ("published", pa.string()),
        ("title", pa.string()),
        ("url", pa.string()),
        ("record", pa.string()),
        ("error", pa.string()),
        ("error_code", pa.string()),
        ("events", pa.list_(_EVENT)),
        ("agreements", pa.list_(_AGREEMENT)),
    ]
)

PART_NAME = "part-00000.parquet"
SUCCESS = "_SUCCESS"
# what a previous batch run (ours or Spark's) leaves in its output directory: only such a
# directory may be replaced, so that --overwrite never deletes a user's other files
_OUTPUT_FILE = re.compile(r"^(part-.*|_SUCCESS|\..*\.crc|\..*\.inprogress|_committed_.*|_started_.*)$")


def outcome_row(outcome: Outcome) -> Row:
    """The row of one document's outcome."""
    if outcome.record is not None:
        return record_row(outcome.record)
    error = outcome.error or EngineError("no record and no error", source=outcome.source)
    return error_row(outcome.source, error)


def error_row(source: str, error: CommuniqueError) -> Row:
    """The row of a document that failed: its source and the one-line error."""
    return failure_row(source, str(error), error.code)


def failure_row(source: str, message: str, code: str) -> Row:
    """The row of a failed document from an error already rendered (one line, its code)."""
    row: Row = dict.fromkeys(ROW_SCHEMA.names)
    row.update(source=source, error=message, error_code=code, events=[], agreements=[])
    return row


def record_row(record: Record) -> Row:
    """The row of an extracted document: metadata, the record as JSON, flattened facts."""
    document = record.document
    names = {entity.id: entity.name for entity in record.entities}
    return {
        "id": document.id,
        "source": document.source,
        "language": document.language,
        "published": document.published,
        "title": document.title,
        "url": document.url,
        "record": record.to_json(),
        "error": None,
        "error_code": None,
        "events": [_event(event, names) for event in record.events],
        "agreements": [_agreement(agreement, names) for agreement in record.agreements],
    }


def _event(event: Event, names: dict[str, str]) -> Row:
    return {
        "id": event.id,
        "type": event.type,
        "plover": event.plover,
        "cameo": event.cameo,
        "date_start": event.date.start if event.date else None,
        "date_end": event.date.end if event.date else None,
        "date_precision": event.date.precision if event.date else None,
        "location_name": names.get(event.location, event.location) if event.location else None,
        "participant_names": [names.get(ref, ref) for ref in event.participants],
        "factuality": event.factuality,
        "confidence": event.confidence,
    }


def _agreement(agreement: Agreement, names: dict[str, str]) -> Row:
    return {
        "id": agreement.id,
        "instrument": agreement.instrument,
        "parties": [names.get(ref, ref) for ref in agreement.parties],
        "signatories": [names.get(ref, ref) for ref in agreement.signatories],
        "signed": agreement.signed,
        "period_start": agreement.period.start if agreement.period else None,
        "period_end": agreement.period.end if agreement.period else None,
        "amount_values": [amount.value for amount in agreement.amounts],
        "currencies": [amount.currency for amount in agreement.amounts],
    }


def to_batch(rows: Sequence[Row]) -> pa.RecordBatch:
    """Rows as one Arrow batch of ``ROW_SCHEMA`` (what Spark's ``mapInArrow`` yields too)."""
    return pa.RecordBatch.from_pylist(list(rows), schema=ROW_SCHEMA)


def is_batch_output(names: Iterable[str]) -> bool:
    """Whether a directory holding ``names`` is a previous batch output (safe to replace)."""
    return all(_OUTPUT_FILE.match(name) for name in names)


def check_output(directory: Path, overwrite: bool) -> None:
    """Refuse an output that is a file, or a non-empty directory unless ``overwrite`` and it
    holds only a previous batch output: nothing already stored is lost by mistake."""
    if directory.exists() and not directory.is_dir():
        raise EngineError("output exists and is not a directory", source=str(directory))
    present = [child.name for child in directory.iterdir()] if directory.is_dir() else []
    if not present:
        return
    if not overwrite:
        raise EngineError(
            "output directory is not empty; pass --overwrite to replace a previous batch output", source=str(directory)
        )
    if not is_batch_output(present):
        raise EngineError(
            "output directory holds files that are not a batch output; refusing to overwrite", source=str(directory)
        )


@contextmanager
def part_writer(directory: Path, rows_per_group: int = 256) -> Iterator[PartWriter]:
    """A writer of the one part file of a local run, committed only when the block ends
    without error: a crash leaves the previous output as it was."""
    directory.mkdir(parents=True, exist_ok=True)
    writer = PartWriter(directory, rows_per_group)
    try:
        yield writer
    except BaseException:
        writer.abandon()
        raise
    writer.commit()


class PartWriter:
    """Streams rows into row groups of a temporary Parquet file, renamed into place at the
    end; memory stays bounded by one row group whatever the batch size."""

    def __init__(self, directory: Path, rows_per_group: int) -> None:
        self.directory = directory
        self.temporary = directory / f".{PART_NAME}.inprogress"
        self.rows_per_group = rows_per_group
        self.pending: list[Row] = []
        self.written = 0
        self.failed = 0
        self._writer = pq.ParquetWriter(self.temporary, ROW_SCHEMA, compression="zstd")

    def write(self, row: Row) -> None:
        self.pending.append(row)
        self.written += 1
        self.failed += row["error"] is not None
        if len(self.pending) >= self.rows_per_group:
            self._flush()

    def _flush(self) -> None:
        if self.pending:
            self._writer.write_batch(to_batch(self.pending))
            self.pending = []

    def commit(self) -> None:
        self._flush()
        self._writer.close()
        os.replace(self.temporary, self.directory / PART_NAME)
        for child in self.directory.iterdir():
            if child.name not in (PART_NAME, self.temporary.name) and _OUTPUT_FILE.match(child.name):
                child.unlink()
        (self.directory / SUCCESS).touch()

    def abandon(self) -> None:
        self._writer.close()
        self.temporary.unlink(missing_ok=True)
