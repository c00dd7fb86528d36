"""Coverage figures: how many procedures are online, at which level, in total and by category.

Counted as the seed article counts them: in-force, published procedures; "online"
means level 3 or 4 ("126 of 178 online, 123 at level 4").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.functional import Promise

from wagtail.models import Locale

from cms.library.models import Procedure

LEVELS = (1, 2, 3, 4)
LEVEL_COLOURS = {1: "#c9d6e3", 2: "#8fa9c4", 3: "#3f6f9f", 4: "#0b3d6b"}
ROW_HEIGHT = 28


@dataclass
class Row:
    label: str | Promise  # lazy: rendered in the language of whoever reads it
    by_level: dict[int, int] = field(default_factory=lambda: dict.fromkeys(LEVELS, 0))

    @property
    def total(self) -> int:
        return sum(self.by_level.values())

    @property
    def online(self) -> int:
        return self.by_level[3] + self.by_level[4]

    @property
    def level4(self) -> int:
        return self.by_level[4]

    def bars(self, width: int = 300) -> list[dict]:
        """Stacked bar segments for the SVG chart, one per level, scaled to `width` pixels."""
        x, segments = 0.0, []
        for level in LEVELS:
            length = width * self.by_level[level] / self.total if self.total else 0
            segments.append(
                {
                    "level": level,
                    "x": round(x, 1),
                    "width": round(length, 1),
                    "colour": LEVEL_COLOURS[level],
                }
            )
            x += length
        return segments


@dataclass
class Coverage:
    total: Row
    categories: list[Row]

    @property
    def chart_height(self) -> int:
        return ROW_HEIGHT * len(self.categories)

    @property
    def legend(self) -> list[tuple[int, str]]:
        return list(LEVEL_COLOURS.items())


def coverage(locale: Locale | None = None) -> Coverage:
    """One aggregate query over the default locale's procedures (each procedure counted once)."""
    locale = locale or Locale.get_default()
    rows = (
        Procedure.objects.filter(locale=locale, live=True, status=Procedure.Status.IN_FORCE)
        .values("category", "online_level")
        .annotate(count=Count("pk"))
    )
    labels = dict(Procedure.Category.choices)
    by_category = {value: Row(label) for value, label in labels.items()}
    total = Row("")
    for row in rows:
        by_category[row["category"]].by_level[row["online_level"]] += row["count"]
        total.by_level[row["online_level"]] += row["count"]
    return Coverage(total=total, categories=[row for row in by_category.values() if row.total])
