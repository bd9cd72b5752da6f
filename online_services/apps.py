from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OnlineServicesConfig(AppConfig):
    """Online services of a school (R6.2): result and diploma look-ups, admission registration."""

    name = "online_services"
    verbose_name = _("Dịch vụ trực tuyến")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.conf import settings

        from online_services.schedule import beat_schedule_register
        from online_services.signal_handlers import register_signal_handlers

        beat_schedule_register(settings.CELERY_BEAT_SCHEDULE)
        register_signal_handlers()
