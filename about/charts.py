"""A bar chart drawn on the server as inline SVG: no JavaScript library (R2.5)."""

from __future__ import annotations

from dataclasses import dataclass

WIDTH = 640
HEIGHT = 300
PADDING_LEFT = 48
PADDING_RIGHT = 12
PADDING_TOP = 16
PADDING_BOTTOM = 40
GRID_LINES = 4


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


def _nice_ceiling(value: int) -> int:
    """Round the axis maximum up to 1, 2 or 5 × a power of ten, divisible by the grid."""
    if value <= 0:
        return GRID_LINES
    magnitude = 1
    while magnitude * 10 <= value:
        magnitude *= 10
    for step in (1, 2, 2.5, 5, 10):
        ceiling = int(step * magnitude)
        if ceiling >= value and ceiling % GRID_LINES == 0:
            return ceiling
    return -(-value // GRID_LINES) * GRID_LINES


def bar_chart(labels: list[str], series: list[list[int]]) -> BarChart:
    """Grouped bars: one group per label, one bar per series in each group."""
    plot_width = WIDTH - PADDING_LEFT - PADDING_RIGHT
    plot_height = HEIGHT - PADDING_TOP - PADDING_BOTTOM
    baseline = PADDING_TOP + plot_height
    top = _nice_ceiling(max((v for values in series for v in values), default=0))
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
        Gridline(
            y=round(baseline - plot_height * step / GRID_LINES, 1), value=top * step // GRID_LINES
        )
        for step in range(GRID_LINES + 1)
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
