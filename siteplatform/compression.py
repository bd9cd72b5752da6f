"""Compressed pages: Django's GZipMiddleware for rendered responses only.

Static files are served by WhiteNoise from the gzip/brotli copies made by ``collectstatic``;
documents, images and other streamed files are mostly compressed formats already and need
their ``Content-Length`` (range requests of the PDF viewer), so streaming responses pass
through untouched.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseBase
from django.middleware.gzip import GZipMiddleware


class PageGZipMiddleware(GZipMiddleware):
    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if response.streaming:
            return response
        return super().process_response(request, response)
