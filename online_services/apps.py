from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OnlineServicesConfig(AppConfig):
    """Online services of a school (R6.2): result and diploma look-ups, admission registration."""

    name = "online_services"
    verbose_name = _("Dịch vụ trực tuyến")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.conf import settings
        from django.db.models.signals import post_delete

        from online_services.models import ApplicationAttachment
        from online_services.schedule import beat_schedule_register
        from online_services.signal_handlers import attachment_file_delete

        beat_schedule_register(settings.CELERY_BEAT_SCHEDULE)
        post_delete.connect(
            attachment_file_delete,
            sender=ApplicationAttachment,
            dispatch_uid="online_services_attachment_file_delete",
        )
