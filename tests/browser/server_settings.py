"""Settings of the browser tests' server: the test settings with production's static files.

Hashed names, gzip/brotli copies and year-long cache headers from WhiteNoise, as behind
gunicorn in production, so that Lighthouse measures what a parent's phone gets. The files are
collected by the ``live_url`` fixture into ``STATIC_ROOT`` (``.data/test/static-browser``).
"""

from portal.settings.test import *  # noqa: F403

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}
