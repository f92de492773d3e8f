"""The extraction pipeline: parse once, run the registered steps in order, return the record."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.language import Language

from communique.errors import DocumentTooLarge, PipelineConfigError
from communique.extract.registry import Step, check_order, registered
from communique.extract.work import Work
from communique.ingest.prepare import PreparedDocument
from communique.model import Document, Record
from communique.nlp import load
from communique.settings import Options

DEFAULT_STEPS: tuple[str, ...] = ("entities", "roles", "events", "agreements", "programmes")


class Extractor:
    """Runs the configured steps over prepared documents; spaCy pipelines are shared by
    every Extractor in the process."""

    def __init__(self, options: Options | None = None, steps: Sequence[str] = DEFAULT_STEPS) -> None:
        self.options = options or Options()
        available = registered()
        unknown = [name for name in steps if name not in available]
        if unknown:
            raise PipelineConfigError(f"unknown step(s): {', '.join(unknown)}; known: {', '.join(sorted(available))}")
        self.steps: list[Step] = [available[name] for name in steps]
        check_order(self.steps)
        self._warmed: set[str] = set()

    def pipeline_for(self, language: str) -> Language:
        """The spaCy pipeline that parses documents in ``language`` (loaded on first use)."""
        return load(language if language in self.options.languages else self.options.fallback_language)

    def warm(self, language: str) -> None:
        """Load what the first document of a language would otherwise pay for (the
        pipeline, the gazetteer automaton, lexicons, date patterns), so that a
        per-document time limit measures the document alone."""
        key = language if language in self.options.languages else self.options.fallback_language
        if key in self._warmed:
            return
        self._warmed.add(key)
        sample = _WARM_UP.get(key, _WARM_UP["en"])
        document = Document(id=Document.id_for(sample), source="warm-up", language=key, published="2021-03-04", text=sample)
        self._run(document)

    def extract(self, prepared: PreparedDocument) -> Record:
        document = prepared.document
        if len(document.text) > self.options.max_text_chars:
            raise DocumentTooLarge(
                f"text too long to parse ({len(document.text):,} characters; the limit is {self.options.max_text_chars:,})",
                source=document.source,
            )
        return self._run(document)

    def _run(self, document: Document) -> Record:
        doc = self.pipeline_for(document.language)(document.text)
        work = Work(record=Record(document=document), doc=doc, options=self.options)
        for item in self.steps:
            item.func(work)
        return work.record


_WARM_UP = {
    "fr": "Paris, le 3 mars 2021 – Le ministre a rencontré hier le directeur du PNUD à Genève "
    "et signé un accord de 2 millions d'euros.",
    "en": "WASHINGTON, March 3, 2021 – The Secretary met the UNDP Administrator in Geneva today "
    "and signed a $2 million agreement.",
}
