"""Number formatting for the yearbook."""

from __future__ import annotations

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def vi_number(value: int | float | Decimal | None) -> str:
    """Vietnamese grouping and decimal comma: 2134 → "2.134", 9820.5 → "9.820,5".

    Django's "vi" locale sets no number grouping, so ``intcomma`` prints "2134".
    """
    if value is None or value == "":
        return ""
    number = Decimal(value)
    if number == number.to_integral_value():
        return f"{int(number):,}".replace(",", ".")
    text = f"{number:,.1f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")
