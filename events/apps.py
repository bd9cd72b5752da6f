from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "events"
    verbose_name = _("Lịch công tác – Sự kiện")

    def ready(self) -> None:
        import events.contexts  # noqa: F401  (registers the pages' template context)
