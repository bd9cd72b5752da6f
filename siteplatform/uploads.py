"""Document uploads in the Wagtail admin are judged by their bytes, not their name (R9.2).

Wagtail checks a document's extension (``WAGTAILDOCS_EXTENSIONS``) and size
(``WAGTAILDOCS_MAX_UPLOAD_SIZE``) but not that the content is what the extension says: an HTML
page or a script renamed ``.pdf`` would be stored and offered for download as an official
document. ``DocumentForm`` (``WAGTAILDOCS_DOCUMENT_FORM_BASE``) refuses a file whose first
bytes do not match its extension. Images need nothing here: Wagtail compares the decoded image
format with the extension and refuses decompression bombs (``WAGTAILIMAGES_MAX_IMAGE_PIXELS``).
"""

from __future__ import annotations

import logging
import os

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

logger = logging.getLogger(__name__)

_PDF = (b"%PDF-",)
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)  # legacy Office: .doc, .xls, .ppt
_JPEG = (b"\xff\xd8\xff",)
_PNG = (b"\x89PNG\r\n\x1a\n",)

# Every file-signature check of the platform (admin documents, dispatch files, public
# attachments, spreadsheet imports) reads these tables through ``has_signature``.
# Document extension -> accepted leading bytes. OOXML and OpenDocument files are zip archives.
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": _PDF,
    "doc": _OLE,
    "xls": _OLE,
    "ppt": _OLE,
    "docx": _ZIP,
    "xlsx": _ZIP,
    "pptx": _ZIP,
    "odt": _ZIP,
    "ods": _ZIP,
    "odp": _ZIP,
    "zip": _ZIP,
}
# Images are not documents (Wagtail's image form checks those in the admin); public
# attachments accept them.
IMAGE_SIGNATURES: dict[str, tuple[bytes, ...]] = {"jpg": _JPEG, "jpeg": _JPEG, "png": _PNG}


def file_head(upload: UploadedFile, size: int = 8) -> bytes:
    """The first ``size`` bytes of the upload, leaving it rewound."""
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def has_signature(upload: UploadedFile, kind: str) -> bool:
    """True when the upload's first bytes are those of ``kind`` (``"pdf"``, ``"xlsx"``, ``"png"``…).

    A kind without a known signature never matches.
    """
    expected = SIGNATURES.get(kind) or IMAGE_SIGNATURES.get(kind)
    return expected is not None and file_head(upload).startswith(expected)


def content_matches_extension(upload: UploadedFile) -> bool:
    """True when the file starts with the signature of its extension's format.

    An extension without a known signature is not judged here (Wagtail's extension list
    decides whether it is accepted at all).
    """
    extension = os.path.splitext(upload.name or "")[1].lower().lstrip(".")
    if extension not in SIGNATURES:
        return True
    return has_signature(upload, extension)


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form, plus a content check of the uploaded file."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile) and not content_matches_extension(upload):
            logger.warning(
                "Refused document upload %r: content does not match its extension", upload.name
            )
            raise ValidationError(
                _(
                    "Nội dung tệp không đúng với phần mở rộng của tên tệp "
                    "(ví dụ: tệp .pdf phải là tài liệu PDF thật). Vui lòng kiểm tra lại tệp."
                ),
                code="content_mismatch",
            )
        return upload
