from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdminProceduresConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "admin_procedures"
    # The label must sort after "auth": Django plans migrations from the alphabetically
    # first leaf, and a label such as "admin_procedures" would make a new school schema run
    # Wagtail's first migration before contenttypes 0002 (ContentType.name then missing,
    # contenttypes being a shared-only app). Tables and page types are "procedures_*".
    label = "procedures"
    verbose_name = _("Thủ tục – Biểu mẫu")

    def ready(self) -> None:
        import admin_procedures.contexts  # noqa: F401  (registers the pages' template context)
