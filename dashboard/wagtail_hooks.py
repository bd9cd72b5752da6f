from django.conf import settings
from django.db import connection
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from dashboard import urls
from dashboard.models import Alert


def _operator_only(request) -> bool:
    return connection.schema_name == settings.PUBLIC_SCHEMA_NAME and request.user.is_superuser


class OperatorMenuItem(MenuItem):
    def is_shown(self, request):
        return _operator_only(request)


class OperatorSubmenuMenuItem(SubmenuMenuItem):
    def is_shown(self, request):
        return _operator_only(request)


@hooks.register("register_admin_urls")
def register_dashboard_urls():
    return [path("dieu-hanh/", include(urls, namespace="dashboard"))]


@hooks.register("register_admin_menu_item")
def register_dashboard_menu():
    submenu = Menu(
        items=[
            OperatorMenuItem(
                _("Các trường"), reverse("dashboard:index"), icon_name="list-ul", order=1
            ),
            OperatorMenuItem(
                _("Hoạt động đăng bài"),
                reverse("dashboard:activity"),
                icon_name="doc-full",
                order=2,
            ),
            OperatorMenuItem(
                _("Tạo trường mới"), reverse("dashboard:create"), icon_name="plus", order=3
            ),
            OperatorMenuItem(
                _("Cảnh báo"),
                reverse("wagtailsnippets_dashboard_alert:list"),
                icon_name="warning",
                order=4,
            ),
            # Other apps add operator pages (e.g. dispatch: "Gửi văn bản").
            *(item for fn in hooks.get_hooks("portal_operator_menu_items") for item in fn()),
        ]
    )
    return OperatorSubmenuMenuItem(_("Điều hành"), submenu, icon_name="site", order=50)


class AlertViewSet(SnippetViewSet):
    model = Alert
    icon = "warning"
    menu_label = _("Cảnh báo")
    add_to_admin_menu = False
    list_display = ["title", "level", "starts_at", "ends_at", "all_schools"]
    list_filter = ["level", "all_schools"]
    panels = [
        FieldPanel("level"),
        FieldPanel("title"),
        FieldPanel("message"),
        FieldPanel("link"),
        MultiFieldPanel(
            [FieldPanel("starts_at"), FieldPanel("ends_at")], heading=_("Thời gian hiển thị")
        ),
        MultiFieldPanel([FieldPanel("all_schools"), FieldPanel("schools")], heading=_("Phạm vi")),
    ]


register_snippet(AlertViewSet)
