"""Admin-only views: the sample Excel files and the applications' attachments."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from online_services.import_layout import sample_workbook
from online_services.models import ApplicationAttachment
from siteplatform.downloads import stored_file_response

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_SAMPLES = {
    "ket-qua-hoc-tap": ("results", "resultset", "mau-ket-qua-hoc-tap.xlsx"),
    "van-bang": ("diplomas", "diplomaset", "mau-van-bang-chung-chi.xlsx"),
}


def sample_download(request: HttpRequest, kind: str) -> HttpResponse:
    """The sample file of an import, generated from the documented layout."""
    if kind not in _SAMPLES:
        raise Http404
    sample, model_name, filename = _SAMPLES[kind]
    if not request.user.has_perm(f"online_services.add_{model_name}"):
        raise PermissionDenied
    response = HttpResponse(sample_workbook(sample), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    """A document attached to an application, for the board only, always as a download."""
    if not request.user.has_perm("online_services.view_admissionapplication"):
        raise PermissionDenied
    attachment = get_object_or_404(
        ApplicationAttachment.objects.select_related("application"), pk=pk
    )
    extension = attachment.file.name.rsplit(".", 1)[-1]
    return stored_file_response(
        attachment.file,
        filename=f"{attachment.application.reference}-{attachment.pk}.{extension}",
        content_type=attachment.content_type or "application/octet-stream",
        what=f"Attachment {pk}",
    )
