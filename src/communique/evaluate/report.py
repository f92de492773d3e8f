"""Per-document scores summed into the evaluation report (GOLD.md's figures, in JSON).

Counts are summed over documents before precision and recall are taken (micro-average),
so a long document weighs more than a short one, as in GOLD.md's ``overall``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from communique.evaluate.gold import Gold, load_gold_dir
from communique.evaluate.match import PartScore
from communique.evaluate.score import PARTS, SLOTS, score_document
from communique.model import Record, gold_key


@dataclass
class DocumentScore:
    """One gold document: its part counts and whether the record got its metadata right
    (None when no record was given for it)."""

    key: str
    language: str
    parts: dict[str, PartScore]
    has_record: bool
    published_ok: bool | None
    language_ok: bool | None

    def as_dict(self) -> dict[str, object]:
        counts = {part: {"tp": s.tp, "fp": s.fp, "fn": s.fn} for part, s in self.parts.items()}
        return {
            "key": self.key,
            "language": self.language,
            "record": self.has_record,
            "published_ok": self.published_ok,
            "language_ok": self.language_ok,
            **counts,
        }


def _share(flags: Sequence[bool]) -> float:
    return sum(flags) / len(flags) if flags else 0.0


def _figures(score: PartScore) -> dict[str, object]:
    return {"p": score.p, "r": score.r, "f1": score.f1, "tp": score.tp, "fp": score.fp, "fn": score.fn}


@dataclass
class Summary:
    """The five parts, ``overall`` and metadata accuracies over a set of documents.
    Accuracies are shares of the documents that have a record (``evaluated``)."""

    parts: dict[str, PartScore]
    published_acc: float
    language_acc: float
    evaluated: int

    @classmethod
    def of(cls, documents: Sequence[DocumentScore]) -> Summary:
        parts = {part: PartScore() for part in PARTS}
        for document in documents:
            for part, score in document.parts.items():
                parts[part].add(score)
        scored = [d for d in documents if d.has_record]
        return cls(
            parts=parts,
            published_acc=_share([bool(d.published_ok) for d in scored]),
            language_acc=_share([bool(d.language_ok) for d in scored]),
            evaluated=len(scored),
        )

    @property
    def overall(self) -> PartScore:
        """Micro-average: counts summed over the five parts (slots do not apply)."""
        total = PartScore()
        for score in self.parts.values():
            total.add(PartScore(score.tp, score.fp, score.fn))
        return total

    def as_dict(self) -> dict[str, object]:
        parts = {part: {**_figures(score), "slots": score.slots(SLOTS[part])} for part, score in self.parts.items()}
        return {
            **parts,
            "overall": _figures(self.overall),
            "published_acc": self.published_acc,
            "language_acc": self.language_acc,
        }


@dataclass
class Report:
    """The evaluation of a set of records against a gold folder. ``missing`` lists gold
    documents without a record (scored as all false negatives); ``unmatched_records``
    lists the ``document.source`` of records without a gold file, and of repeated records
    of a document already scored (only the first counts)."""

    documents: list[DocumentScore]
    missing: list[str] = field(default_factory=list)
    unmatched_records: list[str] = field(default_factory=list)

    def summary(self) -> Summary:
        return Summary.of(self.documents)

    def by_language(self) -> dict[str, Summary]:
        """The same figures per gold ``language`` (French and English are reported apart)."""
        languages = sorted({d.language for d in self.documents})
        return {lang: Summary.of([d for d in self.documents if d.language == lang]) for lang in languages}

    def as_dict(self) -> dict[str, object]:
        return {
            **self.summary().as_dict(),
            "documents": [d.as_dict() for d in self.documents],
            "missing": list(self.missing),
            "unmatched_records": list(self.unmatched_records),
            "languages": {lang: {**s.as_dict(), "evaluated": s.evaluated} for lang, s in self.by_language().items()},
        }


def score_one(gold: Gold, record: Record | None) -> DocumentScore:
    document = record.document if record else None
    return DocumentScore(
        key=gold.document,
        language=gold.language,
        parts=score_document(gold, record),
        has_record=record is not None,
        published_ok=None if document is None else document.published == gold.published,
        language_ok=None if document is None else document.language == gold.language,
    )


def score_records(golds: Mapping[str, Gold], records: Iterable[Record]) -> Report:
    """Match records to gold by ``gold_key(document.source)`` and score every gold
    document, in key order."""
    chosen: dict[str, Record] = {}
    unmatched: list[str] = []
    for record in records:
        key = gold_key(record.document.source)
        if key in golds and key not in chosen:
            chosen[key] = record
        else:
            unmatched.append(record.document.source)
    documents = [score_one(golds[key], chosen.get(key)) for key in sorted(golds)]
    missing = [key for key in sorted(golds) if key not in chosen]
    return Report(documents, missing, unmatched)


def evaluate(gold_dir: Path, records: Iterable[Record]) -> Report:
    """Score ``records`` against every gold file of ``gold_dir``."""
    return score_records(load_gold_dir(gold_dir), records)
