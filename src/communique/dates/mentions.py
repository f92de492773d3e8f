"""Every date expression of a text, with the calendar span it names.

Absolute expressions ("26 juillet 2024", "du 11 au 13 novembre 2019", "in June 2017")
are read from the text alone. Relative ones ("vendredi", "le 2 décembre dernier",
"hier", "l'an dernier") and days without a year are placed against the publication
date; without one they stay unresolved (``when`` is None) rather than guessed.
Impossible dates ("31/02/2020", "le 45 mai") are no mention at all."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise
from typing import Literal

from communique.dates.anchor import (
    Direction,
    Span,
    choose,
    month_spans,
    possible_day,
    real_day,
    shift_months,
    weekday_spans,
    yearless_spans,
)
from communique.dates.lexicon import month_number, weekday_number
from communique.dates.patterns import RELATIVE, compiled
from communique.dates.tense import points_forward

Precision = Literal["day", "month", "year"]
When = tuple[str, str, Precision]


@dataclass(frozen=True)
class DateMention:
    """One date expression: ``text == document_text[start:end]``; ``when`` is (ISO
    start, ISO end, precision) or None when it cannot be resolved; ``relative`` says
    the reading depends on the publication date."""

    start: int
    end: int
    text: str
    when: When | None
    relative: bool


@dataclass(frozen=True)
class _Context:
    text: str
    language: str
    published: date | None


@dataclass(frozen=True)
class _Reading:
    when: When | None
    relative: bool


_Resolver = Callable[[re.Match[str], _Context], _Reading | None]
_UNRESOLVED = _Reading(None, relative=True)


def _days(start: date, end: date) -> When:
    return start.isoformat(), end.isoformat(), "day"


def _months(start: tuple[int, int], end: tuple[int, int]) -> When:
    return f"{start[0]:04d}-{start[1]:02d}", f"{end[0]:04d}-{end[1]:02d}", "month"


def _year(value: str | None) -> int | None:
    """A year as written, if it is a plausible calendar year (not "0000", not "5000")."""
    if value is None or not 1000 <= int(value) <= 2999:
        return None
    return int(value)


def _direction(match: re.Match[str], context: _Context) -> Direction:
    """Attached words decide ("dernier", "last" → strictly before; "prochain", "next"
    → strictly after; "coming" → on or after); else the sentence's tense does."""
    groups = match.groupdict()
    for word in (groups.get(name) for name in ("pre", "mark", "mark2")):
        lowered = (word or "").lower()
        if lowered.startswith(("derni", "pass", "last")):
            return "past_strict"
        if lowered.startswith(("prochain", "next")):
            return "future_strict"
        if lowered.endswith("coming"):
            return "future"
    start, end = match.span()
    return "future" if points_forward(context.text, start, end, context.language) else "past"


def _yearless(match: re.Match[str], context: _Context, first: tuple[int, int], last: tuple[int, int]) -> _Reading | None:
    """A day or day range without year, (month, day) each, placed by direction."""
    if not (possible_day(*first) and possible_day(*last)):
        return None
    if context.published is None:
        return _UNRESOLVED
    spans = yearless_spans(first, last, context.published.year)
    span = _named_weekday(match, spans, context.published) or choose(spans, context.published, _direction(match, context))
    return _Reading(_days(*span) if span else None, relative=True)


def _named_weekday(match: re.Match[str], spans: list[Span], published: date) -> Span | None:
    """The span whose first day has the weekday written beside it ("vendredi 4
    décembre" is the 4 December that is a Friday), when one falls within a year of
    publication: a day and month recur on one weekday only every 5 to 11 years, so
    there is at most one, and the weekday says more than the tense does."""
    weekday = match.groupdict().get("w")
    if weekday is None:
        return None
    number = weekday_number(weekday)
    near = [span for span in spans if span[0].weekday() == number and abs(span[0].year - published.year) <= 1]
    return near[0] if len(near) == 1 else None


def _resolve_day(match: re.Match[str], context: _Context) -> _Reading | None:
    day, month = int(match["d"]), month_number(match["m"])
    if match["y"] is None:
        return _yearless(match, context, (month, day), (month, day))
    year = _year(match["y"])
    found = real_day(year, month, day) if year else None
    return _Reading(_days(found, found), relative=False) if found else None


def _resolve_numeric(match: re.Match[str], context: _Context) -> _Reading | None:
    year = _year(match["y"])
    found = real_day(year, int(match["mo"]), int(match["d"])) if year else None
    return _Reading(_days(found, found), relative=False) if found else None


def _range_years(first: tuple[int, int], last: tuple[int, int], y1: int | None, y2: int | None) -> tuple[int, int] | None:
    """The years of a range's two ends when at least one is written; a range whose
    last day precedes its first in the calendar runs over New Year."""
    crosses = int(last < first)
    if y1 is not None:
        return y1, (y2 if y2 is not None else y1 + crosses)
    if y2 is not None:
        return y2 - crosses, y2
    return None


def _resolve_day_range(match: re.Match[str], context: _Context) -> _Reading | None:
    # "du 11 au 13 novembre" names its month once at the end, "November 11-13" at the start
    m1 = month_number(match["m1"] or match["m2"])
    m2 = month_number(match["m2"] or match["m1"])
    first, last = (m1, int(match["d1"])), (m2, int(match["d2"]))
    if (match["m1"] is None or match["m2"] is None) and first > last:
        return None  # "du 13 au 11 novembre"
    if match["y1"] is None and match["y2"] is None:
        return _yearless(match, context, first, last)
    years = _range_years(first, last, _year(match["y1"]), _year(match["y2"]))
    if years is None:
        return None
    start_year, end_year = years
    start, end = real_day(start_year, *first), real_day(end_year, *last)
    if start is None or end is None or start > end:
        return None
    return _Reading(_days(start, end), relative=False)


def _resolve_month_year(match: re.Match[str], context: _Context) -> _Reading | None:
    year = _year(match["y"])
    if year is None:
        return None
    month = (year, month_number(match["m"]))
    return _Reading(_months(month, month), relative=False)


def _resolve_month_range(match: re.Match[str], context: _Context) -> _Reading | None:
    m1, m2 = month_number(match["m1"]), month_number(match["m2"])
    y2 = _year(match["y2"])
    if y2 is None:
        return None
    y1 = _year(match["y1"]) if match["y1"] else y2 - (m2 < m1)
    if y1 is None or (y1, m1) >= (y2, m2):
        return None
    return _Reading(_months((y1, m1), (y2, m2)), relative=False)


def _resolve_month(match: re.Match[str], context: _Context) -> _Reading | None:
    if context.published is None:
        return _UNRESOLVED
    month, published = month_number(match["m"]), context.published
    span = choose(month_spans(month, published.year), published.replace(day=1), _direction(match, context))
    if span is None:
        return _UNRESOLVED
    found = (span[0].year, span[0].month)
    return _Reading(_months(found, found), relative=True)


def _resolve_year(match: re.Match[str], context: _Context) -> _Reading | None:
    year = f"{int(match['span']):04d}"
    return _Reading((year, year, "year"), relative=False)


def _resolve_weekday(match: re.Match[str], context: _Context) -> _Reading | None:
    """A weekday near publication; "le mercredi suivant", "the previous Friday" count
    from another date of the text, not from publication, so they stay unresolved."""
    anaphoric = match["anaphor"] or (match["pre"] or "").lower() in {"following", "previous", "preceding"}
    if context.published is None or anaphoric:
        return _UNRESOLVED
    spans = weekday_spans(weekday_number(match["w"]), context.published)
    span = choose(spans, context.published, _direction(match, context))
    return _Reading(_days(*span) if span else None, relative=True)


def _resolve_relative(match: re.Match[str], context: _Context) -> _Reading | None:
    index = next(int(name[1:]) for name, value in match.groupdict().items() if value is not None)
    _, unit, offset = RELATIVE[index]
    published = context.published
    if published is None or unit == "week":
        return _UNRESOLVED
    if unit == "day":
        day = published + timedelta(days=offset)
        return _Reading(_days(day, day), relative=True)
    if unit == "month":
        month = shift_months(published, offset)
        return _Reading(_months(month, month), relative=True)
    year = f"{published.year + offset:04d}"
    return _Reading((year, year, "year"), relative=True)


def _listed_days_follow(match: re.Match[str]) -> bool:
    """Whether a range joined by "et"/"and" lists consecutive days: "les 18 et 19 mai"
    is the range 18–19 May, but "les 5 et 12 mai" is two days, not a week (then the
    last day alone is found). "entre le 5 et le 12 mai" is a range."""
    joined = match["to"].strip().lower() in {"et", "and", "&"}
    if not joined or (match["frame"] or "").lower() in {"entre", "between"}:
        return True
    if match["m1"] is not None and match["m2"] is not None:
        return False
    days = [int(match["d1"]), *map(int, re.findall(r"\d+", match["list"])), int(match["d2"])]
    return all(later == earlier + 1 for earlier, later in pairwise(days))


_RESOLVERS: dict[str, _Resolver] = {
    "day": _resolve_day,
    "month_first_day": _resolve_day,
    "day_range": _resolve_day_range,
    "month_first_range": _resolve_day_range,
    "numeric": _resolve_numeric,
    "iso": _resolve_numeric,
    "month_year": _resolve_month_year,
    "month_range": _resolve_month_range,
    "month_led": _resolve_month,
    "month_pointed": _resolve_month,
    "month_marked": _resolve_month,
    "year_led": _resolve_year,
    "weekday": _resolve_weekday,
    "relative": _resolve_relative,
}
_ACCEPT: dict[str, Callable[[re.Match[str]], bool]] = {
    "day_range": _listed_days_follow,
    "month_first_range": _listed_days_follow,
}


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    match: re.Match[str]
    resolve: _Resolver


def _span(match: re.Match[str]) -> tuple[int, int]:
    return match.span("span") if "span" in match.re.groupindex else match.span()


def _candidates(text: str) -> Iterator[_Candidate]:
    for name, pattern in compiled().items():
        accept = _ACCEPT.get(name)
        for match in pattern.finditer(text):
            start, end = _span(match)
            if end > start and (accept is None or accept(match)):
                yield _Candidate(start, end, match, _RESOLVERS[name])


def _select(candidates: Iterator[_Candidate]) -> list[_Candidate]:
    """The longest expressions win, then the leftmost: "du 11 au 13 novembre 2019"
    over "13 novembre 2019", "avant-hier" over "hier". Selection comes before
    resolution, so an impossible "45 mai 2020" does not leave "mai 2020" behind."""
    chosen: list[_Candidate] = []
    starts: list[int] = []
    for candidate in sorted(candidates, key=lambda c: (c.start - c.end, c.start)):
        index = bisect_left(starts, candidate.start)
        if index > 0 and chosen[index - 1].end > candidate.start:
            continue
        if index < len(chosen) and chosen[index].start < candidate.end:
            continue
        chosen.insert(index, candidate)
        starts.insert(index, candidate.start)
    return chosen


def _published_day(published: str | None) -> date | None:
    """The publication day, or None when it is missing or not a full ISO date."""
    try:
        return date.fromisoformat(published[:10]) if published and len(published) >= 10 else None
    except ValueError:
        return None


def find_dates(text: str, language: str, published: str | None) -> list[DateMention]:
    """Every date expression of ``text`` in order, resolved against ``published``
    (ISO date of the document, or None). ``language`` (ISO 639-1) only steers the
    reading of tense for days without year; names are matched in every language."""
    context = _Context(text, (language or "")[:2].lower(), _published_day(published))
    mentions: list[DateMention] = []
    for candidate in _select(_candidates(text)):
        reading = candidate.resolve(candidate.match, context)
        if reading is not None:
            start, end = candidate.start, candidate.end
            mentions.append(DateMention(start, end, text[start:end], reading.when, reading.relative))
    return mentions
