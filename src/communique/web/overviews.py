"""What the timeline, network and money pages show, shaped from the store's overviews:
events grouped by month, chart series, the network as Cytoscape elements, money totals.
Pure functions over store views, so the pages stay thin and these are tested alone."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from communique.store.aggregates import Commitment, EventMonths, Network
from communique.store.views import EntityRef, FactView
from communique.web.charts import Chart, column_chart

MAX_MONTHS = 120
"""Beyond ten years of months the timeline's chart counts by year, to stay legible."""
UNDATED = "undated"


def month_of(fact: FactView) -> str:
    """``YYYY-MM`` of an event's start, ``YYYY`` when only the year is known."""
    start = str((fact.payload.get("date") or {}).get("start") or "")
    return start[:7] if start else UNDATED


def by_month(events: Iterable[FactView]) -> list[tuple[str, list[FactView]]]:
    """Events grouped by month in the order given (the store lists newest first)."""
    groups: dict[str, list[FactView]] = {}
    for event in events:
        groups.setdefault(month_of(event), []).append(event)
    return list(groups.items())


def _next_month(month: str) -> str:
    year, number = int(month[:4]), int(month[5:7])
    return f"{year + number // 12:04d}-{number % 12 + 1:02d}"


def month_range(first: str, last: str) -> list[str]:
    """Every month from ``first`` to ``last`` (both ``YYYY-MM``), gaps included."""
    months = [first]
    while months[-1] < last and len(months) <= 12 * 1000:
        months.append(_next_month(months[-1]))
    return months


def events_chart(counts: EventMonths) -> Chart | None:
    """Events per month (per year over long spans), empty months and years included."""
    dated = {m.month: m.events for m in counts.months if len(m.month) == 7 and m.month[4] == "-"}
    if not dated:
        return None
    months = month_range(min(dated), max(dated))
    if len(months) <= MAX_MONTHS:
        series = {month: float(dated.get(month, 0)) for month in months}
        unit = "month"
    else:
        series = defaultdict(float)
        for year in range(int(months[0][:4]), int(months[-1][:4]) + 1):
            series[str(year)] = 0.0
        for month, count in dated.items():
            series[month[:4]] += count
        unit = "year"
    total = sum(dated.values())
    description = f"{total} dated events, counted by {unit} of their start"
    return column_chart(f"Events per {unit}", description, list(series), {"events": series})


def cytoscape_elements(network: Network) -> dict[str, list[dict[str, Any]]]:
    """The network as Cytoscape.js elements; labels are data, drawn as text on a canvas."""
    nodes = [
        {"data": {"id": f"e{n.id}", "label": n.name, "kind": n.kind, "events": n.events, "href": f"/entities/{n.id}"}}
        for n in network.nodes
    ]
    edges = [
        {"data": {"id": f"e{e.source}-e{e.target}", "source": f"e{e.source}", "target": f"e{e.target}", "events": e.events}}
        for e in network.edges
    ]
    return {"nodes": nodes, "edges": edges}


@dataclass(frozen=True)
class FlowTotal:
    """Money from one funder to one group of recipients in one currency."""

    funder: EntityRef | None
    recipients: list[EntityRef]
    currency: str
    first_year: int | None
    last_year: int | None
    total: float
    commitments: int


def funder_name(commitment: Commitment) -> str:
    return commitment.funder.name if commitment.funder else "funder unknown"


def flows(commitments: Iterable[Commitment]) -> list[FlowTotal]:
    """Totals by funder, recipients and currency, the largest first; a commitment with no
    year counts its amount as stated."""
    grouped: dict[tuple[Any, ...], list[Commitment]] = defaultdict(list)
    for c in commitments:
        key = (c.funder.id if c.funder else None, tuple(r.id for r in c.recipients), c.currency)
        grouped[key].append(c)
    totals = []
    for group in grouped.values():
        years = [year for c in group for year in c.by_year]
        totals.append(
            FlowTotal(
                funder=group[0].funder,
                recipients=group[0].recipients,
                currency=group[0].currency,
                first_year=min(years, default=None),
                last_year=max(years, default=None),
                total=sum(c.total if c.total is not None else c.value for c in group),
                commitments=len(group),
            )
        )
    return sorted(totals, key=lambda t: (t.currency, -t.total, funder_key(t.funder)))


def funder_key(funder: EntityRef | None) -> str:
    return funder.name if funder else ""


def money_charts(commitments: Sequence[Commitment]) -> list[Chart]:
    """One chart per currency: money by year, stacked by funder (currencies never add up)."""
    charts = []
    for currency in sorted({c.currency for c in commitments if c.by_year}):
        mine = [c for c in commitments if c.currency == currency and c.by_year]
        years = [year for c in mine for year in c.by_year]
        categories = [str(year) for year in range(min(years), max(years) + 1)]
        series: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        for c in sorted(mine, key=lambda c: -(c.total or 0.0)):
            for year, value in c.by_year.items():
                series[funder_name(c)][str(year)] += value
        description = f"{currency} committed per year by {len(series)} funder(s), {categories[0]}–{categories[-1]}"
        charts.append(column_chart(f"Commitments in {currency} by year and funder", description, categories, series))
    return charts
