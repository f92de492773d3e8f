"""Agreements told over several sentences (invented text in the style of a joint
communiqué)."""

from __future__ import annotations

import pytest

from communique.extract import Extractor
from communique.ingest.clean import OffsetMap
from communique.ingest.prepare import PreparedDocument
from communique.model import Document, Record
from communique.settings import Options

pytestmark = pytest.mark.model


def _extract(text: str) -> Record:
    document = Document(id=Document.id_for(text), source="t.txt", language="fr", published="2020-10-14", text=text)
    return Extractor(Options(quiet=True)).extract(PreparedDocument(document=document, offsets=OffsetMap(), raw_text=text))


def test_later_sentences_about_the_agreement_are_that_agreement() -> None:
    text = (
        "L'Accord sur la protection des investissements entre la France et la Colombie a été signé à Bogota le "
        "10 juillet 2014.\n\n"
        "Le Parlement français l'a ratifié en 2016. La Cour constitutionnelle de Colombie a ensuite examiné le texte.\n\n"
        "L'Accord est entré en vigueur le 14 octobre 2020, après des années de procédure.\n\n"
        "Cette déclaration interprétative signée le 5 août 2020 par la France et la Colombie précise l'Accord."
    )
    record = _extract(text)
    signed = sorted(a.signed or "" for a in record.agreements)
    assert signed == ["2014-07-10", "2020-08-05"]
    first = next(a for a in record.agreements if a.signed == "2014-07-10")
    assert len(first.evidence) >= 2  # the entry into force is told of the same agreement
