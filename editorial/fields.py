"""A model field that keeps a secret encrypted at rest (TOTP secrets, R10.1).

Values are stored as ``fernet:<token>`` (``cryptography``'s Fernet: AES-128-CBC with an
HMAC-SHA256, a random IV per value). The key comes from ``PORTAL_TOTP_KEY`` (any long random
string; in development a key derived from ``SECRET_KEY``); ``PORTAL_TOTP_OLD_KEYS`` still
decrypt after a rotation, and every save writes with the current key. A value read without
the prefix is a plain secret from before encryption: it is returned as is and encrypted on
the next save (migration ``editorial.0002`` saves them all).
"""

from __future__ import annotations

import base64
import hashlib
import logging
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import models

logger = logging.getLogger(__name__)

PREFIX = "fernet:"


def _fernet_key(material: str) -> bytes:
    return base64.urlsafe_b64encode(
        hashlib.sha256(b"portal-totp-v1\0" + material.encode()).digest()
    )


@lru_cache(maxsize=4)
def _cipher(current: str, old: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(_fernet_key(key)) for key in (current, *old) if key])


def cipher() -> MultiFernet:
    current = getattr(settings, "PORTAL_TOTP_KEY", "") or f"secret-key:{settings.SECRET_KEY}"
    return _cipher(current, tuple(getattr(settings, "PORTAL_TOTP_OLD_KEYS", ())))


def encrypt(value: str) -> str:
    return PREFIX + cipher().encrypt(value.encode("utf-8")).decode("ascii")


def decrypt(stored: str) -> str:
    if not stored.startswith(PREFIX):
        return stored  # written before encryption; encrypted on the next save
    try:
        return cipher().decrypt(stored[len(PREFIX) :].encode("ascii")).decode("utf-8")
    except InvalidToken:
        logger.error(
            "A stored secret cannot be decrypted: PORTAL_TOTP_KEY changed without keeping the "
            "old key in PORTAL_TOTP_OLD_KEYS; the user must enrol the authenticator again"
        )
        return ""


class EncryptedSecretField(models.CharField):
    """A CharField whose database value is encrypted; Python code sees the plain secret."""

    def from_db_value(self, value, expression, connection):
        return value if value is None else decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "" or value.startswith(PREFIX):
            return value
        return encrypt(value)
