"""Files the operator attaches to a dispatch: judged by their bytes, never by their name.

A school opens these files, so a renamed executable must never pass as a PDF.
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

from siteplatform.text import nfc
from siteplatform.uploads import has_signature

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_FILES = 10

# Office Open XML: the part that makes a zip a Word or Excel file.
OOXML_PARTS = {
    "docx": (
        "word/document.xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "xlsx": (
        "xl/workbook.xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
}


@dataclass(frozen=True)
class CheckedFile:
    filename: str
    extension: str
    content_type: str


def safe_filename(name: str) -> str:
    """A plain file name: NFC, no folders, no characters a file system or header dislikes."""
    base = os.path.basename(nfc(name).replace("\\", "/"))
    stem, dot, ext = base.rpartition(".")
    stem = get_valid_filename(stem.replace("Đ", "D").replace("đ", "d")) if stem else ""
    cleaned = f"{stem[:150]}{dot}{ext.lower()}" if stem else f"van-ban.{ext.lower()}"
    return cleaned


def check_dispatch_file(upload: UploadedFile) -> CheckedFile:
    """Accept a PDF, DOCX or XLSX whose content matches its extension, up to 20 MB.

    Raises ``ValidationError`` with a Vietnamese message naming the file.
    """
    name = upload.name or ""
    params = {"name": name}
    if not upload.size:
        raise ValidationError(_("Tệp “%(name)s” rỗng."), code="empty", params=params)
    if upload.size > MAX_FILE_BYTES:
        raise ValidationError(
            _("Tệp “%(name)s” quá lớn: tối đa 20 MB."), code="too_large", params=params
        )
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension == "pdf" and has_signature(upload, "pdf"):
        return CheckedFile(safe_filename(name), "pdf", "application/pdf")
    if extension in OOXML_PARTS and has_signature(upload, extension):
        part, content_type = OOXML_PARTS[extension]
        try:
            upload.seek(0)
            with zipfile.ZipFile(upload) as archive:
                has_part = part in archive.namelist()
        except (zipfile.BadZipFile, OSError, ValueError):
            has_part = False
        finally:
            upload.seek(0)
        if has_part:
            return CheckedFile(safe_filename(name), extension, content_type)
    raise ValidationError(
        _(
            "Tệp “%(name)s” không phải là tài liệu PDF, Word (.docx) hoặc Excel (.xlsx) hợp lệ. "
            "Chỉ nhận các loại tệp này, kiểm tra theo nội dung tệp."
        ),
        code="bad_type",
        params=params,
    )
