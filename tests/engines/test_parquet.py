"""The Parquet row: the record as JSON beside flattened events and agreements whose entity
references are resolved to names, and failed documents as rows with their error."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from communique.batch import Outcome
from communique.engines.parquet import ROW_SCHEMA, is_batch_output, outcome_row, part_writer, to_batch
from communique.errors import MalformedRecord
from communique.model import Document, Record

TEXT = "Le Luxembourg et le PNUD ont signé à Genève un accord de 5 millions d'euros."


def _record() -> Record:
    return Record.model_validate(
        {
            "document": {
                "id": Document.id_for(TEXT),
                "source": "feed.jsonl#1",
                "language": "fr",
                "published": "2024-07-26",
                "title": "Accord",
                "text": TEXT,
            },
            "entities": [
                {"id": "lu", "kind": "country", "name": "Luxembourg", "mentions": [(3, 13)]},
                {"id": "undp", "kind": "organization", "name": "PNUD", "mentions": [(20, 24)]},
                {"id": "gva", "kind": "place", "name": "Genève", "mentions": [(38, 44)]},
            ],
            "events": [
                {
                    "id": "ev1",
                    "type": "signing",
                    "plover": "AGREE",
                    "cameo": "057",
                    "date": {"start": "2024-07-26", "end": "2024-07-26", "precision": "day"},
                    "location": "gva",
                    "participants": ["lu", "undp"],
                    "evidence": (0, 44),
                    "confidence": 0.9,
                },
                {"id": "ev2", "type": "meeting", "plover": None, "evidence": (0, 10), "confidence": 0.5},
            ],
            "agreements": [
                {
                    "id": "ag1",
                    "instrument": "accord",
                    "parties": ["lu", "undp"],
                    "signed": "2024-07-26",
                    "period": {"start": "2024", "end": "2027"},
                    "amounts": [{"value": 5e6, "currency": "EUR", "text": "5 millions d'euros"}],
                }
            ],
        }
    )


def test_record_row_flattens_events_and_agreements_with_names() -> None:
    record = _record()
    row = outcome_row(Outcome(record.document.source, record=record))
    assert row["id"] == record.document.id
    assert (row["source"], row["language"], row["published"], row["title"]) == ("feed.jsonl#1", "fr", "2024-07-26", "Accord")
    assert Record.from_json(str(row["record"])) == record
    assert (row["error"], row["error_code"]) == (None, None)
    events = row["events"]
    assert isinstance(events, list)
    assert events[0] == {
        "id": "ev1",
        "type": "signing",
        "plover": "AGREE",
        "cameo": "057",
        "date_start": "2024-07-26",
        "date_end": "2024-07-26",
        "date_precision": "day",
        "location_name": "Genève",
        "participant_names": ["Luxembourg", "PNUD"],
        "factuality": "asserted",
        "confidence": 0.9,
    }
    assert (events[1]["date_start"], events[1]["location_name"], events[1]["participant_names"]) == (None, None, [])
    assert row["agreements"] == [
        {
            "id": "ag1",
            "instrument": "accord",
            "parties": ["Luxembourg", "PNUD"],
            "signatories": [],
            "signed": "2024-07-26",
            "period_start": "2024",
            "period_end": "2027",
            "amount_values": [5e6],
            "currencies": ["EUR"],
        }
    ]


def test_error_row_has_the_one_line_error_and_nothing_else() -> None:
    error = MalformedRecord("not valid JSON", source="feed.jsonl:3")
    row = outcome_row(Outcome("feed.jsonl:3", error=error))
    assert row == {
        **dict.fromkeys(ROW_SCHEMA.names),
        "source": "feed.jsonl:3",
        "error": "feed.jsonl:3: not valid JSON [C007]",
        "error_code": "C007",
        "events": [],
        "agreements": [],
    }


def test_rows_round_trip_through_parquet(tmp_path: Path) -> None:
    record = _record()
    rows = [outcome_row(Outcome("a", record=record)), outcome_row(Outcome("b", error=MalformedRecord("bad", source="b")))]
    with part_writer(tmp_path, rows_per_group=1) as writer:
        for row in rows:
            writer.write(row)
    table = pq.read_table(tmp_path)
    assert table.schema.names == ROW_SCHEMA.names
    assert table.to_pylist() == to_batch(rows).to_pylist()
    assert pq.ParquetFile(next(tmp_path.glob("part-*.parquet"))).metadata.num_row_groups == 2
    assert (writer.written, writer.failed) == (2, 1)


def _write_then_fail(directory: Path) -> None:
    with part_writer(directory) as writer:
        writer.write(outcome_row(Outcome("a", record=_record())))
        raise RuntimeError


def test_an_abandoned_writer_leaves_no_file(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError):
        _write_then_fail(tmp_path)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["_SUCCESS", "part-00000.parquet"], True),
        (["part-00001-3f2a-c000.zstd.parquet", ".part-00001-3f2a-c000.zstd.parquet.crc", "._SUCCESS.crc"], True),
        ([".part-00000.parquet.inprogress"], True),
        (["part-00000.parquet", "thesis.docx"], False),
    ],
)
def test_only_a_batch_output_may_be_replaced(names: list[str], expected: bool) -> None:
    assert is_batch_output(names) is expected
