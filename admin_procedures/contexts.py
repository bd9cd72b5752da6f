"""Template context of the procedures section (registered in ``core.page_context``)."""

from __future__ import annotations

from django.http import HttpRequest

from admin_procedures.models import ProcedureIndexPage
from admin_procedures.selectors import procedure_list
from core.page_context import page_context


@page_context(ProcedureIndexPage)
def procedure_index_context(page: ProcedureIndexPage, request: HttpRequest) -> dict:
    return {"procedures": procedure_list(page)}
