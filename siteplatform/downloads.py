"""Stored files sent to a browser: never sniffed, and a 404 when the storage has lost one."""

from __future__ import annotations

import logging

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404

logger = logging.getLogger(__name__)


def stored_file_response(
    file: FieldFile,
    *,
    filename: str,
    content_type: str,
    what: str,
    as_attachment: bool = True,
) -> FileResponse:
    """``file`` as a download (or inline), with ``X-Content-Type-Options: nosniff``.

    ``what`` names the file in the warning logged when the storage cannot open it.
    """
    try:
        handle = file.open("rb")
    except (OSError, ValueError) as exc:  # ValueError: the field holds no file
        logger.warning("%s is missing from storage: %s", what, exc)
        raise Http404("File missing") from exc
    response = FileResponse(
        handle, as_attachment=as_attachment, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
