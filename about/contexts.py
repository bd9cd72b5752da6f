"""Template context of the school information pages (registered in ``core.page_context``)."""

from __future__ import annotations

from django.http import HttpRequest

from about.models import ContactPage, OrganisationPage, YearbookPage
from about.selectors import contact_details, organisation_groups, yearbook_summary
from core.page_context import page_context


@page_context(OrganisationPage)
def organisation_context(page: OrganisationPage, request: HttpRequest) -> dict:
    return {"groups": organisation_groups()}


@page_context(YearbookPage)
def yearbook_context(page: YearbookPage, request: HttpRequest) -> dict:
    return {"yearbook": yearbook_summary(page)}


@page_context(ContactPage)
def contact_context(page: ContactPage, request: HttpRequest) -> dict:
    return contact_details(request)
