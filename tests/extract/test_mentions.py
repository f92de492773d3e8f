"""Knowledge-base mentions of office holders (no model)."""

from __future__ import annotations

from communique.extract.mentions import kb_mentions


def _people(text: str, language: str = "en") -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.entry.id) for m in kb_mentions(text, language) if m.kind == "person" and m.entry]


def test_a_surname_after_a_title_is_the_office_holder() -> None:
    assert _people("President Biden spoke with Prime Minister Netanyahu.") == [
        ("Biden", "person:us_biden"),
        ("Netanyahu", "person:il_netanyahu"),
    ]


def test_a_surname_after_another_first_name_is_someone_else() -> None:
    assert _people("The President's son Hunter Biden was not there.") == []


def test_a_full_name_is_the_office_holder_whatever_precedes_it() -> None:
    text = "Deputy National Security Advisor for Cyber and Emerging Technologies Anne Neuberger traveled."
    assert [name for name, _ in _people(text)] == ["Anne Neuberger"]


def test_french_forms_of_known_names() -> None:
    assert [name for name, _ in _people("Le président Poutine et M. Erdogan se sont parlé.", "fr")] == ["Poutine", "Erdogan"]


def _countries(text: str) -> list[str]:
    return [text[m.start : m.end] for m in kb_mentions(text, "fr") if m.kind == "country"]


def test_coordinated_adjectives_after_a_word_of_government_are_states() -> None:
    assert _countries("avec les partenaires jordanien, égyptien et allemand") == ["jordanien", "égyptien", "allemand"]


def test_a_capitalised_people_is_its_state_but_an_adjective_alone_is_not() -> None:
    assert _countries("Les Israéliens comme les Palestiniens ; un vin allemand.") == ["Israéliens", "Palestiniens"]
