"""Chart geometry for the statistics pages: the server computes every bar, the templates draw
them as SVG (readable without JavaScript), each chart followed by the table of its data."""

from __future__ import annotations

from dataclasses import dataclass

from cms.statistics.figures import Month

ONLINE_COLOUR = "#0b3d6b"
OTHER_COLOUR = "#8fa9c4"
TARGET_COLOUR = "#c0392b"


@dataclass
class Column:
    label: str
    x: float
    width: float
    online_y: float
    online_height: float
    other_y: float
    other_height: float
    online: int
    other: int


@dataclass
class MonthChart:
    width: int
    height: int
    baseline: float
    columns: list[Column]
    maximum: int


def month_chart(months: list[Month], width: int = 640, height: int = 240) -> MonthChart:
    """Stacked columns per month: received online (below) and otherwise (above)."""
    top, bottom, left = 10, 24, 8
    plot = height - top - bottom
    maximum = max((m.totals.received for m in months), default=0)
    step = (width - left) / max(len(months), 1)
    columns = []
    for index, month in enumerate(months):
        online, other = month.totals.received_online, month.totals.received_other
        online_height = plot * online / maximum if maximum else 0
        other_height = plot * other / maximum if maximum else 0
        baseline = top + plot
        columns.append(
            Column(
                label=str(month.month.month),
                x=round(left + index * step + step * 0.15, 1),
                width=round(step * 0.7, 1),
                online_y=round(baseline - online_height, 1),
                online_height=round(online_height, 1),
                other_y=round(baseline - online_height - other_height, 1),
                other_height=round(other_height, 1),
                online=online,
                other=other,
            )
        )
    return MonthChart(width, height, top + plot, columns, maximum)


@dataclass
class Bar:
    label: str
    value: float | None
    y: float
    width: float
    marker: float | None  # x of the target marker


@dataclass
class BarChart:
    width: int
    height: int
    label_width: int
    bars: list[Bar]


ROW = 30


def bar_chart(
    rows: list[tuple[str, float | None, float | None]],
    scale_max: float | None = None,
    width: int = 640,
    label_width: int = 240,
) -> BarChart:
    """Horizontal bars (label, value, target or None), scaled to `scale_max` (default: the largest)."""
    plot = width - label_width - 70
    maximum = scale_max or max((value or 0 for _label, value, _t in rows), default=0) or 1
    bars = []
    for index, (label, value, target) in enumerate(rows):
        bars.append(
            Bar(
                label=label,
                value=value,
                y=index * ROW,
                width=round(plot * (value or 0) / maximum, 1),
                marker=None if target is None else round(plot * target / maximum, 1),
            )
        )
    return BarChart(width, ROW * len(rows), label_width, bars)
