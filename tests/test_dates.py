from __future__ import annotations

from datetime import date, timedelta

import pytest
from babel.dates import format_date
from hypothesis import given
from hypothesis import strategies as st

from communique.dates import DateMention, When, find_dateline, find_dates, parse_date

DAYS = st.dates(min_value=date(1950, 1, 1), max_value=date(2060, 12, 31))


@pytest.fixture(scope="module", autouse=True)
def _warm_caches() -> None:
    """dateparser's language data and our patterns load on first use (a few hundred
    ms), which would otherwise count against the first Hypothesis example's deadline."""
    parse_date("1 janvier 2000", "fr")
    parse_date("January 1, 2000", "en")
    find_dates("le 1er janvier 2000", "fr", None)


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


# --- find_dates: every date expression of a text, resolved against the publication date

FRIDAY = "2020-12-04"  # a Friday
TUESDAY = "2024-07-30"  # a Tuesday
FR_WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
EN_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
YEARS = st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31))


def _days(start: str, end: str | None = None) -> When:
    return start, end or start, "day"


def _only(text: str, language: str, published: str | None) -> DateMention:
    mentions = find_dates(text, language, published)
    assert len(mentions) == 1, mentions
    return mentions[0]


FRENCH_CASES: list[tuple[str, str, str, When | None, bool]] = [
    # (text, published, expression as found, when, relative)
    ("Paris, le 26 juillet 2024 – Le ministre", FRIDAY, "26 juillet 2024", _days("2024-07-26"), False),
    ("Signé le 1er mars 2020 à Dakar.", FRIDAY, "1er mars 2020", _days("2020-03-01"), False),
    ("Bruxelles, 03/12/2020 - 16:53", FRIDAY, "03/12/2020", _days("2020-12-03"), False),
    ("mis à jour le 2020-12-03", FRIDAY, "2020-12-03", _days("2020-12-03"), False),
    ("le lundi 6 mars 2023", FRIDAY, "lundi 6 mars 2023", _days("2023-03-06"), False),
    ("du 11 au 13 novembre 2019", FRIDAY, "du 11 au 13 novembre 2019", _days("2019-11-11", "2019-11-13"), False),
    ("les 18 et 19 mai 2020", FRIDAY, "18 et 19 mai 2020", _days("2020-05-18", "2020-05-19"), False),
    ("les 9 et 10 octobre", FRIDAY, "9 et 10 octobre", _days("2020-10-09", "2020-10-10"), True),
    ("les 9, 10 et 11 octobre", FRIDAY, "9, 10 et 11 octobre", _days("2020-10-09", "2020-10-11"), True),
    ("du 30 juin au 2 juillet 2020", FRIDAY, "du 30 juin au 2 juillet 2020", _days("2020-06-30", "2020-07-02"), False),
    ("du 30 décembre au 2 janvier 2021", FRIDAY, "du 30 décembre au 2 janvier 2021", _days("2020-12-30", "2021-01-02"), False),
    ("entre le 5 et le 12 mai", FRIDAY, "entre le 5 et le 12 mai", _days("2020-05-05", "2020-05-12"), True),
    ("en juin 2017", FRIDAY, "juin 2017", ("2017-06", "2017-06", "month"), False),
    ("de janvier à mars 2021", FRIDAY, "de janvier à mars 2021", ("2021-01", "2021-03", "month"), False),
    ("en 2021", FRIDAY, "2021", ("2021", "2021", "year"), False),
    ("au cours de l'année 2019", FRIDAY, "2019", ("2019", "2019", "year"), False),
    ("mars 2021", FRIDAY, "mars 2021", ("2021-03", "2021-03", "month"), False),
    ("le 2 décembre", FRIDAY, "2 décembre", _days("2020-12-02"), True),
    ("le 9 août", FRIDAY, "9 août", _days("2020-08-09"), True),
    ("le 9 août", TUESDAY, "9 août", _days("2023-08-09"), True),
    ("le 5 décembre", FRIDAY, "5 décembre", _days("2019-12-05"), True),
    ("le 5 décembre prochain", FRIDAY, "5 décembre prochain", _days("2020-12-05"), True),
    ("le 9 août prochain", TUESDAY, "9 août prochain", _days("2024-08-09"), True),
    ("le 2 décembre dernier", FRIDAY, "2 décembre dernier", _days("2020-12-02"), True),
    ("le 2 décembre dernier", "2020-12-02", "2 décembre dernier", _days("2019-12-02"), True),
    ("les 18 et 19 mai derniers", FRIDAY, "18 et 19 mai derniers", _days("2020-05-18", "2020-05-19"), True),
    ("le vendredi 4 décembre", "2020-11-30", "vendredi 4 décembre", _days("2020-12-04"), True),
    ("vendredi", FRIDAY, "vendredi", _days("2020-12-04"), True),
    ("ce vendredi", FRIDAY, "ce vendredi", _days("2020-12-04"), True),
    ("vendredi dernier", FRIDAY, "vendredi dernier", _days("2020-11-27"), True),
    ("vendredi prochain", FRIDAY, "vendredi prochain", _days("2020-12-11"), True),
    ("vendredi", TUESDAY, "vendredi", _days("2024-07-26"), True),
    ("vendredi prochain", TUESDAY, "vendredi prochain", _days("2024-08-02"), True),
    ("mardi dernier", TUESDAY, "mardi dernier", _days("2024-07-23"), True),
    ("mercredi soir", FRIDAY, "mercredi soir", _days("2020-12-02"), True),
    ("le mercredi suivant", FRIDAY, "mercredi suivant", None, True),
    ("aujourd'hui", FRIDAY, "aujourd'hui", _days("2020-12-04"), True),
    ("aujourd’hui", TUESDAY, "aujourd’hui", _days("2024-07-30"), True),
    ("le communiqué de ce jour", FRIDAY, "ce jour", _days("2020-12-04"), True),
    ("ce matin", FRIDAY, "ce matin", _days("2020-12-04"), True),
    ("hier", FRIDAY, "hier", _days("2020-12-03"), True),
    ("hier soir", FRIDAY, "hier soir", _days("2020-12-03"), True),
    ("avant-hier", FRIDAY, "avant-hier", _days("2020-12-02"), True),
    ("demain", FRIDAY, "demain", _days("2020-12-05"), True),
    ("après-demain", FRIDAY, "après-demain", _days("2020-12-06"), True),
    ("cette semaine", FRIDAY, "cette semaine", None, True),
    ("la semaine dernière", FRIDAY, "la semaine dernière", None, True),
    ("le mois dernier", FRIDAY, "le mois dernier", ("2020-11", "2020-11", "month"), True),
    ("le mois dernier", "2024-01-15", "le mois dernier", ("2023-12", "2023-12", "month"), True),
    ("juin dernier", FRIDAY, "juin dernier", ("2020-06", "2020-06", "month"), True),
    ("en juin", FRIDAY, "juin", ("2020-06", "2020-06", "month"), True),
    ("au mois d'avril", FRIDAY, "avril", ("2020-04", "2020-04", "month"), True),
    ("à la mi-novembre", FRIDAY, "novembre", ("2020-11", "2020-11", "month"), True),
    ("l'an dernier", FRIDAY, "l'an dernier", ("2019", "2019", "year"), True),
    ("l’année dernière", TUESDAY, "l’année dernière", ("2023", "2023", "year"), True),
    ("cette année", FRIDAY, "cette année", ("2020", "2020", "year"), True),
    ("l'année prochaine", FRIDAY, "l'année prochaine", ("2021", "2021", "year"), True),
]

ENGLISH_CASES: list[tuple[str, str, str, When | None, bool]] = [
    ("WASHINGTON, July 10, 2023 – The", FRIDAY, "July 10, 2023", _days("2023-07-10"), False),
    ("signed on 10 July 2023", FRIDAY, "10 July 2023", _days("2023-07-10"), False),
    ("on the 2nd of December 2020", FRIDAY, "2nd of December 2020", _days("2020-12-02"), False),
    ("DONE this 26th day of October, 2025.", FRIDAY, "26th day of October, 2025", _days("2025-10-26"), False),
    ("Monday, March 6, 2023", FRIDAY, "Monday, March 6, 2023", _days("2023-03-06"), False),
    ("from 11 to 13 November 2019", FRIDAY, "from 11 to 13 November 2019", _days("2019-11-11", "2019-11-13"), False),
    ("November 11-13, 2019", FRIDAY, "November 11-13, 2019", _days("2019-11-11", "2019-11-13"), False),
    ("November 30 to December 2, 2019", FRIDAY, "November 30 to December 2, 2019", _days("2019-11-30", "2019-12-02"), False),
    ("January 18–20", FRIDAY, "January 18–20", _days("2020-01-18", "2020-01-20"), True),
    ("March 29-30", TUESDAY, "March 29-30", _days("2024-03-29", "2024-03-30"), True),
    ("on 18 and 19 May", FRIDAY, "18 and 19 May", _days("2020-05-18", "2020-05-19"), True),
    ("in June 2017", FRIDAY, "June 2017", ("2017-06", "2017-06", "month"), False),
    ("in 2021", FRIDAY, "2021", ("2021", "2021", "year"), False),
    ("on December 2", FRIDAY, "December 2", _days("2020-12-02"), True),
    ("The ministers met on December 12.", FRIDAY, "December 12", _days("2019-12-12"), True),
    ("The ministers will meet on December 12.", FRIDAY, "December 12", _days("2020-12-12"), True),
    ("Political will was shown on December 12.", FRIDAY, "December 12", _days("2019-12-12"), True),
    ("on Friday", FRIDAY, "Friday", _days("2020-12-04"), True),
    ("Friday", TUESDAY, "Friday", _days("2024-07-26"), True),
    ("last Friday", FRIDAY, "last Friday", _days("2020-11-27"), True),
    ("next Friday", FRIDAY, "next Friday", _days("2020-12-11"), True),
    ("The minister will travel to Dakar on Friday.", TUESDAY, "Friday", _days("2024-08-02"), True),
    ("Wednesday evening", FRIDAY, "Wednesday evening", _days("2020-12-02"), True),
    ("the following Wednesday", FRIDAY, "following Wednesday", None, True),
    ("today", FRIDAY, "today", _days("2020-12-04"), True),
    ("this morning", TUESDAY, "this morning", _days("2024-07-30"), True),
    ("yesterday", FRIDAY, "yesterday", _days("2020-12-03"), True),
    ("the day before yesterday", FRIDAY, "the day before yesterday", _days("2020-12-02"), True),
    ("tomorrow", TUESDAY, "tomorrow", _days("2024-07-31"), True),
    ("this week", FRIDAY, "this week", None, True),
    ("earlier this week", FRIDAY, "earlier this week", None, True),
    ("last month", TUESDAY, "last month", ("2024-06", "2024-06", "month"), True),
    ("last June", TUESDAY, "last June", ("2024-06", "2024-06", "month"), True),
    ("last year", FRIDAY, "last year", ("2019", "2019", "year"), True),
    ("this year", TUESDAY, "this year", ("2024", "2024", "year"), True),
]


@pytest.mark.parametrize(("text", "published", "expression", "when", "relative"), FRENCH_CASES)
def test_french_forms(text: str, published: str, expression: str, when: When | None, relative: bool) -> None:
    mention = _only(text, "fr", published)
    assert (mention.text, mention.when, mention.relative) == (expression, when, relative)
    assert text[mention.start : mention.end] == expression


@pytest.mark.parametrize(("text", "published", "expression", "when", "relative"), ENGLISH_CASES)
def test_english_forms(text: str, published: str, expression: str, when: When | None, relative: bool) -> None:
    mention = _only(text, "en", published)
    assert (mention.text, mention.when, mention.relative) == (expression, when, relative)
    assert text[mention.start : mention.end] == expression


def test_future_tense_moves_a_day_without_year_forward() -> None:
    assert _only("La ministre se rendra à Dakar le 9 août.", "fr", TUESDAY).when == _days("2024-08-09")
    assert _only("Les réunions à venir, les 9 et 10 octobre", "fr", TUESDAY).when == _days("2024-10-09", "2024-10-10")
    assert _only("La ministre s'est rendue à Dakar le 9 août.", "fr", TUESDAY).when == _days("2023-08-09")


@pytest.mark.parametrize(
    ("text", "language", "when"),
    [
        ("Nous ferons un point en novembre.", "fr", ("2021-11", "2021-11", "month")),
        ("Nous avons fait un point en novembre.", "fr", ("2020-11", "2020-11", "month")),
        ("La Commission va présenter son plan jeudi.", "fr", _days("2020-12-10")),
        ("Nous réunirons les ministres jeudi.", "fr", _days("2020-12-10")),
        ("Nous aspirons à conclure jeudi.", "fr", _days("2020-12-03")),
        ("Nous assurons le suivi de la réunion de jeudi.", "fr", _days("2020-12-03")),
        ("La Commission a présenté son plan jeudi.", "fr", _days("2020-12-03")),
        ("Laura a rencontré le ministre le 12 décembre.", "fr", _days("2019-12-12")),
        ("Un accord doit être trouvé d'ici le 31 décembre.", "fr", _days("2020-12-31")),
        ("The summit is scheduled to open on December 12.", "en", _days("2020-12-12")),
        ("The United Nations hosted the summit on December 12.", "en", _days("2019-12-12")),
    ],
)
def test_tense_markers(text: str, language: str, when: When) -> None:
    assert _only(text, language, FRIDAY).when == when


def test_the_nearest_tense_marker_decides() -> None:
    text = "Le 2 décembre, la ministre a annoncé qu'elle se rendra à Dakar."
    assert _only(text, "fr", FRIDAY).when == _days("2020-12-02")
    text = "La ministre, qui a été nommée hier, se rendra à Dakar le 9 décembre."
    assert [m.when for m in find_dates(text, "fr", FRIDAY)] == [_days("2020-12-03"), _days("2020-12-09")]


def test_every_mention_of_a_paragraph_in_order() -> None:
    text = (
        "Luxembourg, le 4 décembre 2020 – Vendredi, le ministre a rencontré son homologue, "
        "après la réunion des 18 et 19 mai derniers et avant le sommet prévu en 2021."
    )
    found = [(m.text, m.when) for m in find_dates(text, "fr", FRIDAY)]
    assert found == [
        ("4 décembre 2020", _days("2020-12-04")),
        ("Vendredi", _days("2020-12-04")),
        ("18 et 19 mai derniers", _days("2020-05-18", "2020-05-19")),
        ("2021", ("2021", "2021", "year")),
    ]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("vendredi", "fr"),
        ("ce vendredi", "fr"),
        ("le 2 décembre dernier", "fr"),
        ("le 9 août", "fr"),
        ("les 9 et 10 octobre", "fr"),
        ("juin dernier", "fr"),
        ("hier", "fr"),
        ("aujourd'hui", "fr"),
        ("le mois dernier", "fr"),
        ("l'an dernier", "fr"),
        ("cette semaine", "fr"),
        ("on Friday", "en"),
        ("next Friday", "en"),
        ("on December 2", "en"),
        ("yesterday", "en"),
        ("last year", "en"),
    ],
)
def test_relative_dates_without_publication_date_stay_unresolved(text: str, language: str) -> None:
    for published in (None, "", "not a date", "2020"):
        mention = _only(text, language, published)
        assert mention.when is None
        assert mention.relative


def test_absolute_dates_need_no_publication_date() -> None:
    found = [(m.when, m.relative) for m in find_dates("le 26 juillet 2024, en juin 2017 et en 2021", "fr", None)]
    assert found == [(_days("2024-07-26"), False), (("2017-06", "2017-06", "month"), False), (("2021", "2021", "year"), False)]


@pytest.mark.parametrize(
    "text",
    ["31/02/2020", "le 45 mai", "le 45 mai 2020", "30 février 2021", "le 31 juin dernier", "du 31 au 33 mai 2020", "2020-02-30"],
)
def test_impossible_dates_are_no_mention(text: str) -> None:
    assert find_dates(text, "fr", FRIDAY) == []


@pytest.mark.parametrize(
    "text",
    [
        "le plan 2024-2027",
        "la stratégie pour 2024–2027",
        "en 2024-2027",
        "in 2021/22",
        "la lutte contre la COVID-19",
        "le sommet du G20",
        "Resolution 2532",
        "le 75e anniversaire",
        "the 75th anniversary",
        "une hausse de 12 %",
        "2,5 millions d'euros",
        "le 1er",
        "page 12, section 3.2",
        "à 10:30",
        "à ce jour, 34 projets",
        "ce jour-là",
        "cette année-là",
        "depuis 2016",
        "they may 5 times",
        "the 3 may be",
        "la planète Mars",
    ],
)
def test_things_that_are_not_dates(text: str) -> None:
    assert find_dates(text, "fr", FRIDAY) == []


def test_a_period_is_not_a_year_but_the_year_beside_it_is() -> None:
    assert [m.text for m in find_dates("Le plan 2024-2027 a été adopté en 2021.", "fr", FRIDAY)] == ["2021"]


def test_a_date_may_run_over_one_line_break_but_not_a_blank_line() -> None:
    assert _only("met on 26\n    October 2021, under", "en", FRIDAY).when == _days("2021-10-26")
    assert _only("le 26\n\njuillet 2024", "fr", FRIDAY).text == "juillet 2024"


def test_two_days_joined_by_and_are_a_range_only_when_consecutive() -> None:
    assert [m.text for m in find_dates("les 5 et 12 mai", "fr", FRIDAY)] == ["12 mai"]


# --- properties


@given(YEARS, YEARS)
def test_day_dernier_is_the_latest_such_day_strictly_before_publication(day: date, published: date) -> None:
    written = format_date(day, "d MMMM", locale="fr")
    if day.day == 1:
        written = written.replace("1 ", "1er ", 1)
    mention = _only(f"le {written} dernier", "fr", published.isoformat())
    expected = next(
        found
        for year in range(published.year, published.year - 9, -1)
        if (found := _real(year, day.month, day.day)) is not None and found < published
    )
    assert mention.when == _days(expected.isoformat())


@given(YEARS, YEARS)
def test_day_without_year_is_the_latest_on_or_before_publication(day: date, published: date) -> None:
    mention = _only(format_date(day, "d MMMM", locale="fr"), "fr", published.isoformat())
    assert mention.when is not None
    found = date.fromisoformat(mention.when[0])
    assert (found.month, found.day) == (day.month, day.day)
    assert found <= published
    assert found.year >= published.year - (1 if (day.month, day.day) != (2, 29) else 8)


@given(YEARS, st.integers(0, 6), st.sampled_from(["fr", "en"]))
def test_weekday_names_fall_within_the_week_before_publication(published: date, weekday: int, language: str) -> None:
    name = FR_WEEKDAYS[weekday] if language == "fr" else EN_WEEKDAYS[weekday]
    mention = _only(name, language, published.isoformat())
    assert mention.when is not None
    found = date.fromisoformat(mention.when[0])
    assert found.weekday() == weekday
    assert published - timedelta(days=6) <= found <= published


@given(YEARS, st.integers(0, 6))
def test_last_and_next_weekdays_fall_in_the_weeks_around_publication(published: date, weekday: int) -> None:
    cases = [
        (f"{FR_WEEKDAYS[weekday]} dernier", "fr", -7, -1),
        (f"last {EN_WEEKDAYS[weekday]}", "en", -7, -1),
        (f"{FR_WEEKDAYS[weekday]} prochain", "fr", 1, 7),
        (f"next {EN_WEEKDAYS[weekday]}", "en", 1, 7),
    ]
    for text, language, low, high in cases:
        when = _only(text, language, published.isoformat()).when
        assert when is not None
        found = date.fromisoformat(when[0])
        assert found.weekday() == weekday
        assert published + timedelta(days=low) <= found <= published + timedelta(days=high), text


@given(YEARS, st.one_of(st.none(), YEARS.map(date.isoformat)))
def test_written_days_read_the_same_as_dateparser(day: date, published: str | None) -> None:
    for written, language in [
        (format_date(day, "d MMMM y", locale="fr"), "fr"),
        (format_date(day, "EEEE d MMMM y", locale="fr"), "fr"),
        (format_date(day, "MMMM d, y", locale="en"), "en"),
        (format_date(day, "EEEE, MMMM d, y", locale="en"), "en"),
        (format_date(day, "d MMMM y", locale="en"), "en"),
        (f"{day.day:02d}/{day.month:02d}/{day.year}", "fr"),
        (day.isoformat(), "en"),
    ]:
        mention = _only(f"Signé le {written}.", language, published)
        assert mention.text == written
        assert mention.when == _days(day.isoformat())
        assert not mention.relative
    assert parse_date(format_date(day, "d MMMM y", locale="fr"), "fr") == day.isoformat()


@given(YEARS, st.sampled_from(["fr", "en"]))
def test_months_with_year_have_month_precision(day: date, language: str) -> None:
    written = format_date(day, "MMMM y", locale=language)
    mention = _only(f"{'en' if language == 'fr' else 'in'} {written}", language, None)
    month = f"{day.year:04d}-{day.month:02d}"
    assert (mention.text, mention.when) == (written, (month, month, "month"))


_TOKENS = st.sampled_from(
    [
        "le", "du", "au", "et", "les", "from", "to", "and", "en", "in", "on", "1er", "2", "13", "31", "45", "2020",
        "2024-2027", "/", "-", "–", ",", ".", "03/12/2020", "2020-12-03", "juin", "mai", "May", "March", "décembre",
        "vendredi", "Friday", "dernier", "prochain", "next", "last", "hier", "aujourd'hui", "cette", "semaine", "année",
        "l'an", "mois", "will", "se tiendra", "a", "\n", "mi-", "fin", "COVID-19", "%", "ce", "jour", "this", "week",
    ]
)  # fmt: skip
_PUBLISHED = st.one_of(st.none(), YEARS.map(date.isoformat), st.text(max_size=12))


def _assert_well_formed(text: str, mentions: list[DateMention], published: str | None) -> None:
    ends = 0
    for mention in mentions:
        assert mention.text == text[mention.start : mention.end]
        assert ends <= mention.start < mention.end
        ends = mention.end
        if mention.when is not None:
            start, end, precision = mention.when
            assert len(start) == len(end) == {"day": 10, "month": 7, "year": 4}[precision]
            assert start <= end
        if published is None:
            assert mention.when is None or not mention.relative


@given(st.text(), st.sampled_from(["fr", "en", "de", "es", "xx"]), _PUBLISHED)
def test_random_text_never_raises(text: str, language: str, published: str | None) -> None:
    _assert_well_formed(text, find_dates(text, language, published), published)


@given(st.lists(_TOKENS, max_size=14).map(" ".join), st.sampled_from(["fr", "en"]), _PUBLISHED)
def test_date_like_word_salad_never_raises(text: str, language: str, published: str | None) -> None:
    _assert_well_formed(text, find_dates(text, language, published), published)


def _real(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
