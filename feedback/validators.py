"""Checks on what the public sends: plain text only, attachments by content (R7.3)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from siteplatform.text import nfc
from siteplatform.uploads import has_signature

MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024

_SCRIPT_STYLE = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
# C0/C1 control characters except tab and newline; NUL would also break PostgreSQL text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_PHONE = re.compile(r"^\+?[0-9 .()\-]{8,20}$")


def clean_text(value: str) -> str:
    """Plain, precomposed (NFC, TCVN 6909) text: HTML tags and control characters removed.

    Everything else is kept verbatim (quotes, ``<`` in "điểm <5", SQL or template syntax):
    it is stored as data and escaped wherever it is shown.
    """
    value = nfc(value)
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _SCRIPT_STYLE.sub("", value)
    value = strip_tags(value)
    value = _CONTROL.sub("", value)
    return value.strip()


def validate_phone(value: str) -> None:
    if value and (not _PHONE.match(value) or sum(c.isdigit() for c in value) < 8):
        raise ValidationError(_("Số điện thoại không hợp lệ."), code="phone")


@dataclass(frozen=True)
class CheckedAttachment:
    content_type: str
    extension: str


def check_attachment(
    upload: UploadedFile, *, max_bytes: int = MAX_ATTACHMENT_BYTES
) -> CheckedAttachment:
    """Accept a JPEG, PNG or PDF of at most ``max_bytes`` (2 MB), judged by its bytes, never
    by its name.

    Raises ``ValidationError`` with a Vietnamese message for anything else.
    """
    if upload.size is None or upload.size > max_bytes:
        raise ValidationError(
            _("Tệp đính kèm quá lớn: tối đa %(mb)s MB.") % {"mb": max_bytes // (1024 * 1024)},
            code="too_large",
        )
    if upload.size == 0:
        raise ValidationError(_("Tệp đính kèm rỗng."), code="empty")
    if has_signature(upload, "pdf"):
        return CheckedAttachment("application/pdf", "pdf")
    if has_signature(upload, "jpg") or has_signature(upload, "png"):
        from PIL import Image, UnidentifiedImageError

        try:
            upload.seek(0)
            with Image.open(upload) as image:
                image_format = image.format
                image.verify()
        except (
            UnidentifiedImageError,
            Image.DecompressionBombError,
            OSError,
            SyntaxError,
            ValueError,
        ) as exc:
            raise ValidationError(
                _("Ảnh đính kèm bị hỏng hoặc không đúng định dạng."), code="bad_image"
            ) from exc
        finally:
            upload.seek(0)
        if image_format == "JPEG":
            return CheckedAttachment("image/jpeg", "jpg")
        if image_format == "PNG":
            return CheckedAttachment("image/png", "png")
    raise ValidationError(
        _("Chỉ nhận tệp ảnh JPEG, PNG hoặc tài liệu PDF."),
        code="bad_type",
    )
