from portal.env import env_bool, env_int

from .base import *  # noqa: F403

DEBUG = env_bool("DEBUG", True)

# Static files through WhiteNoise as in production, straight from the finders (no
# collectstatic): runserver's own handler answers 500 to /static/..%2f… where this gives 404.
INSTALLED_APPS = ["whitenoise.runserver_nostatic", *INSTALLED_APPS]  # noqa: F405
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# No manifest (it exists only after collectstatic), also when DEBUG is switched off.
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# Absolute URLs carry the port `make run` listens on (siteplatform/hosts.py).
PORTAL_PUBLIC_PORT = env_int("PORTAL_PUBLIC_PORT", env_int("PORT", 8000))
