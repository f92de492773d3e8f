"""Overviews over many facts at once, for the web UI's timeline, network and money views:
events per month, who meets whom, and the money agreements commit by funder, recipient
and year. Like the lists, they leave rejected facts out and take the same ``FactFilter``.

Money rules (the money view states them too):
- **Which amount.** An agreement's principal amount: its first per-year amount, else its
  first total, else its first unqualified one (an agreement that restates the same money
  "EUR 1.5 million a year, 6 million in all" is counted once, as the export to IATI does).
- **Who pays.** Among the agreement's parties that are not persons: the first one that
  some programme in the store names as a funder, else the first country, else the first
  party. The other non-person parties receive.
- **Which years.** The years of the agreement's period (a start or an end with a duration
  in years gives the other end); without a period, the year it was signed, else the year
  of the first document that reports it. A per-year amount counts in each of those
  years; a total is shared equally between them. An agreement with no year at all is
  listed but left out of the yearly sums.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, aliased

from communique.store.queries import FactFilter, _fact_conditions, entity_refs, list_facts
from communique.store.schema import FactEntityRow, FactRow
from communique.store.views import EntityRef, EvidenceView, FactView

MAX_YEARS = 50
"""A period longer than this is an extraction error, not a plan: it gets no yearly sums."""
MAX_AGREEMENTS = 5000
"""Agreements the money view reads at most (newest first); ``Money.truncated`` says when there were more."""
_PER_RANK = {"year": 0, "total": 1, "unspecified": 2}


class MonthCount(BaseModel):
    month: str
    events: int


class EventMonths(BaseModel):
    """Events per month (``YYYY-MM`` of their start), oldest first; ``undated`` counts
    the matching events without a date."""

    months: list[MonthCount]
    undated: int


class NetworkNode(EntityRef):
    events: int
    """Events of the network this entity takes part in."""


class NetworkEdge(BaseModel):
    source: int
    target: int
    events: int
    """Events both entities take part in."""


class Network(BaseModel):
    """Entities (nodes) linked when they take part in the same events (edges), the edges
    sharing the most events first; ``total_edges`` counts every pair before ``limit``."""

    nodes: list[NetworkNode]
    edges: list[NetworkEdge]
    total_edges: int


class Commitment(BaseModel):
    """The money one agreement commits: its principal amount, who pays, who receives and
    how it falls over the years (see the module docstring)."""

    fact_id: int
    status: str
    instrument: str | None = None
    funder: EntityRef | None = None
    recipients: list[EntityRef] = Field(default_factory=list)
    signed: str | None = None
    period_start: str | None = None
    period_end: str | None = None
    value: float
    currency: str
    per: str
    text: str
    total: float | None = None
    """What the agreement is worth over its years (None when it has no year)."""
    by_year: dict[int, float] = Field(default_factory=dict)
    evidence: list[EvidenceView] = Field(default_factory=list)


class Money(BaseModel):
    commitments: list[Commitment]
    truncated: bool
    """More agreements matched than the ``MAX_AGREEMENTS`` newest that were read."""


def event_months(session: Session, filters: FactFilter) -> EventMonths:
    """How many events matching ``filters`` start in each month."""
    conditions = and_(*_fact_conditions(session, "event", filters))
    month = func.substr(FactRow.date_min, 1, 7)
    rows = session.execute(
        select(month, func.count()).where(conditions, FactRow.date_min.is_not(None)).group_by(month).order_by(month)
    ).all()
    undated = session.scalar(select(func.count()).where(conditions, FactRow.date_min.is_(None))) or 0
    return EventMonths(months=[MonthCount(month=str(m), events=int(n)) for m, n in rows], undated=int(undated))


def network(session: Session, filters: FactFilter, limit: int) -> Network:
    """Pairs of entities that take part in the same events matching ``filters``."""
    mine, theirs = aliased(FactEntityRow), aliased(FactEntityRow)
    shared = func.count(mine.fact_id.distinct())
    pairs = (
        select(mine.entity_id, theirs.entity_id, shared)
        .join(theirs, and_(theirs.fact_id == mine.fact_id, theirs.entity_id > mine.entity_id))
        .join(FactRow, FactRow.id == mine.fact_id)
        .where(and_(*_fact_conditions(session, "event", filters)))
        .where(mine.role == "participant", theirs.role == "participant")
        .group_by(mine.entity_id, theirs.entity_id)
    )
    total = session.scalar(select(func.count()).select_from(pairs.subquery())) or 0
    rows = session.execute(pairs.order_by(shared.desc(), mine.entity_id, theirs.entity_id).limit(limit)).all()
    edges = [NetworkEdge(source=a, target=b, events=int(n)) for a, b, n in rows]
    ids = sorted({edge.source for edge in edges} | {edge.target for edge in edges})
    # an alias, so the filters' subqueries on fact_entities stay apart from this one
    link = aliased(FactEntityRow)
    counted = (
        select(link.entity_id, func.count(link.fact_id.distinct()))
        .join(FactRow, FactRow.id == link.fact_id)
        .where(and_(*_fact_conditions(session, "event", filters)))
        .where(link.role == "participant", link.entity_id.in_(ids))
        .group_by(link.entity_id)
    )
    events = {entity_id: int(n) for entity_id, n in session.execute(counted)} if ids else {}
    refs = entity_refs(session, ids)
    nodes = [NetworkNode(**refs[i].model_dump(), events=events.get(i, 0)) for i in ids if i in refs]
    return Network(nodes=nodes, edges=edges, total_edges=int(total))


def principal_amount(payload: dict[str, Any]) -> dict[str, Any] | None:
    """The amount the money view counts (see the module docstring)."""
    amounts = [a for a in payload.get("amounts") or [] if isinstance(a, dict)]
    ranked = sorted(enumerate(amounts), key=lambda item: (_PER_RANK.get(str(item[1].get("per")), 3), item[0]))
    return ranked[0][1] if ranked else None


def _year(date: object) -> int | None:
    text = str(date or "")
    return int(text[:4]) if text[:4].isdigit() else None


def covered_years(period: dict[str, Any] | None, reference: int | None) -> list[int]:
    """The years an agreement's money covers (see the module docstring)."""
    period = period or {}
    start, end = _year(period.get("start")), _year(period.get("end"))
    years = period.get("years")
    span = max(1, round(years)) if isinstance(years, int | float) and years > 0 else None
    if start is not None and end is None:
        end = start + (span or 1) - 1
    elif end is not None and start is None:
        start = end - (span or 1) + 1
    elif start is None and end is None and reference is not None:
        start, end = reference, reference + (span or 1) - 1
    if start is None or end is None or end < start or end - start >= MAX_YEARS:
        return []
    return list(range(start, end + 1))


def split_by_year(value: float, per: str, years: list[int]) -> dict[int, float]:
    """A per-year amount in each year; any other shared equally between them."""
    if not years:
        return {}
    share = value if per == "year" else value / len(years)
    return dict.fromkeys(years, share)


def _funder(fact: FactView, funders: set[int]) -> EntityRef | None:
    parties = [e for e in fact.entities if "party" in e.roles and e.kind != "person"]
    chosen = next((e for e in parties if e.id in funders), None)
    chosen = chosen or next((e for e in parties if e.kind == "country"), None)
    chosen = chosen or (parties[0] if parties else None)
    return EntityRef(id=chosen.id, kind=chosen.kind, name=chosen.name, ref=chosen.ref) if chosen else None


def _commitment(fact: FactView, funders: set[int]) -> Commitment | None:
    amount = principal_amount(fact.payload)
    if amount is None or not isinstance(amount.get("value"), int | float):
        return None
    payer = _funder(fact, funders)
    receivers = [
        EntityRef(id=e.id, kind=e.kind, name=e.name, ref=e.ref)
        for e in fact.entities
        if "party" in e.roles and e.kind != "person" and (payer is None or e.id != payer.id)
    ]
    period = fact.payload.get("period") or None
    reference = _year(fact.payload.get("signed")) or next((_year(e.published) for e in fact.evidence if e.published), None)
    value, per = float(amount["value"]), str(amount.get("per") or "unspecified")
    by_year = split_by_year(value, per, covered_years(period, reference))
    return Commitment(
        fact_id=fact.id,
        status=fact.status,
        instrument=fact.payload.get("instrument"),
        funder=payer,
        recipients=receivers,
        signed=fact.payload.get("signed"),
        period_start=(period or {}).get("start"),
        period_end=(period or {}).get("end"),
        value=value,
        currency=str(amount.get("currency") or ""),
        per=per,
        text=str(amount.get("text") or ""),
        total=sum(by_year.values()) if by_year else None,
        by_year=by_year,
        evidence=fact.evidence,
    )


def money(session: Session, filters: FactFilter) -> Money:
    """The commitments of the agreements matching ``filters`` that state an amount."""
    funders = set(
        session.scalars(
            select(FactEntityRow.entity_id)
            .join(FactRow, FactRow.id == FactEntityRow.fact_id)
            .where(FactRow.kind == "programme", FactRow.status != "rejected", FactEntityRow.role == "funder")
        )
    )
    agreements = list_facts(session, "agreement", filters, MAX_AGREEMENTS, 0)
    found = [c for fact in agreements.items if (c := _commitment(fact, funders)) is not None]
    return Money(commitments=found, truncated=agreements.total > len(agreements.items))
