"""Tenancy: which apps are shared and which are per school, and how schools are created.

Imported by ``portal.settings.base`` at the place this block held there.
"""

from portal.env import env_int

# --- Tenancy ----------------------------------------------------------------------------
# Decided once; an app never moves between the groups after migrating.
# Wagtail and what it needs, in both groups (same order in both).
_WAGTAIL_APPS = (
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "editorial.user_admin.SchoolUsersConfig",  # wagtail.users, school-safe user forms
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
)

# The content apps of a school site, in the public schema too (the operator's own site).
_CONTENT_APPS = (
    "about",
    "editorial",
    "documents",
    "news",
    "disclosure",
    "admin_procedures",
    "feedback",
)

SHARED_APPS = (
    # The tenant registry itself: schools and their domains live in the public schema only.
    "django_tenants",
    "schools",
    # One content-type table for every schema, so content-type ids are the same in every
    # school and process-wide caches (Django's, Wagtail's) never mix schools up.
    "django.contrib.contenttypes",
    # Everything below is also a tenant app: the public schema is the operator's own
    # Wagtail site (its portal, its superusers), so it needs the same tables.
    "django.contrib.auth",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    *_WAGTAIL_APPS,
    "core",
    # The operator's dashboard: metrics gathered from every school and alerts, in shared
    # tables read from the public schema only.
    "dashboard",
    *_CONTENT_APPS,
    "events",
    # Look-ups and online admission (R6.2): one app, as the three services share one abuse
    # guard, one look-up log, one retention setting and one admin menu.
    "online_services",
    # Shared only: feed sources and items are fetched and stored once for every school,
    # which read them through the search path (rss/README.md).
    "rss",
    "rss.school",
    "sitesearch",
    # Shared only: the operator's dispatches and each school's receipt are written once in
    # public and read by every school through its search path (dispatch/models.py).
    "dispatch",
    # Shared only: backup and restore of one school, run by the operator; its archive jobs
    # (backup.BackupJob) are a shared table.
    "backup",
)

TENANT_APPS = (
    # Per school: users and groups (R1.1, R10.1), the Wagtail page tree, media, redirects,
    # settings (theme), and every content app. Each school schema is a clone of one template
    # schema, so all school schemas are identical.
    "django.contrib.auth",
    "django.contrib.messages",
    "django.contrib.humanize",
    *_WAGTAIL_APPS,
    "core",
    *_CONTENT_APPS,
    "rss.school",
    "sitesearch",
    "events",
    "online_services",
)

INSTALLED_APPS = list(SHARED_APPS) + [app for app in TENANT_APPS if app not in SHARED_APPS]

TENANT_MODEL = "schools.School"
TENANT_DOMAIN_MODEL = "schools.Domain"
PUBLIC_SCHEMA_NAME = "public"
PUBLIC_SCHEMA_URLCONF = "portal.urls_public"
ROOT_URLCONF = "portal.urls"
# New schools are cloned from this migrated schema (about 1 s instead of 10 s of migrations);
# it has its own School row (is_template=True, no domain) so migrate_schemas keeps it current.
TENANT_CREATION_FAKES_MIGRATIONS = True
TENANT_BASE_SCHEMA = "school_template"
DEFAULT_NOT_FOUND_TENANT_VIEW = "schools.views.tenant_not_found"
# Spare schemas cloned ahead of time (schools.pool): a new school takes one by renaming it
# (milliseconds) instead of waiting for a clone. 0 turns the pool off.
PORTAL_SCHEMA_POOL_SIZE = env_int("PORTAL_SCHEMA_POOL_SIZE", 3)
# migrate_schemas over every school: skips schemas with nothing pending, runs the rest in
# parallel, names the ones that failed and finishes them on a re-run (schools.migrate).
GET_EXECUTOR_FUNCTION = "schools.migrate.get_executor"
TENANT_MULTIPROCESSING_MAX_PROCESSES = env_int("PORTAL_MIGRATION_PROCESSES", 0) or None
DATABASE_ROUTERS = ("django_tenants.routers.TenantSyncRouter",)
