"""Admin registration: the operator's menu items, the school's inbox, its home panel and
the board's right to read it; demo dispatches."""

from __future__ import annotations

from django.conf import settings
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from dispatch import urls
from dispatch.permissions import can_read_inbox


@hooks.register("register_admin_urls")
def register_dispatch_urls():
    return [
        path("dieu-hanh/van-ban/", include(urls.operator_patterns)),
        path("van-ban-den/", include(urls.inbox_patterns)),
    ]


@hooks.register("portal_operator_menu_items")
def operator_menu_items() -> list[MenuItem]:
    from dashboard.wagtail_hooks import OperatorMenuItem

    return [
        OperatorMenuItem(
            _("Gửi văn bản"), reverse("dispatch_operator:send"), icon_name="mail", order=5
        ),
        OperatorMenuItem(
            _("Văn bản đã gửi"), reverse("dispatch_operator:list"), icon_name="doc-full", order=6
        ),
    ]


class InboxMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return can_read_inbox(request)


@hooks.register("register_admin_menu_item")
def register_inbox_menu_item() -> MenuItem:
    return InboxMenuItem(
        _("Văn bản đến"), reverse("dispatch_inbox:list"), icon_name="mail", order=150
    )


class InboxPanel(Component):
    """Admin home: "Văn bản từ Phòng/Sở", unread count and the latest items."""

    name = "dispatch_inbox"
    order = 60
    template_name = "dispatch/admin/home_panel.html"

    def __init__(self, request) -> None:
        self.request = request

    def get_context_data(self, parent_context=None) -> dict:
        from django.db import connection

        from dispatch.selectors import inbox_summary

        return {
            **inbox_summary(school=connection.tenant),
            "list_url": reverse("dispatch_inbox:list"),
        }


@hooks.register("construct_homepage_panels")
def add_inbox_panel(request, panels) -> None:
    if can_read_inbox(request):
        panels.append(InboxPanel(request))


@hooks.register("portal_ensure_school_sections", order=95)
def grant_inbox_permission(home) -> None:
    """The board reads the inbox: head, editors, administrators (not contributors)."""
    from siteplatform import provisioning

    provisioning.model_permissions_grant(
        "dispatch",
        ["dispatchreceipt"],
        {
            provisioning.ROLE_HEAD: ["view"],
            provisioning.ROLE_EDITOR: ["view"],
            provisioning.ROLE_ADMINISTRATOR: ["view"],
        },
    )


@hooks.register("portal_personalise_school")
def deliver_earlier_dispatches(home) -> None:
    """A school created after some public dispatches receives them too (R4.3).

    Runs inside the new school's schema, in the provisioning transaction; the task is
    queued once that commits, in the public schema where dispatches live.
    """
    from django.db import connection, transaction
    from django_tenants.utils import schema_context

    from dispatch.tasks import dispatch_new_school
    from schools.models import School

    school = School.objects.filter(schema_name=connection.schema_name).first()
    if school is None or school.is_template or school.is_operator:
        return
    school_id = school.pk

    def queue() -> None:
        with schema_context(settings.PUBLIC_SCHEMA_NAME):
            dispatch_new_school.delay(school_id)

    transaction.on_commit(queue)


@hooks.register("portal_load_demo_content")
def load_dispatch_demo(school) -> None:
    from dispatch.demo import load_demo_dispatches

    load_demo_dispatches(school)
