"""Who receives money a sentence commits, and what it is for, read from the words around
the sum: "a $19.5 million loan to Destino Desarollos" names a recipient the recogniser may
not know (a company: it becomes an organization of the record); "to launch the Young
Women's Empowerment Initiative" names a purpose, not a party."""

from __future__ import annotations

import re
from dataclasses import dataclass

from communique.extract.work import Work
from communique.model import Entity

# a name: capitalised words, with the small words names carry inside ("Banco de la Nación")
_WORD = r"[A-ZÀ-Þ][\w&'’.]*(?:-[A-ZÀ-Þ][\w&'’.]*)*(?![\w-])"
_NAME = rf"{_WORD}(?:\s+(?:(?:de|del|de la|des|du|of|and|&|y)\s+)?{_WORD}){{0,5}}"
_RECIPIENT = {
    "en": re.compile(
        rf"\b(?:loans?|grants?|guarant(?:y|ee)s?(?: facility)?|financing|investments?|funding|equity|facility)"
        rf"\s+(?:to|for)\s+(?P<name>{_NAME})|\bprojects?\s+with\s+(?P<partner>{_NAME})"
    ),
    "fr": re.compile(
        rf"\b(?:prêts?|subventions?|dons?|financements?|garanties?)(?:\s+[\w'’]+){{0,6}}?"
        rf"\s+(?:à|au|en faveur de)\s+(?P<name>{_NAME})"
    ),
}
_CUT = re.compile(r"-|\s+(?:and|et)\s+[a-zA-Z]")
_ALSO_KNOWN = re.compile(r"\s*\((?P<alias>[A-ZÀ-Þ][^()]{1,60})\)")
_LAUNCHED = {
    "en": re.compile(r"\bto (?:launch|establish|create|set up|start)\s+(?:the|a|an)\s+"),
    "fr": re.compile(r"\bpour (?:lancer|créer|mettre en place|établir)\s+(?:le|la|l['’]|les|un|une)\s*"),
}


@dataclass(frozen=True)
class Beneficiaries:
    """The recipients a sentence names (entity ids, some added to the record), and the
    programmes it launches as purposes (entity ids and phrases)."""

    recipients: list[str]
    launched: list[str]
    purposes: list[str]


def beneficiaries(work: Work, span: tuple[int, int]) -> Beneficiaries:
    language = work.record.document.language if work.record.document.language in _RECIPIENT else "en"
    text = work.record.document.text
    recipients: list[str] = []
    for match in _RECIPIENT[language].finditer(text, *span):
        group = "name" if match.group("name") else "partner"
        entity_id = _entity_at(work, match.start(group), match.end(group))
        if entity_id is not None and entity_id not in recipients:
            recipients.append(entity_id)
    launched: list[str] = []
    purposes: list[str] = []
    for match in _LAUNCHED[language].finditer(text, *span):
        found = next(((s, e, eid) for (s, e), eid in sorted(work.mentions.items()) if s == match.end()), None)
        if found is not None and work.record.entity(found[2]).kind == "programme":
            launched.append(found[2])
            purposes.append(text[match.start() + len(match.group(0).split()[0]) + 1 : found[1]])
    return Beneficiaries(recipients, launched, purposes)


def _entity_at(work: Work, start: int, end: int) -> str | None:
    """The entity named at ``text[start:end]``: one the record has there, else a new
    organization under that name, with the name in brackets after it as an alias."""
    for (s, e), entity_id in list(work.mentions.items()):
        if s < end and start < e:
            kind = work.record.entity(entity_id).kind
            if kind in ("organization", "programme", "country"):
                return entity_id
            if not (start < s or e < end) or not _release(work, (s, e)):
                return None  # a place or person named alone is no recipient here
    text = work.record.document.text
    if text[end - 1] == "." and len(text[start:end].split()[-1]) > 4:
        end -= 1  # the full stop of the sentence, not of "Inc."
    name = text[start:end]
    if len(name.split()) < 2 and not name.isupper():
        return None  # a single capitalised word after "to" is too often no name at all
    if _CUT.match(text, end):
        return None  # "loans to AA and NHPI-owned businesses": part of a longer phrase
    alias = _ALSO_KNOWN.match(text, end)
    entity = Entity(
        id=work.new_entity_id(),
        kind="organization",
        name=name,
        aliases=[alias.group("alias")] if alias else [],
        ref=None,
        mentions=[(start, end)],
    )
    work.record.entities.append(entity)
    work.mentions[(start, end)] = entity.id
    return entity.id


def _release(work: Work, span: tuple[int, int]) -> bool:
    """Give up a place found inside a longer name ("Atlantic" in "Agro Atlantic"); an
    entity left without mentions, that no fact uses, leaves the record."""
    entity = work.record.entity(work.mentions[span])
    record = work.record
    used = {p for e in record.events for p in (*e.participants, e.location)} | {r.person for r in record.roles}
    if entity.kind != "place" or (len(entity.mentions) == 1 and entity.id in used):
        return False
    del work.mentions[span]
    entity.mentions = [m for m in entity.mentions if m != span]
    if not entity.mentions:
        record.entities = [e for e in record.entities if e.id != entity.id]
        work.kb_entries.pop(entity.id, None)
    return True
