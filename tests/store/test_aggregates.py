"""The overviews behind the timeline, network and money views, over both backends."""

from __future__ import annotations

import pytest

from communique.model import Agreement, Amount, Document, Entity, Programme, Record
from communique.store import FactFilter, Store
from communique.store.aggregates import covered_years, principal_amount, split_by_year

from tests.store.samples import all_records, span


@pytest.fixture
def full(store: Store) -> Store:
    for record in all_records():
        store.save(record)
    return store


def _id(store: Store, name: str) -> int:
    return store.entities(q=name).items[0].id


def test_events_are_counted_by_month(full: Store) -> None:
    counts = full.event_months()
    assert [(m.month, m.events) for m in counts.months] == [("2024-07", 2), ("2025-03", 1)]
    assert counts.undated == 1
    bettel = full.event_months(FactFilter(actor=_id(full, "Xavier Bettel")))
    assert [(m.month, m.events) for m in bettel.months] == [("2024-07", 1)]
    assert bettel.undated == 1
    assert full.event_months(FactFilter(type="launch")).months[0].month == "2025-03"


def test_the_network_links_entities_sharing_events(full: Store) -> None:
    network = full.network()
    names = {node.id: node.name for node in network.nodes}
    pairs = {frozenset((names[e.source], names[e.target])): e.events for e in network.edges}
    assert pairs[frozenset(("Xavier Bettel", "Volker Türk"))] == 1
    assert frozenset(("Luxembourg", "Haut-Commissariat des Nations unies aux droits de l'Homme")) in pairs
    assert network.total_edges == len(network.edges) == 3
    assert {node.name: node.events for node in network.nodes}["Volker Türk"] == 2
    assert len(full.network(limit=1).edges) == 1
    assert full.network(limit=1).total_edges == 3
    mine = full.network(FactFilter(actor=_id(full, "Xavier Bettel")))
    assert {n.name for n in mine.nodes} == {"Xavier Bettel", "Volker Türk"}
    assert full.network(FactFilter(type="visit")).edges == []


def test_rejected_events_leave_the_network(full: Store) -> None:
    meeting = full.events(FactFilter(type="meeting")).items[0]
    full.reject(meeting.id, "ana")
    names = {node.name for node in full.network().nodes}
    assert "Xavier Bettel" not in names


def test_money_by_funder_recipient_and_year(full: Store) -> None:
    money = full.money()
    assert money.truncated is False
    (commitment,) = money.commitments  # the cybersecurity accord states no amount
    assert commitment.funder is not None
    assert commitment.funder.name == "Luxembourg"
    assert [r.ref for r in commitment.recipients] == ["Q1434929"]
    assert (commitment.value, commitment.currency, commitment.per) == (1_500_000, "EUR", "year")
    assert commitment.by_year == dict.fromkeys(range(2024, 2028), 1_500_000)
    assert commitment.total == 6_000_000
    assert {e.document_title for e in commitment.evidence} == {"Xavier Bettel à Genève", "Minister Bettel in Geneva"}
    assert full.money(FactFilter(country="Atlantis")).commitments == []
    assert len(full.money(FactFilter(actor=_id(full, "Luxembourg"))).commitments) == 1
    full.reject(commitment.fact_id, "ana")
    assert full.money().commitments == []


def test_a_programme_funder_pays_even_when_it_is_not_a_country(store: Store) -> None:
    text = "The Global Fund and UNICEF signed a grant of USD 3 million. The Global Fund funds the Malaria Programme."
    record = Record(
        document=Document(id=Document.id_for(text), source="gf.txt", language="en", published="2023-04-02", text=text),
        entities=[
            Entity(id="u", kind="organization", name="UNICEF"),
            Entity(id="g", kind="organization", name="The Global Fund"),
            Entity(id="m", kind="programme", name="Malaria Programme"),
        ],
        agreements=[
            Agreement(
                id="a",
                parties=["u", "g"],
                amounts=[
                    Amount(value=1_000_000, currency="USD", per="unspecified", text="1 million"),
                    Amount(value=3_000_000, currency="USD", per="total", text="USD 3 million"),
                ],
                evidence=[span(text, "signed a grant")],
            )
        ],
        programmes=[Programme(entity="m", funders=["g"], evidence=[span(text, "funds the Malaria Programme")])],
    )
    store.save(record)
    (commitment,) = store.money().commitments
    assert commitment.funder is not None
    assert commitment.funder.name == "The Global Fund"
    assert [r.name for r in commitment.recipients] == ["UNICEF"]
    assert commitment.value == 3_000_000  # the total, not the unqualified amount
    assert commitment.by_year == {2023: 3_000_000}  # no period, not signed: the year of the report


def test_principal_amount_prefers_per_year_then_total() -> None:
    amounts = [
        {"value": 1, "per": "unspecified"},
        {"value": 2, "per": "total"},
        {"value": 3, "per": "year"},
        {"value": 4, "per": "year"},
    ]
    assert principal_amount({"amounts": amounts}) == {"value": 3, "per": "year"}
    assert principal_amount({"amounts": amounts[:2]}) == {"value": 2, "per": "total"}
    assert principal_amount({"amounts": []}) is None


@pytest.mark.parametrize(
    ("period", "reference", "years"),
    [
        ({"start": "2024", "end": "2027"}, 2020, [2024, 2025, 2026, 2027]),
        ({"start": "2024-07-01", "years": 3}, None, [2024, 2025, 2026]),
        ({"end": "2030", "years": 2}, None, [2029, 2030]),
        ({"years": 2.4}, 2021, [2021, 2022]),
        ({"start": "2024"}, None, [2024]),
        (None, 2019, [2019]),
        (None, None, []),
        ({"start": "2027", "end": "2024"}, 2020, []),
        ({"start": "1900", "end": "2100"}, None, []),
    ],
)
def test_covered_years(period: dict[str, object] | None, reference: int | None, years: list[int]) -> None:
    assert covered_years(period, reference) == years


def test_split_by_year() -> None:
    assert split_by_year(10.0, "year", [2024, 2025]) == {2024: 10.0, 2025: 10.0}
    assert split_by_year(10.0, "total", [2024, 2025]) == {2024: 5.0, 2025: 5.0}
    assert split_by_year(10.0, "unspecified", []) == {}
