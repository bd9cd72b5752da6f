from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    """Official documents (văn bản): R4.1–R4.4.

    The label ``documents`` does not clash with Wagtail's own document library, whose label
    is ``wagtaildocs``.
    """

    name = "documents"
    label = "documents"
    verbose_name = _("Văn bản")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        import documents.contexts  # noqa: F401  (registers the pages' template context)
