from __future__ import annotations

from decimal import Decimal

import pytest
from babel.numbers import format_decimal
from hypothesis import given, settings
from hypothesis import strategies as st

from communique.extract.money import MoneyMention, find_amounts, parse_amount

NBSP, NNBSP = "\u00a0", "\u202f"

# (language, text, [(span text, value, currency, per, approximate)])
CASES: list[tuple[str, str, list[tuple[str, float, str, str, bool]]]] = [
    ("fr", "Un appui de 1,5 million d'euros.", [("1,5 million d'euros", 1.5e6, "EUR", "unspecified", False)]),
    ("fr", "soit 3,95 millions d'euros", [("3,95 millions d'euros", 3.95e6, "EUR", "unspecified", False)]),
    ("fr", "un budget de 4,5 millions d’euros", [("4,5 millions d’euros", 4.5e6, "EUR", "unspecified", False)]),
    ("fr", "plus de 10 millions d'euros", [("10 millions d'euros", 10e6, "EUR", "unspecified", True)]),
    ("fr", "une enveloppe de 100 M€", [("100 M€", 100e6, "EUR", "unspecified", False)]),
    ("fr", "10 M EUR", [("10 M EUR", 10e6, "EUR", "unspecified", False)]),
    ("en", "a €350M package", [("€350M", 350e6, "EUR", "unspecified", False)]),
    ("fr", "€ 350 millions", [("€ 350 millions", 350e6, "EUR", "unspecified", False)]),
    ("en", "pledged $1.45 billion", [("$1.45 billion", 1.45e9, "USD", "unspecified", False)]),
    ("en", "USD 2 bn", [("USD 2 bn", 2e9, "USD", "unspecified", False)]),
    ("en", "nearly $500 million", [("$500 million", 500e6, "USD", "unspecified", True)]),
    ("en", "$85 million", [("$85 million", 85e6, "USD", "unspecified", False)]),
    ("en", "more than $505 million", [("$505 million", 505e6, "USD", "unspecified", True)]),
    ("en", "$5.2 billion", [("$5.2 billion", 5.2e9, "USD", "unspecified", False)]),
    ("en", "$372.1 million", [("$372.1 million", 372.1e6, "USD", "unspecified", False)]),
    ("fr", "25 000 euros", [("25 000 euros", 25_000, "EUR", "unspecified", False)]),
    ("fr", f"25{NBSP}000 euros", [(f"25{NBSP}000 euros", 25_000, "EUR", "unspecified", False)]),
    ("fr", "25.000 euros", [("25.000 euros", 25_000, "EUR", "unspecified", False)]),
    ("fr", f"25{NNBSP}000 €", [(f"25{NNBSP}000 €", 25_000, "EUR", "unspecified", False)]),
    ("fr", "1 200 000 dollars", [("1 200 000 dollars", 1.2e6, "USD", "unspecified", False)]),
    ("fr", "14,02 milliards de dollars", [("14,02 milliards de dollars", 14.02e9, "USD", "unspecified", False)]),
    ("fr", "2 milliards d’euros", [("2 milliards d’euros", 2e9, "EUR", "unspecified", False)]),
    ("fr", "d'un million d'euros", [("un million d'euros", 1e6, "EUR", "unspecified", False)]),
    ("fr", "deux millions d'euros", [("deux millions d'euros", 2e6, "EUR", "unspecified", False)]),
    ("fr", "vingt-cinq millions d'euros", [("vingt-cinq millions d'euros", 25e6, "EUR", "unspecified", False)]),
    ("en", "one hundred million dollars", [("one hundred million dollars", 100e6, "USD", "unspecified", False)]),
    ("en", "EUR 12.3 million", [("EUR 12.3 million", 12.3e6, "EUR", "unspecified", False)]),
    ("en", "€12.3 million", [("€12.3 million", 12.3e6, "EUR", "unspecified", False)]),
    ("en", "£10 million", [("£10 million", 10e6, "GBP", "unspecified", False)]),
    ("fr", "CHF 5 millions", [("CHF 5 millions", 5e6, "CHF", "unspecified", False)]),
    ("fr", "10 millions de francs suisses", [("10 millions de francs suisses", 10e6, "CHF", "unspecified", False)]),
    ("fr", "150 millions de dollars américains", [("150 millions de dollars américains", 150e6, "USD", "unspecified", False)]),
    ("en", "5 million US dollars", [("5 million US dollars", 5e6, "USD", "unspecified", False)]),
    ("fr", "3 millions de livres sterling", [("3 millions de livres sterling", 3e6, "GBP", "unspecified", False)]),
    ("en", "¥ 1 billion", [("¥ 1 billion", 1e9, "JPY", "unspecified", False)]),
    ("en", "$1.44 trillion", [("$1.44 trillion", 1.44e12, "USD", "unspecified", False)]),
    ("en", "1.44 trillion yen", [("1.44 trillion yen", 1.44e12, "JPY", "unspecified", False)]),
    ("fr", "1,44 billion d'euros", [("1,44 billion d'euros", 1.44e12, "EUR", "unspecified", False)]),
    ("en", "$600 billion by 2027", [("$600 billion", 600e9, "USD", "unspecified", False)]),
    ("fr", "un programme de 10k€", [("10k€", 10e3, "EUR", "unspecified", False)]),
    ("en", "€10K", [("€10K", 10e3, "EUR", "unspecified", False)]),
    ("fr", "7 Md€", [("7 Md€", 7e9, "EUR", "unspecified", False)]),
    ("de", "3 Mrd EUR", [("3 Mrd EUR", 3e9, "EUR", "unspecified", False)]),
    ("en", "$1,200,000", [("$1,200,000", 1.2e6, "USD", "unspecified", False)]),
    ("fr", "CHF 1'500'000", [("CHF 1'500'000", 1.5e6, "CHF", "unspecified", False)]),
    ("en", "US$ 5m", [("US$ 5m", 5e6, "USD", "unspecified", False)]),
    ("fr", "500 millions de francs CFA", [("500 millions de francs CFA", 500e6, "XOF", "unspecified", False)]),
    # what the amount covers
    ("fr", "1,5 million d'euros par année", [("1,5 million d'euros", 1.5e6, "EUR", "year", False)]),
    ("fr", "2 millions d'euros par an", [("2 millions d'euros", 2e6, "EUR", "year", False)]),
    ("fr", "3 M€ annuellement", [("3 M€", 3e6, "EUR", "year", False)]),
    ("fr", "4 millions d'euros chaque année", [("4 millions d'euros", 4e6, "EUR", "year", False)]),
    ("en", "$5 million a year", [("$5 million", 5e6, "USD", "year", False)]),
    ("en", "$5 million per year", [("$5 million", 5e6, "USD", "year", False)]),
    ("en", "€2 million annually", [("€2 million", 2e6, "EUR", "year", False)]),
    ("en", "€2 million in grants each year", [("€2 million", 2e6, "EUR", "year", False)]),
    ("en", "£3m per annum", [("£3m", 3e6, "GBP", "year", False)]),
    ("fr", "20 millions d'euros au total", [("20 millions d'euros", 20e6, "EUR", "total", False)]),
    ("en", "$20 million in total", [("$20 million", 20e6, "USD", "total", False)]),
    ("en", "a total of $5 million", [("$5 million", 5e6, "USD", "total", False)]),
    ("fr", "un total de plus de 20 millions d'euros", [("20 millions d'euros", 20e6, "EUR", "total", True)]),
    ("fr", "un montant total de 8 millions d'euros", [("8 millions d'euros", 8e6, "EUR", "total", False)]),
    ("fr", "5 millions d'euros en tout", [("5 millions d'euros", 5e6, "EUR", "total", False)]),
    ("en", "$5 million over five years", [("$5 million", 5e6, "USD", "total", False)]),
    ("fr", "10 millions d'euros sur cinq ans", [("10 millions d'euros", 10e6, "EUR", "total", False)]),
    ("fr", "10 M€ pour une période de 5 ans", [("10 M€", 10e6, "EUR", "total", False)]),
    ("fr", "12 millions d'euros pour la période 2024-2027", [("12 millions d'euros", 12e6, "EUR", "total", False)]),
    ("fr", "Sur cinq ans, le Luxembourg investira 10 millions d'euros", [("10 millions d'euros", 10e6, "EUR", "total", False)]),
    ("en", "up to €3 million", [("€3 million", 3e6, "EUR", "unspecified", True)]),
    ("en", "about $2 billion", [("$2 billion", 2e9, "USD", "unspecified", True)]),
    ("en", "over $2 billion", [("$2 billion", 2e9, "USD", "unspecified", True)]),
    ("fr", "jusqu'à 3 millions d'euros", [("3 millions d'euros", 3e6, "EUR", "unspecified", True)]),
    ("fr", "environ 3 millions d'euros", [("3 millions d'euros", 3e6, "EUR", "unspecified", True)]),
    ("fr", "près de 3 millions d'euros", [("3 millions d'euros", 3e6, "EUR", "unspecified", True)]),
    ("fr", "3 millions d'euros environ", [("3 millions d'euros", 3e6, "EUR", "unspecified", True)]),
    # ranges: the scale and currency are written once for both ends
    (
        "en",
        "between €2 and €3 million",
        [("€2", 2e6, "EUR", "unspecified", False), ("€3 million", 3e6, "EUR", "unspecified", False)],
    ),
    ("en", "$5-6 billion a year", [("$5", 5e9, "USD", "year", False), ("6 billion", 6e9, "USD", "year", False)]),
    (
        "fr",
        "de 2 à 3 millions d'euros",
        [("2", 2e6, "EUR", "unspecified", False), ("3 millions d'euros", 3e6, "EUR", "unspecified", False)],
    ),
    ("en", "between one and two million dollars", [("two million dollars", 2e6, "USD", "unspecified", False)]),
    # hard-wrapped text, hyphenated scale, codes glued to digits
    ("en", "more than $15.55\n    billion", [("$15.55\n    billion", 15.55e9, "USD", "unspecified", True)]),
    ("en", "total commitment to AUD21.7\n    million", [("AUD21.7\n    million", 21.7e6, "AUD", "total", False)]),
    ("en", "Saudi Arabia’s $600-billion commitment", [("$600-billion", 600e9, "USD", "unspecified", False)]),
    ("en", "a combined $5+ million grant", [("$5+ million", 5e6, "USD", "unspecified", True)]),
    ("en", "loan%20dollars", []),
    ("en", "USD2bn", [("USD2bn", 2e9, "USD", "unspecified", False)]),
    (
        "en",
        "US$14.8 million (C$20 million)",
        [("US$14.8 million", 14.8e6, "USD", "unspecified", False), ("C$20 million", 20e6, "CAD", "unspecified", False)],
    ),
    ("en", "a record $520.3 billion in total trade", [("$520.3 billion", 520.3e9, "USD", "unspecified", False)]),
    (
        "en",
        "7.72 trillion JPY overall defense budget for fiscal year 2025",
        [("7.72 trillion JPY", 7.72e12, "JPY", "unspecified", False)],
    ),
    # several amounts, each with its own qualifier
    ("fr", "2 euros, 3 euros par an", [("2 euros", 2, "EUR", "unspecified", False), ("3 euros", 3, "EUR", "year", False)]),
    (
        "fr",
        "Le Luxembourg versera 3 millions d'euros par an et 1 million d'euros au total.",
        [("3 millions d'euros", 3e6, "EUR", "year", False), ("1 million d'euros", 1e6, "EUR", "total", False)],
    ),
]


def _tuples(mentions: list[MoneyMention]) -> list[tuple[str, str, str, bool]]:
    return [(m.text, m.currency, m.per, m.approximate) for m in mentions]


@pytest.mark.parametrize(("language", "text", "expected"), CASES, ids=[case[1] for case in CASES])
def test_amounts(language: str, text: str, expected: list[tuple[str, float, str, str, bool]]) -> None:
    found = find_amounts(text, language)
    assert _tuples(found) == [(t, c, p, a) for t, _, c, p, a in expected]
    for mention, (_, value, *_rest) in zip(found, expected, strict=True):
        assert mention.value == pytest.approx(value, rel=1e-12)
    for mention in found:
        assert text[mention.start : mention.end] == mention.text
        assert mention.text == mention.text.strip()


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fr", "En 2024, le ministère a retenu 34 projets."),
        ("fr", "Une hausse de 30 % en 2023 et 12,5 % en 2024."),
        ("en", "34 projects, 2024, 30%, 1.5 million people"),
        ("fr", "le 26.07.2024 à 14h30, puis le 2024-07-26"),
        ("fr", "Tél. : +352 247 82 300 ou (+352) 26 12 34 56"),
        ("fr", "des millions d'euros"),
        ("en", "PHP 8.1 is in the TOP 10"),
        ("en", "at COP27 and COP 28, in line with SDG2 and SDG 8"),
        ("en", "EUR500"),  # a code glued to a bare number
        ("fr", "1e309 euros"),
        ("fr", "−3 millions d'euros"),
        ("fr", "-3 millions d'euros"),
        ("en", "-$5 million"),
        ("en", "1.44 trillion"),  # no currency: not an amount
        ("en", "a dollars"),
    ],
)
def test_not_amounts(language: str, text: str) -> None:
    assert find_amounts(text, language) == []


def test_huge_and_endless_numbers_do_not_crash() -> None:
    assert parse_amount("999999999999999999999999 dollars", "en") == (1e24, "USD")
    assert find_amounts("9" * 400 + " euros", "fr") == []  # not finite as a float: skipped
    assert find_amounts("9" * 400 + " milliards d'euros", "fr") == []


def test_billion_follows_the_language() -> None:
    assert parse_amount("2 billions d'euros", "fr") == (2e12, "EUR")
    assert parse_amount("2 billion euros", "en") == (2e9, "EUR")
    assert parse_amount("2 bn euros", "fr") == (2e9, "EUR")


def test_separators_follow_the_language() -> None:
    assert parse_amount("€1,500", "en") == (1500.0, "EUR")
    assert parse_amount("1,500 million d'euros", "fr") == (1.5e6, "EUR")
    assert parse_amount("€1.500", "fr") == (1500.0, "EUR")
    assert parse_amount("€1.500", "en") == (1.5, "EUR")
    assert parse_amount("1.234.567,89 €", "fr") == (1234567.89, "EUR")


def test_parse_amount() -> None:
    assert parse_amount("plus de 10 millions d'euros", "fr") == (10e6, "EUR")
    assert parse_amount("$85 million", "en") == (85e6, "USD")
    assert parse_amount("34 projets", "fr") is None
    assert parse_amount("", "fr") is None


def test_lowercase_words_are_not_currency_codes() -> None:
    assert find_amounts("10 eur", "fr") == []
    assert parse_amount("10 EUR", "fr") == (10.0, "EUR")


@settings(max_examples=300, deadline=None)
@given(st.decimals(min_value=0, max_value=10**7, places=3, allow_nan=False, allow_infinity=False))
def test_french_formatting_round_trips(value: Decimal) -> None:
    text = f"Le Luxembourg apporte {format_decimal(value, locale='fr')} millions d'euros au programme."
    found = find_amounts(text, "fr")
    assert len(found) == 1
    assert found[0].currency == "EUR"
    assert found[0].value == pytest.approx(float(value * 10**6), rel=1e-9, abs=1e-9)


@settings(max_examples=300, deadline=None)
@given(st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False, allow_infinity=False))
def test_english_formatting_round_trips(value: Decimal) -> None:
    text = f"The bank approved ${format_decimal(value, locale='en')} million for the project."
    found = find_amounts(text, "en")
    assert len(found) == 1
    assert found[0].currency == "USD"
    assert found[0].value == pytest.approx(float(value * 10**6), rel=1e-9, abs=1e-9)


_PIECES = st.sampled_from(
    ["€", "$", "£", " ", "\u00a0", "\u202f", ",", ".", "-", "−", "'", "’", "1", "25", "000", "2024", "%", "de ", "d'",
     "euros", "millions", "milliards", "M", "k", "bn", "billion", "par an", "au total", "over", "five", "years", "un",
     "deux", "USD", "EUR", "CHF", "à", "to", "plus de", "\n", "(", ")", "FCFA", "dollars"]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join), st.sampled_from(["fr", "en", "de", "xx"]))
def test_random_text_never_raises_and_spans_hold(text: str, language: str) -> None:
    previous_end = 0
    for mention in find_amounts(text, language):
        assert text[mention.start : mention.end] == mention.text
        assert mention.start >= previous_end
        assert mention.value >= 0
        assert len(mention.currency) == 3
        assert mention.currency.isupper()
        previous_end = mention.end


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200), st.sampled_from(["fr", "en"]))
def test_arbitrary_unicode_never_raises(text: str, language: str) -> None:
    for mention in find_amounts(text, language):
        assert text[mention.start : mention.end] == mention.text
