"""Speeches: the speaker's visit, their meetings in the first person, and several
commitments listed in one sentence (invented texts in the style of official statements)."""

from __future__ import annotations

import pytest

from communique.extract import Extractor
from communique.ingest.clean import OffsetMap
from communique.ingest.prepare import PreparedDocument
from communique.model import Document, Record
from communique.settings import Options

pytestmark = pytest.mark.model


def _extract(text: str, title: str, published: str = "2020-09-24") -> Record:
    document = Document(id=Document.id_for(text), source="speech.txt", language="fr", title=title, published=published, text=text)
    return Extractor(Options(quiet=True)).extract(PreparedDocument(document=document, offsets=OffsetMap(), raw_text=text))


def _names(record: Record, ids: list[str]) -> set[str]:
    return {record.entity(i).name for i in ids}


ABROAD = (
    "Je suis très heureux d'être aujourd'hui ici, à Amman. Je remercie nos amis jordaniens pour leur accueil.\n\n"
    "Avec mon homologue Ayman Safadi, nous avons eu ce matin de longs échanges sur la situation régionale."
)


def test_a_speech_abroad_is_a_visit_by_its_speaker() -> None:
    record = _extract(ABROAD, "Déclaration de M. Jean-Yves Le Drian, ministre, sur la paix, à Amman le 24 septembre 2020.")
    visits = [e for e in record.events if e.type == "visit"]
    assert len(visits) == 1
    visit = visits[0]
    assert "Jean-Yves Le Drian" in _names(record, visit.participants)
    assert visit.date is not None
    assert visit.date.start == "2020-09-24"
    assert visit.location is not None
    assert record.entity(visit.location).name == "Amman"
    meetings = [e for e in record.events if e.type == "meeting"]
    assert meetings
    assert "Jean-Yves Le Drian" in _names(record, meetings[0].participants)


def test_a_speech_at_home_is_no_visit() -> None:
    text = "Je suis très heureux d'être parmi vous à Paris pour ouvrir cette conférence sur le climat avec la France."
    record = _extract(text, "Déclaration de M. Jean-Yves Le Drian, ministre, sur le climat, à Paris le 24 septembre 2020.")
    assert not [e for e in record.events if e.type == "visit"]


def test_several_commitments_in_one_sentence_are_agreements_of_their_own() -> None:
    text = (
        "Nous avons signé aujourd'hui avec la Tunisie des engagements financiers significatifs. "
        "D'abord, un engagement de trois cent cinquante millions d'euros pour appuyer les politiques publiques, "
        "ensuite un engagement plus direct de cent millions d'euros, et enfin la contribution de trente-huit millions "
        "d'euros en prêts, plus un million d'euros de subventions, pour une station d'épuration."
    )
    record = _extract(text, "Déclaration de M. Jean-Yves Le Drian, ministre, sur la Tunisie, à Tunis le 22 octobre 2020.")
    amounts = sorted(tuple(a.value for a in agreement.amounts) for agreement in record.agreements)
    assert amounts == [(38_000_000.0, 1_000_000.0), (100_000_000.0,), (350_000_000.0,)]
