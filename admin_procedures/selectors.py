"""Reads of the procedures section; a fixed number of queries whatever the volume."""

from __future__ import annotations

from django.db.models import Prefetch
from wagtail.models import Page

from admin_procedures.models import ProcedureForm, ProcedurePage


def procedure_list(index: Page) -> list[ProcedurePage]:
    """Live procedures in menu order with their forms and documents (two queries)."""
    return list(
        ProcedurePage.objects.live()
        .child_of(index)
        .order_by("path")
        .prefetch_related(
            Prefetch("forms", queryset=ProcedureForm.objects.select_related("document"))
        )
    )
