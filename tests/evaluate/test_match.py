"""Entity matching (GOLD.md's "Names are compared …" paragraph) and the one-to-one greedy
assignment every part relies on."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from communique.evaluate.gold import Gold, GoldEntity
from communique.evaluate.match import Pair, assign, compatible, set_f1, shared_names, tally
from communique.evaluate.score import score_document, score_entities
from communique.model import Entity, Record
from communique.text import fold

RecordMaker = Callable[..., Record]
GoldMaker = Callable[..., Gold]
FRENCH = "abcdefghijklmnopqrstuvwxyzàâäçéèêëîïôöùûüÿœæ '’-–"


def _entity(kind: str, name: str, *aliases: str) -> Entity:
    return Entity(id="e", kind=kind, name=name, aliases=list(aliases))


@pytest.mark.parametrize(
    ("predicted", "gold"),
    [
        ("Organisation mondiale de la Santé", "organisation mondiale de la sante"),  # accents, case
        ("L’Organisation mondiale de la Santé", "Organisation mondiale de la Santé"),  # curly apostrophe, article
        ("le  Programme\nalimentaire mondial", "Programme alimentaire mondial"),  # article, white space
        ("The World Bank", "World Bank"),
        ("Les Nations unies", "nations unies"),
        ("Spoljarić Egger", "Spoljaric Egger"),
        ("Croix–Rouge", "Croix-Rouge"),  # en dash
    ],
)
def test_names_match_after_folding(predicted: str, gold: str) -> None:
    assert shared_names(_entity("organization", predicted), GoldEntity("organization", (gold,), False)) == 1


@pytest.mark.parametrize(
    ("predicted", "gold"), [("Nations unies", "Nations unies Genève"), ("UN", "UNDP"), ("Lea", "Léa Martin")]
)
def test_different_names_do_not_match(predicted: str, gold: str) -> None:
    assert shared_names(_entity("person", predicted), GoldEntity("person", (gold,), False)) == 0


@given(st.text(alphabet=FRENCH, max_size=30))
def test_fold_ignores_case_accents_apostrophes_and_spacing(name: str) -> None:
    variant = unicodedata.normalize("NFD", name.upper()).replace("’", "'").replace(" ", "  ")
    assert fold(variant) == fold(name)


@given(st.text(alphabet=FRENCH, min_size=1, max_size=30))
def test_fold_is_stable_once_no_article_is_left(name: str) -> None:
    """Folding twice only differs when folding exposed another leading article."""
    once = fold(name)
    if fold(once) != once:
        assert once.startswith(("le ", "la ", "les ", "the ", "l'"))


@pytest.mark.parametrize(
    ("predicted", "gold", "expected"),
    [
        ("programme", "organization", True),
        ("organization", "programme", True),
        ("programme", "programme", True),
        ("person", "person", True),
        ("person", "organization", False),
        ("country", "place", False),
        ("place", "country", False),
        ("organization", "country", False),
    ],
)
def test_kind_compatibility(predicted: str, gold: str, expected: bool) -> None:
    assert compatible(predicted, gold) is expected


def test_incompatible_kind_shares_no_name() -> None:
    assert shared_names(_entity("person", "PNUD"), GoldEntity("organization", ("PNUD",), False)) == 0


def test_alias_matches_any_gold_name() -> None:
    assert (
        shared_names(
            _entity("organization", "Programme des Nations unies", "UNDP"), GoldEntity("organization", ("PNUD", "UNDP"), False)
        )
        == 1
    )


GOLD_ENTITIES = [
    {"kind": "person", "names": ["Anne Dupont", "Dupont"]},
    {"kind": "organization", "names": ["PNUD", "UNDP"]},
    {"kind": "country", "names": ["Belgique", "Belgium"]},
]


def _entities(
    make_gold: GoldMaker, make_record: RecordMaker, entities: list[dict[str, Any]], **gold: object
) -> tuple[int, int, int]:
    g = make_gold(entities=GOLD_ENTITIES, **gold)
    score, _ = score_entities(make_record(entities=entities).entities, g)
    return score.tp, score.fp, score.fn


def test_entities_perfect(make_gold: GoldMaker, make_record: RecordMaker) -> None:
    predicted: list[dict[str, Any]] = [
        {"kind": "person", "name": "Anne Dupont"},
        {"kind": "organization", "name": "Programme des Nations unies pour le développement", "aliases": ["PNUD"]},
        {"kind": "country", "name": "Belgium"},
    ]
    assert _entities(make_gold, make_record, predicted) == (3, 0, 0)


def test_programme_predicted_for_gold_organization(make_gold: GoldMaker, make_record: RecordMaker) -> None:
    assert _entities(make_gold, make_record, [{"kind": "programme", "name": "UNDP"}]) == (1, 0, 2)


def test_person_predicted_for_gold_organization_is_wrong(make_gold: GoldMaker, make_record: RecordMaker) -> None:
    assert _entities(make_gold, make_record, [{"kind": "person", "name": "PNUD"}]) == (0, 1, 3)


def test_split_entity_counts_a_false_positive(make_gold: GoldMaker, make_record: RecordMaker) -> None:
    predicted = [{"kind": "person", "name": "Anne Dupont"}, {"kind": "person", "name": "Dupont"}]
    assert _entities(make_gold, make_record, predicted) == (1, 1, 2)


def test_optional_entities_are_ignored(make_gold: GoldMaker, make_record: RecordMaker) -> None:
    optional = [{"kind": "organization", "names": ["Coopération belge"]}]
    predicted = [{"kind": "organization", "name": "Coopération belge"}, {"kind": "organization", "name": "la coopération belge"}]
    assert _entities(make_gold, make_record, predicted, optional=optional) == (0, 0, 3)


def test_required_gold_entity_wins_over_optional(make_gold: GoldMaker, make_record: RecordMaker) -> None:
    """A prediction matching a required and an optional gold entity counts for the
    required one, even when it shares more names with the optional one."""
    optional = [{"kind": "organization", "names": ["Coopération belge", "Enabel"]}]
    predicted = [{"kind": "organization", "name": "Coopération belge", "aliases": ["Enabel", "UNDP"]}]
    assert _entities(make_gold, make_record, predicted, optional=optional) == (1, 0, 2)


def test_unmatched_prediction_is_false_positive(make_gold: GoldMaker, make_record: RecordMaker) -> None:
    assert _entities(make_gold, make_record, [{"kind": "place", "name": "Kinshasa"}]) == (0, 1, 3)


def test_one_prediction_matching_two_gold_entities_takes_one(make_gold: GoldMaker, make_record: RecordMaker) -> None:
    """A merged prediction counts once; the gold entity it did not take is missed."""
    g = make_gold(
        entities=[{"kind": "person", "names": ["Anne Dupont", "Dupont"]}, {"kind": "person", "names": ["Paul Dupont", "Dupont"]}]
    )
    score, _ = score_entities(make_record(entities=[{"kind": "person", "name": "Dupont"}]).entities, g)
    assert (score.tp, score.fp, score.fn) == (1, 0, 1)


def test_greedy_takes_best_score_first() -> None:
    pairs = [Pair(0, 0, {"s": 0.5}), Pair(0, 1, {"s": 1.0}), Pair(1, 0, {"s": 1.0})]
    assert {(p.pred, p.gold) for p in assign(pairs)} == {(0, 1), (1, 0)}


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        ([Pair(1, 0, {"s": 1.0}), Pair(0, 0, {"s": 1.0})], [(0, 0)]),  # same gold: earlier prediction
        ([Pair(0, 1, {"s": 1.0}), Pair(0, 0, {"s": 1.0})], [(0, 0)]),  # same prediction: earlier gold
        ([Pair(0, 1, {"s": 1.0}), Pair(1, 1, {"s": 0.9}), Pair(0, 0, {"s": 1.0})], [(0, 0), (1, 1)]),
    ],
)
def test_greedy_ties_follow_gold_then_prediction_order(pairs: list[Pair], expected: list[tuple[int, int]]) -> None:
    assert [(p.pred, p.gold) for p in assign(pairs)] == expected


def test_greedy_is_one_to_one() -> None:
    pairs = [Pair(p, g, {"s": (p + g) / 10}) for p in range(3) for g in range(2)]
    chosen = assign(pairs)
    assert len(chosen) == 2
    assert len({p.pred for p in chosen}) == len({p.gold for p in chosen}) == 2


def test_tally_counts_and_slot_sums() -> None:
    pairs = [Pair(0, 0, {"s": 0.5}), Pair(1, 1, {"s": 1.0}), Pair(2, 1, {"s": 0.2})]
    score = tally(4, [False, True, False], pairs, assign(pairs))
    # pred 0 → gold 0 (tp); pred 1 → optional gold 1 (ignored); pred 2 only had the
    # optional gold as candidate (ignored); pred 3 had none (fp); gold 2 missed (fn).
    assert (score.tp, score.fp, score.fn) == (1, 1, 1)
    assert score.slots(("s",)) == {"s": 0.5}


def test_slot_average_undefined_without_matches() -> None:
    assert tally(1, [False], [], []).slots(("s",)) == {"s": None}


@pytest.mark.parametrize(
    ("predicted", "gold", "neutral", "expected"),
    [
        ([1, 2], frozenset({1, 2}), frozenset(), 1.0),
        ([], frozenset(), frozenset(), 1.0),
        ([1], frozenset({1, 2}), frozenset(), 2 / 3),
        ([1, 3], frozenset({1}), frozenset({3}), 1.0),  # neutral extra is free
        ([1, None], frozenset({1}), frozenset(), 2 / 3),  # unresolved reference is wrong
        ([1, None, None], frozenset({1}), frozenset(), 2 / 4),
        ([3], frozenset({1}), frozenset({3}), 0.0),
    ],
)
def test_set_f1(predicted: list[int | None], gold: frozenset[int], neutral: frozenset[int], expected: float) -> None:
    assert set_f1(predicted, gold, neutral) == pytest.approx(expected)


def test_reference_through_losing_duplicate_resolves_by_name(make_gold: GoldMaker, make_record: RecordMaker) -> None:
    """The split costs one entity fp, not also the role that cites the other half."""
    g = make_gold(entities=GOLD_ENTITIES, roles=[{"person": "Anne Dupont", "of": "Belgique", "title": "ministre"}])
    r = make_record(
        entities=[
            {"id": "a", "kind": "person", "name": "Anne Dupont"},
            {"id": "b", "kind": "person", "name": "Dupont"},
            {"id": "c", "kind": "country", "name": "Belgique"},
        ],
        roles=[{"person": "b", "country": "c"}],
    )
    parts = score_document(g, r)
    assert (parts["entities"].tp, parts["entities"].fp) == (2, 1)
    assert (parts["roles"].tp, parts["roles"].fp, parts["roles"].fn) == (1, 0, 0)
