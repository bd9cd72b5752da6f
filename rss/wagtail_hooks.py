"""Admin, home panel, section page and demo content of the Sở/Phòng feeds (R8.1)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import connection
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from rss.models import FeedSource

FEED_PAGE_SLUG = "tin-tu-so-phong"
HOME_PANEL_ITEMS = 8
SCHOOLS_NEWS_SLUG = "tin-cac-truong"


class PlatformSuperuserPolicy(ModelPermissionPolicy):
    """Sources are the operator's: only superusers, and only on the operator's own admin.

    The admin URLs exist on every host, so a superuser of a school schema (if one were ever
    created) must not reach the shared sources from a school's admin either.
    """

    @staticmethod
    def _allowed(user) -> bool:
        return bool(
            user.is_active
            and user.is_superuser
            and connection.schema_name == settings.PUBLIC_SCHEMA_NAME
        )

    def user_has_permission(self, user, action):
        return self._allowed(user)

    def user_has_any_permission(self, user, actions):
        return self._allowed(user)

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True, is_superuser=True)
        if connection.schema_name != settings.PUBLIC_SCHEMA_NAME:
            return users.none()
        return users


register_permission_policy(FeedSource, PlatformSuperuserPolicy(FeedSource))


class FeedSourceViewSet(ModelViewSet):
    """Operator admin → "Nguồn tin Sở/Phòng": sources and their health."""

    model = FeedSource
    icon = "link"
    menu_label = _("Nguồn tin Sở/Phòng")
    menu_order = 850
    add_to_admin_menu = True
    form_fields = ["name", "url", "interval_minutes", "is_active"]
    list_display = [
        "name",
        "url",
        "interval_minutes",
        "is_active",
        "last_success_at",
        "consecutive_failures",
        "last_error",
        "items_seen",
    ]
    list_filter = ["is_active"]
    search_fields = ["name", "url"]

    def get_permissions_to_register(self):
        # Nothing for school groups to grant: the policy above decides.
        return Permission.objects.none()


@hooks.register("register_admin_viewset")
def register_feed_source_viewset():
    return FeedSourceViewSet("rss_sources")


@hooks.register("portal_home_panels", order=100)
def feed_home_panel(request, home):
    """ "Tin từ Sở/Phòng" on a school's home page: three queries whatever the volume."""
    from rss.school.models import FeedItemsPage, hidden_source_ids_for_request
    from rss.selectors import feed_items_latest

    hidden = hidden_source_ids_for_request(request)
    items = feed_items_latest(hidden_source_ids=hidden, limit=HOME_PANEL_ITEMS)
    page = FeedItemsPage.objects.child_of(home).live().only("id", "url_path").first()
    return {
        "template": "rss/includes/home_panel.html",
        "context": {"items": items, "page_url": page.get_url(request) if page else ""},
    }


@hooks.register("portal_ensure_school_sections", order=25)
def ensure_feed_items_page(home):
    """The "Tin từ Sở/Phòng" page, and the board's right to choose its sources."""
    from rss.school.models import FeedItemsPage
    from siteplatform.provisioning import section_ensure

    section_ensure(
        home, FeedItemsPage, title="Tin từ Sở/Phòng", slug=FEED_PAGE_SLUG, show_in_menus=False
    )
    _grant_preferences_permission()


def _grant_preferences_permission() -> None:
    from siteplatform.provisioning import ROLE_ADMINISTRATOR, ROLE_HEAD, model_permissions_grant

    model_permissions_grant(
        "rss_school", ["feedpreferences"], {ROLE_HEAD: ["change"], ROLE_ADMINISTRATOR: ["change"]}
    )


@hooks.register("portal_load_demo_content")
def load_demo_feeds(school):
    from rss.demo import demo_feeds_ensure

    demo_feeds_ensure()


@hooks.register("portal_feeds", order=5)
def schools_news_feed():
    """The operator portal's ``/rss/tin-cac-truong/``: every school's latest news (R1.5, R8.2)."""
    from rss.feeds import FeedSpec
    from rss.outgoing import on_school_site, schools_news_entries

    if on_school_site():
        return None
    return FeedSpec(
        slug=SCHOOLS_NEWS_SLUG,
        title=_("Tin các trường"),
        description=_("Tin tức mới nhất của các trường trong địa bàn"),
        items=schools_news_entries,
        link=f"/{SCHOOLS_NEWS_SLUG}/",
    )


@hooks.register("portal_load_demo_content", order=900)
def load_demo_news_digest(school):
    """After the demo articles exist: copy them to the portal's stream (idempotent)."""
    from rss.digest import school_news_digest_rebuild

    school_news_digest_rebuild()


@hooks.register("portal_audit_checks")
def audit_rss(school):
    from rss.checks import check_feeds

    return check_feeds(school)
