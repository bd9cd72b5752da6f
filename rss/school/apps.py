from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RssSchoolConfig(AppConfig):
    """The per-school half of ``rss``: the listing page and the "hide a source" setting.

    A tenant app (tables in every school schema), unlike ``rss`` whose sources and items are
    stored once in the public schema.
    """

    name = "rss.school"
    label = "rss_school"
    verbose_name = _("Nguồn tin Sở/Phòng của trường")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        import rss.school.contexts  # noqa: F401  (registers the pages' template context)
