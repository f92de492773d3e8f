"""CAMEO root accuracy on the PETRARCH2 gold-standard sentences (../shared/corpus/
gold-petrarch2-gsr): each sentence is extracted as a one-sentence document dated as
its record says; a gold coding in our domain (roots 01-07: statements, appeals, intent
to cooperate, consultations, diplomatic and material cooperation, aid) is right when an
event of the sentence carries its root. Sentences coded outside the domain are counted
apart, as are sentences the coder reads as events where the gold has none."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from communique.batch import process
from communique.errors import InputError
from communique.extract import Extractor
from communique.ingest.sources import SourceDocument
from communique.settings import Options

DOMAIN = frozenset({"01", "02", "03", "04", "05", "06", "07"})


@dataclass(frozen=True)
class CameoCheck:
    sentences: int
    codings_in_domain: int
    correct: int
    false_alarms: int  # sentences with no gold event where we report one

    @property
    def accuracy(self) -> float:
        return self.correct / self.codings_in_domain if self.codings_in_domain else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "sentences": self.sentences,
            "codings_in_domain": self.codings_in_domain,
            "correct": self.correct,
            "root_accuracy": round(self.accuracy, 4),
            "false_alarms": self.false_alarms,
        }


def _records(path: Path) -> list[dict[str, object]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise InputError(f"line {number}: not valid JSON ({exc.msg})", source=str(path)) from None
    return rows


def _gold_codes(row: dict[str, object]) -> list[str]:
    events = row.get("events")
    if not isinstance(events, list):
        return []
    return [str(e["cameo"]) for e in events if isinstance(e, dict) and e.get("cameo")]


def check_cameo(path: Path, options: Options | None = None) -> CameoCheck:
    """Run the event coder over the gold sentences and count root agreements."""
    # event-data coding counts planned and weak events too: no confidence threshold
    extractor = Extractor(options or Options(quiet=True, event_confidence=0.0))
    in_domain = correct = false_alarms = 0
    rows = _records(path)
    for row in rows:
        document = SourceDocument(
            source=f"{path}#{row.get('id')}",
            content=str(row.get("text") or ""),
            format="text",
            published=str(row.get("date")) if row.get("date") else None,
            language=str(row.get("language") or "en"),
        )
        outcome = process(document, extractor)
        roots = {e.cameo[:2] for e in outcome.record.events if e.cameo} if outcome.record else set()
        gold = _gold_codes(row)
        if not gold and roots:
            false_alarms += 1
        for code in gold:
            if code[:2] in DOMAIN:
                in_domain += 1
                correct += code[:2] in roots
    return CameoCheck(len(rows), in_domain, correct, false_alarms)
