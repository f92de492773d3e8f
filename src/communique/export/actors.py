"""What kind of actor an entity is, for the codes event and aid formats need.

Event data codes an actor by its state (ISO 3166 alpha-3) or by a non-state code (PLOVER:
``UNO`` United Nations, ``EUR`` European Union, ``IGO``, ``NGO``), and IATI types an
organisation (OrganisationType: 10 government, 15 other public sector, 21 international
NGO, 40 multilateral, 60 foundation, 90 other). The record only says "organization", so
we look the entity up in the knowledge base (``kb/data``: by Wikidata id, then by name or
acronym) and use the entry's type; an entity the knowledge base lacks is classed by a few
name patterns, else left as "other". A person takes the class of the office the record
gives them (a minister of a country acts for its government)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

import pycountry

from communique.kb.countries import country_by_name
from communique.kb.gazetteer import KbEntry, entries
from communique.model import Entity, Event, Record
from communique.text import fold

ActorClass = Literal["country", "government", "un", "eu", "igo", "ngo", "foundation", "armed_group", "other"]

# knowledge-base entry type → actor class (kb/data/organizations/*.yaml)
_KB_TYPES: dict[str, ActorClass] = {
    "ministry": "government",
    "government_body": "government",
    "legislature": "government",
    "development_agency": "government",
    "development_bank": "government",
    "ifi": "igo",
    "intergovernmental_organization": "igo",
    "regional_organization": "igo",
    "alliance": "igo",
    "forum": "igo",
    "international_court": "igo",
    "ngo": "ngo",
    "red_cross": "ngo",
    "mediation_centre": "ngo",
    "foundation": "foundation",
    "armed_group": "armed_group",
}
# national public bodies that are not the government itself (IATI 15, other public sector)
_PUBLIC_SECTOR = frozenset({"development_agency", "development_bank"})

# names the knowledge base lacks, in the languages communique reads (folded: no accents, lower case)
_NAME_PATTERNS: tuple[tuple[ActorClass, re.Pattern[str]], ...] = (
    ("un", re.compile(r"\b(nations unies|united nations|naciones unidas|vereinten nationen|onu|uno)\b|^un\b")),
    ("eu", re.compile(r"\b(union europeenne|european union|commission europeenne|european commission|europaische union)\b")),
    ("foundation", re.compile(r"\b(fondation|foundation|stiftung|fundacion)\b")),
    ("ngo", re.compile(r"\b(ong|ngo|croix-rouge|red cross|croissant-rouge|red crescent)\b")),
    ("government", re.compile(r"\b(ministere|ministry|ministerium|gouvernement|government|department of)\b")),
    (
        "igo",
        re.compile(r"\b(organisation internationale|international organi[sz]ation|intergouvernementale|intergovernmental)\b"),
    ),
)

_PLOVER_CODES: dict[ActorClass, str] = {"un": "UNO", "eu": "EUR", "igo": "IGO", "ngo": "NGO", "foundation": "NGO"}
_IATI_TYPES: dict[ActorClass, str] = {
    "country": "10",
    "government": "10",
    "un": "40",
    "eu": "40",
    "igo": "40",
    "ngo": "21",
    "foundation": "60",
    "armed_group": "90",
    "other": "90",
}


@dataclass(frozen=True)
class Actor:
    """An entity's class, the state it belongs to (ISO alpha-2) and, for a person, the
    office the record gives them."""

    actor_class: ActorClass
    alpha2: str | None = None
    office: str | None = None
    public_sector: bool = False
    legislature: bool = False

    @property
    def alpha3(self) -> str | None:
        return alpha3_of(self.alpha2) if self.alpha2 else None

    @property
    def plover_code(self) -> str | None:
        """PLOVER's country or non-state code (SUMMARY.md §4), or None when unknown."""
        if self.actor_class in ("country", "government"):
            return self.alpha3
        return _PLOVER_CODES.get(self.actor_class)

    @property
    def plover_sector(self) -> str | None:
        """``GOV`` for a government and the people holding its offices, ``LEG`` for a
        legislature, ``REB`` for an armed group; None otherwise."""
        if self.legislature:
            return "LEG"
        if self.actor_class == "government":
            return "GOV"
        return "REB" if self.actor_class == "armed_group" else None

    @property
    def iati_type(self) -> str:
        """IATI OrganisationType code (see the module docstring)."""
        if self.public_sector:
            return "15"
        return _IATI_TYPES[self.actor_class]


@cache
def alpha3_of(alpha2: str) -> str | None:
    """ISO 3166 alpha-3 of an alpha-2 code."""
    country = pycountry.countries.get(alpha_2=alpha2)
    return str(country.alpha_3) if country is not None else None


def country_name(alpha2: str) -> str | None:
    """The English ISO 3166 name of a country."""
    country = pycountry.countries.get(alpha_2=alpha2)
    return str(country.name) if country is not None else None


@dataclass(frozen=True)
class _KbIndex:
    by_qid: dict[str, KbEntry]
    by_name: dict[str, KbEntry]
    by_acronym: dict[str, KbEntry]


@cache
def _kb_index() -> _KbIndex:
    by_qid: dict[str, KbEntry] = {}
    by_name: dict[str, KbEntry] = {}
    by_acronym: dict[str, KbEntry] = {}
    # entries with a Wikidata id first, so a shared name goes to the better-known entry
    for entry in sorted(entries().values(), key=lambda e: (e.qid is None, e.id)):
        if entry.qid:
            by_qid.setdefault(entry.qid, entry)
        for name in entry.all_names():
            if name in entry.acronyms:
                by_acronym.setdefault(name, entry)
            else:
                by_name.setdefault(fold(name), entry)
    return _KbIndex(by_qid, by_name, by_acronym)


def _kb_entry(entity: Entity) -> KbEntry | None:
    index = _kb_index()
    if entity.ref and entity.ref in index.by_qid:
        return index.by_qid[entity.ref]
    for name in entity.names():
        entry = index.by_name.get(fold(name)) or index.by_acronym.get(name)
        if entry is not None and (entry.kind == entity.kind or entity.kind in ("organization", "programme")):
            return entry
    return None


def country_code(entity: Entity) -> str | None:
    """ISO alpha-2 of a country entity, by Wikidata id or by any of its names."""
    entry = _kb_entry(entity)
    if entry is not None and entry.kind == "country" and entry.country:
        return entry.country
    for name in entity.names():
        country = country_by_name(name)
        if country is not None:
            return country.alpha2
    return None


def place_country(entity: Entity) -> str | None:
    """ISO alpha-2 of the country a place or country entity lies in, when known."""
    if entity.kind == "country":
        return country_code(entity)
    entry = _kb_entry(entity)
    return entry.country if entry is not None else None


def _by_name(entity: Entity) -> ActorClass:
    for name in entity.names():
        folded = fold(name)
        for actor_class, pattern in _NAME_PATTERNS:
            if pattern.search(folded):
                return actor_class
    return "other"


def _organization(entity: Entity) -> Actor:
    entry = _kb_entry(entity)
    if entry is None or entry.kind == "place":
        return Actor(_by_name(entity))
    if entry.kind == "country":
        return Actor("country", entry.country)
    if entry.type.startswith("un_"):
        return Actor("un")
    if entry.type.startswith("eu_"):
        return Actor("eu")
    actor_class = _KB_TYPES.get(entry.type) or _by_name(entity)
    return Actor(
        actor_class,
        entry.country,
        public_sector=entry.type in _PUBLIC_SECTOR,
        legislature=entry.type == "legislature",
    )


def _person(entity: Entity, record: Record) -> Actor:
    entities = {e.id: e for e in record.entities}
    for role in record.roles:
        if role.person != entity.id:
            continue
        if role.organization in entities:
            held = classify(entities[role.organization], record)
            if held.actor_class != "other":
                return Actor(held.actor_class, held.alpha2, office=role.title, legislature=held.legislature)
        if role.country in entities:
            return Actor("government", country_code(entities[role.country]), office=role.title)
        return Actor("other", office=role.title)
    return Actor("other")


def classify(entity: Entity, record: Record) -> Actor:
    """The actor an entity of ``record`` stands for (see the module docstring)."""
    if entity.kind == "country":
        return Actor("country", country_code(entity))
    if entity.kind == "person":
        return _person(entity, record)
    if entity.kind == "place":
        return Actor("other", place_country(entity))
    return _organization(entity)


def event_sides(event: Event, record: Record) -> list[Entity]:
    """An event's distinct participants in order, without the country or organisation a
    participating person holds office in: the minister already stands for the state, and
    coding both would make the state meet its own minister."""
    by_id = {entity.id: entity for entity in record.entities}
    present = [by_id[i] for i in dict.fromkeys(event.participants) if i in by_id]
    ids = {entity.id for entity in present}
    represented = {
        held for role in record.roles if role.person in ids for held in (role.organization, role.country) if held is not None
    }
    return [entity for entity in present if entity.id not in represented]
