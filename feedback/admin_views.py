"""Admin-only views of the feedback app."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404

from feedback.models import ConsultationOpinion, FeedbackMessage
from siteplatform.downloads import stored_file_response

_MODELS = {"gop-y": FeedbackMessage, "y-kien": ConsultationOpinion}


def attachment_download(request: HttpRequest, kind: str, pk: int) -> FileResponse:
    """A sender's attachment, for the board only, always as a download (never rendered)."""
    model = _MODELS.get(kind)
    if model is None:
        raise Http404
    if not request.user.has_perm(f"feedback.view_{model._meta.model_name}"):
        raise PermissionDenied
    item = get_object_or_404(model, pk=pk)
    if not item.attachment:
        raise Http404
    filename = item.attachment_name or f"{item.reference}.{item.attachment.name.rsplit('.', 1)[-1]}"
    return stored_file_response(
        item.attachment,
        filename=filename,
        content_type=item.attachment_type or "application/octet-stream",
        what=f"Attachment of {item.reference}",
    )
