"""Periods a commitment covers: "2024-2027", "pour la période 2025-2028", "de 2016 à 2022",
"sur cinq ans", "over the next five years", "a five-year plan", "depuis 2016", "by 2027", "FY2022–24".

A period is either bounded by years (start, end or both) or a duration in years. Only years are
read (full calendar dates belong to ``communique.dates``). A year outside 1900–2100, a range that
ends before it starts and an ISO date ("2024-07-26") are no period. A mention's span is the whole
phrase as written, its introducing words included ("jusqu'en 2024", "for a period of three years").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from text_to_num import text2num  # type: ignore[import-untyped]

from communique.model import Period

__all__ = ["PeriodMention", "find_periods", "period_for"]

_FIRST_YEAR, _LAST_YEAR = 1900, 2100
_MAX_YEARS = 100.0

_YEAR = r"(?:19\d\d|20\d\d|2100)"
_AFTER_YEAR = r"(?![\w]|[./-]\d)"
_NUMBER_WORDS = (
    "un", "une", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze", "quinze", "vingt",
    "trente", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "fifteen",
    "twenty", "thirty",
)  # fmt: skip
_N = r"(?:\d{1,2}(?:[.,]5)?|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")(?![\w])"
_FRENCH_ADJECTIVES = {"triennal": 3, "quadriennal": 4, "quinquennal": 5, "décennal": 10}
"""The French "programme quinquennal"; "biennale" is left out: it names an event held every two years."""
_FISCAL = r"(?:fiscal\s+years?(?:\s*\(FY\))?|FY|l['’]exercice(?:\s+budgétaire)?|l['’]année)"
_FISCAL_YEAR = r"(?:fiscal\s+year(?:\s*\(FY\))?|FY|l['’]exercice(?:\s+budgétaire)?)"
_RANGE_JOIN = r"\s*(?:à|au|to|and|et|until|till|through|-|–|—)\s*(?:(?:fin|end\s+of)\s+)?"

_PATTERN = re.compile(
    r"(?<![\w'’./-])(?:"
    # de 2016 à 2022 / from 2021 to 2027 / entre 2021 et 2025 / pour les années 2016 à 2022
    r"(?:(?:pour|sur|durant|pendant|dans)\s+les\s+années|des\s+années|de|du|from|between|entre)\s+"
    rf"(?:{_FISCAL}\s*)?(?P<r_a>{_YEAR}){_RANGE_JOIN}(?:{_FISCAL}\s*)?(?P<r_b>{_YEAR}){_AFTER_YEAR}"
    # 2024-2027 / pour la période 2025-2028 / FY2022–24
    r"|(?:(?:(?:pour|sur|durant|pendant|for|over|during)\s+(?:la|the)\s+)?(?:période|period)\s+|(?:in\s+)?FY\s*)?"
    rf"(?P<d_a>{_YEAR})\s*[-–—/]\s*(?:FY\s*)?(?P<d_b>{_YEAR}|\d\d){_AFTER_YEAR}"
    # pour une période de cinq ans / sur cinq ans / over the next five years / for a period of three years
    r"|(?:(?:pour|sur)\s+une\s+(?:période|durée)\s+(?:de\s+|d['’])|(?:période|durée)\s+(?:de\s+|d['’])"
    r"|(?:sur|pendant|durant|au\s+cours\s+des|dans\s+les|pour)\s+(?:les\s+)?"
    r"|over\s+(?:the\s+)?(?:(?:next|coming|past|last|following)\s+)?"
    r"|for\s+(?:a\s+period\s+of\s+|the\s+(?:next|coming|following)\s+)?|(?:a\s+)?period\s+of\s+|during\s+the\s+(?:next\s+)?|within\s+)"
    rf"(?P<n>{_N})\s+(?:(?:prochaines|dernières|premières)\s+)?(?:ans|années|years?)(?![\w])"
    r"(?!\s+(?:old|of\s+age|d['’]âge|ago|plus\s+tard|later))"
    # three-year / a five-year plan / programme quinquennal
    rf"|(?P<adj>{_N})[-‐]year(?![\w-])"
    r"|(?P<fr_adj>" + "|".join(_FRENCH_ADJECTIVES) + r")(?:e|es|aux)?(?![\w])"
    # jusqu'en 2024 / jusqu'à fin 2025 / d'ici 2030 / through 2025 / by 2027
    r"|(?:jusqu['’](?:en|à|au)\s+(?:(?:la\s+)?fin\s+(?:de\s+|d['’])?(?:l['’]année\s+)?)?|d['’]ici\s+(?:à\s+)?(?:(?:la\s+)?fin\s+)?"
    r"|through\s+|until\s+|till\s+|by\s+(?:the\s+end\s+of\s+)?)"
    rf"(?:{_FISCAL}\s*)?(?P<e>{_YEAR}){_AFTER_YEAR}"
    # à partir de 2023 / depuis 2016 / from fiscal year 2023 / since 2016
    r"|(?:à\s+partir\s+de|depuis|dès|from|since|starting\s+(?:in|from)|beginning\s+in|as\s+of)\s+"
    rf"(?:{_FISCAL}\s*)?(?P<s>{_YEAR}){_AFTER_YEAR}(?!{_RANGE_JOIN}\d)"  # not the head of a range it cannot read
    # in fiscal year (FY) 2024 / FY 2024 / FY24 / l'exercice 2024
    rf"|(?:in\s+)?{_FISCAL_YEAR}\s*(?P<fy>{_YEAR}){_AFTER_YEAR}|(?:in\s+)?FY\s*['’]?(?P<fy2>\d\d)(?![\w]|[./-]\d)"
    r")",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class PeriodMention:
    """One period as written: ``text == document[start:end]``; years as ISO strings ("2024")."""

    start: int
    end: int
    text: str
    start_value: str | None
    end_value: str | None
    years: float | None


def find_periods(text: str, language: str) -> list[PeriodMention]:
    """Every period phrase in ``text``, in order. A match that is no period (an implausible year,
    a range that runs backwards) is dropped and the scan resumes one character later."""
    language = language[:2].lower()
    mentions: list[PeriodMention] = []
    pos = 0
    while (match := _PATTERN.search(text, pos)) is not None:
        bounds = _bounds(match, language)
        if bounds is None:
            pos = match.start() + 1
            continue
        start_value, end_value, years = bounds
        mentions.append(PeriodMention(match.start(), match.end(), match.group(), start_value, end_value, years))
        pos = match.end()
    return mentions


def period_for(mentions: Sequence[PeriodMention]) -> Period | None:
    """One contract ``Period`` from the mentions around a commitment: bounds from the first mention
    that gives both, else the first start and the first end seen; ``years`` only when the bounds do
    not already say it (both known → null, as in the contract's example)."""
    both = next((m for m in mentions if m.start_value and m.end_value), None)
    if both is not None:
        start, end = both.start_value, both.end_value
    else:
        start = next((m.start_value for m in mentions if m.start_value), None)
        end = next((m.end_value for m in mentions if m.end_value), None)
        if start and end and end < start:
            end = None
    years = None if start and end else next((m.years for m in mentions if m.years), None)
    if start is None and end is None and years is None:
        return None
    return Period(start=start, end=end, years=years)


def _bounds(match: re.Match[str], language: str) -> tuple[str | None, str | None, float | None] | None:
    """(start, end, years) of a match, or None when it is no plausible period."""
    if match["r_a"] or match["d_a"]:
        return _range(match["r_a"] or match["d_a"], match["r_b"] or match["d_b"])
    if match["n"] or match["adj"]:
        years = _years(match["n"] or match["adj"], language)
        return None if years is None else (None, None, years)
    if match["fr_adj"]:
        return None, None, float(_FRENCH_ADJECTIVES[match["fr_adj"].lower()])
    if match["fy2"]:
        year = str(2000 + int(match["fy2"]))
        return year, year, None
    year = match["fy"] or match["s"] or match["e"]
    if not _plausible(int(year)):
        return None
    return (year if not match["e"] else None), (year if not match["s"] else None), None


def _range(first: str, last: str) -> tuple[str, str, None] | None:
    """A year range; a two-digit end is read in the start's century ("FY2022–24" → 2024)."""
    start = int(first)
    end = int(last) if len(last) == 4 else start - start % 100 + int(last)
    if not (_plausible(start) and _plausible(end)) or end < start:
        return None
    return str(start), str(end), None


def _years(written: str, language: str) -> float | None:
    """A duration's number: digits ("5", "2,5") or a word through text2num ("cinq", "five")."""
    years = float(written.replace(",", ".")) if written[0].isdigit() else _word_value(written.lower(), language)
    return years if years is not None and 0 < years <= _MAX_YEARS else None


def _word_value(word: str, language: str) -> float | None:
    if word in {"un", "une"}:
        return 1.0  # text2num reads "une" only within larger numbers
    for candidate in dict.fromkeys((language, "fr", "en")):
        try:
            return float(text2num(word, candidate))
        except ValueError:
            continue
    return None


def _plausible(year: int) -> bool:
    return _FIRST_YEAR <= year <= _LAST_YEAR
