from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RssConfig(AppConfig):
    """Feeds in (the Sở's and the Phòng's sources, shared by every school) and feeds out.

    A shared-only app: its tables live in the public schema and every school reads them
    through its search path (see rss/README.md). It also keeps the operator portal's digest
    of every school's news (``SchoolNewsDigest``), written from the schools' publish signals.
    """

    name = "rss"
    verbose_name = _("Tin từ Sở/Phòng")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from rss.signal_handlers import register_signal_handlers

        register_signal_handlers()
