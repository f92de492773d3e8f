"""``communique bench``: the pipeline's throughput as a ratio to bare spaCy parsing of the
same texts with the same models, measured in one run so machine speed cancels out; and,
with ``processes`` > 1, the local batch engine's throughput and memory on the same texts."""

from __future__ import annotations

import contextlib
import resource
import threading
import time
from collections import defaultdict
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from tempfile import TemporaryDirectory

import psutil

from communique.batch import process
from communique.extract import Extractor
from communique.ingest.prepare import prepare
from communique.ingest.sources import SourceDocument, read_items
from communique.nlp import load
from communique.settings import Options


@dataclass(frozen=True)
class BenchResult:
    documents: int
    failed: int
    characters: int
    pipeline_seconds: float
    spacy_seconds: float
    pipeline_docs_per_s: float
    spacy_docs_per_s: float
    ratio_to_spacy: float
    peak_memory_mb: float
    # the local batch engine (process pool, Parquet written) with ``processes`` workers;
    # None when only one process was asked for (the pipeline figures above are that case)
    processes: int = 1
    engine_docs_per_s: float | None = None
    engine_speedup: float | None = None
    engine_worker_peak_memory_mb: float | None = None
    # the Spark engine on the same inputs, when a master was given: its documents, docs/s
    # and the peak memory of the processes it starts (the JVM and its Python workers)
    spark_master: str | None = None
    spark_documents: int | None = None
    spark_docs_per_s: float | None = None
    spark_peak_memory_mb: float | None = None

    def as_dict(self) -> dict[str, float | int | str | None]:
        return asdict(self)


def _items(paths: list[str], options: Options, limit: int | None) -> list[SourceDocument]:
    items = [item for name in paths for item in read_items(name, options) if isinstance(item, SourceDocument)]
    return items[:limit] if limit else items


def _engine_seconds(items: list[SourceDocument], options: Options, processes: int) -> float:
    """The local engine over ``items``, rows written to a throw-away Parquet file."""
    from communique.engines.local import extract_rows
    from communique.engines.parquet import part_writer

    started = time.perf_counter()
    with TemporaryDirectory() as directory, part_writer(Path(directory)) as writer:
        for row in extract_rows(items, options, processes):
            writer.write(row)
    return time.perf_counter() - started


def _parse_all(texts: dict[str, list[str]]) -> None:
    """Bare spaCy over the texts, batched as spaCy recommends."""
    for language, batch in texts.items():
        for _doc in load(language).pipe(batch):
            pass


class _DescendantsPeak:
    """The peak summed resident memory of this process's descendants, sampled in a thread
    while the block runs (Spark's JVM and Python workers are not waited-for children, so
    ``RUSAGE_CHILDREN`` cannot see them)."""

    def __init__(self, interval: float = 0.25) -> None:
        self.interval = interval
        self.peak_bytes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> _DescendantsPeak:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        me = psutil.Process()
        while not self._stop.wait(self.interval):
            total = 0
            for child in me.children(recursive=True):
                with contextlib.suppress(psutil.Error):
                    total += child.memory_info().rss
            self.peak_bytes = max(self.peak_bytes, total)


def _spark_run(paths: list[str], options: Options, master: str) -> tuple[int, float, float]:
    """Documents, seconds and descendants' peak memory (MB) of the Spark engine."""
    from communique.engines.spark import run_spark

    with TemporaryDirectory() as directory, _DescendantsPeak() as peak:
        started = time.perf_counter()
        summary = run_spark(paths, str(Path(directory) / "out"), options, master=master)
        seconds = time.perf_counter() - started
    return summary.documents, seconds, peak.peak_bytes / 2**20


def measure(
    paths: list[str], options: Options, limit: int | None = None, processes: int = 1, spark_master: str | None = None
) -> BenchResult:
    items = _items(paths, options, limit)
    extractor = Extractor(options)
    texts: dict[str, list[str]] = defaultdict(list)
    for item in items:
        try:
            document = prepare(item, options).document
        except Exception:  # noqa: BLE001 - the pipeline run below reports the same failure
            continue
        language = document.language if document.language in options.languages else options.fallback_language
        texts[language].append(document.text)
    # an untimed pass fills each model's vocabulary with the corpus's words: whichever timed
    # run came first would otherwise pay for that alone (about a tenth of the parse)
    _parse_all(texts)

    started = time.perf_counter()
    failed = sum(1 for item in items if process(item, extractor).error is not None)
    pipeline_seconds = time.perf_counter() - started

    started = time.perf_counter()
    _parse_all(texts)
    spacy_seconds = time.perf_counter() - started

    count = len(items)
    parsed = sum(len(batch) for batch in texts.values())
    pipeline_rate = count / pipeline_seconds if pipeline_seconds else 0.0
    spacy_rate = parsed / spacy_seconds if spacy_seconds else 0.0
    result = BenchResult(
        documents=count,
        failed=failed,
        characters=sum(len(t) for batch in texts.values() for t in batch),
        pipeline_seconds=pipeline_seconds,
        spacy_seconds=spacy_seconds,
        pipeline_docs_per_s=pipeline_rate,
        spacy_docs_per_s=spacy_rate,
        ratio_to_spacy=pipeline_rate / spacy_rate if spacy_rate else 0.0,
        peak_memory_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        processes=processes,
    )
    if processes > 1 and count:
        engine_seconds = _engine_seconds(items, options, processes)
        engine_rate = count / engine_seconds if engine_seconds else 0.0
        result = replace(
            result,
            engine_docs_per_s=engine_rate,
            engine_speedup=engine_rate / pipeline_rate if pipeline_rate else 0.0,
            # the largest worker (ru_maxrss of the children once the pool has exited); forked
            # from this process with the pipelines loaded, it counts the pages it shares with it
            engine_worker_peak_memory_mb=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        )
    if spark_master is None:
        return result
    documents, seconds, peak_mb = _spark_run(paths, options, spark_master)
    return replace(
        result,
        spark_master=spark_master,
        spark_documents=documents,
        spark_docs_per_s=documents / seconds if seconds else 0.0,
        spark_peak_memory_mb=peak_mb,
    )
