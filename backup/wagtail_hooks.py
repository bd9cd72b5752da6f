"""The operator's backup page under Điều hành (public schema only)."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from backup import urls


@hooks.register("register_admin_urls")
def register_backup_urls():
    return [path("dieu-hanh/sao-luu/", include(urls, namespace="backup"))]


@hooks.register("portal_operator_menu_items")
def operator_menu_items():
    from dashboard.wagtail_hooks import OperatorMenuItem

    return [
        OperatorMenuItem(
            _("Sao lưu – khôi phục"), reverse("backup:index"), icon_name="download", order=8
        )
    ]
