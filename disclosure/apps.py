from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosureConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "disclosure"
    verbose_name = _("Ba công khai")

    def ready(self) -> None:
        import disclosure.contexts  # noqa: F401  (registers the pages' template context)
