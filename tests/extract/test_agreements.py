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


def _names(record: Record, ids: list[str]) -> set[str]:
    return {record.entity(i).name for i in ids}


def test_two_states_agreeing_conclude_an_agreement_without_naming_an_instrument() -> None:
    record = _extract("L'Allemagne et la France sont convenues d'améliorer la coopération dans le domaine spatial.")
    assert len(record.agreements) == 1
    assert _names(record, record.agreements[0].parties) == {"Allemagne", "France"}


def test_one_state_agreeing_to_something_concludes_nothing() -> None:
    assert _extract("La France est convenue d'étudier la question avec attention.").agreements == []


def test_a_joint_sum_after_a_signed_framework_is_its_money() -> None:
    text = (
        "Le président français et le Premier ministre australien ont signé un cadre de partenariat stratégique.\n\n"
        "La France et l'Australie investiront ensemble trois milliards d'euros dans des projets miniers."
    )
    record = _extract(text)
    assert len(record.agreements) == 1
    assert [a.value for a in record.agreements[0].amounts] == [3_000_000_000]


def test_an_estimated_value_is_no_money_committed() -> None:
    text = (
        "La France versera 30 millions d'euros au Mali pour des projets miniers, dont les ressources sont estimées "
        "à 500 millions d'euros."
    )
    record = _extract(text)
    assert [a.value for agreement in record.agreements for a in agreement.amounts] == [30_000_000]


def test_a_text_signed_by_three_states_is_an_agreement_between_them() -> None:
    text = "C'est la force de ce texte que nous signons à trois – Lettonie, Lituanie et France – de protéger nos démocraties."
    record = _extract(text)
    assert len(record.agreements) == 1
    assert {"Lettonie", "Lituanie", "France"} <= _names(record, record.agreements[0].parties)


def test_an_effort_of_solidarity_with_a_sum_is_a_commitment() -> None:
    record = _extract("C'est au total un effort de solidarité de la France de 150 millions d'euros en faveur du Mali.")
    assert [a.value for agreement in record.agreements for a in agreement.amounts] == [150_000_000]
