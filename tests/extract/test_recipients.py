"""Recipients and purposes of committed money (no model: a blank parse, entities by hand)."""

from __future__ import annotations

import spacy

from communique.extract.recipients import beneficiaries
from communique.extract.work import Work
from communique.model import Document, Entity, EntityKind, Record


def _work(text: str, named: dict[str, EntityKind]) -> Work:
    doc = spacy.blank("en")(text)
    document = Document(id=Document.id_for(text), source="t", language="en", text=text)
    work = Work(record=Record(document=document), doc=doc)
    for number, (name, kind) in enumerate(named.items(), start=1):
        start = text.index(name)
        entity = Entity(id=f"e{number}", kind=kind, name=name, aliases=[], ref=None, mentions=[(start, start + len(name))])
        work.record.entities.append(entity)
        work.mentions[(start, start + len(name))] = entity.id
    return work


def test_a_company_lent_to_becomes_an_organization_with_its_translation() -> None:
    text = "DFC will provide a $19.5 million loan to Destino Desarollos (Destiny Developments) to help build homes."
    work = _work(text, {"DFC": "organization"})
    given = beneficiaries(work, (0, len(text)))
    assert len(given.recipients) == 1
    recipient = work.record.entity(given.recipients[0])
    assert (recipient.kind, recipient.name, recipient.aliases) == ("organization", "Destino Desarollos", ["Destiny Developments"])


def test_a_place_inside_a_company_name_gives_way() -> None:
    text = "DFC will seek to invest $6 million in a project with Agro Atlantic that will expand a plantation."
    work = _work(text, {"DFC": "organization", "Atlantic": "place"})
    given = beneficiaries(work, (0, len(text)))
    assert [work.record.entity(r).name for r in given.recipients] == ["Agro Atlantic"]
    assert "Atlantic" not in [e.name for e in work.record.entities]


def test_a_known_recipient_is_the_entity_the_record_has() -> None:
    text = "The Bank will provide a $50 million loan to Ukraine for its energy grid."
    work = _work(text, {"Ukraine": "country"})
    assert beneficiaries(work, (0, len(text))).recipients == ["e1"]
    assert len(work.record.entities) == 1


def test_part_of_a_longer_phrase_is_no_recipient() -> None:
    text = "The Office has provided 70 loans to AA and NHPI-owned small businesses."
    work = _work(text, {})
    assert beneficiaries(work, (0, len(text))).recipients == []
    assert work.record.entities == []


def test_a_programme_launched_is_a_purpose_not_a_party() -> None:
    text = "USAID will provide up to $40 million over three years to launch the Young Women's Empowerment Initiative."
    work = _work(text, {"USAID": "organization", "Young Women's Empowerment Initiative": "programme"})
    given = beneficiaries(work, (0, len(text)))
    assert given.launched == ["e2"]
    assert given.purposes == ["launch the Young Women's Empowerment Initiative"]
