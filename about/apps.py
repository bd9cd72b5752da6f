from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AboutConfig(AppConfig):
    """School information: history, organisation, yearbook, contact, resources (R2, R9.7, R9.8)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "about"
    verbose_name = _("Giới thiệu")

    def ready(self) -> None:
        import about.contexts  # noqa: F401  (registers the pages' template context)
