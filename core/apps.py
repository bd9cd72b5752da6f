from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Content shared by every school: home pages, SectionPage, site settings, template tags.

    Platform pieces (provisioning, page cache, validation) are the `siteplatform` package.
    """

    name = "core"
    verbose_name = _("Nền tảng chung")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        import core.contexts  # noqa: F401  (registers the pages' template context)
        from core.names import use_vietnamese_name_order
        from core.signal_handlers import register_signal_handlers

        register_signal_handlers()
        use_vietnamese_name_order()
