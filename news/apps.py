from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    """News and events of a school (R3): articles, categories, home page panels."""

    name = "news"
    verbose_name = _("Tin tức – Sự kiện")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        import news.contexts  # noqa: F401  (registers the pages' template context)
        from news.signal_handlers import register_signal_handlers

        register_signal_handlers()
