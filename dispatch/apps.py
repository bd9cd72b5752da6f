from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DispatchConfig(AppConfig):
    """Documents pushed by the operator to the schools' admin inboxes (R4.3)."""

    name = "dispatch"
    verbose_name = _("Văn bản từ Phòng/Sở")
    default_auto_field = "django.db.models.BigAutoField"
