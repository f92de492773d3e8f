"""Matching predictions to gold: entity names, one-to-one greedy assignment, tallies.

These are the pieces every part of GOLD.md shares; the per-part rules live in
``score.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from communique.evaluate.gold import GoldEntity
from communique.model import Entity
from communique.text import fold

_COMPATIBLE = {"programme": "organization"}
"""Kinds that GOLD.md treats as one: a programme is often coded as an organization."""


def compatible(predicted: str, gold: str) -> bool:
    """Whether an entity of kind ``predicted`` may match a gold entity of kind ``gold``."""
    return _COMPATIBLE.get(predicted, predicted) == _COMPATIBLE.get(gold, gold)


def shared_names(entity: Entity, gold: GoldEntity) -> int:
    """How many folded names the two share (0 when the kinds are incompatible)."""
    if not compatible(entity.kind, gold.kind):
        return 0
    return len({fold(name) for name in entity.names()} & gold.folded)


@dataclass(frozen=True)
class Pair:
    """A candidate (prediction, gold item) with its slot scores; ``rank`` orders the
    greedy assignment (smaller first)."""

    pred: int
    gold: int
    slots: Mapping[str, float] = field(default_factory=dict)
    rank: tuple[float, ...] = ()

    @property
    def score(self) -> float:
        """Mean slot score; 1.0 for parts without slots."""
        return sum(self.slots.values()) / len(self.slots) if self.slots else 1.0


def by_score(pair: Pair) -> tuple[float, ...]:
    """GOLD.md's order: best slot score first, ties in gold then prediction order."""
    return (-pair.score, pair.gold, pair.pred)


def assign(pairs: Iterable[Pair], key: Callable[[Pair], tuple[float, ...]] = by_score) -> list[Pair]:
    """One-to-one greedy matching: take pairs in ``key`` order, each side used once."""
    used_pred: set[int] = set()
    used_gold: set[int] = set()
    chosen: list[Pair] = []
    for pair in sorted(pairs, key=key):
        if pair.pred not in used_pred and pair.gold not in used_gold:
            used_pred.add(pair.pred)
            used_gold.add(pair.gold)
            chosen.append(pair)
    return chosen


@dataclass
class PartScore:
    """Counts of one part (one document, or summed over many) and slot sums over its
    true positives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    slot_sums: dict[str, float] = field(default_factory=dict)

    def add(self, other: PartScore) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        for name, value in other.slot_sums.items():
            self.slot_sums[name] = self.slot_sums.get(name, 0.0) + value

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.p, self.r
        return 2 * p * r / (p + r) if p + r else 0.0

    def slots(self, names: Sequence[str]) -> dict[str, float | None]:
        """Slot averages over matched pairs; None when nothing was matched."""
        return {name: self.slot_sums.get(name, 0.0) / self.tp if self.tp else None for name in names}


def tally(n_pred: int, optional: Sequence[bool], pairs: Sequence[Pair], chosen: Sequence[Pair]) -> PartScore:
    """Counts after assignment. A prediction matched to an optional gold item, or left
    over while all its candidates are optional, is ignored; other leftovers are false
    positives; required gold items left over are false negatives."""
    score = PartScore()
    matched_pred = {pair.pred for pair in chosen}
    matched_gold = {pair.gold for pair in chosen}
    for pair in chosen:
        if not optional[pair.gold]:
            score.tp += 1
            for name, value in pair.slots.items():
                score.slot_sums[name] = score.slot_sums.get(name, 0.0) + value
    candidates: dict[int, list[int]] = {}
    for pair in pairs:
        candidates.setdefault(pair.pred, []).append(pair.gold)
    for pred in range(n_pred):
        golds = candidates.get(pred, [])
        if pred not in matched_pred and not (golds and all(optional[g] for g in golds)):
            score.fp += 1
    score.fn = sum(1 for g, opt in enumerate(optional) if not opt and g not in matched_gold)
    return score


def set_f1(predicted: Sequence[int | None], gold: frozenset[int], neutral: frozenset[int] = frozenset()) -> float:
    """F1 of resolved entity references against gold ones. ``None`` stands for a reference
    that resolved to no gold entity (always wrong, each counted); ``neutral`` entities are
    neither rewarded nor penalised. 1.0 when both sides are empty."""
    resolved = {ref for ref in predicted if ref is not None} - (neutral - gold)
    unresolved = sum(1 for ref in predicted if ref is None)
    size = len(resolved) + unresolved + len(gold)
    return 2 * len(resolved & gold) / size if size else 1.0


class Resolver:
    """Predicted entity ids → gold entity indices, after the one-to-one entity assignment.

    A predicted entity that won a gold entity resolves to it. One that lost it to a
    duplicate (the same canonical entity split in two) still resolves, through its names,
    to the gold entity it matches best: the entities part already charged the split as a
    false positive, and charging every role, event and agreement that cites the other half
    again would count one mistake many times.
    """

    def __init__(self, entities: Sequence[Entity], chosen: Sequence[Pair], pairs: Sequence[Pair]) -> None:
        self._gold: dict[str, int] = {}
        for pair in sorted(pairs, key=by_rank):
            self._gold.setdefault(entities[pair.pred].id, pair.gold)
        for pair in chosen:
            self._gold[entities[pair.pred].id] = pair.gold

    def __call__(self, entity_id: str | None) -> int | None:
        return None if entity_id is None else self._gold.get(entity_id)

    def many(self, entity_ids: Iterable[str]) -> list[int | None]:
        """Each distinct id resolved; duplicates in the prediction are one reference."""
        return [self(entity_id) for entity_id in dict.fromkeys(entity_ids)]


def by_rank(pair: Pair) -> tuple[float, ...]:
    """For pairs without slot scores: their own ``rank``, then gold and prediction order."""
    return (*pair.rank, pair.gold, pair.pred)


def entity_pairs(entities: Sequence[Entity], gold: Sequence[GoldEntity]) -> list[Pair]:
    """Every (predicted, gold) entity pair whose names match with compatible kinds, ranked
    required gold before optional, then by more shared names."""
    pairs = []
    for p, entity in enumerate(entities):
        for g, gold_entity in enumerate(gold):
            shared = shared_names(entity, gold_entity)
            if shared:
                pairs.append(Pair(p, g, rank=(float(gold_entity.optional), -float(shared))))
    return pairs
