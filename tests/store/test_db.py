from __future__ import annotations

from pathlib import Path

from communique.model import Document, Entity, Event, Record, Role
from communique.store import Store


def _record(text: str, person: str = "Xavier Bettel") -> Record:
    document = Document(id=Document.id_for(text), source="a.txt", language="fr", text=text)
    return Record(
        document=document,
        entities=[
            Entity(id="e1", kind="person", name=person, aliases=["Bettel"], mentions=[(0, len(person))]),
            Entity(id="e2", kind="country", name="Luxembourg", ref="Q32", mentions=[(0, 3)]),
        ],
        roles=[Role(person="e1", title="ministre", country="e2", evidence=(0, 5))],
        events=[
            Event(
                id="ev1",
                type="meeting",
                plover="CONSULT",
                cameo="040",
                participants=["e1", "e2"],
                evidence=(0, 5),
                confidence=0.9,
            )
        ],
    )


def test_saving_twice_changes_nothing(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'db' / 'c.db'}")
    record = _record("Xavier Bettel a rencontré le Luxembourg.")
    assert store.save(record) is True
    first = store.stats()
    assert store.save(record) is False
    assert (
        store.stats()
        == first
        == {
            "documents": 1,
            "entities": 2,
            "roles": 1,
            "events": 1,
            "agreements": 0,
            "programmes": 0,
        }
    )
    store.close()


def test_entities_merge_across_documents_by_ref_or_name(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'c.db'}")
    store.save(_record("Premier texte, Xavier Bettel."))
    store.save(_record("Second texte, XAVIER BETTEL.", person="Xavier  Bettel"))
    assert store.stats()["documents"] == 2
    assert store.stats()["entities"] == 2
    store.close()


def test_sqlite_store_uses_wal(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'c.db'}")
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    store.close()
