"""The money plan of one commitment for IATI: its planned dates, its budget lines and its
total, from the agreement's period and its principal amount.

IATI wants budgets in periods of at most twelve months (../shared/standards/iati/README.md),
so the span the money covers is cut into twelve-month slices from its start:
- an amount **per year** gives each slice that amount (a shorter last slice gets its
  share: half a year, half the amount); the total is their sum;
- a **total** (or an amount the text does not qualify) is shared between the slices in
  proportion to their length: N whole years give N equal lines; cents left over by
  rounding go to the last line, so the lines add up to the total exactly.

The span comes from the period: "2024"–"2027" is 2024-01-01 to 2027-12-31; a start or an
end with a duration in years gives the other end; a duration alone ("over five years")
starts on 1 January of the year the agreement was signed (else of the document's
publication), so the lines follow calendar years as texts that count in years do; a start
alone, an end alone, or no period at all gives one year of budget (from the start, the
reference year, or the end's year)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, Decimal

from communique.export.base import first_day, last_day
from communique.model import Amount, Period

CENT = Decimal("0.01")
MAX_SLICES = 50  # a longer "period" is an extraction error, not a plan


@dataclass(frozen=True)
class BudgetLine:
    start: date
    end: date
    value: Decimal


@dataclass(frozen=True)
class Plan:
    """Planned start and end as the text gives or implies them (None when it does not),
    the budget lines and the total the commitment is worth."""

    planned_start: date | None
    planned_end: date | None
    lines: tuple[BudgetLine, ...]
    total: Decimal


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (or earlier), clamped to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _months(years: float | None) -> int | None:
    return max(1, round(years * 12)) if years else None


def stated_span(period: Period | None, reference: date | None) -> tuple[date | None, date | None]:
    """The start and end a period gives or implies (see the module docstring)."""
    if period is None:
        return None, None
    start, end, months = first_day(period.start), last_day(period.end), _months(period.years)
    if start and not end and months:
        end = add_months(start, months) - timedelta(days=1)
    elif end and not start and months:
        start = add_months(end + timedelta(days=1), -months)
    elif not start and not end and months and reference:
        start = date(reference.year, 1, 1)
        end = add_months(start, months) - timedelta(days=1)
    return start, end


def _budget_span(start: date | None, end: date | None, reference: date | None) -> tuple[date, date] | None:
    if start is None:
        if end is not None:
            start = date(reference.year, 1, 1) if reference and reference <= end else date(end.year, 1, 1)
        elif reference is not None:
            start = date(reference.year, 1, 1)
        else:
            return None
    if end is None:
        end = add_months(start, 12) - timedelta(days=1)
    return start, end


def _share(start: date, stop: date, following: date) -> Decimal:
    """The part of a full year a slice covers: in whole months when it ends on a month
    boundary (July–December is half a year), else in days."""
    after = stop + timedelta(days=1)
    months = (after.year - start.year) * 12 + after.month - start.month
    if add_months(start, months) == after:
        return Decimal(months) / 12
    return Decimal((stop - start).days + 1) / Decimal((following - start).days)


def slices(start: date, end: date) -> list[tuple[date, date, Decimal]]:
    """Twelve-month slices of ``[start, end]`` with each one's share of a full year."""
    found: list[tuple[date, date, Decimal]] = []
    while start <= end and len(found) <= MAX_SLICES:
        following = add_months(start, 12)
        stop = min(following - timedelta(days=1), end)
        found.append((start, stop, _share(start, stop, following)))
        start = following
    return found


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_EVEN)


def _lines(pieces: list[tuple[date, date, Decimal]], amount: Amount) -> tuple[BudgetLine, ...]:
    value = Decimal(str(amount.value))
    if amount.per == "year":
        return tuple(BudgetLine(s, e, _cents(value * share)) for s, e, share in pieces)
    weight = sum((share for _, _, share in pieces), Decimal(0))
    # rounded down, so the cents left over (never negative) go to the last line
    values = [(value * share / weight).quantize(CENT, rounding=ROUND_DOWN) for _, _, share in pieces]
    values[-1] += _cents(value) - sum(values, Decimal(0))
    return tuple(BudgetLine(s, e, v) for (s, e, _), v in zip(pieces, values, strict=True))


def plan(period: Period | None, amount: Amount, reference: date | None) -> Plan | str:
    """The plan of a commitment, or why it has none. ``reference`` is the signing date,
    else the document's publication date (None when the text gives neither)."""
    planned_start, planned_end = stated_span(period, reference)
    if planned_start and planned_end and planned_end < planned_start:
        return "agreement period ends before it starts"
    span = _budget_span(planned_start, planned_end, reference)
    if span is None:
        return "no period, signing date or publication date to date the budget"
    pieces = slices(*span)
    if len(pieces) > MAX_SLICES:
        return f"agreement period longer than {MAX_SLICES} years"
    lines = _lines(pieces, amount)
    total = sum((line.value for line in lines), Decimal(0))
    return Plan(planned_start, planned_end, lines, total)


def decimal_text(value: Decimal) -> str:
    """A decimal as IATI writes values: no exponent, no trailing zeros ("1500000", "642857.14")."""
    text = f"{value.quantize(CENT):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
