"""Admin registration and the portal hooks of the documents section."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from documents.models import DocumentIndexPage, Issuer

SECTION_TITLE = "Văn bản"
SECTION_SLUG = "van-ban"


class IssuerViewSet(SnippetViewSet):
    """Snippets → Cơ quan ban hành."""

    model = Issuer
    icon = "group"
    menu_label = _("Cơ quan ban hành")
    list_display = ["name", "short_name", "sort_order"]
    search_fields = ["name", "short_name"]
    ordering = ["sort_order", "name"]


register_snippet(IssuerViewSet)


@hooks.register("portal_ensure_school_sections", order=30)
def ensure_documents_section(home) -> None:
    """The "Văn bản" section at /van-ban/ and the default issuers (idempotent)."""
    from documents.services import issuers_ensure
    from siteplatform import provisioning

    issuers_ensure(school_name=home.title)
    provisioning.model_permissions_grant(
        "documents",
        ["issuer"],
        {
            provisioning.ROLE_HEAD: ["add", "change", "delete", "view"],
            provisioning.ROLE_EDITOR: ["add", "change", "view"],
        },
    )
    provisioning.section_ensure(
        home, DocumentIndexPage, title=SECTION_TITLE, slug=SECTION_SLUG, show_in_menus=True
    )


@hooks.register("portal_personalise_school")
def personalise_documents(home) -> None:
    """A cloned school renames the template's own issuer entry to its name."""
    from documents.services import issuers_ensure

    issuers_ensure(school_name=home.title)


@hooks.register("portal_load_demo_content")
def load_documents_demo(school) -> None:
    from documents.demo import load_demo_documents

    load_demo_documents(school)


@hooks.register("portal_home_panels", order=30)
def documents_home_panel(request, home) -> dict | None:
    from documents.selectors import latest_documents

    panel = latest_documents(home=home)
    if panel is None:
        return None
    return {"template": "documents/includes/home_panel.html", "context": panel}


@hooks.register("portal_feeds", order=30)
def documents_feed():
    """``/rss/van-ban/``: the school's latest official documents, files as enclosures (R8.2)."""
    from rss.feeds import FeedSpec
    from rss.outgoing import document_entries, on_school_site

    if not on_school_site():
        return None
    return FeedSpec(
        slug="van-ban",
        title=_("Văn bản"),
        description=_("Văn bản mới ban hành của nhà trường và cấp trên"),
        items=document_entries,
        link=f"/{SECTION_SLUG}/",
    )
