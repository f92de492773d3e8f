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
