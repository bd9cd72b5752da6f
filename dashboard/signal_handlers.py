from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

from dashboard.models import Alert

# Global (not per schema): the operator saves in the public schema, schools read it.
GENERATION_KEY = "global:alerts:generation"


def bump_alert_generation(**kwargs) -> None:
    """New alert state for every school at once: the cached alert HTML is keyed by it."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, None)


def register_signal_handlers() -> None:
    post_save.connect(bump_alert_generation, sender=Alert, dispatch_uid="alert-saved")
    post_delete.connect(bump_alert_generation, sender=Alert, dispatch_uid="alert-deleted")
    m2m_changed.connect(
        bump_alert_generation, sender=Alert.schools.through, dispatch_uid="alert-schools"
    )
