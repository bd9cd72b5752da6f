from django.conf import settings


def portal(request) -> dict:
    """What every template needs to know about the operator and the current school."""
    tenant = getattr(request, "tenant", None)
    return {
        "portal_operator_name": settings.PORTAL_OPERATOR_NAME,
        "portal_operator_short_name": settings.PORTAL_OPERATOR_SHORT_NAME,
        "current_school": tenant,
        "is_operator_site": bool(tenant and tenant.schema_name == settings.PUBLIC_SCHEMA_NAME),
    }


def _menu(request):
    from wagtail.models import Site

    site = Site.find_for_request(request)
    if site is None:
        return []
    return list(site.root_page.get_children().live().in_menu().order_by("path"))


def navigation(request) -> dict:
    """The main menu: live sections under the site's home page marked "show in menus".

    A callable, so pages that do not render the menu (errors, feeds) cost no query.
    """
    return {"site_menu": lambda: _menu(request)}
