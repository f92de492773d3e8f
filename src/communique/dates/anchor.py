"""Placing a date that lacks its year (or its week) on the calendar, given the
publication date.

Every relative reading is one choice among candidate spans: "le 2 décembre" could be
any 2 December, "vendredi" any Friday. The direction says which candidate the text
means; keeping the choice in one function keeps "dernier", "prochain" and the default
consistent across days, ranges, months and weekdays."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Literal

Direction = Literal["past", "past_strict", "future", "future_strict"]
Span = tuple[date, date]

# 29 February recurs at most every 8 years (2096 → 2104).
_YEARS_AROUND = 8


def choose(spans: Iterable[Span], reference: date, direction: Direction) -> Span | None:
    """The candidate the direction picks, compared by its start: the latest on or
    before the reference ("past"), strictly before ("past_strict": "dernier"), the
    earliest on or after ("future") or strictly after ("future_strict": "prochain")."""
    ordered = sorted(spans)
    if direction == "past":
        before = [span for span in ordered if span[0] <= reference]
    elif direction == "past_strict":
        before = [span for span in ordered if span[0] < reference]
    elif direction == "future":
        return next((span for span in ordered if span[0] >= reference), None)
    else:
        return next((span for span in ordered if span[0] > reference), None)
    return before[-1] if before else None


def real_day(year: int, month: int, day: int) -> date | None:
    """The day, or None when the calendar has no such day (31 February, 45 May)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def possible_day(month: int, day: int) -> bool:
    """Whether some year has this day (2000 is a leap year)."""
    return real_day(2000, month, day) is not None


def yearless_spans(first: tuple[int, int], last: tuple[int, int], around: int) -> list[Span]:
    """Every real (start, end) for a day range without year, ``first`` and ``last``
    being (month, day), in the years around ``around``; a range whose last day comes
    before its first in the calendar ends in the next year ("du 30 décembre au 2 janvier")."""
    spans: list[Span] = []
    for year in range(around - _YEARS_AROUND, around + _YEARS_AROUND + 1):
        start = real_day(year, *first)
        end = real_day(year if last >= first else year + 1, *last)
        if start is not None and end is not None:
            spans.append((start, end))
    return spans


def month_spans(month: int, around: int) -> list[Span]:
    """The first days of that month in the years around ``around``."""
    return [(date(year, month, 1), date(year, month, 1)) for year in range(around - 1, around + 2)]


def weekday_spans(weekday: int, reference: date) -> list[Span]:
    """The days with that weekday within a week either side of the reference."""
    days = (reference + timedelta(days=offset) for offset in range(-7, 8))
    return [(day, day) for day in days if day.weekday() == weekday]


def shift_months(day: date, months: int) -> tuple[int, int]:
    """(year, month) of the month ``months`` away from the day's month."""
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1
