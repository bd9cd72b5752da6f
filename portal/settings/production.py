"""Production: only security and hosting values differ from base."""

from portal.env import env_bool, env_int, env_list, env_str

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    raise RuntimeError("SECRET_KEY must be set in production.")
# Hosts are the registered school domains plus PORTAL_OPERATOR_HOSTS, checked per request
# against schools.Domain with a cached look-up (siteplatform/hosts.py): the registry lives in the
# database, so Django's static list stays open behind that check unless set explicitly.
PORTAL_VALIDATE_HOSTS = env_bool("PORTAL_VALIDATE_HOSTS", True)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "*")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
PORTAL_SCHEME = "https"
PORTAL_STRICT_DOMAINS = env_bool("PORTAL_STRICT_DOMAINS", True)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
