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
# 2021"), never a blank line.
_S = r"(?:[^\S\n]+(?:\n[^\S\n]*)?|\n[^\S\n]*)"  # unambiguous, so that long runs of spaces
_S0 = r"[^\S\n]*(?:\n[^\S\n]*)?"  # do not make the engine try every way to split them
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
    return rf"(?<!\w)(?:(?:{'|'.join(_spaced(lead) for lead in _LEADS)}){_S}|mi{_DASH}|mid{_DASH})"


def _relative() -> str:
    """The relative phrases, group ``r<i>`` for ``RELATIVE[i]``, under one guard
    (forty separately guarded alternatives are four times slower)."""
    phrases = "|".join(rf"(?P<r{index}>{_spaced(phrase)})" for index, (phrase, _, _) in enumerate(RELATIVE))
    return rf"(?<!\w)(?:{phrases})(?!\w|{_DASH}?{_S0}là)"  # not "ce jour-là", "cette année-là"


def _forms() -> dict[str, str]:
    weekday = rf"(?:{_weekday()}{_S0},?{_S0})?"
    return {
        "day": rf"(?:{_weekday('w')}{_S0},?{_S0}(?:the{_S})?)?{_day('d', dotted=True)}(?:{_S}(?:of|de))?{_S}{_month('m')}"
        rf"(?:,?{_S}(?:de{_S})?{_year('y')}|{_NO_YEAR}){_mark('mark')}",
        "month_first_day": rf"(?:{_weekday('w')}{_S0},?{_S0})?{_month('m', True)}{_S}(?:the{_S})?{_day('d')}"
        rf"(?:,?{_S}{_year('y')}|{_NO_YEAR})",
        "day_range": rf"(?:(?P<frame>du|from|entre|between){_S}(?:(?:le|the){_S})?)?{weekday}{_day('d1')}"
        rf"(?:{_S}(?:of{_S})?{_month('m1')}(?:,?{_S}{_year('y1')})?)?(?P<list>(?:{_S0},{_S0}{_day(None)})*)"
        rf"{_DAY_TO}{weekday}{_day('d2', guarded=False, dotted=True)}(?:{_S}(?:of|de))?{_S}{_month('m2')}"
        rf"(?:,?{_S}(?:de{_S})?{_year('y2')}|{_NO_YEAR}){_mark('mark')}",
        "month_first_range": rf"(?:(?P<frame>from|between){_S})?{weekday}{_month('m1', True)}{_S}{_day('d1')}"
        rf"(?:,?{_S}{_year('y1')})?(?P<list>(?:{_S0},{_S0}{_day(None)})*){_DAY_TO}{weekday}"
        rf"(?:{_month('m2', True)}{_S})?{_day('d2', guarded=False)}(?:,?{_S}{_year('y2')}|{_NO_YEAR})",
        "numeric": r"(?<![\w/.,:-])(?P<d>\d{1,2})(?P<sep>[/.-])(?P<mo>\d{1,2})(?P=sep)(?P<y>\d{4})(?![\w/]|[.,-]\d)",
        "iso": r"(?<![\w/.,:-])(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})(?!\d|[-/.]\d)",
        "month_year": rf"{_month('m')}(?:{_S}de)?,?{_S}{_year('y')}",
        "month_range": rf"(?:(?P<between>entre|between){_S}|(?:de|from){_S}|d['’])?{_month('m1')}"
        rf"(?:{_S}{_year('y1')})?{_MONTH_TO}{_month('m2')}(?:{_S}de)?,?{_S}{_year('y2')}",
        "month_led": rf"{_lead()}(?P<span>{_month('m')}{_mark('mark')})(?!{_S0},?{_S0}\d)",
        "month_pointed": rf"(?<!\w)(?P<pre>last|next|this|coming){_S}{_month('m', True)}(?!{_S0},?{_S0}\d)",
        "month_marked": rf"{_month('m')}{_S}(?P<mark>{_MARK_WORDS})(?!\w)",
        "year_led": rf"{_lead()}(?P<span>(?:19|20)\d{{2}})(?!\w|{_S0}{_DASH}{_S0}\d|[/.,]\d|{_S0}%)",
        "weekday": rf"(?<!\w)(?:(?P<pre>ce|this|last|next|this{_S}coming|coming){_S})?{_weekday('w')}"
        rf"{_mark('mark')}(?:{_S}(?:au{_S})?{_TIME}(?!\w))?{_mark('mark2')}",
        "relative": _relative(),
    }


@cache
def compiled() -> dict[str, re.Pattern[str]]:
    """Every form's pattern, by name, case-insensitive (capitalised-only names opt out)."""
    return {name: re.compile(source, re.IGNORECASE) for name, source in _forms().items()}
