"""The knowledge base as one gazetteer: organizations, programmes, countries, places and
office holders, each with its names per language, acronyms and Wikidata id, loaded from
the YAML files in ``kb/data/`` and matched in one pass over a text with an Aho-Corasick
automaton."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, Literal

import ahocorasick
import yaml

from communique.kb.countries import countries

Kind = Literal["person", "organization", "country", "place", "programme"]
MatchHow = Literal["name", "acronym", "adjective"]


@dataclass(frozen=True)
class Office:
    """An office an office holder held: its titles folded (English and French), from and
    to as "YYYY" or "YYYY-MM" (to None: still held)."""

    titles: frozenset[str]
    start: str
    end: str | None

    def held_on(self, day: str) -> bool:
        return day[: len(self.start)] >= self.start and (self.end is None or day[: len(self.end)] <= self.end)


@dataclass(frozen=True)
class KbEntry:
    """One real body, programme, country or place."""

    id: str
    kind: Kind
    type: str
    qid: str | None
    names: dict[str, tuple[str, ...]]  # language → names, official first
    acronyms: tuple[str, ...] = ()
    adjectives: dict[str, tuple[str, ...]] = field(default_factory=dict)
    parent: str | None = None
    country: str | None = None  # ISO alpha-2 of the state a national body or place belongs to
    offices: tuple[Office, ...] = ()  # an office holder's

    def name(self, language: str) -> str:
        """The canonical name in ``language`` (else English, else any)."""
        for code in (language, "en", "fr", *self.names):
            if self.names.get(code):
                return self.names[code][0]
        return self.acronyms[0] if self.acronyms else self.id

    def state_body_of(self) -> str | None:
        """ISO code of the state whose own body this is (a ministry, the White House)."""
        return self.country if self.type in ("government_body", "ministry") else None

    def all_names(self) -> list[str]:
        seen: dict[str, None] = {}
        for names in self.names.values():
            seen.update(dict.fromkeys(names))
        seen.update(dict.fromkeys(self.acronyms))
        return list(seen)


@dataclass(frozen=True)
class KbMatch:
    start: int
    end: int
    entry: KbEntry
    how: MatchHow


_FOLD_CACHE: dict[str, str] = {}


def fold_char(char: str) -> str:
    """One character's match form: lower case, no accent, unified apostrophes, dashes and
    spaces; always one character, so that offsets survive folding."""
    folded = _FOLD_CACHE.get(char)
    if folded is None:
        base = unicodedata.normalize("NFD", char)[0].lower()
        if char in "’‘ʼ`´":
            base = "'"
        elif char in "-‐‑‒–—−":
            base = " "  # "G5-Sahel" is "G5 Sahel", "Jean-Yves" is "Jean Yves"
        elif char.isspace():
            base = " "
        folded = base if len(base) == 1 else char
        _FOLD_CACHE[char] = folded
    return folded


class _FoldTable(dict[int, str]):
    """A ``str.translate`` table filled on first sight of each character."""

    def __init__(self, keep_alphanumeric: bool) -> None:
        super().__init__()
        self.keep_alphanumeric = keep_alphanumeric

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = char if self.keep_alphanumeric and char.isalnum() else fold_char(char)
        self[code] = folded
        return folded


_FOLD = _FoldTable(keep_alphanumeric=False)
_TYPOGRAPHY = _FoldTable(keep_alphanumeric=True)


def fold_text(text: str) -> str:
    return text.translate(_FOLD)


def _exact_form(text: str) -> str:
    """Acronyms keep their case; only typography is unified."""
    return text.translate(_TYPOGRAPHY)


def _entries_from(data: list[dict[str, Any]], default_kind: Kind) -> Iterator[KbEntry]:
    for item in data:
        names = {lang: tuple(n for n in values if n) for lang, values in (item.get("names") or {}).items() if values}
        yield KbEntry(
            id=str(item["id"]),
            kind=item.get("kind") or default_kind,
            type=str(item.get("type") or ""),
            qid=item.get("qid"),
            names=names,
            acronyms=tuple(item.get("acronyms") or ()),
            parent=item.get("parent"),
            country=item.get("country"),
        )


def _person_entries(data: list[dict[str, Any]]) -> Iterator[KbEntry]:
    """Office holders: full names, then the surnames that name them alone ("Poutine");
    ``parent`` is the international organization they serve, ``country`` their state."""
    for item in data:
        names = tuple(dict.fromkeys([*(item.get("names") or ()), *(item.get("short") or ())]))
        yield KbEntry(
            id=f"person:{item['id']}",
            kind="person",
            type="office_holder",
            qid=item.get("qid"),
            names={"xx": names},
            parent=item.get("organization"),
            country=item.get("country"),
            offices=tuple(
                Office(
                    frozenset(title_key(office[lang]) for lang in ("en", "fr")),
                    str(office["from"]),
                    office["to"] and str(office["to"]),
                )
                for office in item.get("offices") or ()
            ),
        )


def title_key(title: str) -> str:
    """An office title's comparable form: folded, hyphens as spaces ("vice-présidente" and
    "Vice President" differ only by language and gender, which the caller handles)."""
    return " ".join(fold_text(title).replace("-", " ").split())


def holder(country: str, title: str, day: str) -> KbEntry | None:
    """The office holder who held ``title`` for ``country`` on ``day`` (ISO date), when the
    knowledge base knows exactly one (a month of handover knows two: None)."""
    key = title_key(title)
    found = [
        entry
        for entry in _office_holders().get(country, ())
        if any(key in office.titles and office.held_on(day) for office in entry.offices)
    ]
    return found[0] if len(found) == 1 else None


def holders_called(word: str, countries: set[str], day: str, title: str | None = None) -> list[KbEntry]:
    """The people in office on ``day`` for one of ``countries`` whose first name is
    ``word`` ("cher Egils" in a speech at Riga is Egils Levits), or, given the ``title``
    written before it, whose surname it is and who held that office ("Vice President
    Harris" in 2021 is Kamala Harris)."""
    wanted = fold_text(word)
    key = title_key(title) if title else None
    position = 0 if key is None else -1
    return [
        entry
        for country in sorted(countries)
        for entry in _office_holders().get(country, ())
        if any(office.held_on(day) and (key is None or key in office.titles) for office in entry.offices)
        and any(fold_text(name.split()[position]) == wanted for name in entry.all_names() if " " in name)
    ]


@cache
def _office_holders() -> dict[str, tuple[KbEntry, ...]]:
    by_country: dict[str, list[KbEntry]] = {}
    for entry in entries().values():
        if entry.kind == "person" and entry.country:
            by_country.setdefault(entry.country, []).append(entry)
    return {country: tuple(people) for country, people in by_country.items()}


def _data_files(folder: str) -> list[Any]:
    root = resources.files("communique.kb").joinpath("data")
    target = root.joinpath(folder) if folder else root
    if not target.is_dir():
        return []
    return sorted((f for f in target.iterdir() if f.name.endswith(".yaml")), key=lambda f: f.name)


def _load_yaml(resource: Any) -> Any:
    return yaml.safe_load(resource.read_text(encoding="utf-8"))


def _country_entries() -> Iterator[KbEntry]:
    extra: dict[str, dict[str, Any]] = {}
    for resource in _data_files(""):
        if resource.name == "countries.yaml":
            extra = {item["alpha2"]: item for item in _load_yaml(resource) or []}
    # ISO's own entries with CLDR names, then those ISO lacks (Kosovo, XK) with their own
    known = [(country.alpha2, dict(country.names)) for country in countries()]
    iso = {code for code, _ in known}
    known += [(code, {}) for code in extra if code not in iso]
    for code, cldr in known:
        item = extra.get(code, {})
        names: dict[str, list[str]] = {lang: [name] for lang, name in cldr.items()}
        for name in item.get("names") or ():
            names.setdefault("xx", []).append(name)
        adjectives = {lang: tuple(values) for lang, values in (item.get("adjectives") or {}).items() if values}
        territory = bool(item.get("territory"))  # Hong Kong, Mayotte: places, not states
        yield KbEntry(
            id=f"country:{code}",
            kind="place" if territory else "country",
            type="territory" if territory else "country",
            qid=item.get("qid"),
            names={lang: tuple(values) for lang, values in names.items()},
            adjectives=adjectives,
            country=code,
        )


@cache
def entries() -> dict[str, KbEntry]:
    """Every knowledge-base entry by id."""
    found: dict[str, KbEntry] = {entry.id: entry for entry in _country_entries()}
    for resource in _data_files("organizations"):
        for entry in _entries_from(_load_yaml(resource) or [], "organization"):
            found[entry.id] = entry
    for resource in _data_files("persons"):
        for entry in _person_entries(_load_yaml(resource) or []):
            found[entry.id] = entry
    for resource in _data_files(""):
        if resource.name == "places.yaml":
            for entry in _entries_from(_load_yaml(resource) or [], "place"):
                found[f"place:{entry.id}"] = KbEntry(**{**entry.__dict__, "id": f"place:{entry.id}"})
    return found


@cache
def _ambiguous() -> frozenset[str]:
    data = _load_yaml(resources.files("communique.kb").joinpath("data", "lexicon.yaml"))
    return frozenset(fold_text(name) for name in data.get("ambiguous_names", ()))


@dataclass
class _Automata:
    names: ahocorasick.Automaton
    exact: ahocorasick.Automaton


def _add(automaton: ahocorasick.Automaton, key: str, value: tuple[str, MatchHow, int, bool]) -> None:
    if len(key) < 2 or key in _ambiguous():
        return
    existing = automaton.get(key, ())
    # one entry may own a key twice: German "Jordanien" (a name, capitalised) and French
    # "jordanien" (an adjective)
    if value[:2] not in {v[:2] for v in existing}:
        automaton.add_word(key, (*existing, value))


_CONTRACTED = {"le ": ("au ", "du "), "les ": ("aux ", "des ")}


def _add_contracted(automaton: ahocorasick.Automaton, entry_id: str, name: str) -> None:
    """French contracts the article of "Le Caire" after "à" and "de": "au Caire", "du
    Caire". The key includes the contraction; the match is the bare name."""
    folded = fold_text(name)
    for article, contractions in _CONTRACTED.items():
        if folded.startswith(article):
            bare = name[len(article) :]
            for contraction in contractions:
                _add(automaton, contraction + folded[len(article) :], (entry_id, "name", len(bare), True))


@cache
def _automata() -> _Automata:
    names, exact = ahocorasick.Automaton(), ahocorasick.Automaton()
    for entry in entries().values():
        for language_names in entry.names.values():
            for name in language_names:
                # all-capital short names ("UNICEF", "OTAN") are acronyms in disguise
                if name.isupper() and len(name) <= 8:
                    _add(exact, _exact_form(name), (entry.id, "acronym", len(name), False))
                else:
                    _add(names, fold_text(name), (entry.id, "name", len(name), name[:1].isupper()))
                    if entry.kind == "place":
                        _add_contracted(names, entry.id, name)
        for acronym in entry.acronyms:
            _add(exact, _exact_form(acronym), (entry.id, "acronym", len(acronym), False))
        for adjectives in entry.adjectives.values():
            for adjective in adjectives:
                _add(names, fold_text(adjective), (entry.id, "adjective", len(adjective), adjective[:1].isupper()))
    names.make_automaton()
    exact.make_automaton()
    return _Automata(names, exact)


def _bounded(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if before == "/" and not _paired_by_slash(text, start):
        return False
    return not before.isalnum() and not after.isalnum() and before not in "-_@." and after not in "_@"


def _paired_by_slash(text: str, start: int) -> bool:
    """A slash pairs two names ("l'EIIL/Daech"); in a path or an address it does not."""
    word = text[text.rfind(" ", 0, start) + 1 : start - 1]
    return bool(word) and word[-1].isalpha() and not any(mark in word for mark in "./:")


def _capitals_kept(text: str, start: int, end: int) -> bool:
    """The first letter is a capital, and so is the second word of a two-word name
    ("La Réunion", "Costa Rica"); longer names vary in their inner capitals, and French
    writes their first word in lower case ("le groupe de Minsk", "les forces armées
    libanaises"), as it does an Arabic article ("al-Qaïda")."""
    words = text[start:end].split()
    if len(words) >= 3 or _ARTICLE.match(text, start):
        return True
    if not text[start].isupper():
        return False
    return len(words) != 2 or not words[1][:1].isalpha() or words[1][:1].isupper() or len(words[0]) > 3


_ARTICLE = re.compile(r"(?:al|el|ad|an|ar|as|ash|at|az)-[A-ZÀ-Þ]")


def _raw_matches(text: str) -> Iterator[tuple[int, int, str, MatchHow]]:
    automata = _automata()
    for automaton, haystack in ((automata.names, fold_text(text)), (automata.exact, _exact_form(text))):
        if len(automaton) == 0:
            continue
        for end_index, values in automaton.iter(haystack):
            for entry_id, how, length, capital in values:
                start, end = end_index - length + 1, end_index + 1
                # a proper name is written with its capitals: "la réunion" is no La Réunion
                if _bounded(text, start, end) and (not capital or _capitals_kept(text, start, end)):
                    yield start, end, entry_id, how


# when one name belongs to several entries: a country over its capital ("Luxembourg"), a
# body over a place, then the entry with a Wikidata id
_KIND_PRIORITY: dict[str, int] = {"country": 0, "organization": 1, "programme": 2, "place": 3, "person": 4}
_HOW_PRIORITY: dict[str, int] = {"acronym": 0, "name": 1, "adjective": 2}


def _preferred(text: str, start: int, candidates: set[tuple[str, MatchHow]]) -> tuple[KbEntry, MatchHow]:
    table = entries()
    # French marks a city with "à" and a country with "au/en": "à Luxembourg" is the city
    city_context = text[max(0, start - 2) : start] in ("à ", "À ")

    def rank(candidate: tuple[str, MatchHow]) -> tuple[int, int, int, str]:
        entry = table[candidate[0]]
        kind_rank = _KIND_PRIORITY[entry.kind]
        if city_context and entry.kind == "place":
            kind_rank = -1
        return (kind_rank, _HOW_PRIORITY[candidate[1]], 0 if entry.qid else 1, entry.id)

    entry_id, how = min(candidates, key=rank)
    return table[entry_id], how


def find(text: str) -> list[KbMatch]:
    """Non-overlapping gazetteer matches, longest first, in text order."""
    by_span: dict[tuple[int, int], set[tuple[str, MatchHow]]] = {}
    for start, end, entry_id, how in _raw_matches(text):
        by_span.setdefault((start, end), set()).add((entry_id, how))
    taken: list[KbMatch] = []
    occupied = bytearray(len(text))
    for (start, end), candidates in sorted(by_span.items(), key=lambda item: (item[0][0] - item[0][1], item[0][0])):
        if any(occupied[start:end]):
            continue
        entry, how = _preferred(text, start, candidates)
        taken.append(KbMatch(start, end, entry, how))
        occupied[start:end] = b"\x01" * (end - start)
    return sorted(taken, key=lambda m: m.start)


@cache
def _demonym_states() -> dict[str, frozenset[str]]:
    """Folded adjectives and names of peoples, with their plurals → the ISO codes of the
    states they name ("" for an entry without one)."""
    found: dict[str, set[str]] = {}
    for entry in entries().values():
        for adjectives in entry.adjectives.values():
            for adjective in adjectives:
                folded = fold_text(adjective)
                for form in (folded, folded + "s", folded + "es"):
                    found.setdefault(form, set()).add(entry.country or "")
    return {form: frozenset(codes) for form, codes in found.items()}


@cache
def demonym_countries() -> dict[str, str]:
    """Folded adjectives and names of peoples ("libanais", "bahraini") → ISO code of the
    state; a form shared by several states is left out."""
    return {form: next(iter(codes)) for form, codes in _demonym_states().items() if len(codes) == 1 and "" not in codes}


@cache
def demonyms() -> frozenset[str]:
    """Folded adjectives and names of peoples of every country ("libanais", "ukrainian")."""
    return frozenset(_demonym_states())


@cache
def _units_and_currencies() -> frozenset[str]:
    import pycountry

    codes = {currency.alpha_3 for currency in pycountry.currencies}
    return frozenset(codes | {"MW", "GW", "KW", "kW", "MWh", "GWh", "TWh", "km", "Mt", "Gt", "bpd"})


def is_unit_or_currency(name: str) -> bool:
    return name in _units_and_currencies()


@cache
def _venue_names() -> frozenset[str]:
    return frozenset(
        fold_text(name)
        for entry in entries().values()
        if entry.kind == "place" and entry.type == "venue"
        for name in entry.all_names()
    )


def is_venue(names: list[str]) -> bool:
    """Whether a body's name is also a building where things happen ("White House",
    "Élysée", "Kremlin")."""
    return any(fold_text(name) in _venue_names() for name in names)
