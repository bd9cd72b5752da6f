from __future__ import annotations

import logging
import posixpath
from pathlib import Path

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.views.static import serve

logger = logging.getLogger(__name__)

# Wagtail's original images and renditions; everything else under MEDIA_ROOT is private.
PUBLIC_MEDIA_FOLDERS = ("original_images/", "images/")
# How long a browser or proxy may keep a picture without asking again (seconds). A
# rendition's name carries its filter and focal point, and a replaced original is stored
# under a new name (its renditions are rebuilt under new names too), so a URL's bytes do not
# change; originals get a shorter lifetime in case a file is restored under the same name.
MEDIA_MAX_AGE = {"images/": 30 * 86400, "original_images/": 86400}


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

    Only image folders are public: documents go through Wagtail's document view (privacy,
    ``Content-Disposition``) or the documents app, and feedback attachments (personal data)
    through the board's download view, never by their storage path.
    """
    schema, _, rest = path.partition("/")
    if schema != connection.schema_name or not rest:
        raise Http404("Not this school's file")
    # ``serve`` normalises the path itself: check the folder of the normalised path, or
    # ``images/../feedback/…`` would pass the check and be served from ``feedback/``.
    folder = posixpath.normpath(rest).lstrip("/")
    if not folder.startswith(PUBLIC_MEDIA_FOLDERS):
        raise Http404("Not a public media folder")
    try:
        response = serve(request, rest, document_root=str(Path(settings.MEDIA_ROOT) / schema))
    except SuspiciousFileOperation as exc:
        logger.warning("Refused media path %r on schema %s: %s", path, schema, exc)
        raise Http404("Not this school's file") from exc
    max_age = next(age for prefix, age in MEDIA_MAX_AGE.items() if folder.startswith(prefix))
    patch_cache_control(response, public=True, max_age=max_age)
    return response
