"""Reads for the documents section: the index with its filters, one document, the home panel.

Every function runs a fixed number of queries whatever the number of documents.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.contrib.postgres.lookups import Unaccent
from django.core.paginator import Page as PaginatorPage
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Value
from django.utils.translation import gettext as _
from wagtail.models import Page

from core.pagination import paginate
from documents.forms import DocumentFilterForm
from documents.models import (
    DocumentIndexPage,
    DocumentRelation,
    DocumentStats,
    Issuer,
    OfficialDocumentFile,
    OfficialDocumentPage,
    replacing_relations,
)
from documents.validity import today_in_vietnam, validity_q

PAGE_SIZE = 20
HOME_PANEL_SIZE = 5
MAX_QUERY_WORDS = 8


def with_replaced_flag(
    queryset: QuerySet[OfficialDocumentPage], *, today: datetime.date
) -> QuerySet[OfficialDocumentPage]:
    """Annotate ``is_replaced_flag`` (a subquery, so no extra query per document)."""
    return queryset.annotate(
        is_replaced_flag=Exists(replacing_relations(today).filter(target=OuterRef("pk")))
    )


def documents_for_listing(
    queryset: QuerySet[OfficialDocumentPage],
) -> QuerySet[OfficialDocumentPage]:
    """Issuer and files loaded with the documents (no N+1), newest first."""
    files = OfficialDocumentFile.objects.select_related("document").order_by("sort_order")
    return (
        queryset.select_related("issuer")
        .prefetch_related(Prefetch("files", queryset=files))
        .order_by("-issue_date", "-pk")
    )


def document_text_q(query: str) -> Q:
    """Every word of ``query`` in the title, number/symbol or summary, ignoring case and
    diacritics (PostgreSQL ``unaccent``, which also maps đ to d)."""
    condition = Q()
    for word in query.split()[:MAX_QUERY_WORDS]:
        needle = Unaccent(Value(word))
        condition &= (
            Q(title_unaccent__icontains=needle)
            | Q(number_unaccent__icontains=needle)
            | Q(summary_unaccent__icontains=needle)
        )
    return condition


def document_search(
    queryset: QuerySet[OfficialDocumentPage],
    *,
    filters: Mapping[str, str],
    today: datetime.date,
) -> QuerySet[OfficialDocumentPage]:
    """Apply validated filters (keys of ``DocumentFilterForm``) to a documents queryset
    annotated by ``with_replaced_flag``."""
    if filters.get("loai"):
        queryset = queryset.filter(kind=filters["loai"])
    if filters.get("co_quan"):
        queryset = queryset.filter(issuer_id=int(filters["co_quan"]))
    if filters.get("nam"):
        queryset = queryset.filter(issue_date__year=int(filters["nam"]))
    if filters.get("hieu_luc"):
        queryset = queryset.filter(validity_q(filters["hieu_luc"], today))
    if filters.get("q"):
        queryset = queryset.annotate(
            title_unaccent=Unaccent("title"),
            number_unaccent=Unaccent("number"),
            summary_unaccent=Unaccent("summary"),
        ).filter(document_text_q(filters["q"]))
    return queryset


def _page_number(params: Mapping[str, str]) -> int:
    try:
        return max(1, int(params.get("trang", "1")))
    except (TypeError, ValueError):
        return 1


def document_index_context(*, index_page: DocumentIndexPage, params: Mapping[str, str]) -> dict:
    """Filters, the current page of documents and the filter form of the index (R4.2)."""
    today = today_in_vietnam()
    base = OfficialDocumentPage.objects.child_of(index_page).live().public()
    issuers = list(Issuer.objects.filter(documents__in=base).distinct().order_by("sort_order"))
    years = [d.year for d in base.dates("issue_date", "year", order="DESC")]
    form = DocumentFilterForm(params, issuers=issuers, years=years)
    filters = form.valid_filters()
    documents = documents_for_listing(
        document_search(with_replaced_flag(base, today=today), filters=filters, today=today)
    )
    page: PaginatorPage = paginate(documents, _page_number(params), PAGE_SIZE)
    for document in page.object_list:
        document.validity_today = document.validity(today)
    query_string = "&".join(f"{name}={value}" for name, value in _encoded(filters))
    return {
        "documents": page,
        "filter_form": form,
        "filters_active": bool(filters),
        "filters_rejected": bool(form.errors),
        "filter_query": query_string,
        "today": today,
    }


def _encoded(filters: Mapping[str, str]):
    from urllib.parse import quote_plus

    for name, value in filters.items():
        yield name, quote_plus(str(value))


def document_detail_context(*, document: OfficialDocumentPage) -> dict:
    """Files, relations both ways, counters and validity of one document (R4.4)."""
    today = today_in_vietnam()
    files = document.files.all()
    relations = document.relations.all()
    if isinstance(files, QuerySet):
        files = files.select_related("document")
    if isinstance(relations, QuerySet):
        relations = relations.select_related("target").filter(target__live=True)
        outgoing = list(relations)
    else:  # a preview: the rows come from the revision, not from the database
        outgoing = [r for r in relations if r.target_id and r.target.live]
    incoming = list(
        DocumentRelation.objects.filter(target_id=document.pk, page__live=True)
        .select_related("page")
        .order_by("page__issue_date", "pk")
    )
    stats = DocumentStats.objects.filter(page_id=document.pk).first()
    files = list(files)
    return {
        "files": files,
        "pdf_file": next((f for f in files if f.is_pdf), None),
        "outgoing_relations": outgoing,
        "incoming_relations": incoming,
        "view_count": stats.view_count if stats else 0,
        "download_count": stats.download_count if stats else 0,
        "validity": document.validity(today) if document.pk else None,
    }


def latest_documents(*, home: Page, limit: int = HOME_PANEL_SIZE) -> dict | None:
    """The newest documents of a school for its home page panel."""
    today = today_in_vietnam()
    index_page = DocumentIndexPage.objects.child_of(home).live().first()
    if index_page is None:
        return None
    documents = list(
        with_replaced_flag(
            OfficialDocumentPage.objects.child_of(index_page).live().public(), today=today
        )
        .select_related("issuer")
        .order_by("-issue_date", "-pk")[:limit]
    )
    for document in documents:
        document.validity_today = document.validity(today)
    return {"index_page": index_page, "documents": documents, "empty_text": _("Chưa có văn bản.")}
