"""The public search page ``/tim-kiem/`` of every school and of the operator portal (R9.3)."""

from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from sitesearch import selectors
from sitesearch.forms import SearchForm


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    is_portal = connection.schema_name == settings.PUBLIC_SCHEMA_NAME
    issuers = selectors.issuer_names(portal=is_portal)
    form = SearchForm(request.GET or None, issuers=issuers)
    query, filters, page = form.query_and_filters() if form.is_bound else ("", None, 1)
    if is_portal:
        results = selectors.search_all_schools(query, filters, page=page)
    else:
        results = selectors.search_school(connection.schema_name, query, filters, page=page)
    params = request.GET.copy()
    params.pop("trang", None)
    context = {
        "form": form,
        "query": query,
        "results": results,
        "is_portal_search": is_portal,
        "page_querystring": params.urlencode(),
        "filters_open": bool(filters and not filters.is_empty()),
    }
    response = TemplateResponse(request, "sitesearch/results.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response
