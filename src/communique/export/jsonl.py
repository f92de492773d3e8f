"""JSON Lines export: each record exactly as the contract (``communique.extraction/1``)
defines it, one per line, so any contract consumer reads the store's content back."""

from __future__ import annotations

from collections.abc import Iterable

from communique.export.base import ExportSummary, Target, text_sink
from communique.model import Record


def write_jsonl(records: Iterable[Record], target: Target) -> ExportSummary:
    """Contract records (communique.extraction/1), one JSON object per line."""
    summary = ExportSummary("jsonl")
    with text_sink(target) as stream:
        for record in records:
            summary.records += 1
            stream.write(record.to_json() + "\n")
            summary.written["records"] += 1
    return summary
