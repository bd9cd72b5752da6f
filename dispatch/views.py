"""Admin views: the operator sends and follows dispatches; a school's board reads them.

Operator views sit under ``/admin/dieu-hanh/van-ban/`` of the public schema
(``dashboard.permissions.operator_required``). School views sit under
``/admin/van-ban-den/`` and only ever read the current school's receipts, so a dispatch
that was not sent to this school is a 404 whatever its id.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.pagination import paginate_request
from dashboard.permissions import operator_required
from dispatch.forms import DispatchSendForm
from dispatch.models import DispatchFile
from dispatch.permissions import can_read_inbox
from dispatch.selectors import (
    dispatch_file,
    dispatch_receipts,
    inbox_receipt,
    inbox_receipts,
    sent_dispatches,
)
from dispatch.services import DispatchContent, dispatch_send, receipt_mark_opened
from siteplatform.downloads import stored_file_response

PER_PAGE = 30


def _page(request: HttpRequest, queryset):
    return paginate_request(request, queryset, PER_PAGE)


def _file_response(stored: DispatchFile) -> HttpResponse:
    response = stored_file_response(
        stored.file,
        filename=stored.filename,
        content_type=stored.content_type,
        what=f"Dispatch file {stored.pk}",
    )
    response["Content-Security-Policy"] = "default-src 'none'"
    return response


# --- Operator ----------------------------------------------------------------------------


@operator_required
def operator_send(request: HttpRequest) -> HttpResponse:
    form = DispatchSendForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        dispatch = dispatch_send(
            content=DispatchContent(
                kind=data["kind"],
                number=data["number"],
                issuer_name=data["issuer_name"],
                issue_date=data["issue_date"],
                effective_date=data["effective_date"],
                summary=data["summary"],
                body=data["body"],
            ),
            files=form.checked_files,
            is_public=data["is_public"],
            all_schools=data["all_schools"],
            schools=data["schools"] or [],
            acting_username=request.user.get_username(),
        )
        count = dispatch.receipts.count()
        messages.success(
            request,
            _("Đã gửi “%(title)s” đến %(count)d trường.")
            % {"title": dispatch.title, "count": count},
        )
        return redirect("dispatch_operator:detail", dispatch.pk)
    if request.method == "POST":
        messages.error(request, _("Chưa gửi được văn bản: kiểm tra các ô được đánh dấu."))
    context = {"page_title": _("Gửi văn bản"), "header_icon": "mail", "form": form}
    return TemplateResponse(request, "dispatch/admin/send.html", context)


@operator_required
def operator_list(request: HttpRequest) -> HttpResponse:
    context = {
        "page_title": _("Văn bản đã gửi"),
        "header_icon": "mail",
        "page_obj": _page(request, sent_dispatches()),
    }
    return TemplateResponse(request, "dispatch/admin/sent_list.html", context)


@operator_required
def operator_detail(request: HttpRequest, pk: int) -> HttpResponse:
    dispatch = get_object_or_404(sent_dispatches(), pk=pk)
    rows = [{"receipt": r} for r in dispatch_receipts(dispatch=dispatch)]
    context = {
        "page_title": dispatch.title,
        "header_icon": "mail",
        "dispatch": dispatch,
        "files": list(dispatch.files.all()),
        "rows": rows,
    }
    return TemplateResponse(request, "dispatch/admin/sent_detail.html", context)


@operator_required
def operator_file(request: HttpRequest, pk: int, file_id: int) -> HttpResponse:
    stored = dispatch_file(dispatch_id=pk, file_id=file_id)
    if stored is None:
        raise Http404("No such file")
    return _file_response(stored)


# --- School board ------------------------------------------------------------------------


def _require_inbox(request: HttpRequest) -> None:
    if not can_read_inbox(request):
        raise PermissionDenied


def inbox(request: HttpRequest) -> HttpResponse:
    _require_inbox(request)
    context = {
        "page_title": _("Văn bản đến"),
        "header_icon": "mail",
        "page_obj": _page(request, inbox_receipts(school=connection.tenant)),
    }
    return TemplateResponse(request, "dispatch/admin/inbox.html", context)


def _receipt_or_404(request: HttpRequest, dispatch_id: int):
    _require_inbox(request)
    receipt = inbox_receipt(school=connection.tenant, dispatch_id=dispatch_id)
    if receipt is None:
        raise Http404("Not sent to this school")
    return receipt


def inbox_detail(request: HttpRequest, dispatch_id: int) -> HttpResponse:
    """Reading changes nothing: the board confirms receipt with the page's button (a POST),
    or by downloading a file."""
    receipt = _receipt_or_404(request, dispatch_id)
    dispatch = receipt.dispatch
    public_url = None
    if receipt.published_page_id:
        from documents.models import OfficialDocumentPage

        page = OfficialDocumentPage.objects.filter(pk=receipt.published_page_id).first()
        public_url = page.url if page else None
    context = {
        "page_title": dispatch.title,
        "header_icon": "mail",
        "receipt": receipt,
        "dispatch": dispatch,
        "files": list(dispatch.files.all()),
        "public_url": public_url,
    }
    return TemplateResponse(request, "dispatch/admin/inbox_detail.html", context)


@require_POST
def inbox_acknowledge(request: HttpRequest, dispatch_id: int) -> HttpResponse:
    """The board confirms it has received the dispatch; the operator sees who and when."""
    receipt = _receipt_or_404(request, dispatch_id)
    if receipt_mark_opened(receipt=receipt, username=request.user.get_username()):
        messages.success(request, _("Đã xác nhận nhà trường đã nhận văn bản."))
    return redirect("dispatch_inbox:detail", dispatch_id=dispatch_id)


def inbox_file(request: HttpRequest, dispatch_id: int, file_id: int) -> HttpResponse:
    _require_inbox(request)
    receipt = inbox_receipt(school=connection.tenant, dispatch_id=dispatch_id)
    stored = dispatch_file(dispatch_id=dispatch_id, file_id=file_id) if receipt else None
    if stored is None:
        raise Http404("Not sent to this school")
    # Downloading a file is receiving the dispatch (recorded once, like a download count).
    receipt_mark_opened(receipt=receipt, username=request.user.get_username())
    return _file_response(stored)
