"""Curation: each change is audited, and curated facts survive re-ingesting and
re-extracting their document."""

from __future__ import annotations

import pytest

from communique.errors import DuplicateFact, InvalidFact, NotFound
from communique.store import FactFilter, Store
from communique.store.curation import CURATOR_VERSION

from tests.store.samples import ENGLISH, english, french, span


def _meeting(store: Store) -> int:
    return store.events(FactFilter(type="meeting")).items[0].id


def test_confirm_reject_and_correct_are_audited_with_who_when_before_after(store: Store) -> None:
    store.save(french())
    fact_id = _meeting(store)
    store.confirm(fact_id, "alice")
    corrected = store.correct(fact_id, {"type": "visit", "cameo": "042"}, "bob")
    assert corrected.status == "corrected"
    assert (corrected.payload["type"], corrected.payload["cameo"]) == ("visit", "042")
    assert corrected.payload["participants"] == _participants(store, fact_id)  # untouched fields kept
    store.reject(fact_id, "carol")
    audit = store.fact(fact_id).audit
    assert [(entry.action, entry.actor) for entry in audit] == [("confirm", "alice"), ("correct", "bob"), ("reject", "carol")]
    assert audit[0].before is not None
    assert audit[0].before["status"] == "extracted"
    assert audit[0].after is not None
    assert audit[0].after["status"] == "confirmed"
    assert audit[1].before is not None
    assert audit[1].before["payload"]["type"] == "meeting"
    assert audit[1].after is not None
    assert audit[1].after["payload"]["type"] == "visit"
    assert audit[2].after is not None
    assert audit[2].after["status"] == "rejected"
    assert all(entry.at.tzinfo is not None for entry in audit)
    assert audit[0].at <= audit[1].at <= audit[2].at


def _participants(store: Store, fact_id: int) -> list[int]:
    return list(store.fact(fact_id).payload["participants"])


def test_rejected_facts_leave_lists_counts_and_records(store: Store) -> None:
    store.save(french())
    fact_id = _meeting(store)
    before = store.stats()["events"]
    store.reject(fact_id, "alice")
    assert store.stats()["events"] == before - 1
    assert fact_id not in [item.id for item in store.events().items]
    assert [item.id for item in store.events(FactFilter(status="rejected")).items] == [fact_id]
    record = next(store.records())
    assert all(event.type != "meeting" for event in record.events)


def test_corrections_are_checked_against_the_contract_and_the_store(store: Store) -> None:
    store.save(french())
    fact_id = _meeting(store)
    with pytest.raises(InvalidFact, match="type"):
        store.correct(fact_id, {"type": "picnic"}, "alice")
    with pytest.raises(InvalidFact, match="unknown entity 9999"):
        store.correct(fact_id, {"participants": [9999]}, "alice")
    with pytest.raises(InvalidFact, match="integers"):
        store.correct(fact_id, {"participants": ["e1"]}, "alice")
    with pytest.raises(InvalidFact, match="colour"):
        store.correct(fact_id, {"colour": "red"}, "alice")
    with pytest.raises(NotFound):
        store.correct(123456, {"type": "visit"}, "alice")
    assert store.fact(fact_id).status == "extracted"
    assert store.fact(fact_id).audit == []


def test_a_fact_added_by_hand_carries_its_evidence_and_shows_in_records(store: Store) -> None:
    store.save(english())
    document_id = english().document.id
    bettel = store.entities(q="bettel").items[0].id
    evidence = span(ENGLISH, "held a dialogue with civil society")
    payload = {"type": "meeting", "plover": "CONSULT", "date": {"start": "2024-07-26", "end": "2024-07-26", "precision": "day"}}
    added = store.add_fact("event", {**payload, "participants": [bettel]}, document_id, [evidence], "dora")
    assert added.status == "added"
    assert added.extractor_version == CURATOR_VERSION
    assert added.evidence[0].spans == [evidence]
    assert added.evidence[0].confidence == 1.0
    assert [entry.action for entry in added.audit] == ["add"]
    assert added.audit[0].before is None
    record = store.record(document_id)
    assert any(event.evidence == evidence and event.confidence == 1.0 for event in record.events)
    with pytest.raises(DuplicateFact, match=str(added.id)):
        store.add_fact("event", {**payload, "participants": [bettel]}, document_id, [evidence], "dora")
    with pytest.raises(InvalidFact, match="within the document"):
        store.add_fact("event", payload, document_id, [(0, 10_000)], "dora")
    with pytest.raises(InvalidFact, match="no document"):
        store.add_fact("event", payload, "sha256:nope", [(0, 1)], "dora")


def test_re_ingesting_a_document_leaves_curated_facts_as_curated(store: Store) -> None:
    store.save(french())
    fact_id = _meeting(store)
    store.correct(fact_id, {"type": "visit"}, "alice")
    assert store.save(french()) is False
    fact = store.fact(fact_id)
    assert (fact.status, fact.payload["type"]) == ("corrected", "visit")


def test_re_extraction_replaces_what_nobody_curated_and_curated_facts_win(store: Store) -> None:
    store.save(french())
    meeting = _meeting(store)
    signing = store.events(FactFilter(type="signing")).items[0].id
    store.correct(meeting, {"cameo": "042"}, "alice")
    store.reject(signing, "alice")
    newer = french()
    newer.events[1] = newer.events[1].model_copy(update={"confidence": 0.99})  # the rejected signing, said again
    newer.roles = newer.roles[:1]  # the new extractor no longer sees Türk's role
    assert store.save(newer, replace=True) is True
    events = store.events(FactFilter(status=None))
    assert [item.id for item in events.items] == [meeting]  # the signing stays rejected, no duplicate appears
    assert store.fact(meeting).payload["cameo"] == "042"
    assert store.fact(meeting).status == "corrected"
    assert len(store.fact(meeting).evidence) == 1
    assert store.fact(signing).status == "rejected"
    assert store.stats()["roles"] == 1
    assert store.stats()["events"] == 1
    again = store.record(french().document.id)
    assert len(again.roles) == 1


def test_a_corrected_fact_gathers_reports_of_both_its_extracted_and_corrected_forms(store: Store) -> None:
    from communique.model import When

    store.save(french())
    meeting = _meeting(store)
    store.correct(meeting, {"date": {"start": "2024-07-25", "end": "2024-07-25", "precision": "day"}}, "alice")
    store.save(english())  # reports the meeting on the 26th, the key the fact was extracted under
    corrected_day = english()
    corrected_day.document = corrected_day.document.model_copy(update={"id": "sha256:" + "3" * 64, "source": "other.html"})
    corrected_day.events[0] = corrected_day.events[0].model_copy(
        update={"date": When(start="2024-07-25", end="2024-07-25", precision="day")}
    )
    store.save(corrected_day)  # reports it on the 25th, the corrected key
    assert store.events(FactFilter(type="meeting")).total == 1
    assert len(store.fact(meeting).evidence) == 3
