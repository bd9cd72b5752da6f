from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SitesearchConfig(AppConfig):
    """Public full-text search of each school's site and of the operator portal (R9.3)."""

    name = "sitesearch"
    verbose_name = _("Tìm kiếm")

    def ready(self) -> None:
        from sitesearch import signal_handlers, whoosh_memory

        signal_handlers.connect()
        whoosh_memory.install()
        whoosh_memory.raise_open_files_limit()
