"""The local engine: every core of one machine, one Parquet file, rows in input order.

Each worker process builds its Extractor and loads the spaCy pipelines once (the pool's
initializer), then extracts documents one at a time with ``batch.process``: the same code,
the same time limit and the same errors as ``communique extract``. The parent reads the
inputs, keeps a bounded window of documents in flight (memory stays flat on any corpus),
and writes the rows in input order, so two runs over the same inputs give the same file.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from multiprocessing.context import BaseContext
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

from communique.batch import process
from communique.engines import BatchSummary
from communique.engines.parquet import Row, check_output, error_row, outcome_row, part_writer
from communique.errors import CommuniqueError, ExtractionError, InputError
from communique.extract import Extractor
from communique.ingest.sources import EXTENSIONS, STDIN, Item, SourceDocument, expand_paths, read_items
from communique.nlp import load
from communique.settings import Options

# documents in flight per worker: enough to keep every worker busy while the parent writes,
# few enough that memory does not grow with the corpus
_IN_FLIGHT_PER_PROCESS = 4
_EXTRACTOR: Extractor | None = None


def default_processes() -> int:
    """The cores this process may use (its CPU affinity, else the machine's count)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def start_worker(options: Options) -> None:
    """Build the Extractor and load the pipelines once per process, not once per document.
    A missing model is not fatal here: each document then reports it as its own error."""
    global _EXTRACTOR  # noqa: PLW0603 - the per-process cache is the point of a pool initializer
    if multiprocessing.parent_process() is not None:
        # Ctrl-C is the parent's to handle: it stops submitting and discards the output
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    _EXTRACTOR = Extractor(options)
    for language in options.languages:
        try:
            load(language)
        except CommuniqueError:
            continue


def extract_row(item: SourceDocument) -> Row:
    """Worker side: one document to its row."""
    if _EXTRACTOR is None:
        raise RuntimeError("start_worker() was not called in this process")
    return outcome_row(process(item, _EXTRACTOR))


def _work(item: SourceDocument) -> Row:
    # looked up at call time, so that tests can replace extract_row without a model
    try:
        return extract_row(item)
    except Exception as error:  # noqa: BLE001 - one document's bug must not stop the batch
        return error_row(item.source, ExtractionError(f"internal error: {type(error).__name__}: {error}", source=item.source))


def input_files(paths: Iterable[str]) -> list[str]:
    """The files under ``paths`` in input order, each once however often it is named (as
    the Spark engine reads them): a second read would only repeat the same documents."""
    seen: set[str] = set()
    files: list[str] = []
    for name in expand_paths(paths):
        key = name if name == STDIN else os.path.realpath(name)
        if key not in seen:
            seen.add(key)
            files.append(name)
    return files


def read_inputs(paths: Iterable[str], options: Options) -> Iterator[Item]:
    """Every document (or input error) under ``paths``, in input order."""
    for name in input_files(paths):
        for item in read_items(name, options):
            if isinstance(item, InputError):
                item.source = item.source or name
            yield item


def count_documents(paths: Iterable[str]) -> int | None:
    """How many documents the inputs hold, for the progress bar: a JSON Lines file counts
    its non-blank lines, any other file one; unknown (None) with standard input."""
    total = 0
    for name in input_files(paths):
        if name == STDIN:
            return None
        if EXTENSIONS.get(Path(name).suffix.lower()) != "jsonl":
            total += 1
            continue
        try:
            with open(name, "rb") as handle:
                total += max(1, sum(1 for line in handle if line.strip()))
        except OSError:
            total += 1
    return total


def _mp_context() -> BaseContext:
    # fork starts workers in milliseconds, with the parent's imports; elsewhere spawn
    return multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")


class OrderedPool:
    """A process pool that returns rows in input order, keeps a bounded window in flight,
    and survives a worker that dies (segfault, out of memory): the pool is rebuilt, and the
    documents it held are retried one by one in a separate one-worker pool, so that only
    the document that kills a worker becomes an error row."""

    def __init__(self, processes: int, options: Options) -> None:
        self.processes = processes
        self.options = options
        self.executor = self._start(processes)
        self.generation = 0
        self.retrier: ProcessPoolExecutor | None = None

    def _start(self, workers: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=workers, mp_context=_mp_context(), initializer=start_worker, initargs=(self.options,)
        )

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)
        if self.retrier is not None:
            self.retrier.shutdown(wait=True, cancel_futures=True)

    def rows(self, items: Iterable[Item]) -> Iterator[Row]:
        window: deque[tuple[Item, Future[Row] | Row, int]] = deque()
        for item in items:
            window.append((item, self._submit(item), self.generation))
            if len(window) >= self.processes * _IN_FLIGHT_PER_PROCESS:
                yield self._result(*window.popleft())
        while window:
            yield self._result(*window.popleft())

    def _submit(self, item: Item) -> Future[Row] | Row:
        if isinstance(item, InputError):
            return error_row(item.source or "", item)
        return self.executor.submit(_work, item)

    def _result(self, item: Item, pending: Future[Row] | Row, generation: int) -> Row:
        if not isinstance(pending, Future):
            return pending
        try:
            return pending.result()
        except BrokenProcessPool:
            if generation == self.generation:
                self.executor.shutdown(wait=True, cancel_futures=True)
                self.executor = self._start(self.processes)
                self.generation += 1
            assert isinstance(item, SourceDocument)
            return self._retry(item)

    def _retry(self, item: SourceDocument) -> Row:
        self.retrier = self.retrier or self._start(1)
        try:
            return self.retrier.submit(_work, item).result()
        except BrokenProcessPool:
            self.retrier.shutdown(wait=True, cancel_futures=True)
            self.retrier = None
            message = "the worker process died while extracting this document (crash or out of memory)"
            return error_row(item.source, ExtractionError(message, source=item.source))


def extract_rows(items: Iterable[Item], options: Options, processes: int) -> Iterator[Row]:
    """Rows of every item in input order; one process runs in this one, with no pool."""
    if processes <= 1:
        start_worker(options)
        for item in items:
            yield error_row(item.source or "", item) if isinstance(item, InputError) else _work(item)
        return
    pool = OrderedPool(processes, options)
    try:
        yield from pool.rows(items)
    finally:
        pool.close()


@contextmanager
def progress_bar(total: int | None, quiet: bool) -> Iterator[Callable[[], None]]:
    """A progress bar on standard error, off when quiet or not a terminal."""
    console = Console(stderr=True)
    if quiet or not console.is_terminal:
        yield lambda: None
        return
    columns = (
        TextColumn("documents"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("documents", total=total)
        yield lambda: progress.advance(task)


def run_local(
    paths: Sequence[str],
    output: Path,
    options: Options,
    processes: int | None = None,
    overwrite: bool = False,
    on_error: Callable[[str], None] | None = None,
) -> BatchSummary:
    """Extract every document under ``paths`` into ``output``/part-00000.parquet."""
    check_output(output, overwrite)
    workers = processes or default_processes()
    with progress_bar(count_documents(paths), options.quiet) as advance, part_writer(output) as writer:
        for row in extract_rows(read_inputs(paths, options), options, workers):
            writer.write(row)
            if row["error"] is not None and on_error is not None:
                on_error(str(row["error"]))
            advance()
    return BatchSummary(documents=writer.written, failed=writer.failed, output=str(output))
