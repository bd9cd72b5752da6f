"""Template context of the documents section (registered in ``core.page_context``)."""

from __future__ import annotations

from django.http import HttpRequest

from core.page_context import page_context
from documents.models import DocumentIndexPage, OfficialDocumentPage
from documents.selectors import document_detail_context, document_index_context


@page_context(DocumentIndexPage)
def document_index_page_context(page: DocumentIndexPage, request: HttpRequest) -> dict:
    return document_index_context(index_page=page, params=request.GET)


@page_context(OfficialDocumentPage)
def document_page_context(page: OfficialDocumentPage, request: HttpRequest) -> dict:
    return document_detail_context(document=page)
