"""Lists, filters, pagination and search over the store."""

from __future__ import annotations

import pytest

from communique.store import FactFilter, Store
from communique.store.search import fts5_query, snippet, tokens, tsquery

from tests.store.samples import all_records, english, french

HOSTILE = [
    "'; DROP TABLE documents; --",
    '"',
    '"unbalanced',
    "NEAR(",
    "NEAR(a b",
    "*",
    "a*b OR",
    "AND OR NOT",
    "title:bettel",
    "^bettel",
    "(((",
    "\\",
    "%_%",
    "' OR 1=1 --",
    "\x00",
    "bettel' UNION SELECT id, text FROM documents --",
    "é" * 300,
]


@pytest.fixture
def full(store: Store) -> Store:
    for record in all_records():
        store.save(record)
    return store


def _ids(page_items: list[object]) -> list[int]:
    return [getattr(item, "id") for item in page_items]  # noqa: B009 - items of several view types


def test_event_filters_by_actor_country_type_and_dates(full: Store) -> None:
    luxembourg = full.entities(kind="country").items[0]
    assert luxembourg.name == "Luxembourg"
    bettel = full.entities(q="xavier").items[0].id
    assert {e.payload["type"] for e in full.events(FactFilter(actor=bettel)).items} == {"meeting", "dialogue"}
    signings = full.events(FactFilter(country="Luxembourg"))
    assert [e.payload["type"] for e in signings.items] == ["signing"]
    assert _ids(full.events(FactFilter(country=str(luxembourg.id))).items) == _ids(signings.items)
    assert _ids(full.events(FactFilter(country="Q32")).items) == _ids(signings.items)
    assert _ids(full.events(FactFilter(country="luxembourg")).items) == _ids(signings.items)
    assert full.events(FactFilter(country="Atlantis")).total == 0
    assert full.events(FactFilter(type="launch")).total == 1
    assert full.events(FactFilter(date_from="2025")).total == 1
    assert full.events(FactFilter(date_from="2024-07", date_to="2024-07")).total == 2
    assert full.events(FactFilter(date_to="2024-07-25")).total == 0
    assert full.events(FactFilter(document=english().document.id)).total == 2


def test_events_newest_first_and_pages_with_totals(full: Store) -> None:
    everything = full.events(limit=500)
    assert everything.total == 4
    dated = [item.payload["date"]["start"] for item in everything.items if item.payload["date"]]
    assert dated == sorted(dated, reverse=True)
    assert everything.items[-1].payload["date"] is None  # undated last
    pages = [full.events(limit=3, offset=0), full.events(limit=3, offset=3)]
    assert [len(page.items) for page in pages] == [3, 1]
    assert all(page.total == 4 for page in pages)
    assert _ids(pages[0].items + pages[1].items) == _ids(everything.items)
    assert full.events(limit=3, offset=100).items == []


def test_documents_list_filters_and_detail(full: Store) -> None:
    page = full.documents()
    assert page.total == 3
    assert [d.published for d in page.items] == ["2025-03-01", "2024-07-27", "2024-07-26"]
    assert full.documents(language="fr").total == 1
    ohchr = full.entities(kind="organization").items[0].id
    assert full.documents(FactFilter(actor=ohchr)).total == 3
    assert full.documents(FactFilter(date_from="2025")).total == 1
    detail = full.document(french().document.id)
    assert detail.text == french().document.text
    assert {m.start for m in detail.mentions} == {s for e in french().entities for s, _ in e.mentions}
    assert {f.kind for f in detail.facts} == {"role", "event", "agreement"}
    assert all(len(f.evidence) == 1 and f.evidence[0].document_id == detail.id for f in detail.facts)


def test_entity_detail_lists_events_agreements_and_co_actors(full: Store) -> None:
    luxembourg = full.entities(kind="country").items[0].id
    detail = full.entity(luxembourg)
    assert detail.counts["agreements"] == 2
    assert detail.counts["programmes"] == 1
    assert [e.payload["type"] for e in detail.events] == ["signing"]
    co_actors = {actor.name: actor.facts for actor in detail.co_actors}
    assert co_actors == {"Haut-Commissariat des Nations unies aux droits de l'Homme": 3}
    assert detail.documents == 3


def test_entity_list_orders_by_documents_and_pages(full: Store) -> None:
    page = full.entities(limit=2)
    assert page.total == 7
    assert [item.documents for item in page.items] == [3, 3]
    assert full.entities(limit=2, offset=6).items[0].documents == 1
    assert full.entities(q="100%").total == 0
    assert full.entities(q="_").total == 0


def test_money_is_a_plain_number_in_units(full: Store) -> None:
    framework = next(a for a in full.agreements().items if a.payload["amounts"])
    value = framework.payload["amounts"][0]["value"]
    assert value == 1_500_000
    assert isinstance(value, int)


def test_search_finds_titles_texts_prefixes_and_entity_names(full: Store) -> None:
    result = full.search("Bettel")
    assert result.documents.total == 2
    assert {hit.id for hit in result.documents.items} == {french().document.id, english().document.id}
    assert "bettel" in result.documents.items[0].snippet.lower()
    assert [hit.name for hit in result.entities.items] == ["Xavier Bettel"]
    assert full.search("cybersécu").documents.total == 1  # last word as a prefix
    assert full.search("programme Kinshasa").documents.total == 1  # every word must match
    assert full.search("Kinshasa Bettel").documents.total == 0
    assert full.search("OHCHR").entities.items[0].ref == "Q1434929"
    assert full.search("Minister Bettel in").documents.items[0].title == "Minister Bettel in Geneva"


def test_search_is_kept_in_sync_on_save(store: Store) -> None:
    assert store.search("Kinshasa").documents.total == 0
    for record in all_records():
        store.save(record)
    assert store.search("Kinshasa").documents.total == 1
    assert store.search("Kinshasa").entities.total == 1


def test_hostile_search_strings_return_results_or_nothing(full: Store) -> None:
    before = full.stats()
    for query in HOSTILE:
        result = full.search(query)
        assert result.documents.total >= 0
        assert result.entities.total >= 0
    assert full.stats() == before
    assert full.search("title:bettel").documents.total == 0  # "title" and "bettel", not a column filter
    assert full.search("^bettel").documents.total == 2
    assert full.search("NEAR(").documents.total == 0


def test_query_builders_quote_every_word() -> None:
    assert tokens("'; DROP TABLE documents; --") == ["DROP", "TABLE", "documents"]
    assert fts5_query(["NEAR", "a"]) == '"NEAR" "a"*'
    assert tsquery(["drop", "table"]) == "'drop' & 'table':*"
    assert tokens('" NEAR( * ^ ( \\') == ["NEAR"]
    assert tokens("snake_case") == ["snake", "case"]
    assert snippet("x" * 200 + " Bettel " + "y" * 200, ["bettel"]).startswith("…")


def test_search_pages_with_totals(full: Store) -> None:
    first, second = full.search("Luxembourg", limit=2), full.search("Luxembourg", limit=2, offset=2)
    assert first.documents.total == second.documents.total == 3
    assert len(first.documents.items) == 2
    assert len(second.documents.items) == 1
