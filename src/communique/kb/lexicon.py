"""The recognition lexicon (``kb/data/lexicon.yaml``) as typed, precompiled data."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from communique.kb.gazetteer import fold_text
from communique.text import longest_first


@dataclass(frozen=True, eq=False)
class Lexicon:
    honorifics: frozenset[str]
    name_particles: frozenset[str]
    title_heads: dict[str, tuple[str, ...]]
    title_qualifiers: frozenset[str]
    national_titles: dict[str, frozenset[str]]
    government_nouns: dict[str, frozenset[str]]
    organization_adjectives: dict[str, dict[str, str]]
    organization_heads: frozenset[str]
    programme_heads: tuple[str, ...]
    programme_nouns: frozenset[str]
    ner_stopwords: frozenset[str]
    form_of_address: frozenset[str]
    ranks: tuple[str, ...]
    facility_heads: dict[str, tuple[str, ...]]
    place_cues: dict[str, tuple[str, ...]]

    def is_title_head(self, words: str, language: str) -> bool:
        return fold_text(words) in _folded_heads(self, language)


@cache
def _folded_heads(lexicon: Lexicon, language: str) -> frozenset[str]:
    return frozenset(fold_text(t) for t in lexicon.title_heads.get(language, ()))


def _per_language(data: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    return {language: tuple(values) for language, values in data.items()}


@cache
def lexicon() -> Lexicon:
    data = yaml.safe_load(resources.files("communique.kb").joinpath("data", "lexicon.yaml").read_text(encoding="utf-8"))
    heads = data["organization_heads"]
    return Lexicon(
        honorifics=frozenset(data["honorifics"]),
        name_particles=frozenset(data["name_particles"]),
        title_heads=_per_language(data["title_heads"]),
        title_qualifiers=frozenset(q.lower() for q in data["title_qualifiers"]),
        national_titles={lang: frozenset(fold_text(t) for t in values) for lang, values in data["national_titles"].items()},
        government_nouns={lang: frozenset(fold_text(n) for n in values) for lang, values in data["government_nouns"].items()},
        organization_adjectives=data["organization_adjectives"],
        organization_heads=frozenset(heads["fr"]) | frozenset(heads["en"]),
        programme_heads=tuple(data["programme_heads"]["fr"]) + tuple(data["programme_heads"]["en"]),
        programme_nouns=frozenset(data["programme_nouns"]["fr"]) | frozenset(data["programme_nouns"]["en"]),
        ner_stopwords=frozenset(data["ner_stopwords"]),
        form_of_address=frozenset(data["form_of_address"]),
        ranks=tuple(data["ranks"]),
        facility_heads=_per_language(data["facility_heads"]),
        place_cues=_per_language(data["place_cues"]),
    )


@cache
def honorific_pattern() -> re.Pattern[str]:
    """Honorifics at the start of a name, possibly repeated ("S.E.M. Dr ...")."""
    alternation = longest_first(lexicon().honorifics)
    # used with Pattern.match(text, pos): no "^", which would anchor at the string's start
    return re.compile(rf"(?:(?:{alternation})(?:\s+|(?<=\.)))+", re.IGNORECASE)
