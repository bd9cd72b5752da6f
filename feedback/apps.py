from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    """Public feedback (góp ý) and consultations (lấy ý kiến) of a school (R7)."""

    name = "feedback"
    verbose_name = _("Góp ý và lấy ý kiến")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.conf import settings

        import feedback.contexts  # noqa: F401  (registers the pages' template context)
        from feedback.schedule import beat_schedule_register

        beat_schedule_register(settings.CELERY_BEAT_SCHEDULE)
