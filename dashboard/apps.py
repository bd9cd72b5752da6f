from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    """The operator's dashboard: audit, scoring, alerts and running every school (R10)."""

    name = "dashboard"
    verbose_name = _("Bảng điều hành")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from dashboard.signal_handlers import register_signal_handlers

        register_signal_handlers()
