"""Admin registration (snippets) and the portal hooks of the about app."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from about import services
from about.models import OrganisationUnit, StaffMember


class StaffMemberViewSet(SnippetViewSet):
    model = StaffMember
    icon = "user"
    menu_label = _("Nhân sự")
    list_display = ["full_name", "title", "unit", "phone", "email"]
    list_filter = ["unit"]
    search_fields = ["full_name", "title"]
    ordering = ["unit__sort_order", "sort_order", "full_name"]


class OrganisationUnitViewSet(SnippetViewSet):
    model = OrganisationUnit
    icon = "group"
    menu_label = _("Đơn vị")
    list_display = ["name", "kind", "sort_order"]
    list_filter = ["kind"]
    search_fields = ["name"]


class OrganisationViewSetGroup(SnippetViewSetGroup):
    """Admin menu "Cơ cấu tổ chức": the people and units shown on the organisation page."""

    items = (StaffMemberViewSet, OrganisationUnitViewSet)
    menu_icon = "group"
    menu_label = _("Cơ cấu tổ chức")
    menu_name = "co-cau-to-chuc"


register_snippet(OrganisationViewSetGroup)


@hooks.register("portal_ensure_school_sections", order=10)
def ensure_about_section(home) -> None:
    services.about_section_ensure(home)


@hooks.register("portal_ensure_school_sections", order=70)
def ensure_resources_section(home) -> None:
    services.resources_section_ensure(home)


@hooks.register("portal_ensure_school_sections", order=80)
def ensure_legal_page(home) -> None:
    services.legal_page_ensure(home)


@hooks.register("portal_ensure_school_sections", order=85)
def ensure_accreditation_page(home) -> None:
    services.accreditation_page_ensure(home)


@hooks.register("portal_ensure_school_sections", order=90)
def ensure_contact_section(home) -> None:
    services.contact_section_ensure(home)


@hooks.register("portal_load_demo_content")
def load_about_demo_content(school) -> None:
    from about.demo import about_demo_load

    about_demo_load(school)
