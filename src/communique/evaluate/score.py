"""Scoring one record against its gold file, following ../shared/contract/GOLD.md.

Where GOLD.md is silent, this module decides as follows.

Entities
  Names are compared with ``communique.text.fold``. Greedy order: required gold entities
  before optional ones, then more shared names, then gold and prediction order. A
  prediction assigned to an optional gold entity, or left unassigned while every gold
  entity it matches is optional, is ignored; any other unassigned prediction (including a
  second half of a split entity) is a false positive.
References
  Predicted entity ids in roles, events, agreements and programmes resolve to the gold
  entity their entity won; an entity that lost the one-to-one assignment to a duplicate
  still resolves through its names (``match.Resolver``), so one split is charged once.
  An id that resolves to no gold entity is always wrong.
Roles
  No slots; greedy in gold then prediction order.
Events
  "Shares ≥ 1 participant" counts the gold ``participants`` only: ``also`` entities are
  neither rewarded nor penalised, so they cannot make a prediction right either. Date:
  gold null requires a null prediction; a null prediction never contradicts a gold date
  (it only scores 0 on the date slot); otherwise the gold date must lie inside the
  predicted [start, end], compared at the coarser of the precisions involved. The date
  slot is 1 when the predicted start equals the gold date string (same precision) or both
  are null. Location slot: both null, or the predicted place resolves to the gold one.
  Participants slot: F1 of resolved participants against gold ``participants``, with
  ``also`` entities removed from the prediction (any other entity, optional or not, and
  any id that resolves to nothing, lowers precision). ``factuality`` is not considered: a
  planned event that the gold lists (optionally) is fine, others are false positives.
  Optional gold events follow the entity rule: matched or only-optional leftovers are
  ignored.
Agreements
  Right when ≥ min(2, number of gold parties) resolved parties are gold parties. Slots:
  ``signed`` exact ISO string (both null → 1); ``period`` (both absent → 1; gold
  ``{years: N}``: predicted ``years`` == N, or predicted start/end covering N years,
  counted in months with a bare start year from January, a bare end year to December, and
  rounded to whole years; gold ``{start, end}``: each end equal at the coarser precision,
  missing ends must both be missing); ``amounts``: gold and predicted amounts are paired
  one-to-one (closest value first) when the value is within 0.5 % of the gold value and
  currency and ``per`` are equal; the slot is the F1 of that pairing (2·matched / (gold +
  predicted), 1 when both lists are empty).
Programmes
  Right when the predicted entity resolves to the gold programme's entity; the
  ``implementers`` slot is an F1 (1 when both are empty).
Ties in every part with slots
  Best mean slot score first, then gold order, then prediction order.
Figures (``report.py``)
  p, r and f1 are 0 when undefined; slot averages run over true positives only and are
  None when there is none; ``overall`` sums the five parts' counts. Records match gold by
  ``gold_key(document.source)``; a second record of one document is not scored (listed
  with the records that have no gold); gold without a record is all false negatives.
  ``published_acc``/``language_acc`` run over documents that have a record; languages
  are told apart by the gold ``language``. The gold loader accepts only the contract's
  event types, so a gold type no extractor may output fails at load time.
"""

from __future__ import annotations

from collections.abc import Sequence

from communique.evaluate.gold import Gold, GoldAgreement, GoldAmount, GoldEvent, GoldPeriod
from communique.evaluate.match import (
    Pair,
    PartScore,
    Resolver,
    assign,
    by_rank,
    entity_pairs,
    set_f1,
    tally,
)
from communique.model import Agreement, Amount, Entity, Event, Period, Programme, Record, Role, When

PARTS = ("entities", "roles", "events", "agreements", "programmes")
SLOTS: dict[str, tuple[str, ...]] = {
    "entities": (),
    "roles": (),
    "events": ("type", "date", "location", "participants"),
    "agreements": ("signed", "period", "amounts"),
    "programmes": ("implementers",),
}
AMOUNT_TOLERANCE = 0.005
"""GOLD.md: an amount is right within 0.5 % of the gold value."""


# --- dates ---------------------------------------------------------------------------


def same_date(a: str | None, b: str | None) -> bool:
    """Equal at the coarser precision of the two (``2025`` = ``2025-03-11``); None only
    equals None."""
    if a is None or b is None:
        return a is b
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def date_contradicts(gold: str | None, when: When | None) -> bool:
    """Whether a predicted event date rules out the gold date."""
    if gold is None:
        return when is not None
    if when is None:
        return False
    n = min(len(gold), len(when.start), len(when.end))
    return not when.start[:n] <= gold[:n] <= when.end[:n]


def _date_slot(gold: str | None, when: When | None) -> float:
    if gold is None or when is None:
        return float(gold is None and when is None)
    return float(when.start == gold)


# --- entities and roles --------------------------------------------------------------


def score_entities(entities: Sequence[Entity], gold: Gold) -> tuple[PartScore, Resolver]:
    pairs = entity_pairs(entities, gold.entities)
    chosen = assign(pairs, key=by_rank)
    score = tally(len(entities), [e.optional for e in gold.entities], pairs, chosen)
    return score, Resolver(entities, chosen, pairs)


def score_roles(roles: Sequence[Role], gold: Gold, resolve: Resolver) -> PartScore:
    pairs = [
        Pair(p, g)
        for p, role in enumerate(roles)
        for g, gold_role in enumerate(gold.roles)
        if resolve(role.person) == gold_role.person and gold_role.of in (resolve(role.organization), resolve(role.country))
    ]
    return tally(len(roles), [False] * len(gold.roles), pairs, assign(pairs))


# --- events --------------------------------------------------------------------------


def _location_slot(location: str | None, gold: int | None, resolve: Resolver) -> float:
    if location is None or gold is None:
        return float(location is None and gold is None)
    return float(resolve(location) == gold)


def event_pair(p: int, event: Event, g: int, gold: GoldEvent, resolve: Resolver) -> Pair | None:
    """The candidate pair, or None when the prediction cannot be this gold event."""
    participants = resolve.many(event.participants)
    if not gold.participants.intersection(participants) or date_contradicts(gold.date, event.date):
        return None
    slots = {
        "type": float(event.type in gold.types),
        "date": _date_slot(gold.date, event.date),
        "location": _location_slot(event.location, gold.location, resolve),
        "participants": set_f1(participants, gold.participants, neutral=gold.also),
    }
    return Pair(p, g, slots)


def score_events(events: Sequence[Event], gold: Gold, resolve: Resolver) -> PartScore:
    pairs = [
        pair
        for p, event in enumerate(events)
        for g, gold_event in enumerate(gold.events)
        if (pair := event_pair(p, event, g, gold_event, resolve)) is not None
    ]
    return tally(len(events), [e.optional for e in gold.events], pairs, assign(pairs))


# --- agreements ----------------------------------------------------------------------


def _months(start: str, end: str) -> int:
    """Months from ``start`` to ``end`` inclusive; bare years run January to December."""
    start_month = int(start[5:7]) if len(start) >= 7 else 1
    end_month = int(end[5:7]) if len(end) >= 7 else 12
    return (int(end[:4]) * 12 + end_month) - (int(start[:4]) * 12 + start_month) + 1


def _lasts(period: Period, years: int) -> bool:
    if period.years is not None and abs(period.years - years) < 1e-9:
        return True
    return period.start is not None and period.end is not None and round(_months(period.start, period.end) / 12) == years


def period_slot(gold: GoldPeriod | None, pred: Period | None) -> float:
    if pred is not None and pred.start is None and pred.end is None and pred.years is None:
        pred = None
    if gold is None or pred is None:
        return float(gold is None and pred is None)
    by_years = gold.years is not None and _lasts(pred, gold.years)
    by_ends = (gold.start, gold.end) != (None, None) and same_date(gold.start, pred.start) and same_date(gold.end, pred.end)
    return float(by_years or by_ends)


def amount_close(gold: GoldAmount, pred: Amount) -> bool:
    return (
        gold.currency == pred.currency and gold.per == pred.per and abs(pred.value - gold.value) <= AMOUNT_TOLERANCE * gold.value
    )


def amounts_slot(gold: Sequence[GoldAmount], pred: Sequence[Amount]) -> float:
    """F1 of a one-to-one pairing of amounts, closest values paired first."""
    if not gold and not pred:
        return 1.0
    pairs = [
        Pair(p, g, rank=(abs(amount.value - gold_amount.value),))
        for p, amount in enumerate(pred)
        for g, gold_amount in enumerate(gold)
        if amount_close(gold_amount, amount)
    ]
    matched = len(assign(pairs, key=by_rank))
    return 2 * matched / (len(gold) + len(pred))


def agreement_pair(p: int, agreement: Agreement, g: int, gold: GoldAgreement, resolve: Resolver) -> Pair | None:
    shared = gold.parties.intersection(resolve.many(agreement.parties))
    if len(shared) < min(2, len(gold.parties)):
        return None
    slots = {
        "signed": float(agreement.signed == gold.signed),
        "period": period_slot(gold.period, agreement.period),
        "amounts": amounts_slot(gold.amounts, agreement.amounts),
    }
    return Pair(p, g, slots)


def score_agreements(agreements: Sequence[Agreement], gold: Gold, resolve: Resolver) -> PartScore:
    pairs = [
        pair
        for p, agreement in enumerate(agreements)
        for g, gold_agreement in enumerate(gold.agreements)
        if (pair := agreement_pair(p, agreement, g, gold_agreement, resolve)) is not None
    ]
    return tally(len(agreements), [False] * len(gold.agreements), pairs, assign(pairs))


# --- programmes ----------------------------------------------------------------------


def score_programmes(programmes: Sequence[Programme], gold: Gold, resolve: Resolver) -> PartScore:
    pairs = [
        Pair(p, g, {"implementers": set_f1(resolve.many(programme.implementers), gold_programme.implementers)})
        for p, programme in enumerate(programmes)
        for g, gold_programme in enumerate(gold.programmes)
        if resolve(programme.entity) == gold_programme.name
    ]
    return tally(len(programmes), [False] * len(gold.programmes), pairs, assign(pairs))


# --- one document --------------------------------------------------------------------


def score_document(gold: Gold, record: Record | None) -> dict[str, PartScore]:
    """Every part of one document; a missing record predicts nothing (all gold is fn)."""
    entities, resolve = score_entities(record.entities if record else [], gold)
    return {
        "entities": entities,
        "roles": score_roles(record.roles if record else [], gold, resolve),
        "events": score_events(record.events if record else [], gold, resolve),
        "agreements": score_agreements(record.agreements if record else [], gold, resolve),
        "programmes": score_programmes(record.programmes if record else [], gold, resolve),
    }
