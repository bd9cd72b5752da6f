"""Links in workflow e-mails point at the school's own host.

Wagtail builds the links of its notification e-mails (submitted, approved, rejected…) from
one global ``WAGTAILADMIN_BASE_URL``. In a school's schema the base URL is taken from the
school's default ``Site`` instead (its host name is set at provisioning), with
``PORTAL_SCHEME``; the public schema keeps the setting.
"""

from __future__ import annotations

from django.conf import settings
from django.db import connection


def school_admin_base_url() -> str | None:
    from wagtail.models import Site

    default = getattr(settings, "WAGTAILADMIN_BASE_URL", None)
    if connection.schema_name == settings.PUBLIC_SCHEMA_NAME:
        return default
    site = Site.objects.filter(is_default_site=True).only("hostname", "port").first()
    if site is None or not site.hostname:
        return default
    port = "" if site.port in (80, 443) else f":{site.port}"
    return f"{settings.PORTAL_SCHEME}://{site.hostname}{port}"


def install_school_base_url() -> None:
    """Point Wagtail's lookups of the admin base URL at ``school_admin_base_url``.

    ``get_admin_base_url`` is imported by name into the template-tag library (used by the
    notification templates) and the user bar, so each reference is replaced.
    """
    from wagtail.admin import userbar, utils
    from wagtail.admin.templatetags import wagtailadmin_tags

    for module in (utils, wagtailadmin_tags, userbar):
        module.get_admin_base_url = school_admin_base_url
