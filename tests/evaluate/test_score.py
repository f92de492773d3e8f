"""The per-part rules of GOLD.md's table: roles, events, agreements, programmes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from communique.evaluate.gold import Gold, GoldAmount, GoldPeriod
from communique.evaluate.match import PartScore
from communique.evaluate.score import amounts_slot, date_contradicts, period_slot, same_date, score_document
from communique.model import Amount, Period, Record, When

RecordMaker = Callable[..., Record]
GoldMaker = Callable[..., Gold]

GOLD_ENTITIES = [
    {"kind": "person", "names": ["Anne Dupont", "Dupont"]},
    {"kind": "person", "names": ["Jean Martin", "Martin"]},
    {"kind": "organization", "names": ["PNUD", "UNDP"]},
    {"kind": "country", "names": ["Belgique", "Belgium"]},
    {"kind": "place", "names": ["New York"]},
    {"kind": "place", "names": ["Kinshasa"]},
    {"kind": "programme", "names": ["Programme d'appui à la résilience urbaine", "PARU"]},
    {"kind": "organization", "names": ["Banque mondiale", "World Bank"]},
]
ENTITIES = [
    {"id": "anne", "kind": "person", "name": "Anne Dupont"},
    {"id": "jean", "kind": "person", "name": "Jean Martin"},
    {"id": "pnud", "kind": "organization", "name": "PNUD"},
    {"id": "be", "kind": "country", "name": "Belgique"},
    {"id": "ny", "kind": "place", "name": "New York"},
    {"id": "kin", "kind": "place", "name": "Kinshasa"},
    {"id": "paru", "kind": "programme", "name": "PARU"},
    {"id": "bm", "kind": "organization", "name": "Banque mondiale"},
    {"id": "x", "kind": "person", "name": "Nobody Known"},
]


def _score(make_gold: GoldMaker, make_record: RecordMaker, part: str, gold: list[Any], pred: list[Any]) -> PartScore:
    g = make_gold(entities=GOLD_ENTITIES, **{part: gold})
    return score_document(g, make_record(entities=ENTITIES, **{part: pred}))[part]


def _counts(score: PartScore) -> tuple[int, int, int]:
    return score.tp, score.fp, score.fn


# --- roles ---------------------------------------------------------------------------

ROLES = [
    {"person": "Anne Dupont", "of": "Belgique", "title": "ministre"},
    {"person": "Jean Martin", "of": "PNUD", "title": "administrateur"},
]


@pytest.mark.parametrize(
    ("pred", "expected"),
    [
        ([{"person": "anne", "country": "be"}, {"person": "jean", "organization": "pnud"}], (2, 0, 0)),
        ([{"person": "anne", "organization": "pnud", "country": "be"}], (1, 0, 1)),  # either field may hold `of`
        ([{"person": "anne", "organization": "be"}], (1, 0, 1)),  # the field used does not matter
        ([{"person": "anne", "organization": "pnud"}], (0, 1, 2)),  # wrong `of`
        ([{"person": "anne"}], (0, 1, 2)),  # no `of` at all
        ([{"person": "x", "country": "be"}], (0, 1, 2)),  # person not in gold
        ([{"person": "anne", "country": "be"}, {"person": "anne", "country": "be"}], (1, 1, 1)),  # repeated role
    ],
)
def test_roles(
    make_gold: GoldMaker, make_record: RecordMaker, pred: list[dict[str, str]], expected: tuple[int, int, int]
) -> None:
    assert _counts(_score(make_gold, make_record, "roles", ROLES, pred)) == expected


# --- events: date rules --------------------------------------------------------------


def _when(start: str, end: str | None = None) -> When:
    end = end or start
    return When(start=start, end=end, precision={4: "year", 7: "month", 10: "day"}[len(start)])


@pytest.mark.parametrize(
    ("gold", "pred", "contradicts"),
    [
        (None, None, False),
        (None, _when("2025-03-11"), True),  # gold null: predicted must be null
        ("2025-03-11", None, False),  # a missing date rules nothing out
        ("2025-03-11", _when("2025-03-11"), False),
        ("2025-03-11", _when("2025-03-12"), True),
        ("2019-11-12", _when("2019-11-11", "2019-11-13"), False),  # inside a range
        ("2019-11-14", _when("2019-11-11", "2019-11-13"), True),  # outside a range
        ("2024-07", _when("2024-07-26"), False),  # coarser gold
        ("2024-07-26", _when("2024-07"), False),  # coarser prediction
        ("2024-08", _when("2024-07-26"), True),
        ("2024", _when("2025-01-01"), True),
        ("2024-12-31", _when("2024"), False),
    ],
)
def test_date_contradiction(gold: str | None, pred: When | None, contradicts: bool) -> None:
    assert date_contradicts(gold, pred) is contradicts


# --- events --------------------------------------------------------------------------

MEETING = {
    "types": ["meeting", "dialogue"],
    "date": "2025-03-11",
    "location": "New York",
    "participants": ["Anne Dupont", "Jean Martin"],
    "also": ["Belgique", "PNUD"],
}


def _event(**fields: Any) -> dict[str, Any]:
    return {
        "type": "meeting",
        "date": _when("2025-03-11").model_dump(),
        "location": "ny",
        "participants": ["anne", "jean"],
        **fields,
    }


def test_event_perfect(make_gold: GoldMaker, make_record: RecordMaker) -> None:
    score = _score(make_gold, make_record, "events", [MEETING], [_event(type="dialogue")])
    assert _counts(score) == (1, 0, 0)
    assert score.slots(("type", "date", "location", "participants")) == {
        "type": 1.0,
        "date": 1.0,
        "location": 1.0,
        "participants": 1.0,
    }


@pytest.mark.parametrize(
    ("fields", "slot", "value"),
    [
        ({"type": "visit"}, "type", 0.0),
        ({"date": None}, "date", 0.0),  # matched (no contradiction) but not exact
        ({"date": _when("2025-03").model_dump()}, "date", 0.0),  # other precision is not exact
        ({"date": _when("2025-03-11", "2025-03-13").model_dump()}, "date", 1.0),  # start is what counts
        ({"location": None}, "location", 0.0),
        ({"location": "kin"}, "location", 0.0),
        ({"participants": ["anne"]}, "participants", 2 / 3),
        ({"participants": ["anne", "jean", "be", "pnud"]}, "participants", 1.0),  # `also` is free
        ({"participants": ["anne", "jean", "bm"]}, "participants", 0.8),  # others are not
        ({"participants": ["anne", "jean", "ghost"]}, "participants", 0.8),  # unknown id: wrong
    ],
)
def test_event_slots(make_gold: GoldMaker, make_record: RecordMaker, fields: dict[str, Any], slot: str, value: float) -> None:
    score = _score(make_gold, make_record, "events", [MEETING], [_event(**fields)])
    assert _counts(score) == (1, 0, 0)
    assert score.slots((slot,))[slot] == pytest.approx(value)


def test_event_location_both_null(make_gold: GoldMaker, make_record: RecordMaker) -> None:
    call = {**MEETING, "location": None}
    assert _score(make_gold, make_record, "events", [call], [_event(location=None)]).slots(("location",)) == {"location": 1.0}
    assert _score(make_gold, make_record, "events", [call], [_event(location="ny")]).slots(("location",)) == {"location": 0.0}


@pytest.mark.parametrize(
    "fields",
    [
        {"participants": ["be", "pnud"]},  # only `also` participants: not this event
        {"participants": ["bm"]},
        {"participants": []},
        {"date": _when("2025-03-12").model_dump()},  # contradicting date
    ],
)
def test_event_not_matched(make_gold: GoldMaker, make_record: RecordMaker, fields: dict[str, Any]) -> None:
    assert _counts(_score(make_gold, make_record, "events", [MEETING], [_event(**fields)])) == (0, 1, 1)


def test_event_gold_null_date_needs_null_prediction(make_gold: GoldMaker, make_record: RecordMaker) -> None:
    undated = {**MEETING, "date": None}
    assert _counts(_score(make_gold, make_record, "events", [undated], [_event()])) == (0, 1, 1)
    score = _score(make_gold, make_record, "events", [undated], [_event(date=None)])
    assert _counts(score) == (1, 0, 0)
    assert score.slots(("date",)) == {"date": 1.0}


def test_optional_gold_event(make_gold: GoldMaker, make_record: RecordMaker) -> None:
    planned = {**MEETING, "optional": True}
    assert _counts(_score(make_gold, make_record, "events", [planned], [_event()])) == (0, 0, 0)  # matched: ignored
    assert _counts(_score(make_gold, make_record, "events", [planned], [])) == (0, 0, 0)  # missed: not fn
    twice = _score(make_gold, make_record, "events", [planned], [_event(), _event()])
    assert _counts(twice) == (0, 0, 0)  # its only candidate is optional


def test_events_assigned_best_score_first(make_gold: GoldMaker, make_record: RecordMaker) -> None:
    """The visit prediction could also pass for the meeting (shares Anne Dupont), but the
    meeting prediction fits the meeting better, so each gets its own."""
    visit = {"types": ["visit"], "date": "2025-03-11", "location": "New York", "participants": ["Anne Dupont"]}
    score = _score(
        make_gold,
        make_record,
        "events",
        [visit, MEETING],
        [_event(type="visit", participants=["anne"]), _event(type="meeting")],
    )
    assert _counts(score) == (2, 0, 0)
    assert score.slots(("type", "participants")) == {"type": 1.0, "participants": 1.0}


def test_event_duplicate_prediction_is_false_positive(make_gold: GoldMaker, make_record: RecordMaker) -> None:
    assert _counts(_score(make_gold, make_record, "events", [MEETING], [_event(), _event()])) == (1, 1, 0)


# --- agreements ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("gold_parties", "pred_parties", "matched"),
    [
        (["Belgique", "PNUD", "Banque mondiale"], ["be", "pnud"], True),  # ≥ 2
        (["Belgique", "PNUD", "Banque mondiale"], ["be", "kin"], False),  # only 1
        (["Belgique", "PNUD"], ["pnud", "be", "bm"], True),
        (["Belgique", "PNUD"], ["be"], False),
        (["Belgique"], ["be"], True),  # all gold parties when fewer than 2
        (["Belgique"], ["be", "pnud"], True),
        (["Belgique"], ["pnud"], False),
    ],
)
def test_agreement_parties(
    make_gold: GoldMaker, make_record: RecordMaker, gold_parties: list[str], pred_parties: list[str], matched: bool
) -> None:
    score = _score(make_gold, make_record, "agreements", [{"parties": gold_parties}], [{"parties": pred_parties}])
    assert _counts(score) == ((1, 0, 0) if matched else (0, 1, 1))


def test_agreement_slots(make_gold: GoldMaker, make_record: RecordMaker) -> None:
    gold = {
        "parties": ["Belgique", "PNUD"],
        "signed": "2025-03-11",
        "period": {"start": "2025", "end": "2028"},
        "amounts": [{"value": 2500000, "currency": "EUR", "per": "year"}],
    }
    pred = {
        "parties": ["be", "pnud"],
        "signed": "2025-03",
        "period": {"start": "2025-01-01", "end": "2028-12-31"},
        "amounts": [{"value": 2510000, "currency": "EUR", "per": "year"}],
    }
    score = _score(make_gold, make_record, "agreements", [gold], [pred])
    assert score.slots(("signed", "period", "amounts")) == {"signed": 0.0, "period": 1.0, "amounts": 1.0}


@pytest.mark.parametrize(
    ("gold", "pred", "expected"),
    [
        (None, None, 1.0),
        (None, Period(), 1.0),  # an empty period is no period
        (None, Period(years=3), 0.0),
        (GoldPeriod(None, None, 5), None, 0.0),
        (GoldPeriod(None, None, 5), Period(years=5), 1.0),
        (GoldPeriod(None, None, 5), Period(years=4), 0.0),
        (GoldPeriod(None, None, 5), Period(start="2024", end="2028"), 1.0),  # 2024…2028 is five years
        (GoldPeriod(None, None, 5), Period(start="2024", end="2029"), 0.0),
        (GoldPeriod(None, None, 5), Period(start="2024-07-26", end="2029-07-25"), 1.0),
        (GoldPeriod(None, None, 5), Period(start="2024"), 0.0),
        (GoldPeriod("2025", "2028", None), Period(start="2025", end="2028"), 1.0),
        (GoldPeriod("2025", "2028", None), Period(start="2025-01-01", end="2028-12-31"), 1.0),  # year precision
        (GoldPeriod("2025", "2028", None), Period(start="2025", end="2027"), 0.0),
        (GoldPeriod("2025", "2028", None), Period(years=4), 0.0),  # ends given: ends compared
        (GoldPeriod("2021", None, None), Period(start="2021"), 1.0),
        (GoldPeriod("2021", None, None), Period(start="2021", end="2024"), 0.0),
    ],
)
def test_period(gold: GoldPeriod | None, pred: Period | None, expected: float) -> None:
    assert period_slot(gold, pred) == expected


def _amount(value: float, currency: str = "EUR", per: str = "total") -> Amount:
    return Amount(value=value, currency=currency, per=per, text="")


@pytest.mark.parametrize(
    ("pred", "expected"),
    [
        ([_amount(1_000_000)], 1.0),
        ([_amount(1_004_999)], 1.0),  # inside 0.5 %
        ([_amount(995_001)], 1.0),
        ([_amount(1_005_001)], 0.0),  # outside 0.5 %
        ([_amount(994_000)], 0.0),
        ([_amount(1_000_000, currency="USD")], 0.0),
        ([_amount(1_000_000, per="year")], 0.0),  # per mismatch
        ([_amount(1_000_000, per="unspecified")], 0.0),
        ([], 0.0),
        ([_amount(1_000_000), _amount(1_000_000)], 2 / 3),  # each gold amount pairs once
    ],
)
def test_amount_tolerance(pred: list[Amount], expected: float) -> None:
    assert amounts_slot([GoldAmount(1_000_000, "EUR", "total")], pred) == pytest.approx(expected)


def test_amounts_pair_closest_first() -> None:
    gold = [GoldAmount(1_000_000, "EUR", "total"), GoldAmount(1_004_000, "EUR", "total")]
    assert amounts_slot(gold, [_amount(1_004_000), _amount(999_000)]) == 1.0
    assert amounts_slot([], []) == 1.0


def test_same_date_compares_at_coarser_precision() -> None:
    assert same_date("2025", "2025-03-11")
    assert not same_date("2025-04", "2025-03-11")
    assert same_date(None, None)
    assert not same_date("2025", None)


# --- programmes ----------------------------------------------------------------------

PARU = {"name": "PARU", "implementers": ["PNUD", "Banque mondiale"]}


@pytest.mark.parametrize(
    ("pred", "counts", "implementers"),
    [
        ([{"entity": "paru", "implementers": ["pnud", "bm"]}], (1, 0, 0), 1.0),
        ([{"entity": "paru", "implementers": ["pnud"]}], (1, 0, 0), 2 / 3),
        ([{"entity": "paru", "implementers": ["pnud", "bm", "be"]}], (1, 0, 0), 0.8),
        ([{"entity": "pnud", "implementers": ["pnud", "bm"]}], (0, 1, 1), None),  # another entity
        ([{"entity": "paru"}, {"entity": "paru"}], (1, 1, 0), 0.0),
    ],
)
def test_programmes(
    make_gold: GoldMaker,
    make_record: RecordMaker,
    pred: list[dict[str, Any]],
    counts: tuple[int, int, int],
    implementers: float | None,
) -> None:
    score = _score(make_gold, make_record, "programmes", [PARU], pred)
    assert _counts(score) == counts
    assert score.slots(("implementers",))["implementers"] == pytest.approx(implementers)


def test_programme_coded_as_organization(make_gold: GoldMaker, make_record: RecordMaker) -> None:
    g = make_gold(entities=GOLD_ENTITIES, programmes=[{"name": "Programme d’appui à la résilience urbaine"}])
    r = make_record(
        entities=[{"id": "p", "kind": "organization", "name": "programme d'appui a la resilience urbaine"}],
        programmes=[{"entity": "p"}],
    )
    score = score_document(g, r)["programmes"]
    assert _counts(score) == (1, 0, 0)
    assert score.slots(("implementers",)) == {"implementers": 1.0}


# --- a document without record --------------------------------------------------------


def test_missing_record_is_all_false_negatives(make_gold: GoldMaker) -> None:
    g = make_gold(
        entities=GOLD_ENTITIES,
        optional=[{"kind": "organization", "names": ["Coopération belge"]}],
        roles=ROLES,
        events=[MEETING, {**MEETING, "optional": True}],
        agreements=[{"parties": ["Belgique", "PNUD"]}],
        programmes=[PARU],
    )
    counts = {part: _counts(score) for part, score in score_document(g, None).items()}
    assert counts == {
        "entities": (0, 0, 8),
        "roles": (0, 0, 2),
        "events": (0, 0, 1),
        "agreements": (0, 0, 1),
        "programmes": (0, 0, 1),
    }
