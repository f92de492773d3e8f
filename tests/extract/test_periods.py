from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from communique.extract.periods import PeriodMention, find_periods, period_for
from communique.model import Period

# (language, text, [(span text, start, end, years)])
CASES: list[tuple[str, str, list[tuple[str, str | None, str | None, float | None]]]] = [
    ("fr", "le programme indicatif 2024-2027", [("2024-2027", "2024", "2027", None)]),
    ("fr", "2024–2027", [("2024–2027", "2024", "2027", None)]),
    ("fr", "signé pour la période 2025-2028.", [("pour la période 2025-2028", "2025", "2028", None)]),
    ("fr", "une période de quatre ans", [("période de quatre ans", None, None, 4.0)]),
    ("fr", "pour une période de cinq ans", [("pour une période de cinq ans", None, None, 5.0)]),
    ("fr", "d'une durée de 3 ans", [("durée de 3 ans", None, None, 3.0)]),
    ("fr", "sur cinq ans", [("sur cinq ans", None, None, 5.0)]),
    ("fr", "sur les dix prochaines années", [("sur les dix prochaines années", None, None, 10.0)]),
    ("fr", "de 2016 à 2022", [("de 2016 à 2022", "2016", "2022", None)]),
    ("fr", "pour les années 2016 à 2022", [("pour les années 2016 à 2022", "2016", "2022", None)]),
    ("fr", "entre 2021 et 2025", [("entre 2021 et 2025", "2021", "2025", None)]),
    ("fr", "prolongé jusqu'en 2024", [("jusqu'en 2024", None, "2024", None)]),
    ("fr", "jusqu’à fin 2025", [("jusqu’à fin 2025", None, "2025", None)]),
    ("fr", "d'ici 2030", [("d'ici 2030", None, "2030", None)]),
    ("fr", "à partir de 2023", [("à partir de 2023", "2023", None, None)]),
    ("fr", "34 projets retenus depuis 2016", [("depuis 2016", "2016", None, None)]),
    ("fr", "un plan quinquennal", [("quinquennal", None, None, 5.0)]),
    ("en", "from fiscal year 2023", [("from fiscal year 2023", "2023", None, None)]),
    ("en", "in fiscal year (FY) 2024", [("in fiscal year (FY) 2024", "2024", "2024", None)]),
    ("en", "FY 2024", [("FY 2024", "2024", "2024", None)]),
    ("en", "FY24", [("FY24", "2024", "2024", None)]),
    ("en", "FY2022–24", [("FY2022–24", "2022", "2024", None)]),
    ("en", "over five years", [("over five years", None, None, 5.0)]),
    ("en", "over the next five years", [("over the next five years", None, None, 5.0)]),
    ("en", "for a period of three years", [("for a period of three years", None, None, 3.0)]),
    ("en", "a twelve-year effort", [("twelve-year", None, None, 12.0)]),
    ("en", "a three-year grant", [("three-year", None, None, 3.0)]),
    ("en", "a five-year plan", [("five-year", None, None, 5.0)]),
    ("en", "a 5-year plan", [("5-year", None, None, 5.0)]),
    ("en", "the 2021-2027 budget", [("2021-2027", "2021", "2027", None)]),
    ("en", "from 2021 to 2027", [("from 2021 to 2027", "2021", "2027", None)]),
    ("en", "between 2021 and 2027", [("between 2021 and 2027", "2021", "2027", None)]),
    ("en", "through 2025", [("through 2025", None, "2025", None)]),
    ("en", "$600 billion by 2027", [("by 2027", None, "2027", None)]),
    ("en", "since 2016", [("since 2016", "2016", None, None)]),
    (
        "fr",
        "une période de quatre ans (2024-2027)",
        [("période de quatre ans", None, None, 4.0), ("2024-2027", "2024", "2027", None)],
    ),
]


def _tuples(mentions: list[PeriodMention]) -> list[tuple[str, str | None, str | None, float | None]]:
    return [(m.text, m.start_value, m.end_value, m.years) for m in mentions]


@pytest.mark.parametrize(("language", "text", "expected"), CASES, ids=[case[1] for case in CASES])
def test_periods(language: str, text: str, expected: list[tuple[str, str | None, str | None, float | None]]) -> None:
    found = find_periods(text, language)
    assert _tuples(found) == expected
    for mention in found:
        assert text[mention.start : mention.end] == mention.text


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fr", "2027-2024"),  # ends before it starts
        ("fr", "le 2024-07-26"),  # an ISO date
        ("fr", "le 26.07.2024, en 2024"),
        ("fr", "1850-1860 et 2150-2160"),  # implausible years
        ("fr", "30 % des 34 projets"),
        ("fr", "Tél. +352 2024 2027"),
        ("en", "children over five years old"),
        ("en", "a three-year-old girl"),
        ("en", "five years ago"),
        ("fr", "des enfants de cinq ans"),
        ("fr", "l'année 2024 a été riche"),
    ],
)
def test_not_periods(language: str, text: str) -> None:
    assert find_periods(text, language) == []


def test_period_for_merges_duration_and_bounds() -> None:
    """The contract's example: "période de quatre ans (2024-2027)" is {start 2024, end 2027, years null}."""
    mentions = find_periods("pour une période de quatre ans (2024-2027)", "fr")
    assert period_for(mentions) == Period(start="2024", end="2027", years=None)


def test_period_for_keeps_years_when_only_years_are_stated() -> None:
    assert period_for(find_periods("sur cinq ans", "fr")) == Period(start=None, end=None, years=5.0)


def test_period_for_joins_open_bounds() -> None:
    mentions = find_periods("à partir de 2023 et jusqu'en 2027", "fr")
    assert period_for(mentions) == Period(start="2023", end="2027", years=None)
    mentions = find_periods("from 2023 for five years", "en")
    assert period_for(mentions) == Period(start="2023", end=None, years=5.0)
    assert period_for(find_periods("depuis 2025 jusqu'en 2020", "fr")) == Period(start="2025", end=None, years=None)


def test_period_for_nothing() -> None:
    assert period_for([]) is None
    assert period_for(find_periods("rien ici", "fr")) is None


@settings(max_examples=300, deadline=None)
@given(st.integers(1900, 2100), st.integers(0, 30), st.sampled_from(["{a}-{b}", "{a}–{b}", "de {a} à {b}", "from {a} to {b}"]))
def test_year_ranges_round_trip(first: int, length: int, template: str) -> None:
    last = first + length
    text = "Le programme " + template.format(a=first, b=last) + " est signé."
    found = find_periods(text, "fr")
    if last > 2100:
        assert found == []
    else:
        assert [(m.start_value, m.end_value) for m in found] == [(str(first), str(last))]


@settings(max_examples=300, deadline=None)
@given(st.integers(1900, 2100), st.integers(1, 30))
def test_backward_ranges_are_not_periods(last: int, back: int) -> None:
    assert find_periods(f"{last + back}-{last}", "en") == []


_PIECES = st.sampled_from(
    ["2024", "2027", "24", "-", "–", "/", " ", "de ", "à ", "from ", "to ", "FY", "fiscal year ", "(", ")", "sur ",
     "cinq", "five", "ans", "years", "-year", "over the next ", "jusqu'en ", "by ", "depuis ", ".", "07", "\n"]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=25).map("".join), st.sampled_from(["fr", "en", "xx"]))
def test_random_text_never_raises_and_spans_hold(text: str, language: str) -> None:
    found = find_periods(text, language)
    for mention in found:
        assert text[mention.start : mention.end] == mention.text
        for value in (mention.start_value, mention.end_value):
            assert value is None or 1900 <= int(value) <= 2100
        if mention.start_value and mention.end_value:
            assert mention.start_value <= mention.end_value
        assert mention.years is None or mention.years > 0
    period_for(found)  # always a valid Period or None


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200), st.sampled_from(["fr", "en"]))
def test_arbitrary_unicode_never_raises(text: str, language: str) -> None:
    for mention in find_periods(text, language):
        assert text[mention.start : mention.end] == mention.text
