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


def _extract_as(text: str, title: str, language: str = "fr", url: str | None = None, published: str = "2020-10-14") -> Record:
    document = Document(
        id=Document.id_for(text), source="t.txt", url=url, language=language, title=title, published=published, text=text
    )
    return Extractor(Options(quiet=True)).extract(PreparedDocument(document=document, offsets=OffsetMap(), raw_text=text))


def test_a_one_party_sentence_of_a_joint_statement_binds_its_other_author() -> None:
    title = "Communiqué conjoint de la République française et de la République de Colombie, sur l'accord, le 14 octobre 2020."
    text = (
        "La France et la Colombie se félicitent de l'entrée en vigueur de l'accord.\n\n"
        "Cette déclaration interprétative signée par la France le 5 août 2020 précise les dispositions de l'Accord."
    )
    record = _extract_as(text, title)
    signed = [a for a in record.agreements if a.signed == "2020-08-05"]
    assert len(signed) == 1
    assert _names(record, signed[0].parties) == {"France", "Colombie"}


def test_the_entry_into_force_of_an_agreement_told_before_is_that_agreement() -> None:
    text = (
        "L'Accord sur les investissements entre la France et la Colombie a été signé à Bogota le 10 juillet 2014.\n\n"
        "La Cour a conseillé au président de la Colombie d'adopter une déclaration avant l'entrée en vigueur de l'Accord."
    )
    assert len(_extract(text).agreements) == 1


def test_a_state_and_its_own_agency_give_to_the_partner_the_speech_is_about() -> None:
    title = "Déclaration de M. Jean-Yves Le Drian, ministre, sur Madagascar, à Paris le 14 octobre 2020."
    text = (
        "Madagascar traverse une crise. Madagascar a besoin de soutien. Les autorités de Madagascar agissent.\n\n"
        "Enfin, nous sommes également engagés à travers le plan porté par l'Agence française de développement "
        "pour un total de 7 millions d'euros."
    )
    record = _extract_as(text, title)
    assert len(record.agreements) == 1
    assert "Madagascar" in _names(record, record.agreements[0].parties)


def test_a_sum_given_since_a_recent_month_is_a_commitment_but_a_total_since_a_year_is_not() -> None:
    recent = _extract(
        "Depuis février, la France a versé 10 millions d'euros au Mali, et versera 5 millions d'ici la fin de l'année."
    )
    assert recent.agreements
    assert _extract("Depuis 2016, la France a versé au total 10 millions d'euros au Mali.").agreements == []


def test_projects_between_our_two_countries_bind_the_speaking_state_and_its_partner() -> None:
    text = (
        "Australia and the United States are close allies. Australia is a partner. Australia welcomed the plan.\n\n"
        "The Export-Import Bank of the United States is issuing letters of interest for more than $2.2 billion in "
        "financing to advance critical minerals projects between our two countries."
    )
    record = _extract_as(text, "Fact Sheet", "en", "https://www.whitehouse.gov/fact-sheets/2025/10/deals/", "2025-10-20")
    assert len(record.agreements) == 1
    assert {"Australia", "Export-Import Bank of the United States"} <= _names(record, record.agreements[0].parties)
