"""Sovereign states and territories by name, in the languages communique reads, from
ISO 3166 (pycountry) and CLDR territory names (babel)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pycountry
from babel import Locale

from communique.text import fold

NAME_LANGUAGES = ("en", "fr", "de", "es")


@dataclass(frozen=True)
class Country:
    alpha2: str
    alpha3: str
    names: dict[str, str]  # language → CLDR name

    def name(self, language: str) -> str:
        return self.names.get(language) or self.names["en"]


@cache
def countries() -> tuple[Country, ...]:
    locales = {language: Locale.parse(language) for language in NAME_LANGUAGES}
    found: list[Country] = []
    for entry in pycountry.countries:
        names = {language: locale.territories.get(entry.alpha_2) for language, locale in locales.items()}
        clean = {language: name for language, name in names.items() if name}
        clean.setdefault("en", entry.name)
        found.append(Country(entry.alpha_2, entry.alpha_3, clean))
    return tuple(found)


@cache
def _by_folded_name() -> dict[str, Country]:
    index: dict[str, Country] = {}
    for country in countries():
        entry = pycountry.countries.get(alpha_2=country.alpha2)
        extra = [getattr(entry, attr, None) for attr in ("official_name", "common_name", "name")]
        for name in [*country.names.values(), *(e for e in extra if e)]:
            index.setdefault(fold(name), country)
    return index


def country_by_name(name: str) -> Country | None:
    """The country a name designates in any of ``NAME_LANGUAGES``, or None."""
    return _by_folded_name().get(fold(name))
