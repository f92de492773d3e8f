"""Month and weekday names as lookup tables and regex alternations.

The names come from babel (CLDR) rather than hand-made lists, so accents and
abbreviations follow each locale; only the spellings CLDR does not give but press
releases use (unaccented "aout", "decembre") are added by hand."""

from __future__ import annotations

import re
from functools import cache
from typing import Literal

from babel.dates import get_day_names, get_month_names

Width = Literal["wide", "abbreviated"]
MONTH_LANGUAGES = ("fr", "en", "de", "es")
# Spanish abbreviations ("ago", "mar", "may") are common English and French words.
_ABBREVIATING_LANGUAGES = ("fr", "en", "de")
# Spanish and German weekdays are left out: "Domingo" is a name (Santo Domingo).
WEEKDAY_LANGUAGES = ("fr", "en")
_EXTRA_MONTHS = {"sept": 9, "sep": 9, "fev": 2, "fév": 2, "fevr": 2, "fevrier": 2, "aout": 8, "decembre": 12}
# English words first, months second: "may" and "march" are months only when capitalised.
_CAPITALISED_ONLY = frozenset({"may", "march", "mar"})


def _key(name: str) -> str:
    return name.rstrip(".").lower()


@cache
def month_numbers() -> dict[str, int]:
    """Every month name we match, lower-cased and without its abbreviation dot."""
    numbers = dict(_EXTRA_MONTHS)
    for language in MONTH_LANGUAGES:
        widths: tuple[Width, ...] = ("wide", "abbreviated") if language in _ABBREVIATING_LANGUAGES else ("wide",)
        for width in widths:
            for number, name in get_month_names(width, locale=language).items():
                numbers.setdefault(_key(name), int(number))
    return numbers


@cache
def weekday_numbers() -> dict[str, int]:
    """Weekday names, lower-cased, to ``date.weekday()`` numbers (Monday is 0)."""
    numbers: dict[str, int] = {}
    for language in WEEKDAY_LANGUAGES:
        for number, name in get_day_names("wide", locale=language).items():
            numbers[_key(name)] = int(number)
    return numbers


def month_number(token: str) -> int:
    """The month a matched month token names."""
    return month_numbers()[_key(token)]


def weekday_number(token: str) -> int:
    """The weekday a matched weekday token names."""
    return weekday_numbers()[_key(token)]


_Trie = dict[str, "_Trie"]


def _trie(words: set[str]) -> str:
    """An alternation factored by common prefixes ("ju(?:in|il(?:let)?|…)"): Python's
    regex engine tries the branches of a flat alternation one by one at every word,
    and some eighty month names made the date patterns several times slower."""
    root: _Trie = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _render(root)


def _render(node: _Trie) -> str:
    branches = [re.escape(char) + _render(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" not in node:
        return body
    return f"(?:{body})?"


def _alternation(names: list[str], capitalised: bool) -> str:
    """Names for a case-insensitive pattern, the capitalised-only ones (or all, when
    ``capitalised``) as their capitalised and upper-case forms only."""
    strict = {name for name in names if capitalised or name in _CAPITALISED_ONLY}
    loose = _trie({name for name in names if name not in strict})
    if not strict:
        return loose
    forms = {form for name in strict for form in (name[:1].upper() + name[1:], name.upper())}
    cased = f"(?-i:{_trie(forms)})"
    return f"{loose}|{cased}" if loose else cased


@cache
def month_alternation(capitalised: bool = False) -> str:
    """Month names for a case-insensitive pattern; ``capitalised`` keeps only the
    capitalised forms, for month-first dates, which only English and German write."""
    return _alternation(list(month_numbers()), capitalised)


@cache
def weekday_alternation() -> str:
    """Weekday names for a case-insensitive pattern."""
    return _alternation(list(weekday_numbers()), capitalised=False)
