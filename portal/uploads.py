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

# Extension -> accepted leading bytes. OOXML and OpenDocument files are zip archives.
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


def content_matches_extension(upload: UploadedFile) -> bool:
    """True when the file starts with the signature of its extension's format.

    An extension without a known signature is not judged here (Wagtail's extension list
    decides whether it is accepted at all).
    """
    extension = os.path.splitext(upload.name or "")[1].lower().lstrip(".")
    expected = SIGNATURES.get(extension)
    if expected is None:
        return True
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    return head.startswith(expected)


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
