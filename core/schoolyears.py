"""School years ("năm học") as values such as "2023–2024", never free text.

A Vietnamese school year starts in early September; from August on, the coming year is
the current one (enrolment and công khai for it are published over the summer).
"""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

EN_DASH = "\u2013"
_YEAR_RE = re.compile(r"^\s*(\d{4})\s*[-\u2013\u2014/]\s*(\d{4})\s*$")
FIRST_MONTH = 8


def format_school_year(start: int) -> str:
    return f"{start}{EN_DASH}{start + 1}"


def parse_school_year(value: str) -> int:
    """Start year of ``"2023–2024"`` (also accepts ``2023-2024`` and ``2023/2024``)."""
    match = _YEAR_RE.match(value or "")
    if not match or int(match.group(2)) != int(match.group(1)) + 1:
        raise ValidationError(
            _("Năm học phải có dạng “2023–2024” (hai năm liên tiếp)."), code="school_year"
        )
    start = int(match.group(1))
    if not 1975 <= start <= 2100:
        raise ValidationError(_("Năm học “%(value)s” không hợp lệ.") % {"value": value})
    return start


def normalise_school_year(value: str) -> str:
    return format_school_year(parse_school_year(value))


def validate_school_year(value: str) -> None:
    parse_school_year(value)


def current_school_year(today: datetime.date | None = None) -> str:
    today = today or timezone.localdate()
    start = today.year if today.month >= FIRST_MONTH else today.year - 1
    return format_school_year(start)


def recent_school_years(count: int = 3, today: datetime.date | None = None) -> list[str]:
    """The current school year and the ``count - 1`` before it, newest first."""
    start = parse_school_year(current_school_year(today))
    return [format_school_year(start - offset) for offset in range(count)]


def school_year_choices(past: int = 10, future: int = 1) -> list[tuple[str, str]]:
    start = parse_school_year(current_school_year())
    years = range(start + future, start - past - 1, -1)
    return [(format_school_year(y), format_school_year(y)) for y in years]


class SchoolYearField(models.CharField):
    """A school year stored as "2023–2024"; input like "2023-2024" is normalised."""

    default_validators = [validate_school_year]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 9)
        kwargs.setdefault("verbose_name", gettext_lazy("năm học"))
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value:
            try:
                return normalise_school_year(value)
            except ValidationError:
                return value
        return value

    def pre_save(self, model_instance, add):
        value = self.to_python(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value
