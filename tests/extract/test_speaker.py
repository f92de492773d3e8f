"""The speaker of a speech and its place, from titles (no model: hand-built entities)."""

from __future__ import annotations

import pytest

from communique.extract.speaker import _speaker_name, find_speech
from communique.model import Entity

LE_DRIAN_AMMAN = (
    "Déclaration de M. Jean-Yves Le Drian, ministre de l'Europe et des affaires étrangères, "
    "sur le processus de paix au Proche-Orient, à Amman le 24 septembre 2020."
)


@pytest.mark.parametrize(
    ("title", "name"),
    [
        (LE_DRIAN_AMMAN, "Jean-Yves Le Drian"),
        ("Extraits d'une déclaration de M. Jean-Yves Le Drian, ministre, à Paris le 15 septembre 2020.", "Jean-Yves Le Drian"),
        ("Conférence de presse de Mme Catherine Colonna, ministre, Le Caire le 8 novembre 2022.", "Catherine Colonna"),
        ("Remarks by President Biden at the Summit for Democracy", "Biden"),
        ("Communiqué conjoint des ministres des affaires étrangères du Small Group sur la Syrie, le 22 octobre 2020.", None),
        ("Déclaration de la France, de la Lituanie et de la Lettonie sur la protection des démocraties.", None),
        ("Readout of President Biden's Meeting with Prime Minister Kishida", None),
    ],
)
def test_speaker_named_by_the_title(title: str, name: str | None) -> None:
    assert _speaker_name(title) == name


def _entity(entity_id: str, kind: str, name: str, *aliases: str) -> Entity:
    return Entity(id=entity_id, kind=kind, name=name, aliases=list(aliases), mentions=[(0, 1)])  # type: ignore[arg-type]


def test_speaker_named_in_the_text_and_the_place_of_the_title() -> None:
    entities = [_entity("e1", "person", "Le Drian"), _entity("e2", "place", "Amman"), _entity("e3", "person", "Ayman")]
    found = find_speech(LE_DRIAN_AMMAN, entities, "fr")
    assert found is not None
    speech, entry = found
    assert (speech.speaker, speech.place, speech.added, entry) == ("e1", "e2", None, None)


def test_place_written_with_its_article() -> None:
    entities = [_entity("e1", "place", "Le Caire", "Caire")]
    found = find_speech("Conférence de presse de M. Jean Dupont, ministre, Le Caire le 8 novembre 2020.", entities, "fr")
    assert found is not None
    assert found[0].place == "e1"


def test_speaker_the_text_never_names_is_added_without_mentions() -> None:
    found = find_speech(LE_DRIAN_AMMAN, [_entity("e1", "country", "Jordanie")], "fr")
    assert found is not None
    speech, _entry = found
    assert speech.added is not None
    assert speech.speaker == speech.added.id == "e2"
    assert speech.added.kind == "person"
    assert speech.added.mentions == []
    assert speech.place is None  # Amman is not named in the text


def test_no_title_no_speech() -> None:
    assert find_speech(None, [], "fr") is None
