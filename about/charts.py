"""A bar chart drawn on the server as inline SVG: no JavaScript library (R2.5)."""

from __future__ import annotations

import math
from dataclasses import dataclass

WIDTH = 640
HEIGHT = 300
PADDING_LEFT = 48
PADDING_RIGHT = 12
PADDING_TOP = 16
PADDING_BOTTOM = 40
TARGET_GRID_LINES = 4


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int
    series: int  # 0, 1…: the CSS class picks the colour


@dataclass(frozen=True)
class Group:
    label: str
    centre: float
    bars: list[Bar]


@dataclass(frozen=True)
class Gridline:
    y: float
    value: int


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    groups: list[Group]
    gridlines: list[Gridline]
    baseline: float
    left: float
    right: float
    axis_label_x: float  # right edge of the value labels, left of the plot
    label_y: float  # baseline of the school-year labels, below the plot


def _axis(value: int) -> tuple[int, int]:
    """A round step (1, 2 or 5 × a power of ten) giving about four grid lines, and their count."""
    if value <= 0:
        return 1, 1
    raw = value / TARGET_GRID_LINES
    magnitude = 10 ** math.floor(math.log10(raw))
    step = min((m * magnitude for m in (1, 2, 5, 10)), key=lambda s: abs(s - raw))
    step = max(1, int(step))
    return step, math.ceil(value / step)


def bar_chart(labels: list[str], series: list[list[int]]) -> BarChart:
    """Grouped bars: one group per label, one bar per series in each group."""
    plot_width = WIDTH - PADDING_LEFT - PADDING_RIGHT
    plot_height = HEIGHT - PADDING_TOP - PADDING_BOTTOM
    baseline = PADDING_TOP + plot_height
    step, lines = _axis(max((v for values in series for v in values), default=0))
    top = step * lines
    slot = plot_width / max(len(labels), 1)
    bar_width = slot * 0.7 / max(len(series), 1)
    groups = []
    for index, label in enumerate(labels):
        start = PADDING_LEFT + slot * index + slot * 0.15
        bars = []
        for number, values in enumerate(series):
            value = values[index]
            height = plot_height * value / top
            bars.append(
                Bar(
                    x=round(start + bar_width * number, 1),
                    y=round(baseline - height, 1),
                    width=round(bar_width - 2, 1),
                    height=round(height, 1),
                    value=value,
                    series=number,
                )
            )
        groups.append(
            Group(label=label, centre=round(PADDING_LEFT + slot * (index + 0.5), 1), bars=bars)
        )
    gridlines = [
        Gridline(y=round(baseline - plot_height * line / lines, 1), value=step * line)
        for line in range(lines + 1)
    ]
    return BarChart(
        width=WIDTH,
        height=HEIGHT,
        groups=groups,
        gridlines=gridlines,
        baseline=baseline,
        left=PADDING_LEFT,
        right=WIDTH - PADDING_RIGHT,
        axis_label_x=PADDING_LEFT - 6,
        label_y=baseline + 20,
    )
