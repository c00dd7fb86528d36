"""Figures as each language writes them: 2.968.000 in Vietnamese, 2,968,000 in English.

Django's `floatformat:"g"` groups only where the locale declares NUMBER_GROUPING, which
Vietnamese does not; the separators still come from the active locale's formats.
"""

from __future__ import annotations

from django import template
from django.utils import formats

register = template.Library()


@register.filter
def figure(value: int | float | None) -> str:
    """A whole number with the language's thousands separator; "–" for none."""
    if value is None:
        return "–"
    digits = f"{round(value):,}"
    return digits.replace(",", str(formats.get_format("THOUSAND_SEPARATOR")))


@register.filter
def percent(value: float | None) -> str:
    """One decimal with the language's decimal separator and a % sign; "–" for none."""
    if value is None:
        return "–"
    return f"{value:.1f}".replace(".", str(formats.get_format("DECIMAL_SEPARATOR"))) + "%"
