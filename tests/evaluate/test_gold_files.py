"""The project's dev gold set (tests/gold/) loads, and a record that says exactly what a
gold file says scores 1.0 on it: the scorer and the annotations agree."""

from __future__ import annotations

from pathlib import Path

import pytest

from communique.evaluate.gold import Gold, GoldAgreement, GoldEvent, load_gold
from communique.evaluate.report import score_one
from communique.evaluate.score import PARTS, SLOTS
from communique.model import Document, Record

GOLD_DIR = Path(__file__).resolve().parents[1] / "gold"
GOLD_FILES = sorted(p for p in GOLD_DIR.glob("*.y*ml") if p.suffix in (".yaml", ".yml"))
PRECISION = {4: "year", 7: "month", 10: "day"}


def test_there_is_a_gold_set() -> None:
    assert GOLD_FILES, f"no gold files in {GOLD_DIR}"


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_gold_file_loads(path: Path) -> None:
    gold = load_gold(path)
    assert gold.entities


def _event(i: int, event: GoldEvent) -> dict[str, object]:
    date = None if event.date is None else {"start": event.date, "end": event.date, "precision": PRECISION[len(event.date)]}
    return {
        "id": f"ev{i}",
        "type": sorted(event.types)[0],
        "plover": None,
        "date": date,
        "location": None if event.location is None else f"g{event.location}",
        "participants": [f"g{p}" for p in sorted(event.participants)],
        "evidence": (0, 1),
        "confidence": 1.0,
    }


def _agreement(i: int, agreement: GoldAgreement) -> dict[str, object]:
    period = agreement.period
    return {
        "id": f"ag{i}",
        "parties": [f"g{p}" for p in sorted(agreement.parties)],
        "signed": agreement.signed,
        "period": None if period is None else {"start": period.start, "end": period.end, "years": period.years},
        "amounts": [{"value": m.value, "currency": m.currency, "per": m.per, "text": ""} for m in agreement.amounts],
    }


def perfect_record(gold: Gold) -> Record:
    """What an ideal extractor would output for this gold file (optional events left out)."""
    return Record.model_validate(
        {
            "document": {
                "id": Document.id_for(""),
                "source": gold.document,
                "language": gold.language,
                "published": gold.published,
                "text": "",
            },
            "entities": [
                {"id": f"g{i}", "kind": e.kind, "name": e.names[0], "aliases": list(e.names[1:])}
                for i, e in enumerate(gold.entities)
            ],
            "roles": [
                {
                    "person": f"g{r.person}",
                    "title": r.title,
                    ("country" if gold.entities[r.of].kind == "country" else "organization"): f"g{r.of}",
                    "evidence": (0, 1),
                }
                for r in gold.roles
            ],
            "events": [_event(i, e) for i, e in enumerate(gold.events) if not e.optional],
            "agreements": [_agreement(i, a) for i, a in enumerate(gold.agreements)],
            "programmes": [
                {"entity": f"g{p.name}", "implementers": [f"g{i}" for i in sorted(p.implementers)]} for p in gold.programmes
            ],
        }
    )


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_perfect_record_scores_one(path: Path) -> None:
    gold = load_gold(path)
    document = score_one(gold, perfect_record(gold))
    assert document.published_ok
    assert document.language_ok
    for part in PARTS:
        score = document.parts[part]
        assert (score.fp, score.fn) == (0, 0), part
        assert all(value == 1.0 for value in score.slots(SLOTS[part]).values() if value is not None), part
