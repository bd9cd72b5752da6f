"""Normal forms of what people type or schools export: codes, names, dates, phone numbers.

A look-up matches on these keys only, never on the raw text: a student code typed with a
space or in lower case, a name typed without diacritics or in decomposed Unicode (NFD, as
some phones and Excel exports send it) finds the same row; nothing else does.
"""

from __future__ import annotations

import datetime
import re
import unicodedata

from siteplatform.text import nfc
from sitesearch.analysis import fold

_SPACES = re.compile(r"\s+")
_DATE_TEXT = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T].*)?$")
_COMPACT_DATE = re.compile(r"^(\d{2})(\d{2})(\d{4})$")


def clean_line(value) -> str:
    """One line of text: NFC, whitespace collapsed, control characters dropped."""
    text = "" if value is None else str(value)
    text = "".join(ch for ch in nfc(text) if unicodedata.category(ch)[0] != "C" or ch == " ")
    return _SPACES.sub(" ", text).strip()


def code_key(value) -> str:
    """``" 79 2601 2345 "`` → ``"7926012345"``; ``"b 0123456"`` → ``"B0123456"``.

    Excel gives a code typed in a number cell as ``7926012345`` or ``7926012345.0``: both
    come back as the digits.
    """
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _SPACES.sub("", nfc("" if value is None else str(value))).upper()


def name_key(value: str) -> str:
    """``"NGUYỄN  Thị Lan"``, ``"nguyen thi lan"`` → ``"nguyen thi lan"`` (R9.2)."""
    return fold(clean_line(value)).lower()


def phone_key(value: str) -> str:
    """Digits only, a leading ``+84`` / ``84`` read as ``0``: ``"+84 903 456 789"`` → ``"0903456789"``."""
    digits = "".join(ch for ch in str(value or "") if ch.isdigit())
    if digits.startswith("84") and len(digits) >= 11:
        digits = "0" + digits[2:]
    return digits


def parse_date(value) -> datetime.date | None:
    """A date as people and spreadsheets write it: ``15/03/2012``, ``15-3-2012``,
    ``15032012``, ``2012-03-15``, a ``date``/``datetime`` cell. ``None`` if it is not one.
    """
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = clean_line(value)
    for pattern, order in ((_DATE_TEXT, "dmy"), (_COMPACT_DATE, "dmy"), (_ISO_DATE, "ymd")):
        match = pattern.match(text)
        if match:
            parts = [int(part) for part in match.groups()[:3]]
            day, month, year = parts if order == "dmy" else parts[::-1]
            try:
                return datetime.date(year, month, day)
            except ValueError:
                return None
    return None
