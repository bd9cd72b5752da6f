"""Default content of a site: home page, Wagtail Site, editor groups, sections.

Every function is idempotent and works in the *current* schema, so the same code prepares
the template schema (which new schools are cloned from) and repairs an existing school.
Content apps add their required sections through the ``portal_ensure_school_sections``
Wagtail hook: ``fn(home_page)`` creates what is missing under the home page.

Roles, rights and workflows are ``siteplatform.roles``.
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import transaction
from wagtail import hooks
from wagtail.models import (
    Page,
    PageLogEntry,
    Site,
    Task,
    Workflow,
)

from core.models import PortalHomePage, SchoolHomePage, SchoolProfile

# Re-exported (``name as name``): content apps reach the roles through provisioning.
from siteplatform.roles import (
    NEWS_SECTION_SLUG as NEWS_SECTION_SLUG,
)
from siteplatform.roles import (
    ROLE_ADMINISTRATOR as ROLE_ADMINISTRATOR,
)
from siteplatform.roles import (
    ROLE_CONTRIBUTOR as ROLE_CONTRIBUTOR,
)
from siteplatform.roles import (
    ROLE_DESCRIPTIONS as ROLE_DESCRIPTIONS,
)
from siteplatform.roles import (
    ROLE_EDITOR as ROLE_EDITOR,
)
from siteplatform.roles import (
    ROLE_GROUPS as ROLE_GROUPS,
)
from siteplatform.roles import (
    ROLE_HEAD as ROLE_HEAD,
)
from siteplatform.roles import (
    WORKFLOW_DEFAULT as WORKFLOW_DEFAULT,
)
from siteplatform.roles import (
    WORKFLOW_NEWS as WORKFLOW_NEWS,
)
from siteplatform.roles import (
    model_permissions_grant as model_permissions_grant,
)
from siteplatform.roles import (
    permissions_grant as permissions_grant,
)
from siteplatform.roles import (
    role_group as role_group,
)
from siteplatform.roles import (
    roles_ensure as roles_ensure,
)
from siteplatform.roles import (
    workflows_ensure as workflows_ensure,
)

ROOT_TITLE = "Gốc"


def _root_title_ensure() -> Page:
    """Wagtail's migration names the tree's root "Root"; the admin explorer shows it (R9.2)."""
    root = Page.get_first_root_node()
    if root.title != ROOT_TITLE:
        root.title = root.draft_title = ROOT_TITLE
        root.save(update_fields=["title", "draft_title"])
    return root


def _home_page(model: type[Page], title: str, slug: str) -> Page:
    root = _root_title_ensure()
    home = model.objects.first()
    if home is None:
        home = root.add_child(instance=model(title=title, slug=slug))
        home.save_revision().publish()
    elif home.title != title:
        home.title = title
        home.draft_title = title
        home.save_revision().publish()
    return home


def _home_page_rename(title: str) -> SchoolHomePage:
    """Give a freshly cloned school's home page its name, in place.

    The clone's home page has only the template's revision. Publishing a new one (a
    revision, two log entries, reference and search index writes: most of the time of
    provisioning) would only record "Trường mẫu" as the school's history, so the page and
    its revision are renamed directly and the admin search entry refreshed.
    """
    from wagtail.models import Revision
    from wagtail.search.index import insert_or_update_object

    home = SchoolHomePage.objects.get()
    if home.title == title and home.draft_title == title:
        return home
    home.title = home.draft_title = title
    Page.objects.filter(pk=home.pk).update(title=title, draft_title=title)
    for revision in Revision.objects.filter(
        pk__in={home.live_revision_id, home.latest_revision_id} - {None}
    ):
        revision.content["title"] = revision.content["draft_title"] = title
        revision.object_str = title
        revision.save(update_fields=["content", "object_str"])
    insert_or_update_object(home)
    return home


_WELCOME_TITLE = "Trang chào mừng mặc định của Wagtail"


def _site_ensure(home: Page, *, title: str, hostname: str) -> Site:
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    if site is None:
        site = Site(is_default_site=True)
    site.hostname = hostname
    site.port = 80
    site.site_name = title
    site.root_page = home
    site.is_default_site = True
    site.save()
    # Wagtail's initial "Welcome" page is replaced by the home page; renamed first, since
    # the site history keeps the title of a deleted page (R9.2).
    for page in Page.objects.filter(depth=2).exclude(pk=home.pk):
        if page.specific_class is Page:
            page.title = page.draft_title = _WELCOME_TITLE
            page.save(update_fields=["title", "draft_title"])
            page.delete()
    PageLogEntry.objects.filter(label="Welcome to your new Wagtail site!").update(
        label=_WELCOME_TITLE
    )
    return site


def section_ensure(parent: Page, model: type[Page], **fields) -> Page:
    """The one page of ``model`` directly under ``parent``, created and published if missing.

    Found by type, not slug, so an editor's renamed or re-slugged section is left alone.
    Content apps call this from their ``portal_ensure_school_sections`` hooks.
    """
    existing = model.objects.child_of(parent).first()
    if existing is not None:
        return existing
    page = parent.add_child(instance=model(**fields))
    page.save_revision().publish()
    return page


@transaction.atomic
def school_site_ensure(*, title: str, hostname: str) -> Site:
    """Home page, Site, roles and every required section of a school (R1.4)."""
    home = _home_page(SchoolHomePage, title, "trang-chu")
    site = _site_ensure(home, title=title, hostname=hostname)
    site_settings_ensure(site)
    roles_ensure()
    school_sections_ensure(home)
    return site


def site_settings_ensure(site: Site | None = None) -> None:
    """The row of every site setting (theme, feedback, feeds, online services, profile) for
    the school's site, with its defaults, where missing.

    Wagtail creates a missing row when a page first reads the setting: without this, the
    first page views of every new school each wrote a row (an INSERT and a commit inside a
    GET). Run on the template, so every clone and spare has the rows.
    """
    from wagtail.contrib.settings.models import BaseSiteSetting
    from wagtail.contrib.settings.registry import registry

    site = site or Site.objects.get(is_default_site=True)
    for model in registry:
        if issubclass(model, BaseSiteSetting):
            model.objects.get_or_create(site=site)


@transaction.atomic
def school_site_personalise(*, title: str, hostname: str) -> Site:
    """What differs per school after cloning the template (which already holds the roles,
    workflows and every section): the home page title, the Site, and whatever apps
    personalise through the ``portal_personalise_school`` hook (``fn(home)``).
    """
    home = _home_page_rename(title)
    site = _site_ensure(home, title=title, hostname=hostname)
    for personalise in hooks.get_hooks("portal_personalise_school"):
        personalise(home)
    return site


def school_sections_ensure(home: SchoolHomePage | None = None) -> None:
    """Create every required section that is missing under the school's home page.

    Content apps register ``portal_ensure_school_sections`` hooks (``fn(home)``), ordered
    by the hook's ``order``; each creates its section pages only when absent.
    """
    _root_title_ensure()
    home = home or SchoolHomePage.objects.first()
    if home is None:
        return
    for ensure_sections in hooks.get_hooks("portal_ensure_school_sections"):
        ensure_sections(home)


def school_profile_ensure(
    *, name: str, address: str = "", phone: str = "", email: str = ""
) -> SchoolProfile:
    """Seed the school's contact settings from the registry (the board edits them later)."""
    site = Site.objects.get(is_default_site=True)
    profile = SchoolProfile.for_site(site)
    profile.official_name = name
    profile.address = profile.address or address
    profile.phone = profile.phone or phone
    profile.email = profile.email or email
    profile.save()
    return profile


# Names Wagtail's migrations give the operator's own (public schema) workflow and groups.
_WAGTAIL_DEFAULT_NAMES = {
    Workflow: {"Moderators approval": "Duyệt bài"},
    Task: {"Moderators approval": "Người duyệt phê duyệt"},
    Group: {"Moderators": "Người duyệt", "Editors": "Biên tập viên"},
}


@transaction.atomic
def operator_site_ensure(*, title: str, hostname: str) -> Site:
    home = _home_page(PortalHomePage, title, "cong-thong-tin")
    for model, names in _WAGTAIL_DEFAULT_NAMES.items():  # the admin shows them (R9.2)
        for english, vietnamese in names.items():
            if not model.objects.filter(name=vietnamese).exists():
                model.objects.filter(name=english).update(name=vietnamese)
    return _site_ensure(home, title=title, hostname=hostname)
