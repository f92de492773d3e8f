"""Gazetteer matching rules (no model)."""

from __future__ import annotations

from communique.kb.gazetteer import find


def _found(text: str) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.entry.id) for m in find(text)]


def test_french_contracted_article_of_a_place() -> None:
    assert _found("Il était hier au Caire, puis à La Haye.") == [("Caire", "place:cairo"), ("La Haye", "place:the_hague")]


def test_full_name_with_its_article_still_matches() -> None:
    assert _found("Le Caire accueille la conférence.") == [("Le Caire", "place:cairo")]


def test_a_territory_is_a_place_not_a_country() -> None:
    kinds = {text[m.start : m.end]: m.entry.kind for text in ["Hong Kong et La Réunion"] for m in find(text)}
    assert kinds == {"Hong Kong": "place", "La Réunion": "place"}


def test_french_lower_case_first_word_of_a_long_name_and_arabic_article() -> None:
    found = _found("Le groupe de Minsk, les forces armées libanaises et al-Qaïda.")
    assert [entry for _, entry in found] == ["osce_minsk_group", "lebanese_armed_forces", "al_qaida"]


def test_a_hyphen_is_a_space_for_names() -> None:
    assert _found("Le G5-Sahel se réunit.") == [("G5-Sahel", "g5_sahel")]


def test_a_short_name_keeps_its_capitals() -> None:
    assert _found("Après la réunion, ils sont partis.") == []


def test_a_state_iso_lacks_is_a_country() -> None:
    assert [(m.entry.id, m.entry.kind) for m in find("Le Kosovo et la Serbie.")] == [
        ("country:XK", "country"),
        ("country:RS", "country"),
    ]


def test_a_slash_pairs_two_names_but_not_a_path() -> None:
    assert [m.how for m in find("commis par l’EIIL/Daech dans le pays")] == ["acronym", "name"]
    assert find("voir www.example.org/Daech") == []
