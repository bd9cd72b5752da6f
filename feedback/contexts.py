"""Template context of the consultations listing (registered in ``core.page_context``)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone

from core.page_context import page_context
from core.pagination import paginate_request
from feedback.models import PAGE_SIZE, ConsultationIndexPage
from feedback.selectors import consultation_list


@page_context(ConsultationIndexPage)
def consultation_index_context(page: ConsultationIndexPage, request: HttpRequest) -> dict:
    return {
        "consultations": paginate_request(request, consultation_list(page), PAGE_SIZE),
        "now": timezone.now(),
    }
