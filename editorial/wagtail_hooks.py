"""Admin wiring of the editorial app: URLs, menu items, dashboard panel, user guards."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.db import connection
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from editorial import selectors, services, views
from editorial.models import EmailAccount
from siteplatform import provisioning


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("xac-thuc-hai-buoc/", views.two_factor_setup, name="editorial_two_factor_setup"),
        path(
            "xac-thuc-hai-buoc/nhap-ma/",
            views.two_factor_verify,
            name="editorial_two_factor_verify",
        ),
        path(
            "dang-ky-email/xuat-excel/",
            views.email_register_export,
            name="editorial_email_register_export",
        ),
        path("nhat-ky-cac-truong/", views.school_audit, name="editorial_school_audit"),
    ]


class TwoFactorMenuItem(MenuItem):
    def is_shown(self, request):
        return services.user_may_use_two_factor(request.user)


class SchoolAuditMenuItem(MenuItem):
    def is_shown(self, request):
        return connection.schema_name == settings.PUBLIC_SCHEMA_NAME and request.user.is_superuser


@hooks.register("register_settings_menu_item")
def register_two_factor_menu_item():
    return TwoFactorMenuItem(
        gettext_lazy("Xác thực hai bước"),
        reverse("editorial_two_factor_setup"),
        icon_name="key",
        order=900,
    )


@hooks.register("register_reports_menu_item")
def register_school_audit_menu_item():
    return SchoolAuditMenuItem(
        gettext_lazy("Nhật ký các trường"),
        reverse("editorial_school_audit"),
        icon_name="history",
        order=900,
    )


class RolesPanel(Component):
    """Dashboard panel explaining the four roles in Vietnamese (R10.1)."""

    name = "editorial_roles"
    order = 50
    template_name = "editorial/roles_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        return {"roles": selectors.roles_for_panel(self.user)}


@hooks.register("construct_homepage_panels")
def add_roles_panel(request, panels):
    if connection.schema_name != settings.PUBLIC_SCHEMA_NAME:
        panels.append(RolesPanel(request.user))


class EmailAccountIndexView(IndexView):
    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        buttons.append(
            HeaderButton(
                _("Xuất Excel (mẫu đăng ký)"),
                url=reverse("editorial_email_register_export"),
                icon_name="download",
            )
        )
        return buttons


class EmailAccountViewSet(SnippetViewSet):
    """Snippets → "Đăng ký thư điện tử": the school's official mailboxes (R10.3)."""

    model = EmailAccount
    icon = "mail"
    menu_label = gettext_lazy("Đăng ký thư điện tử")
    index_view_class = EmailAccountIndexView
    list_display = ["full_name", "title", "unit", "email", "phone", "status"]
    list_filter = ["status"]
    search_fields = ["full_name", "email", "title", "unit"]
    ordering = ["sort_order", "full_name"]


register_snippet(EmailAccountViewSet)


def _refuse_privilege_escalation(request):
    """Heads and administrators manage the school's users, within limits (R10.1).

    Nobody in a school can grant the superuser flag, and only a head can put someone in
    the head group (an administrator has no content approval).
    """
    if (
        request.method != "POST"
        or request.user.is_superuser
        or connection.schema_name == settings.PUBLIC_SCHEMA_NAME
    ):
        return None
    if request.POST.get("is_superuser"):
        messages.error(
            request, _("Tài khoản của trường không thể có quyền quản trị toàn hệ thống.")
        )
        return redirect(request.get_full_path())
    head = provisioning.role_group(provisioning.ROLE_HEAD)
    wants_head = str(head.pk) in request.POST.getlist("groups")
    is_head = request.user.groups.filter(pk=head.pk).exists()
    if wants_head and not is_head:
        messages.error(
            request, _("Chỉ Trưởng ban biên tập mới được giao vai trò Trưởng ban biên tập.")
        )
        return redirect(request.get_full_path())
    return None


@hooks.register("before_create_user")
def guard_create_user(request):
    return _refuse_privilege_escalation(request)


@hooks.register("before_edit_user")
def guard_edit_user(request, user):
    return _refuse_privilege_escalation(request)


@hooks.register("portal_ensure_school_sections", order=990)
def ensure_editorial_roles(home):
    """After every section exists: rights on the news section, workflows, register rights."""
    services.editorial_roles_ensure()
