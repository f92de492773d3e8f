from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from communique.export.iati_plan import Plan, add_months, decimal_text, plan
from communique.model import Amount, Period

REFERENCE = date(2024, 7, 26)


def _plan(period: Period | None, value: float, per: str, reference: date | None = REFERENCE) -> Plan:
    result = plan(period, Amount(value=value, currency="EUR", per=per, text="x"), reference)  # type: ignore[arg-type]
    assert isinstance(result, Plan), result
    return result


def _lines(result: Plan) -> list[tuple[str, str, str]]:
    return [(line.start.isoformat(), line.end.isoformat(), decimal_text(line.value)) for line in result.lines]


def test_per_year_over_months_gives_a_share_to_the_short_last_slice() -> None:
    result = _plan(Period(start="2024-07", end="2025-12"), 1_200_000, "year")
    assert _lines(result) == [("2024-07-01", "2025-06-30", "1200000"), ("2025-07-01", "2025-12-31", "600000")]
    assert result.total == Decimal(1_800_000)


def test_start_and_duration_give_the_end() -> None:
    result = _plan(Period(start="2023", years=3), 300, "total")
    assert (result.planned_start, result.planned_end) == (date(2023, 1, 1), date(2025, 12, 31))
    assert [v for *_, v in _lines(result)] == ["100", "100", "100"]


def test_end_and_duration_give_the_start() -> None:
    result = _plan(Period(end="2026", years=2), 10, "year")
    assert (result.planned_start, result.planned_end) == (date(2025, 1, 1), date(2026, 12, 31))


def test_no_period_is_one_year_of_the_reference() -> None:
    result = _plan(None, 5_000_000, "unspecified")
    assert _lines(result) == [("2024-01-01", "2024-12-31", "5000000")]
    assert (result.planned_start, result.planned_end) == (None, None)


def test_end_alone_runs_from_the_reference_year() -> None:
    result = _plan(Period(end="2025"), 2_000, "total")
    assert _lines(result) == [("2024-01-01", "2024-12-31", "1000"), ("2025-01-01", "2025-12-31", "1000")]


def test_reasons_instead_of_a_plan() -> None:
    amount = Amount(value=1, currency="EUR", per="total", text="x")
    assert plan(Period(start="2027", end="2024"), amount, REFERENCE) == "agreement period ends before it starts"
    assert plan(Period(years=5), amount, None) == "no period, signing date or publication date to date the budget"
    assert plan(Period(start="1900", end="2024"), amount, REFERENCE) == "agreement period longer than 50 years"


def test_add_months_clamps_to_the_month_end() -> None:
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2024, 3, 1), -3) == date(2023, 12, 1)


@given(
    start=st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31)),
    days=st.integers(min_value=0, max_value=12 * 366),
    cents=st.integers(min_value=0, max_value=10**13),
)
def test_total_lines_add_up_and_stay_within_a_year(start: date, days: int, cents: int) -> None:
    end = date.fromordinal(start.toordinal() + days)
    value = cents / 100
    result = _plan(Period(start=start.isoformat(), end=end.isoformat()), value, "total")
    assert sum(line.value for line in result.lines) == Decimal(str(value)).quantize(Decimal("0.01"))
    assert result.lines[0].start == start
    assert result.lines[-1].end == end
    for line, following in zip(result.lines, result.lines[1:], strict=False):
        assert following.start.toordinal() == line.end.toordinal() + 1
    for line in result.lines:
        assert line.start <= line.end < add_months(line.start, 12)
        assert line.value >= 0
