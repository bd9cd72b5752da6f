"""Admin of the online services and their hooks into provisioning, demo content, the
dashboard's checklist and the home page.

In the admin: menu "Dịch vụ trực tuyến" → Kết quả học tập (import from Excel, with the
column layout and a sample file), Văn bằng, chứng chỉ (same), Đợt tuyển sinh, Hồ sơ tuyển sinh
(review, accept or reject with a reason, export XLSX/CSV), Nhật ký tra cứu (read only).
Settings: Cài đặt → Dịch vụ trực tuyến (retention, notification address).
"""

from __future__ import annotations

from django.urls import path
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from online_services import admin_views, selectors, services
from online_services.models import (
    AdmissionApplication,
    AdmissionCampaign,
    AdmissionRegistrationPage,
    LookupLog,
    LookupPage,
)
from online_services.permissions import board_permissions_ensure
from online_services.viewsets import NoAddPolicy, OnlineServicesViewSetGroup

# --- Sections, demo content, checklist, home page ---------------------------------------------


def _section_after(home, model, previous_slug: str, **fields):
    """The section, created if missing and then placed right after ``previous_slug`` (so an
    existing school, synced by ``setup_platform``, gets it next to its neighbour in the menu
    rather than after "Liên hệ")."""
    from siteplatform.provisioning import section_ensure

    existing = model.objects.child_of(home).first()
    if existing is not None:
        return existing
    page = section_ensure(home, model, show_in_menus=True, **fields)
    neighbour = home.get_children().filter(slug=previous_slug).exclude(pk=page.pk).first()
    if neighbour is not None and neighbour.get_next_sibling() != page:
        page.move(neighbour, pos="right")
    return page


@hooks.register("portal_ensure_school_sections", order=56)
def ensure_admission_registration_section(home) -> None:
    """``/dang-ky-tuyen-sinh/`` after "Tuyển sinh", and the board's rights (R6.2)."""
    board_permissions_ensure()
    _section_after(
        home,
        AdmissionRegistrationPage,
        "tuyen-sinh",
        title="Đăng ký tuyển sinh trực tuyến",
        slug="dang-ky-tuyen-sinh",
        intro=(
            "<p>Cha mẹ học sinh đăng ký tuyển sinh cho con trong thời gian nhà trường nhận hồ "
            "sơ, nhận mã hồ sơ và tra cứu kết quả xét tuyển ngay trên trang này.</p>"
        ),
    )


@hooks.register("portal_ensure_school_sections", order=57)
def ensure_lookup_section(home) -> None:
    """``/tra-cuu/``: results and diplomas (R6.2)."""
    _section_after(
        home,
        LookupPage,
        "dang-ky-tuyen-sinh",
        title="Tra cứu",
        slug="tra-cuu",
        intro=(
            "<p>Tra cứu kết quả học tập, điểm thi của học sinh và văn bằng, chứng chỉ do nhà "
            "trường cấp. Mỗi lần tra cứu chỉ xem được thông tin của một học sinh.</p>"
        ),
    )


@hooks.register("portal_load_demo_content")
def load_online_services_demo(school) -> None:
    from online_services.demo import demo_load

    demo_load(school)


@hooks.register("portal_audit_checks")
def audit_online_services(school):
    from online_services.checks import online_services_checks

    return online_services_checks(school)


@hooks.register("portal_home_panels", order=45)
def admission_home_panel(request, home):
    """ "Đang nhận hồ sơ tuyển sinh trực tuyến" while a campaign is open (one query)."""
    campaign = selectors.campaign_open_now()
    page = AdmissionRegistrationPage.objects.child_of(home).live().first() if campaign else None
    if page is None:
        return None
    return {
        "template": "online_services/includes/home_panel.html",
        "context": {"campaign": campaign, "page": page},
    }


def _campaign_changed(request, instances) -> None:
    items = instances if isinstance(instances, list) else [instances]
    if any(isinstance(item, AdmissionCampaign) for item in items):
        services.campaign_changed()


for _hook in ("after_create_snippet", "after_edit_snippet", "after_delete_snippet"):
    hooks.register(_hook, _campaign_changed)


register_permission_policy(
    AdmissionApplication, NoAddPolicy(AdmissionApplication, ("change", "delete", "view"))
)
register_permission_policy(LookupLog, NoAddPolicy(LookupLog, ("view",)))


register_snippet(OnlineServicesViewSetGroup)


@hooks.register("register_admin_urls")
def register_online_services_admin_urls():
    return [
        path(
            "dich-vu-truc-tuyen/tep-mau/<str:kind>/",
            admin_views.sample_download,
            name="online_services_sample",
        ),
        path(
            "dich-vu-truc-tuyen/ho-so/tep/<int:pk>/",
            admin_views.attachment_download,
            name="online_services_attachment",
        ),
    ]
