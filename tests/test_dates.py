from __future__ import annotations

from datetime import date

from babel.dates import format_date
from hypothesis import given
from hypothesis import strategies as st

from communique.dates import find_dateline, parse_date

DAYS = st.dates(min_value=date(1950, 1, 1), max_value=date(2060, 12, 31))


@given(DAYS)
def test_french_long_dates_round_trip(day: date) -> None:
    assert parse_date(format_date(day, "d MMMM y", locale="fr"), "fr") == day.isoformat()


@given(DAYS)
def test_english_month_first_dates_round_trip(day: date) -> None:
    assert parse_date(format_date(day, "MMMM d, y", locale="en"), "en") == day.isoformat()


@given(DAYS)
def test_numeric_dates_are_day_first(day: date) -> None:
    assert parse_date(f"{day.day:02d}/{day.month:02d}/{day.year}") == day.isoformat()


@given(st.integers(1, 12), st.integers(32, 99), st.integers(1950, 2060))
def test_impossible_days_are_no_date(month: int, day: int, year: int) -> None:
    assert parse_date(f"{day}/{month:02d}/{year}") is None


def test_impossible_named_dates_are_no_date() -> None:
    assert parse_date("31/02/2020") is None
    assert parse_date("45 mai 2020", "fr") is None
    assert parse_date("30 février 2021", "fr") is None


def test_dateline_only_at_the_top() -> None:
    assert find_dateline("Titre\n\nParis, le 1er mars 2020 – Le ministre", "fr") == "2020-03-01"
    body = "\n".join(["Une ligne."] * 10 + ["Paris, le 1er mars 2020 – trop bas"])
    assert find_dateline(body, "fr") is None
