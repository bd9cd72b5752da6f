"""File routes of a document page (thin: look up, count, send).

The file must be attached to this document page, which lives in the current school's
schema, so another school's domain can never reach it (R1.1).
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect

from documents.models import OfficialDocumentFile, OfficialDocumentPage
from documents.services import document_download_count
from siteplatform.downloads import stored_file_response


def _attached_file(document: OfficialDocumentPage, file_id: int) -> OfficialDocumentFile:
    attached = (
        OfficialDocumentFile.objects.filter(page_id=document.pk, document_id=file_id)
        .select_related("document")
        .first()
    )
    if attached is None:
        raise Http404("This file is not attached to this document")
    return attached


def _file_response(attached: OfficialDocumentFile, *, as_attachment: bool) -> HttpResponse:
    doc = attached.document
    return stored_file_response(
        doc.file,
        filename=doc.filename,
        content_type=doc.content_type,
        what=f"Document file {doc.pk}",
        as_attachment=as_attachment,
    )


def document_file_download(
    request: HttpRequest, *, document: OfficialDocumentPage, file_id: int
) -> HttpResponse:
    """``<document>/tai-ve/<id>/``: count a download, then send the file as an attachment.

    Storages without local files (S3) get a redirect to the file's own URL instead.
    """
    attached = _attached_file(document, file_id)
    document_download_count(document=document)
    try:
        attached.document.file.path  # noqa: B018 - raises on remote storages
    except NotImplementedError:
        return redirect(attached.document.file.url)
    response = _file_response(attached, as_attachment=True)
    # Never rendered by the browser: no scripts, no plugins, no framing.
    response["Content-Security-Policy"] = "default-src 'none'"
    return response


def document_file_inline(
    request: HttpRequest, *, document: OfficialDocumentPage, file_id: int
) -> HttpResponse:
    """``<document>/xem/<id>/``: a PDF for the viewer embedded in the document page.

    Only PDFs, sent inline and frameable by the same site only; not counted as a download.
    """
    attached = _attached_file(document, file_id)
    if not attached.is_pdf:
        raise Http404("Only PDF files are shown inline")
    response = _file_response(attached, as_attachment=False)
    response["Content-Type"] = "application/pdf"
    response["X-Frame-Options"] = "SAMEORIGIN"
    response["Content-Security-Policy"] = "frame-ancestors 'self'"
    return response
