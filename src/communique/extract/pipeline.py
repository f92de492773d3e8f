"""The extraction pipeline: parse once, run the registered steps in order, return the record."""

from __future__ import annotations

from collections.abc import Sequence

from communique.errors import PipelineConfigError
from communique.extract.registry import Step, check_order, registered
from communique.extract.work import Work
from communique.ingest.prepare import PreparedDocument
from communique.model import Record
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

    def extract(self, prepared: PreparedDocument) -> Record:
        document = prepared.document
        nlp = load(document.language if document.language in self.options.languages else self.options.fallback_language)
        work = Work(record=Record(document=document), doc=nlp(document.text), options=self.options)
        for item in self.steps:
            item.func(work)
        return work.record
