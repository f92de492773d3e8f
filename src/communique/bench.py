"""``communique bench``: the pipeline's throughput as a ratio to bare spaCy parsing of the
same texts with the same models, measured in one run so machine speed cancels out."""

from __future__ import annotations

import resource
import time
from collections import defaultdict
from dataclasses import asdict, dataclass

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

    def as_dict(self) -> dict[str, float | int]:
        return asdict(self)


def _items(paths: list[str], options: Options, limit: int | None) -> list[SourceDocument]:
    items = [item for name in paths for item in read_items(name, options) if isinstance(item, SourceDocument)]
    return items[:limit] if limit else items


def measure(paths: list[str], options: Options, limit: int | None = None) -> BenchResult:
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
    for language in texts:
        load(language)  # both runs start with the models in memory

    started = time.perf_counter()
    failed = sum(1 for item in items if process(item, extractor).error is not None)
    pipeline_seconds = time.perf_counter() - started

    started = time.perf_counter()
    for language, batch in texts.items():
        for _doc in load(language).pipe(batch):
            pass
    spacy_seconds = time.perf_counter() - started

    count = len(items)
    parsed = sum(len(batch) for batch in texts.values())
    pipeline_rate = count / pipeline_seconds if pipeline_seconds else 0.0
    spacy_rate = parsed / spacy_seconds if spacy_seconds else 0.0
    return BenchResult(
        documents=count,
        failed=failed,
        characters=sum(len(t) for batch in texts.values() for t in batch),
        pipeline_seconds=pipeline_seconds,
        spacy_seconds=spacy_seconds,
        pipeline_docs_per_s=pipeline_rate,
        spacy_docs_per_s=spacy_rate,
        ratio_to_spacy=pipeline_rate / spacy_rate if spacy_rate else 0.0,
        peak_memory_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    )
