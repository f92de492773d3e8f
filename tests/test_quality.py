"""The quality ratchet: extraction on the dev gold set never falls silently.

``tests/gold/BASELINE.json`` holds the figures of the last accepted run (``make
baseline`` rewrites it). Overall F1 may not fall more than 0.02 below it; when quality
rises, raise the baseline in the same commit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from communique.batch import Outcome, run
from communique.evaluate import evaluate, load_gold_dir
from communique.model import gold_key
from communique.settings import Options

from tests.conftest import SHARED, shared_or_skip

pytestmark = pytest.mark.model
GOLD = Path(__file__).resolve().parent / "gold"
BASELINE = GOLD / "BASELINE.json"
TOLERANCE = 0.02


def test_overall_f1_does_not_fall_below_the_baseline() -> None:
    corpus = shared_or_skip(SHARED / "corpus")
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    report = evaluate(GOLD, [o.record for o in _extract(corpus) if o.record is not None])
    figures = report.as_dict()
    assert not figures["missing"], f"gold documents not extracted: {figures['missing']}"
    overall = figures["overall"]["f1"]
    assert overall >= baseline["overall"]["f1"] - TOLERANCE, (
        f"overall F1 {overall:.3f} fell below the baseline {baseline['overall']['f1']:.3f} - {TOLERANCE}"
    )


def _extract(corpus: Path) -> list[Outcome]:
    wanted = set(load_gold_dir(GOLD))
    paths = [str(corpus / "seeds"), str(corpus / "vie-publique-statements"), str(corpus / "whitehouse-briefing-room")]
    return list(run(paths, Options(quiet=True), select=lambda source: gold_key(source) in wanted))
