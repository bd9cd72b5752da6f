from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Shared base: home pages, site settings (profile, theme), base templates, page cache."""

    name = "core"
    verbose_name = _("Nền tảng chung")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from core.signal_handlers import register_signal_handlers

        register_signal_handlers()
