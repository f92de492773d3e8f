"""Batches: every input expanded to documents, each prepared and extracted under a time
limit; a failure is reported as the outcome of that document and the batch goes on."""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType

from communique.errors import CommuniqueError, ExtractionError, InputError
from communique.extract import Extractor
from communique.ingest.prepare import prepare
from communique.ingest.sources import SourceDocument, expand_paths, read_items
from communique.model import Record
from communique.settings import Options


@dataclass(frozen=True)
class Outcome:
    """What became of one document: its record, or the error that stopped it."""

    source: str
    record: Record | None = None
    error: CommuniqueError | None = None


class _TimeLimit(Exception):
    pass


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Interrupt the block after ``seconds`` (main thread of a Unix process only; elsewhere
    the block runs unbounded)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def _expire(_signum: int, _frame: FrameType | None) -> None:
        raise _TimeLimit

    previous = signal.signal(signal.SIGALRM, _expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


_INGEST_WARM_UP = (
    SourceDocument(source="warm-up", content="<p>Paris, le 3 mars 2021 – Le ministre.</p><p>Second.</p>", format="html"),
    SourceDocument(source="warm-up", content="# Title\n\nWASHINGTON, March 3, 2021 – The Secretary met.", format="markdown"),
)
_ingest_warm = False


def _warm_ingest(options: Options) -> None:
    """Readers, cleaners and the language identifier load their data on first use: pay
    that once for the process, outside any document's time limit."""
    global _ingest_warm  # noqa: PLW0603 - a once-per-process flag, like the model caches
    if not _ingest_warm:
        _ingest_warm = True
        for sample in _INGEST_WARM_UP:
            prepare(sample, options)


def process(item: SourceDocument, extractor: Extractor) -> Outcome:
    """Prepare and extract one document; never raises."""
    options = extractor.options
    try:
        _warm_ingest(options)
        with time_limit(options.time_limit):
            prepared = prepare(item, options)
        # loading a language's pipeline and data is the process's cost, not the document's
        extractor.warm(prepared.document.language)
        with time_limit(options.time_limit):
            record = extractor.extract(prepared)
    except _TimeLimit:
        return Outcome(
            item.source, error=ExtractionError(f"gave up after the {options.time_limit:g} s time limit", source=item.source)
        )
    except CommuniqueError as error:
        error.source = error.source or item.source
        return Outcome(item.source, error=error)
    except (RecursionError, MemoryError) as error:
        return Outcome(
            item.source, error=ExtractionError(f"document too complex to process ({type(error).__name__})", source=item.source)
        )
    except Exception as error:  # noqa: BLE001 - one document's bug must not stop the batch
        return Outcome(item.source, error=ExtractionError(f"internal error: {type(error).__name__}: {error}", source=item.source))
    return Outcome(item.source, record=record)


def run(
    paths: Iterable[str],
    options: Options,
    extractor: Extractor | None = None,
    on_file: Callable[[str], None] | None = None,
    select: Callable[[str], bool] | None = None,
) -> Iterator[Outcome]:
    """Outcomes of every document under ``paths``, in input order; ``select`` keeps only
    the documents whose source it accepts."""
    extractor = extractor or Extractor(options)
    for name in expand_paths(paths):
        for item in read_items(name, options):
            if select is not None and not select(item.source or name):
                continue
            if isinstance(item, InputError):
                yield Outcome(item.source or name, error=item)
            else:
                yield process(item, extractor)
        if on_file is not None:
            on_file(name)
