"""Exports: the stored records in the formats other fields use, one registered renderer per
format. A renderer takes the contract's records (any iterable, read once, so a whole store
streams through) and a target, and returns what it wrote and what it skipped and why.

The CLI calls ``render(format, store.records(), path)``; nothing here reads the store."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from communique.errors import ExportError
from communique.export.base import ExportSummary, Target
from communique.export.cameo import write_cameo
from communique.export.csv_tables import write_csv
from communique.export.iati import write_iati
from communique.export.jsonl import write_jsonl
from communique.export.parquet_tables import write_parquet
from communique.export.plover import write_plover
from communique.model import Record

Layout = Literal["file", "directory"]


@dataclass(frozen=True)
class Renderer:
    """A format's writer and whether it writes one file (or ``-``) or a directory of tables."""

    name: str
    write: Callable[[Iterable[Record], Target], ExportSummary]
    layout: Layout

    @property
    def description(self) -> str:
        """The first line of the writer's docstring: what the format holds."""
        return (self.write.__doc__ or "").strip().splitlines()[0]


RENDERERS: dict[str, Renderer] = {
    renderer.name: renderer
    for renderer in (
        Renderer("jsonl", write_jsonl, "file"),
        Renderer("csv", write_csv, "directory"),
        Renderer("parquet", write_parquet, "directory"),
        Renderer("plover", write_plover, "file"),
        Renderer("cameo", write_cameo, "file"),
        Renderer("iati", write_iati, "file"),
    )
}
"""Format name → renderer, in the order the CLI lists them."""


def render(format_name: str, records: Iterable[Record], target: Target) -> ExportSummary:
    """Write ``records`` to ``target`` (a path, ``-`` for standard output, or a stream) in
    the named format."""
    renderer = RENDERERS.get(format_name)
    if renderer is None:
        raise ExportError(f"unknown export format {format_name!r}; known: {', '.join(RENDERERS)}")
    return renderer.write(records, target)


__all__ = ["RENDERERS", "ExportSummary", "Renderer", "Target", "render"]
