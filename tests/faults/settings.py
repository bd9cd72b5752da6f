"""Settings of the throwaway web and worker processes that the fault tests start.

The test settings, with the page cache on (the Redis outage test needs it), tasks sent to
the broker unless ``FAULTS_EAGER`` is set, and a short Redis breaker window.
"""

from portal.env import env_bool, env_str
from portal.settings.test import *  # noqa: F403

PORTAL_PAGE_CACHE_ENABLED = True
PORTAL_REDIS_RETRY_SECONDS = 1
CELERY_TASK_ALWAYS_EAGER = env_bool("FAULTS_EAGER", True)
CELERY_TASK_EAGER_PROPAGATES = CELERY_TASK_ALWAYS_EAGER
MEDIA_ROOT = env_str("MEDIA_ROOT", MEDIA_ROOT)  # noqa: F405
LOGGING["root"]["level"] = "INFO"  # noqa: F405
