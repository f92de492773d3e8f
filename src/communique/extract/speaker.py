"""The speaker of a speech, and where it was given, from the document's title.

Collections of official statements title a speech "Déclaration de M. Jean-Yves Le Drian,
ministre de l'Europe et des affaires étrangères, sur …, à Amman le 24 septembre 2020." and
"Remarks by President Biden at …"; the text itself then says "je" and "nous". The speaker
is the actor of those sentences ("les échanges que nous avons eus ce matin avec …"), and
the place of the title is where the speaker stands ("je suis heureux d'être ici")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from communique.extract.work import known_entity
from communique.kb.gazetteer import KbEntry, find
from communique.model import Entity
from communique.text import fold

_SPEECH = (
    r"(?:extraits?\s+d['’]\s*(?:une?\s+|la\s+|le\s+)?)?"
    r"(?:déclaration|conférence de presse|discours|entretien|interview|allocution|point de presse|intervention|"
    r"réponse|propos|message|tribune)"
)
_SPEECH_TITLE_FR = re.compile(
    rf"^\s*{_SPEECH}\b[^,]{{0,60}}?\bde\s+(?:M\.|Mme|Mlle)\s*(?P<name>[A-ZÀ-Þ][^,]{{2,60}}?)\s*,", re.IGNORECASE
)
_SPEECH_TITLE_EN = re.compile(
    r"^\s*(?:[Rr]emarks|[Ss]tatement|[Aa]ddress|[Oo]p-[Ee]d)\s+(?:[Aa]s\s+[Pp]repared\s+for\s+[Dd]elivery\s+)?by\s+(?:the\s+)?"
    r"(?:President|Vice President|First Lady|Second Gentleman|Secretary(?:\s+of\s+State)?|Ambassador)\s+"
    r"(?P<name>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})"
)
# "…, à Amman le 24 septembre 2020.", "…, Le Caire le 8 novembre 2020."
_TITLE_PLACE = re.compile(
    r"(?:,|\s)\s*(?:(?:à|au|aux|en|in|at)\s+)?(?P<place>(?:l['’]|la\s+|le\s+)?(?P<bare>[A-ZÀ-Þ][\w'’ -]{1,40}?))\s*,?\s+"
    r"(?:le|on)\s+\d{1,2}(?:er)?\s+\w+\s+\d{4}\s*\.?\s*$"
)


@dataclass(frozen=True)
class Speech:
    speaker: str  # entity id
    place: str | None  # entity id of the place the title gives, when the text names it
    added: Entity | None  # the speaker's entity when the text never names them


def _speaker_name(title: str) -> str | None:
    match = _SPEECH_TITLE_FR.match(title) or _SPEECH_TITLE_EN.match(title)
    return match.group("name").strip() if match else None


def _same_person(name: str, entity: Entity) -> bool:
    """The title's full name against a person of the text, by full name or by surname."""
    wanted = fold(name).split()
    for known in map(fold, entity.names()):
        words = known.split()
        if known == " ".join(wanted) or (words and len(words) < len(wanted) and wanted[-len(words) :] == words):
            return True
    return False


def _known_person(name: str) -> KbEntry | None:
    matches = find(name)
    if len(matches) == 1 and matches[0].entry.kind == "person" and matches[0].end - matches[0].start == len(name):
        return matches[0].entry
    return None


def find_speech(title: str | None, entities: list[Entity], language: str) -> tuple[Speech, KbEntry | None] | None:
    """The speech a title announces, with the knowledge-base entry of a speaker the text
    does not name; None when the title announces no single speaker's words."""
    name = _speaker_name(title or "")
    if name is None:
        return None
    assert title is not None
    place = _title_place(title, entities)
    for entity in entities:
        if entity.kind == "person" and _same_person(name, entity):
            return Speech(entity.id, place, None), None
    entry = _known_person(name)
    entity_id = f"e{len(entities) + 1}"
    if entry is not None:
        added = known_entity(entry, entity_id, language)
    else:
        added = Entity(id=entity_id, kind="person", name=name, aliases=[], mentions=[])
    return Speech(added.id, place, added), entry


def _title_place(title: str, entities: list[Entity]) -> str | None:
    match = _TITLE_PLACE.search(title)
    if match is None:
        return None
    # "Le Caire" in the title is "au Caire" in the text
    place = {fold(match.group("place")), fold(match.group("bare"))}
    for entity in entities:
        if entity.kind in ("place", "country") and place & {fold(n) for n in entity.names()}:
            return entity.id
    return None
