"""Evaluation of extraction records against hand-made gold files (../shared/contract/GOLD.md).

``evaluate(gold_dir, records)`` scores records and returns a ``Report``; ``as_dict()``
gives its JSON form, ``render_table`` its terminal form. The scoring rules and the
decisions taken where GOLD.md is silent are in ``communique.evaluate.score``.
"""

from communique.evaluate.gold import Gold, load_gold, load_gold_dir, parse_gold
from communique.evaluate.match import PartScore
from communique.evaluate.records import load_records
from communique.evaluate.report import DocumentScore, Report, Summary, evaluate, score_records
from communique.evaluate.table import render_table

__all__ = [
    "DocumentScore",
    "Gold",
    "PartScore",
    "Report",
    "Summary",
    "evaluate",
    "load_gold",
    "load_gold_dir",
    "load_records",
    "parse_gold",
    "render_table",
    "score_records",
]
