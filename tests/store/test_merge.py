"""Across documents: entities merge by Wikidata id or folded name, an event or agreement
reported twice is one fact with two evidence rows, each keeping its provenance."""

from __future__ import annotations

from communique import __version__
from communique.store import FactFilter, Store

from tests.store.samples import OHCHR_QID, english, french, kinshasa


def _entity_named(store: Store, name: str) -> int:
    page = store.entities(q=name)
    assert page.total >= 1, name
    return page.items[0].id


def test_entities_merge_by_qid_by_folded_name_and_by_known_alias(store: Store) -> None:
    for record in (french(), english(), kinshasa()):
        assert store.save(record)
    # Bettel, Türk, Luxembourg, OHCHR, Geneva (by QID, names differ), programme, Kinshasa
    assert store.stats()["entities"] == 7
    bettel = store.entity(_entity_named(store, "bettel"))
    assert bettel.name == "Xavier Bettel"
    assert set(bettel.names) == {"Xavier Bettel", "Bettel", "XAVIER  BETTEL"}
    assert bettel.documents == 2
    turk = store.entity(_entity_named(store, "volker"))
    assert set(turk.names) == {"Volker Türk", "Volker Turk"}  # accents aside, the same full name
    ohchr = store.entities(kind="organization").items
    assert len(ohchr) == 1
    assert ohchr[0].ref == OHCHR_QID
    assert ohchr[0].documents == 3  # the bare "OHCHR" of Kinshasa joined the linked entity through its alias
    assert "Office of the United Nations High Commissioner for Human Rights" in ohchr[0].names


def test_persons_with_different_names_stay_apart(store: Store) -> None:
    record = french()
    other = record.model_copy(deep=True)
    other.document = other.document.model_copy(update={"id": "sha256:" + "0" * 64, "text": record.document.text})
    other.entities[0] = other.entities[0].model_copy(update={"name": "Xavier Bettelli", "aliases": []})
    store.save(record)
    store.save(other)
    assert store.entities(q="bettel").total == 2


def test_an_event_reported_by_two_documents_is_one_event_with_both_evidences(store: Store) -> None:
    store.save(french())
    store.save(english())
    meetings = store.events(FactFilter(type="meeting"))
    assert meetings.total == 1
    meeting = meetings.items[0]
    assert sorted(e.name for e in meeting.entities if "participant" in e.roles) == ["Volker Türk", "Xavier Bettel"]
    evidence = {item.document_id: item for item in meeting.evidence}
    assert set(evidence) == {french().document.id, english().document.id}
    fr, en = evidence[french().document.id], evidence[english().document.id]
    assert fr.spans == [french().events[0].evidence]
    assert en.spans == [english().events[0].evidence]
    assert (fr.confidence, en.confidence) == (0.7, 0.9)
    assert fr.extractor_version == en.extractor_version == __version__
    assert meeting.confidence == 0.9  # the best report's
    assert store.stats()["events"] == 3  # meeting, signing, the English dialogue


def test_an_agreement_reported_twice_is_one_but_two_in_one_document_stay_two(store: Store) -> None:
    store.save(french())
    store.save(english())
    agreements = store.agreements()
    assert agreements.total == 2
    framework = next(a for a in agreements.items if a.payload["instrument"] == "cadre de partenariat stratégique")
    assert len(framework.evidence) == 2
    assert len(framework.evidence[0].spans) == 2  # the French text states it in two places
    cyber = next(a for a in agreements.items if a.payload["instrument"] == "accord sur la cybersécurité")
    assert [e.document_id for e in cyber.evidence] == [french().document.id]


def test_undated_events_never_merge_across_documents(store: Store) -> None:
    store.save(english())
    twin = english()
    twin.document = twin.document.model_copy(update={"id": "sha256:" + "1" * 64, "source": "copy.html"})
    store.save(twin)
    dialogues = store.events(FactFilter(type="dialogue"))
    assert dialogues.total == 2
    meetings = store.events(FactFilter(type="meeting"))
    assert meetings.total == 1
    assert len(meetings.items[0].evidence) == 2


def test_roles_merge_and_date_offices(store: Store) -> None:
    store.save(french())
    store.save(english())
    twin = french()
    twin.document = twin.document.model_copy(update={"id": "sha256:" + "2" * 64, "published": "2025-01"})
    store.save(twin)
    bettel = store.entity(_entity_named(store, "xavier bettel"))
    offices = {office.title: office for office in bettel.offices}
    assert set(offices) == {"ministre de la Coopération", "Minister"}
    french_office = offices["ministre de la Coopération"]
    assert (french_office.first_seen, french_office.last_seen, french_office.documents) == ("2024-07-26", "2025-01-31", 2)
    assert french_office.country is not None
    assert french_office.country.name == "Luxembourg"


def test_a_fact_naming_an_undefined_entity_is_refused_and_nothing_is_stored(store: Store) -> None:
    import pytest

    from communique.errors import InvalidRecord

    record = french()
    record.events[0] = record.events[0].model_copy(update={"participants": ["e1", "nobody"]})
    with pytest.raises(InvalidRecord) as caught:
        store.save(record)
    assert "nobody" in str(caught.value)
    assert caught.value.source == "geneve.txt"
    assert store.stats()["documents"] == 0
    assert store.stats()["entities"] == 0
