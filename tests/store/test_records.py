"""Records rebuilt from the store: valid contract records, store ids, curation applied."""

from __future__ import annotations

import json

import pytest

from communique.errors import NotFound
from communique.model import Record
from communique.store import FactFilter, Store

from tests.store.samples import all_records, english, french


def test_records_rebuild_every_document_as_a_valid_contract_record(store: Store) -> None:
    originals = all_records()
    for record in originals:
        store.save(record)
    rebuilt = list(store.records())
    assert [r.document for r in rebuilt] == [r.document for r in originals]
    for original, record in zip(originals, rebuilt, strict=True):
        assert Record.from_json(record.to_json()) == record
        assert len(record.events) == len(original.events)
        assert len(record.roles) == len(original.roles)
        assert len(record.agreements) == len(original.agreements)
        assert len(record.programmes) == len(original.programmes)
        assert sorted(s for e in record.entities for s in e.mentions) == sorted(s for e in original.entities for s in e.mentions)


def test_rebuilt_ids_are_the_stores_so_they_agree_across_records(store: Store) -> None:
    store.save(french())
    store.save(english())
    fr, en = store.record(french().document.id), store.record(english().document.id)
    fr_meeting = next(e for e in fr.events if e.type == "meeting")
    en_meeting = next(e for e in en.events if e.type == "meeting")
    assert fr_meeting.id == en_meeting.id
    assert fr_meeting.id.startswith("F")
    assert fr_meeting.evidence == french().events[0].evidence
    assert en_meeting.evidence == english().events[0].evidence
    bettel_fr = fr.entity(fr_meeting.participants[0])
    assert bettel_fr.id.startswith("E")
    assert {e.id for e in fr.entities} >= set(fr_meeting.participants)
    assert "XAVIER  BETTEL" in fr.entity(next(i for i in fr_meeting.participants if fr.entity(i).name == "Xavier Bettel")).aliases


def test_records_apply_corrections_and_leave_rejections_out(store: Store) -> None:
    store.save(french())
    meeting = store.events(FactFilter(type="meeting")).items[0].id
    signing = store.events(FactFilter(type="signing")).items[0].id
    store.correct(meeting, {"cameo": "042", "plover_mode": "visit"}, "alice")
    store.reject(signing, "alice")
    record = store.record(french().document.id)
    assert [(e.type, e.cameo, e.plover_mode) for e in record.events] == [("meeting", "042", "visit")]
    amounts = json.loads(record.to_json())["agreements"][0]["amounts"]
    assert amounts[0]["value"] == 1_500_000


def test_a_corrected_participant_outside_the_document_joins_the_record(store: Store) -> None:
    store.save(french())
    store.save(english())
    store.save(all_records()[2])
    kinshasa = next(e for e in store.entities(kind="place").items if e.name == "Kinshasa").id
    meeting = store.events(FactFilter(type="meeting")).items[0]
    store.correct(meeting.id, {"location": kinshasa}, "alice")
    record = store.record(english().document.id)
    place = record.entity(next(e.location for e in record.events if e.type == "meeting") or "")
    assert (place.name, place.mentions) == ("Kinshasa", [])


def test_an_unknown_document_is_not_found(store: Store) -> None:
    with pytest.raises(NotFound):
        store.record("sha256:" + "f" * 64)
    assert list(store.records()) == []
