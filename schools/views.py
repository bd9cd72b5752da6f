from __future__ import annotations

import logging
from pathlib import Path

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.views.static import serve

logger = logging.getLogger(__name__)


def tenant_not_found(request: HttpRequest) -> HttpResponse:
    """Unknown host name: a Vietnamese "site not found" page, status 404."""
    logger.info(
        "No school for host %r", request.get_host() if request.META.get("HTTP_HOST") else ""
    )
    response = TemplateResponse(request, "schools/unknown_host.html", {}, status=404)
    return response.render()


def serve_media(request: HttpRequest, path: str) -> HttpResponse:
    """Media of the current school only.

    Files live in ``MEDIA_ROOT/<schema>/`` and their URLs start with ``/media/<schema>/``;
    a path naming another schema is a 404 on this host, so one school's files are never
    served through another school's domain. ``serve`` refuses ``..`` traversal.
    """
    schema, _, rest = path.partition("/")
    if schema != connection.schema_name or not rest:
        raise Http404("Not this school's file")
    try:
        return serve(request, rest, document_root=str(Path(settings.MEDIA_ROOT) / schema))
    except SuspiciousFileOperation as exc:
        logger.warning("Refused media path %r on schema %s: %s", path, schema, exc)
        raise Http404("Not this school's file") from exc
