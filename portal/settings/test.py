from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
CACHES["default"]["KEY_PREFIX"] = "portal-test"  # noqa: F405
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# Uploaded files of test runs stay out of the development media.
MEDIA_ROOT = str(DATA_DIR / "test" / "media")  # noqa: F405
# Off by default so tests see fresh pages; the `page_cache` fixture switches it on.
PORTAL_PAGE_CACHE_ENABLED = False
SEARCH_INDEX_ROOT = str(DATA_DIR / "test" / "search")  # noqa: F405
# No spare schemas by default: every creation would clone a new one (tasks are eager).
# The pool's own tests switch it on.
PORTAL_SCHEMA_POOL_SIZE = 0
