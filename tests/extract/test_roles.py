"""Offices and their owners when the text does not say whose (invented texts; the
knowledge base of office holders and the publisher's address decide)."""

from __future__ import annotations

import pytest

from communique.extract import Extractor
from communique.ingest.clean import OffsetMap
from communique.ingest.prepare import PreparedDocument
from communique.model import Document, Record
from communique.settings import Options

pytestmark = pytest.mark.model


def _extract(text: str, language: str, url: str | None = None, title: str | None = None, published: str = "2020-10-16") -> Record:
    document = Document(
        id=Document.id_for(text), source="t.txt", url=url, language=language, title=title, published=published, text=text
    )
    return Extractor(Options(quiet=True)).extract(PreparedDocument(document=document, offsets=OffsetMap(), raw_text=text))


def _owners(record: Record) -> dict[str, str | None]:
    def name(entity_id: str | None) -> str | None:
        return record.entity(entity_id).name if entity_id else None

    return {record.entity(r.person).name: name(r.country) or name(r.organization) for r in record.roles}


def test_a_known_office_holder_serves_their_own_state() -> None:
    text = (
        "La France et les Pays-Bas soutiennent l'objectif climatique. Le Premier ministre Mark Rutte et "
        "le président Emmanuel Macron ont signé la déclaration à Paris."
    )
    owners = _owners(_extract(text, "fr"))
    assert owners["Mark Rutte"] == "Pays-Bas"
    assert owners["Emmanuel Macron"] == "France"


def test_an_office_in_a_government_body_is_the_state_s() -> None:
    text = "White House Homeland Security Advisor Elizabeth Sherwood-Randall traveled to Mexico City."
    record = _extract(text, "en", url="https://www.whitehouse.gov/briefing-room/statements-releases/x/")
    assert _owners(record)["Elizabeth Sherwood-Randall"] == "United States"


def test_the_state_a_speaker_serves_is_added_when_the_text_never_names_it() -> None:
    text = "Merci au ministre Jean-Yves Le Drian pour ces échanges à Amman avec nos amis jordaniens."
    record = _extract(text, "fr")
    france = [e for e in record.entities if e.name == "France"]
    assert len(france) == 1
    assert france[0].mentions == []
    assert _owners(record)["Jean-Yves Le Drian"] == "France"


def test_a_short_form_joins_the_known_full_name() -> None:
    text = "President Trump welcomed King Abdullah II of Jordan to the White House. King Abdullah thanked him."
    record = _extract(text, "en", url="https://www.whitehouse.gov/x/")
    assert [e.name for e in record.entities if e.kind == "person" and "Abdullah" in e.name] == ["Abdullah II"]


def test_a_bare_office_is_its_holder_on_the_day() -> None:
    text = (
        "Vice President Kamala Harris met today with President Ajay Banga of the World Bank. "
        "The Vice President welcomed the new lending framework."
    )
    record = _extract(text, "en", url="https://www.whitehouse.gov/briefing-room/x/", published="2023-06-05")
    harris = [e for e in record.entities if e.name == "Kamala Harris"]
    assert len(harris) == 1
    assert [record.document.text[s:e] for s, e in harris[0].mentions] == ["Kamala Harris", "Vice President"]


def test_a_bare_office_of_a_guest_or_of_another_state_is_not_the_holder() -> None:
    text = (
        "Emmanuel Macron a reçu le Premier ministre arménien. Merci, Monsieur le Premier ministre. "
        "Le président de la République de Turquie a appelé."
    )
    record = _extract(text, "fr", title="Communiqué de la Présidence de la République, le 22 septembre 2020.")
    assert [e.name for e in record.entities if e.kind == "person"] == ["Emmanuel Macron"]
    macron = record.entities[0]
    assert len(macron.mentions) == 1


def test_a_people_s_adjective_before_a_title_names_the_state() -> None:
    record = _extract(
        "Bahraini Foreign Minister Ali Smith met the Secretary on Monday.", "en", url="https://www.whitehouse.gov/x/"
    )
    assert _owners(record) == {"Ali Smith": "Bahrain"}


def test_a_title_glued_to_the_next_name_is_not_an_apposition() -> None:
    text = "Mr. Sullivan met with Prime Minister Benjamin Netanyahu, President Isaac Herzog, and others in Jerusalem."
    record = _extract(text, "en", url="https://www.whitehouse.gov/x/", published="2023-01-19")
    titles = {record.entity(r.person).name: r.title for r in record.roles}
    assert titles["Benjamin Netanyahu"] == "Prime Minister"
    assert titles["Isaac Herzog"] == "President"


def test_a_body_named_only_as_where_things_happen_is_a_place() -> None:
    text = "President Trump met King Abdullah II of Jordan at the White House. They discussed Gaza."
    record = _extract(text, "en", url="https://www.whitehouse.gov/x/", published="2025-02-12")
    white_house = [e for e in record.entities if e.name == "White House"]
    assert [e.kind for e in white_house] == ["place"]


def test_a_city_naming_a_treaty_or_a_minister_s_portfolio_is_no_place() -> None:
    text = "Jean-Yves Le Drian, ministre de l'Europe et des affaires étrangères, a rappelé l'accord de Paris à Berlin."
    record = _extract(text, "fr", published="2020-10-15")
    assert [e.name for e in record.entities if e.kind == "place"] == ["Berlin"]


def test_a_first_lady_is_her_state_s() -> None:
    text = "First Lady Jill Biden sent a personal note of condolence to the people of Türkiye."
    record = _extract(text, "en", url="https://www.whitehouse.gov/briefing-room/2023/02/10/fact-sheet/", published="2023-02-10")
    assert _owners(record).get("Jill Biden") == "United States"


def test_a_surname_after_another_first_name_is_not_propagated_to_the_office_holder() -> None:
    text = (
        "President Biden called President Erdogan on Monday. "
        "First Lady Jill Biden sent a note of condolence to First Lady Emine Erdogan."
    )
    record = _extract(text, "en", url="https://www.whitehouse.gov/briefing-room/2023/02/10/fact-sheet/", published="2023-02-10")
    erdogan = next(e for e in record.entities if e.name == "Recep Tayyip Erdoğan")
    assert len(erdogan.mentions) == 1
