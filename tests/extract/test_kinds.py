"""The recogniser's kinds checked against the words around a name (no model)."""

from __future__ import annotations

from communique.extract.kinds import checked_kind, listed_kinds
from communique.model import EntityKind


def _kind(text: str, name: str, kind: EntityKind, language: str = "en") -> EntityKind | None:
    start = text.index(name)
    return checked_kind(text, start, start + len(name), kind, language)


def test_a_town_after_in_is_a_place() -> None:
    assert _kind("the kidnapping of four citizens in Matamoros, which", "Matamoros", "organization") == "place"


def test_towns_listed_after_cities_of_are_places() -> None:
    text = "the secondary cities of Quetzaltenango, Coban, and Fraijanes, which have"
    assert _kind(text, "Fraijanes", "organization") == "place"
    assert _kind(text, "Coban", "person") == "place"


def test_a_name_qualifying_a_noun_is_no_town() -> None:
    assert _kind("communities in Federal statistical systems", "Federal", "organization") == "organization"


def test_an_unknown_name_after_in_keeps_its_kind() -> None:
    assert _kind("investments in Ascenda, which", "Ascenda", "organization") == "organization"


def test_a_site_is_a_place() -> None:
    assert _kind("sent to Incirlik Airbase on Monday", "Incirlik Airbase", "organization") == "place"
    assert _kind("pour la station de Bejaoua qui va", "Bejaoua", "person", "fr") == "place"


def test_a_person_after_the_is_no_name_in_english() -> None:
    assert _kind("astronauts will return to the Moon.", "Moon", "person") is None


def test_people_listed_among_bodies_are_bodies() -> None:
    text = "partners include the Argidius Foundation, IDC-Alterna, Pomona Impact, Ascenda, and Valhalla Capital."
    names = ["Argidius Foundation", "IDC-Alterna", "Pomona Impact", "Ascenda", "Valhalla Capital"]
    kinds: list[EntityKind] = ["organization", "organization", "person", "person", "organization"]
    spans = [(text.index(n), text.index(n) + len(n), k, False) for n, k in zip(names, kinds, strict=True)]
    assert listed_kinds(spans, text) == ["organization"] * 5


def test_a_person_known_for_sure_stays_in_a_list_of_bodies() -> None:
    text = "with the Argidius Foundation, IDC-Alterna, Joe Biden and Valhalla Capital."
    names = ["Argidius Foundation", "IDC-Alterna", "Joe Biden", "Valhalla Capital"]
    kinds: list[EntityKind] = ["organization", "organization", "person", "organization"]
    spans = [(text.index(n), text.index(n) + len(n), k, n == "Joe Biden") for n, k in zip(names, kinds, strict=True)]
    assert listed_kinds(spans, text)[2] == "person"


def test_names_not_in_one_list_keep_their_kinds() -> None:
    text = "Ascenda met the Argidius Foundation. Later IDC-Alterna spoke."
    names = ["Ascenda", "Argidius Foundation", "IDC-Alterna"]
    kinds: list[EntityKind] = ["person", "organization", "organization"]
    spans = [(text.index(n), text.index(n) + len(n), k, False) for n, k in zip(names, kinds, strict=True)]
    assert listed_kinds(spans, text) == kinds
