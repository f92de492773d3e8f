"""Column charts drawn on the server as SVG geometry, which a template turns into markup.

Server-side SVG needs no script, works offline and without JavaScript, and passes the
Content-Security-Policy untouched (only attributes and CSS classes, no inline style).
Columns stack one series on another; series beyond the palette share one "others" colour
so a chart stays readable.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

PALETTE = 8
"""Series colours ``series-0`` … ``series-7`` in the stylesheet; the last means "others"."""
WIDTH = 720
HEIGHT = 300
LEFT, RIGHT, TOP, BOTTOM = 96, 16, 16, 56
CHAR_WIDTH = 7.0
"""Room one character of an axis label takes (11px sans-serif), so labels never overlap."""


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    series: int
    label: str


@dataclass(frozen=True)
class Tick:
    at: float
    label: str


@dataclass(frozen=True)
class Chart:
    """What a template draws: the bars, the axis ticks and the legend, in a
    ``WIDTH`` × ``HEIGHT`` view box."""

    title: str
    description: str
    bars: list[Bar]
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    legend: list[tuple[int, str]]
    width: int = WIDTH
    height: int = HEIGHT
    baseline: float = HEIGHT - BOTTOM
    left: float = LEFT
    right: float = WIDTH - RIGHT


def plain_number(value: float) -> str:
    """A value as digits grouped by thousands, without units or abbreviations."""
    rounded = round(value, 2)
    return f"{rounded:,.0f}" if float(rounded).is_integer() else f"{rounded:,.2f}"


def nice_step(top: float, ticks: int = 4) -> float:
    """A round tick step (1, 2 or 5 times a power of ten) that covers ``top``."""
    if top <= 0:
        return 1.0
    raw = top / ticks
    power = 10.0 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def _legend(series: Sequence[str]) -> tuple[list[tuple[int, str]], dict[str, int]]:
    """Colour index of each series: the first ``PALETTE - 1`` their own, the rest "others"."""
    own = list(series[: PALETTE - 1]) if len(series) > PALETTE else list(series)
    colours = {name: index for index, name in enumerate(own)}
    legend = [(index, name) for name, index in colours.items()]
    if len(series) > len(own):
        legend.append((PALETTE - 1, "others"))
    return legend, colours


def column_chart(
    title: str,
    description: str,
    categories: Sequence[str],
    values: Mapping[str, Mapping[str, float]],
) -> Chart:
    """Stacked columns: one per category, one segment per series (``values[series][category]``)."""
    legend, colours = _legend(list(values))
    totals = {c: sum(values[s].get(c, 0.0) for s in values) for c in categories}
    step = nice_step(max(totals.values(), default=0.0))
    top = step * max(1, math.ceil(max(totals.values(), default=0.0) / step))
    plot_height, plot_width = HEIGHT - TOP - BOTTOM, WIDTH - LEFT - RIGHT
    slot = plot_width / max(1, len(categories))
    bars: list[Bar] = []
    for position, category in enumerate(categories):
        stacked = 0.0
        for name, series in values.items():
            value = series.get(category, 0.0)
            if value <= 0:
                continue
            height = value / top * plot_height
            y = HEIGHT - BOTTOM - stacked - height
            label = f"{category} · {name}: {plain_number(value)}"
            bars.append(Bar(LEFT + position * slot + slot * 0.15, y, slot * 0.7, height, colours.get(name, PALETTE - 1), label))
            stacked += height
    widest = max((len(c) for c in categories), default=1) * CHAR_WIDTH + 8
    every = max(1, math.ceil(widest / slot))
    x_ticks = [Tick(LEFT + (i + 0.5) * slot, c) for i, c in enumerate(categories) if i % every == 0]
    levels = round(top / step)
    y_ticks = [Tick(HEIGHT - BOTTOM - k * step / top * plot_height, plain_number(k * step)) for k in range(levels + 1)]
    return Chart(title, description, bars, x_ticks, y_ticks, legend)
