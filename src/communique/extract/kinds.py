"""The recogniser's kind for a name, checked against the words around it: a town after
"in" or "à" is a place even when the recogniser calls it a body ("kidnapping … in
Matamoros"), a name ending in a site's noun is a place ("Incirlik Airbase"), "the Moon" is
no person, and names listed with bodies are bodies ("IDC-Alterna, Pomona Impact, Ascenda,
and Valhalla Capital")."""

from __future__ import annotations

import re
from functools import cache

from communique.kb.lexicon import lexicon
from communique.kb.towns import is_town
from communique.model import EntityKind
from communique.text import longest_first

# a list item before a name: "Quetzaltenango, " or "Coban, and "
_LIST_ITEM = r"(?:[A-ZÀ-Þ][\w'’-]*(?:\s+[A-ZÀ-Þ][\w'’-]*)*\s*(?:,\s*(?:and\s+|et\s+)?|\s+(?:and|et)\s+))"


@cache
def _patterns(language: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """What comes before a town ("cities of Quetzaltenango, "), before a site ("la station
    de ") and what ends a site's name (" Airbase")."""
    # "(?!)" matches nothing: a language without cues or heads finds no place by them
    cues = longest_first(lexicon().place_cues.get(language, ())) or "(?!)"
    heads = longest_first(lexicon().facility_heads.get(language, ())) or "(?!)"
    return (
        re.compile(rf"\b(?i:{cues})\s+{_LIST_ITEM}*$"),
        re.compile(rf"\b(?:{heads})\s+(?:de|d['’]|of)\s*$", re.IGNORECASE),
        re.compile(rf"\s(?:{heads})$", re.IGNORECASE),
    )


# a town's name stands alone: followed by punctuation or a word that opens another phrase,
# not by the noun it qualifies ("in Federal statistical systems")
_PHRASE_OPENERS = frozenset(
    "and or which where who that on in at to for with from of by was is has have will were are "  # noqa: SIM905 - a word list reads best as text
    "et ou où qui que dans sur pour avec par du de des la le les en au aux à est a ont sera".split()
)


def _stands_alone(text: str, end: int) -> bool:
    following = re.match(r"\s+([a-zà-ÿ]+)", text[end : end + 30])
    return following is None or following.group(1) in _PHRASE_OPENERS


def checked_kind(text: str, start: int, end: int, kind: EntityKind, language: str) -> EntityKind | None:
    """The kind of the name at ``text[start:end]`` that the recogniser read as ``kind``;
    None when it is no name at all."""
    if kind not in ("organization", "person"):
        return kind
    name, before = text[start:end], text[max(0, start - 80) : start]
    if kind == "person" and language == "en" and before.endswith(("the ", "The ")):
        return None
    town_cue, site_before, site_ending = _patterns(language)
    if (
        site_ending.search(name)
        or site_before.search(before)
        or (town_cue.search(before) and is_town(name) and _stands_alone(text, end))
    ):
        return "place"
    return kind


_LIST_SEPARATOR = re.compile(r"\s*(?:,\s*(?:and\s+|et\s+)?|\s+(?:and|et)\s+)\s*")


def listed_kinds(spans: list[tuple[int, int, EntityKind, bool]], text: str) -> list[EntityKind]:
    """The kinds of names in text order, each given as (start, end, kind, sure): in a list
    of names most of which are bodies, the names only guessed to be people are bodies too."""
    runs: list[list[int]] = []
    for index, (start, _, _, _) in enumerate(spans):
        if runs and _LIST_SEPARATOR.fullmatch(text[spans[runs[-1][-1]][1] : start]):
            runs[-1].append(index)
        else:
            runs.append([index])
    kinds = [kind for _, _, kind, _ in spans]
    for run in runs:
        _settle_list(run, spans, kinds)
    return kinds


def _settle_list(run: list[int], spans: list[tuple[int, int, EntityKind, bool]], kinds: list[EntityKind]) -> None:
    if len(run) < 3:
        return
    bodies = sum(1 for i in run if spans[i][2] == "organization")
    if bodies * 2 <= len(run):
        return
    for i in run:
        if spans[i][2] == "person" and not spans[i][3]:
            kinds[i] = "organization"
