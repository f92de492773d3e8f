"""The regexes that find date expressions: one per form, compiled once.

A match (or its ``span`` group, when a leading word only licenses it: "en 2021",
"in June") is the expression as written. Named groups carry what the reader needs:
``d``/``m``/``y`` (day, month, year; ``1``/``2`` for the ends of a range), ``w`` a
weekday, ``pre``/``mark``/``mark2`` the words that point back or forward ("last",
"dernier", "prochain"). Guards keep out numbers that are no days: "COVID-19", "2,5",
"3/4", "G20", and periods such as "2024-2027"."""

from __future__ import annotations

import re
from functools import cache
from typing import Literal

from communique.dates.lexicon import month_alternation, weekday_alternation

Unit = Literal["day", "week", "month", "year"]

# Spaces within a date may hold one line break (hard-wrapped text: "on 26\nOctober
# 2021"), never a blank line. Unambiguous (one way to split a run of spaces, or the
# engine tries them all) and bounded (a dozen spaces of indentation, not a page).
_S = r"(?:[^\S\n]{1,6}(?:\n[^\S\n]{0,12})?|\n[^\S\n]{0,12})"
_S0 = r"[^\S\n]{0,6}(?:\n[^\S\n]{0,12})?"
_DASH = r"[-‐‑‒–—]"
_DAY_GUARD = r"(?<![\w/.,:‐‑‒–—-])"
_NO_YEAR = rf"(?!,?{_S0}\d{{3}})"  # "2 décembre 20201" is a broken date, not a day without year
_MARK_WORDS = r"derni(?:er|ère)s?|pass(?:é|ée)s?|prochaine?s?"
_TIME = r"(?:matin|soir(?:ée)?|après-midi|midi|nuit|morning|afternoon|evening|night|noon)"
_DAY_TO = rf"(?P<to>{_S0}{_DASH}{_S0}|{_S}(?:au|à|to|till|until|through|thru|and|et|&){_S}(?:(?:le|the){_S})?)"
_MONTH_TO = rf"(?(between){_S}(?:et|and){_S}|(?:{_S0}{_DASH}{_S0}|{_S}(?:à|au|to|until|through){_S}))"
# Words before a bare month or year that make it a date. "depuis"/"since", "d'ici"/"by"
# and "jusqu'en"/"until" are left out on purpose: they bound a period, and reading
# "depuis 2016" as the year 2016 would date an event to the period's first year.
_LEADS = (
    "en",
    "in",
    "durant",
    "pendant",
    "during",
    "courant",
    "au cours de",
    "au cours de l['’]année",
    "dans le courant de",
    "dans le courant de l['’]année",
    "l['’]année",
    "the year",
    "fin",
    "début",
    "early",
    "late",
    "end of",
    "beginning of",
    "au mois de",
    "le mois de",
    "du mois de",
)

# (phrase, unit, offset from the publication date); a "week" has no precision in the
# contract, so week phrases are found but never resolved.
RELATIVE: tuple[tuple[str, Unit, int], ...] = (
    ("aujourd['’]hui", "day", 0),
    ("today", "day", 0),
    ("(?<!à\\s)ce jour", "day", 0),
    ("ce matin", "day", 0),
    ("cet après-midi", "day", 0),
    ("ce soir", "day", 0),
    ("(?:earlier |later )?this (?:morning|afternoon|evening)", "day", 0),
    ("tonight", "day", 0),
    ("(?:earlier|later) today", "day", 0),
    ("avant-hier", "day", -2),
    ("the day before yesterday", "day", -2),
    ("hier(?: (?:au )?(?:matin|soir|après-midi))?", "day", -1),
    ("yesterday(?: (?:morning|afternoon|evening))?", "day", -1),
    ("last night", "day", -1),
    ("la nuit dernière", "day", -1),
    ("après-demain", "day", 2),
    ("the day after tomorrow", "day", 2),
    ("demain(?: (?:matin|soir|après-midi))?", "day", 1),
    ("tomorrow(?: (?:morning|afternoon|evening))?", "day", 1),
    ("(?:(?:plus tôt|plus tard|en début|en fin) )?(?:cette|de cette) semaine", "week", 0),
    ("(?:(?:earlier|later) )?this week", "week", 0),
    ("la semaine (?:dernière|passée|prochaine)", "week", 0),
    ("(?:last|next|past) week", "week", 0),
    ("ce week-end", "week", 0),
    ("this weekend", "week", 0),
    ("ce mois(?:-ci)?(?! d[e'’])", "month", 0),
    ("le mois en cours", "month", 0),
    ("(?:(?:earlier|later) )?this month", "month", 0),
    ("le mois (?:dernier|passé)", "month", -1),
    ("last month", "month", -1),
    ("le mois prochain", "month", 1),
    ("next month", "month", 1),
    ("cette année", "year", 0),
    ("l['’]année en cours", "year", 0),
    ("(?:(?:earlier|later) )?this year", "year", 0),
    ("l['’]an(?:née)? (?:derni(?:er|ère)|pass(?:é|ée))", "year", -1),
    ("last year", "year", -1),
    ("l['’]an(?:née)? prochaine?", "year", 1),
    ("next year", "year", 1),
)


def _spaced(phrase: str) -> str:
    return phrase.replace(" ", _S)


def _day(group: str | None, guarded: bool = True, dotted: bool = False) -> str:
    """A day of the month; ``dotted`` allows the German "12." before a month name."""
    guard = _DAY_GUARD if guarded else ""
    name = f"?P<{group}>" if group else "?:"
    suffix = r"er|ᵉʳ|st|nd|rd|th|\." if dotted else r"er|ᵉʳ|st|nd|rd|th"
    return rf"{guard}({name}\d{{1,2}})(?:{suffix})?(?!\w)"


def _month(group: str, capitalised: bool = False) -> str:
    return rf"(?<!\w)(?P<{group}>{month_alternation(capitalised)})(?!\w)(?:\.(?={_S0}\d))?"


def _year(group: str) -> str:
    return rf"(?P<{group}>\d{{4}})(?![\w%]|[.,]\d)"


def _mark(group: str) -> str:
    return rf"(?:{_S}(?P<{group}>{_MARK_WORDS})(?!\w))?"


def _weekday(group: str | None = None) -> str:
    name = f"?P<{group}>" if group else "?:"
    return rf"(?<!\w)({name}{weekday_alternation()})(?!\w)"


def _lead() -> str:
    """A word that makes the bare month or year after it a date: "en", "au mois d'",
    "mi-"."""
    leads = "|".join(_spaced(lead) for lead in _LEADS)
    return rf"(?<!\w)(?:(?:{leads}){_S}|(?:au|le|du){_S}mois{_S}d['’]|mi{_DASH}|mid{_DASH})"


def _relative() -> str:
    """The relative phrases, group ``r<i>`` for ``RELATIVE[i]``, under one guard
    (forty separately guarded alternatives are four times slower)."""
    phrases = "|".join(rf"(?P<r{index}>{_spaced(phrase)})" for index, (phrase, _, _) in enumerate(RELATIVE))
    return rf"(?<!\w)(?:{phrases})(?!\w|{_DASH}?{_S0}là)"  # not "ce jour-là", "cette année-là"


def _day_forms() -> dict[str, str]:
    """Days and day ranges written with a month name, day first or month first."""
    weekday = rf"(?:{_weekday('w')}{_S0},?{_S0})?"  # "Monday, March 6, 2023", "vendredi 4 décembre"
    any_weekday = rf"(?:{_weekday()}{_S0},?{_S0})?"
    of = rf"(?:(?:{_S}day)?{_S}(?:of|de))?"  # "2nd of December", "26th day of October"
    year = rf"(?:,?{_S}(?:de{_S})?{_year('y')}|{_NO_YEAR})"
    listed = rf"(?P<list>(?:{_S0},{_S0}{_day(None)})*)"  # "les 9, 10 et 11 octobre"
    return {
        # "le 26 juillet 2024", "10 July 2023", "le 2 décembre dernier"
        "day": rf"(?:{_weekday('w')}{_S0},?{_S0}(?:the{_S})?)?{_day('d', dotted=True)}{of}{_S}{_month('m')}{year}{_mark('mark')}",
        # "July 10, 2023", "on December 2"
        "month_first_day": rf"{weekday}{_month('m', True)}{_S}(?:the{_S})?{_day('d')}(?:,?{_S}{_year('y')}|{_NO_YEAR})",
        # "du 11 au 13 novembre 2019", "les 18 et 19 mai derniers", "du 30 juin au 2 juillet 2020"
        "day_range": rf"(?:(?P<frame>du|from|entre|between){_S}(?:(?:le|the){_S})?)?{any_weekday}{_day('d1')}"
        rf"(?:{_S}(?:of{_S})?{_month('m1')}(?:,?{_S}{_year('y1')})?)?{listed}{_DAY_TO}{any_weekday}"
        rf"{_day('d2', guarded=False, dotted=True)}{of}{_S}{_month('m2')}"
        rf"(?:,?{_S}(?:de{_S})?{_year('y2')}|{_NO_YEAR}){_mark('mark')}",
        # "November 11-13, 2019", "January 18–20", "November 30 to December 2, 2019"
        "month_first_range": rf"(?:(?P<frame>from|between){_S})?{any_weekday}{_month('m1', True)}{_S}{_day('d1')}"
        rf"(?:,?{_S}{_year('y1')})?{listed}{_DAY_TO}{any_weekday}(?:{_month('m2', True)}{_S})?"
        rf"{_day('d2', guarded=False)}(?:,?{_S}{_year('y2')}|{_NO_YEAR})",
    }


def _numeric_forms() -> dict[str, str]:
    """All-digit days: "03/12/2020" (day first), "2020-12-03"."""
    return {
        "numeric": r"(?<![\w/.,:-])(?P<d>\d{1,2})(?P<sep>[/.-])(?P<mo>\d{1,2})(?P=sep)(?P<y>\d{4})(?![\w/]|[.,-]\d)",
        "iso": r"(?<![\w/.,:-])(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})(?!\d|[-/.]\d)",
    }


def _month_and_year_forms() -> dict[str, str]:
    """Months and years: with a year they are absolute, without one they are placed
    like a day without year; a bare year only after a word that makes it a date."""
    no_number = rf"(?!{_S0},?{_S0}\d)"
    return {
        "month_year": rf"{_month('m')}(?:{_S}de)?,?{_S}{_year('y')}",  # "juin 2017", "March, 2021"
        # "de janvier à mars 2021", "January–March 2021", "entre avril et juin 2020"
        "month_range": rf"(?:(?P<between>entre|between){_S}|(?:de|from){_S}|d['’])?{_month('m1')}"
        rf"(?:{_S}{_year('y1')})?{_MONTH_TO}{_month('m2')}(?:{_S}de)?,?{_S}{_year('y2')}",
        "month_led": rf"{_lead()}(?P<span>{_month('m')}{_mark('mark')}){no_number}",  # "en juin", "mi-novembre"
        "month_pointed": rf"(?<!\w)(?P<pre>last|next|this|coming){_S}{_month('m', True)}{no_number}",  # "last June"
        "month_marked": rf"{_month('m')}{_S}(?P<mark>{_MARK_WORDS})(?!\w)",  # "juin dernier"
        # "en 2021", "fin 2021", "mi-2021"; not "en 2024-2027", "in 2021/22", "en 2020 %"
        "year_led": rf"{_lead()}(?P<span>(?:19|20)\d{{2}})(?!\w|{_S0}{_DASH}{_S0}\d|[/.,]\d|{_S0}%)",
    }


def _relative_forms() -> dict[str, str]:
    """Weekdays ("vendredi dernier", "next Friday", "mercredi soir") and the phrases
    of ``RELATIVE``."""
    pointer = rf"(?P<pre>ce|this|last|next|this{_S}coming|coming|following|previous|preceding)"
    time_of_day = rf"(?:{_S}(?:au{_S})?{_TIME}(?!\w))?"
    anaphor = rf"(?:{_S}(?P<anaphor>précédente?|suivante?|d['’]avant|d['’]après)(?!\w))?"  # "le mercredi suivant"
    return {
        "weekday": rf"(?<!\w)(?:{pointer}{_S})?{_weekday('w')}{_mark('mark')}{time_of_day}{_mark('mark2')}{anaphor}",
        "relative": _relative(),
    }


@cache
def compiled() -> dict[str, re.Pattern[str]]:
    """Every form's pattern, by name, case-insensitive (capitalised-only names opt out)."""
    forms = _day_forms() | _numeric_forms() | _month_and_year_forms() | _relative_forms()
    return {name: re.compile(source, re.IGNORECASE) for name, source in forms.items()}
