"""English admin (a user's language preference): the same day-first dates as Vietnamese.

The admin's date pickers use one format for every language (``WAGTAIL_DATE_FORMAT``), so the
English input formats must accept it too, ahead of Django's month-first ones.
"""

from django.conf.locale.en.formats import *  # noqa: F403

from core.formats.vi.formats import (  # noqa: F401
    DATE_FORMAT,
    DATE_INPUT_FORMATS,
    DATETIME_FORMAT,
    DATETIME_INPUT_FORMATS,
    SHORT_DATE_FORMAT,
    SHORT_DATETIME_FORMAT,
    TIME_FORMAT,
    TIME_INPUT_FORMATS,
)
