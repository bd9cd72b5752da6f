"""The message a reviewer sees after approving a page in the editor (R3.3, R9.2).

Wagtail's edit view reports any workflow action as "Page 'X' has been updated", which tells a
head nothing about what happened. After "Phê duyệt" the message says whether the page is now
published, scheduled, or waiting at the next step of the workflow.
"""

from __future__ import annotations

from django.contrib import messages as django_messages
from django.http import HttpRequest
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.admin.utils import get_latest_str
from wagtail.models import Page


def approval_message_replace(request: HttpRequest, page: Page) -> None:
    """Replace the edit view's success message of this request with what the approval did."""
    storage = django_messages.get_messages(request)
    queued = getattr(storage, "_queued_messages", None)
    if queued is not None:  # Wagtail's "has been updated", added by this request
        storage._queued_messages = [m for m in queued if m.level != django_messages.SUCCESS]
    page = Page.objects.get(pk=page.pk).specific
    title = get_latest_str(page)
    state = page.current_workflow_state
    if state is not None and state.current_task_state is not None:
        text = _("Đã phê duyệt trang “%(title)s”; trang chuyển sang bước duyệt “%(task)s”.") % {
            "title": title,
            "task": state.current_task_state.task.name,
        }
    elif page.scheduled_revision is not None:
        text = _("Đã phê duyệt trang “%(title)s”; trang sẽ được xuất bản lúc %(time)s.") % {
            "title": title,
            "time": date_format(
                timezone.localtime(page.scheduled_revision.approved_go_live_at), "DATETIME_FORMAT"
            ),
        }
    elif page.live and not page.has_unpublished_changes:
        text = _("Đã phê duyệt và xuất bản trang “%(title)s”.") % {"title": title}
    else:
        text = _("Đã phê duyệt trang “%(title)s”.") % {"title": title}
    buttons = []
    if page.live and page.url:
        buttons.append(messages.button(page.url, _("Xem trên trang web"), new_window=False))
    messages.success(request, text, buttons=buttons)


class WorkflowApprovalMessageMiddleware:
    """The same message after "Phê duyệt" from the dashboard's "Chờ bạn duyệt" panel.

    That panel posts to Wagtail's workflow-action view, which adds no message at all and has
    no hook; after it answers, this names what the approval did. Placed after
    ``MessageMiddleware``; every other request passes straight through.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if (
            request.method == "POST"
            and match is not None
            and match.view_name == "wagtailadmin_pages:workflow_action"
            and match.kwargs.get("action_name") == "approve"
            and response.status_code in (200, 302)
        ):
            page = Page.objects.filter(pk=match.kwargs["page_id"]).first()
            if page is not None:
                approval_message_replace(request, page)
        return response
