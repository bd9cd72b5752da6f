from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    """Editorial board: roles, approval workflow, sign-in security, staff e-mail register."""

    name = "editorial"
    verbose_name = _("Ban biên tập")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from editorial import notifications
        from editorial.signal_handlers import register_signal_handlers

        register_signal_handlers()
        notifications.install_school_base_url()
