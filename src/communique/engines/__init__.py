"""Batch engines: the same extraction (``batch.process`` over an ``Extractor``) run over
many documents by a local process pool or by Apache Spark, written as Parquet with one row
per document. The engines only adapt the pipeline: no extraction logic lives here."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from communique.errors import EngineError
from communique.settings import Options


@dataclass(frozen=True)
class BatchSummary:
    """What a batch run wrote: counts for the user, and where."""

    documents: int
    failed: int
    output: str


def run_batch(
    engine: str,
    paths: Sequence[str],
    output: str,
    options: Options,
    master: str | None = None,
    processes: int | None = None,
    overwrite: bool = False,
    on_error: Callable[[str], None] | None = None,
) -> BatchSummary:
    """Run ``engine`` ("local" or "spark"): the one entry point of the CLI, so that the
    choice of engine and its options are checked in one place."""
    if engine == "local":
        if master is not None:
            raise EngineError("--master applies to --engine spark only")
        from communique.engines.local import run_local

        return run_local(paths, Path(output), options, processes=processes, overwrite=overwrite, on_error=on_error)
    if engine != "spark":
        raise EngineError(f"unknown engine {engine!r}; expected local or spark")
    if processes is not None:
        raise EngineError("--processes applies to --engine local only; Spark's cores come from --master or the cluster")
    try:
        from communique.engines.spark import run_spark
    except ImportError as error:
        raise EngineError(f"the spark engine needs pyspark: pip install 'communique[spark]' ({error})") from None
    return run_spark(paths, output, options, master=master, overwrite=overwrite, on_error=on_error)
