"""Text as the platform stores it: precomposed Unicode (NFC, TCVN 6909:2001, R9.2)."""

from __future__ import annotations

import unicodedata


def nfc(value: object) -> str:
    """``value`` as precomposed Unicode, whatever an editor, a phone or an export sent.

    ``None`` (or any empty value) gives ``""``; anything else is turned into text first.
    """
    if not value:
        return ""
    return unicodedata.normalize("NFC", value if isinstance(value, str) else str(value))


def nfc_collapsed(value: object) -> str:
    """NFC with every run of whitespace folded into one space, ends stripped."""
    return " ".join(nfc(value).split())
