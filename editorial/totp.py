"""Minimal RFC 6238 time-based one-time passwords (SHA-1, 6 digits, 30 s steps).

What authenticator apps (Google Authenticator, Microsoft Authenticator, FreeOTP…) expect
from an ``otpauth://totp/`` URI; no dependency beyond the standard library.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import struct
import time
from urllib.parse import quote, urlencode

STEP = 30
DIGITS = 6


def secret_generate() -> str:
    """A 160-bit secret in base32 (what the user types into the app)."""
    return base64.b32encode(secrets.token_bytes(20)).decode("ascii")


def _hotp(secret: str, counter: int) -> str:
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 10**DIGITS
    return str(code).zfill(DIGITS)


def current_step(now: float | None = None) -> int:
    return int((time.time() if now is None else now) // STEP)


def code_at(secret: str, now: float | None = None) -> str:
    return _hotp(secret, current_step(now))


def code_verify(secret: str, code: str, *, last_step: int = 0, now: float | None = None) -> int:
    """The matching time step (one step of clock drift allowed), or 0 if the code is wrong.

    Steps not after ``last_step`` are refused, so a code is never accepted twice.
    """
    code = "".join(ch for ch in (code or "") if ch.isdigit())
    if len(code) != DIGITS:
        return 0
    step = current_step(now)
    for candidate in (step - 1, step, step + 1):
        if candidate > last_step and hmac.compare_digest(_hotp(secret, candidate), code):
            return candidate
    return 0


def provisioning_uri(secret: str, *, account: str, issuer: str) -> str:
    label = quote(f"{issuer}:{account}")
    query = urlencode({"secret": secret, "issuer": issuer, "digits": DIGITS, "period": STEP})
    return f"otpauth://totp/{label}?{query}"
