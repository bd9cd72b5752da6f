"""Admin of the online services and their hooks into provisioning, demo content, the
dashboard's checklist and the home page.

In the admin: menu "Dịch vụ trực tuyến" → Kết quả học tập (import from Excel, with the
column layout and a sample file), Văn bằng, chứng chỉ (same), Đợt tuyển sinh, Hồ sơ tuyển sinh
(review, accept or reject with a reason, export XLSX/CSV), Nhật ký tra cứu (read only).
Settings: Cài đặt → Dịch vụ trực tuyến (retention, notification address).
"""

from __future__ import annotations

import datetime

import django_filters
from django.core.exceptions import ValidationError
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList, Panel
from wagtail.admin.ui.tables import Column
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    CreateView,
    EditView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from feedback.wagtail_hooks import OpinionIndexView
from online_services import admin_views, importers, selectors, services
from online_services.forms import (
    ApplicationReviewForm,
    DiplomaSetImportForm,
    ResultSetImportForm,
)
from online_services.models import (
    AdmissionApplication,
    AdmissionCampaign,
    AdmissionRegistrationPage,
    DiplomaSet,
    LookupKind,
    LookupLog,
    LookupPage,
    ResultSet,
)
from online_services.permissions import board_permissions_ensure
from online_services.security import code_hash
from online_services.text import code_key

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


# --- Imports: results and diplomas -----------------------------------------------------------


class ImportCreateView(CreateView):
    """The add view of an imported set: the form parses the file; this stores it."""

    columns: tuple = ()
    sample: str = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["layout"] = importers.layout_rows(self.columns)
        context["sample_url"] = reverse("online_services_sample", args=[self.sample])
        context["import_errors"] = getattr(self.form, "import_errors", [])
        context["import_truncated"] = getattr(self.form, "import_truncated", False)
        context["subjects_note"] = self.sample == "ket-qua-hoc-tap"
        return context

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as exc:  # the set exists and "replace" was not ticked
            form.add_error("replace", exc)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)

    def get_success_message(self, instance):
        return _("Đã nhập %(n)s dòng vào “%(set)s”.") % {"n": instance.row_count, "set": instance}


class ResultImportView(ImportCreateView):
    columns = importers.RESULT_COLUMNS
    sample = "ket-qua-hoc-tap"

    def save_instance(self):
        data = self.form.cleaned_data
        return services.result_set_import(
            school_year=data["school_year"],
            period=data["period"],
            exam_name=data.get("exam_name", ""),
            published=data.get("published", True),
            parsed=self.form.parsed,
            source_name=data["file"].name,
            replace=data.get("replace", False),
            acting_user=self.request.user,
        )


class DiplomaImportView(ImportCreateView):
    columns = importers.DIPLOMA_COLUMNS
    sample = "van-bang"

    def save_instance(self):
        data = self.form.cleaned_data
        return services.diploma_set_import(
            kind=data["kind"],
            title=data["title"],
            published=data.get("published", True),
            parsed=self.form.parsed,
            source_name=data["file"].name,
            replace=data.get("replace", False),
            acting_user=self.request.user,
        )


_IMPORT_INFO = [
    FieldPanel("row_count", read_only=True),
    FieldPanel("source_name", read_only=True),
    FieldPanel("imported_at", read_only=True),
    FieldPanel("imported_by", read_only=True),
]


class ImportedSetViewSet(SnippetViewSet):
    """Shared shape: the add view imports a file; the edit view only (un)publishes."""

    copy_view_enabled = False
    create_template_name = "online_services/admin/import_create.html"
    import_panels: list = []
    import_form = None
    list_per_page = 30

    def get_add_view_kwargs(self, **kwargs):
        panel = ObjectList(self.import_panels, base_form_class=self.import_form).bind_to_model(
            self.model
        )
        return super().get_add_view_kwargs(panel=panel, form_class=panel.get_form_class(), **kwargs)


class ResultSetViewSet(ImportedSetViewSet):
    model = ResultSet
    icon = "table"
    menu_label = gettext_lazy("Kết quả học tập")
    add_view_class = ResultImportView
    import_form = ResultSetImportForm
    import_panels = [
        FieldRowPanel([FieldPanel("school_year"), FieldPanel("period")]),
        FieldPanel("exam_name"),
        FieldPanel("file"),
        FieldPanel("replace"),
        FieldPanel("published"),
    ]
    list_display = ["__str__", "school_year", "period", "row_count", "published", "imported_at"]
    list_filter = ["school_year", "period", "published"]
    edit_handler = ObjectList(
        [
            FieldPanel("school_year", read_only=True),
            FieldPanel("period", read_only=True),
            FieldPanel("exam_name", read_only=True),
            FieldPanel("published"),
            MultiFieldPanel(_IMPORT_INFO, heading=gettext_lazy("Lần nhập")),
        ]
    )


class DiplomaSetViewSet(ImportedSetViewSet):
    model = DiplomaSet
    icon = "doc-full"
    menu_label = gettext_lazy("Văn bằng, chứng chỉ")
    add_view_class = DiplomaImportView
    import_form = DiplomaSetImportForm
    import_panels = [
        FieldPanel("kind"),
        FieldPanel("title"),
        FieldPanel("file"),
        FieldPanel("replace"),
        FieldPanel("published"),
    ]
    list_display = ["title", "kind", "row_count", "published", "imported_at"]
    list_filter = ["kind", "published"]
    edit_handler = ObjectList(
        [
            FieldPanel("kind", read_only=True),
            FieldPanel("title", read_only=True),
            FieldPanel("published"),
            MultiFieldPanel(_IMPORT_INFO, heading=gettext_lazy("Lần nhập")),
        ]
    )


# --- Admission campaigns and applications -------------------------------------------------------


class AdmissionCampaignViewSet(SnippetViewSet):
    model = AdmissionCampaign
    icon = "date"
    menu_label = gettext_lazy("Đợt tuyển sinh")
    copy_view_enabled = False
    list_display = [
        "title",
        "school_year",
        "grade",
        "opens_at",
        "closes_at",
        "quota",
        Column("application_count", label=gettext_lazy("Số hồ sơ")),
        Column("accepted_count", label=gettext_lazy("Đã tiếp nhận")),
    ]
    list_per_page = 30

    def get_queryset(self, request):
        return selectors.campaigns_with_counts()


class NoAddPolicy(ModelPermissionPolicy):
    """Rows only the public creates (applications) or the system writes (the log): nobody,
    not even a superuser, adds them by hand; ``actions`` lists what stays possible."""

    def __init__(self, model, actions: tuple[str, ...]) -> None:
        super().__init__(model)
        self.actions = actions

    def user_has_permission(self, user, action):
        return action in self.actions and super().user_has_permission(user, action)


class AttachmentsPanel(Panel):
    """The application's documents, as download links (served only through the admin)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "online_services/admin/attachments_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["attachments"] = (
                list(self.instance.attachments.all()) if self.instance.pk else []
            )
            return context


class ApplicationEditView(EditView):
    def save_instance(self):
        data = self.form.cleaned_data
        return services.application_review(
            application=self.object,
            status=data["status"],
            decision_note=data.get("decision_note", ""),
            internal_notes=data.get("internal_notes", ""),
            acting_user=self.request.user,
        )


class ApplicationIndexView(OpinionIndexView):
    """Exports as the feedback opinions do (formulas neutralised), dates as dd/mm/yyyy."""

    custom_value_preprocess = {
        **OpinionIndexView.custom_value_preprocess,
        datetime.date: {
            OpinionIndexView.FORMAT_CSV: lambda value: value.strftime("%d/%m/%Y"),
        },
    }

    def get_filename(self) -> str:
        return f"ho-so-tuyen-sinh-{timezone.localdate():%Y-%m-%d}"


class ApplicationFilterSet(WagtailFilterSet):
    class Meta:
        model = AdmissionApplication
        fields = ["campaign", "status"]


_READ_ONLY_CHILD = ["child_name", "child_birth_date", "child_gender", "child_birthplace"]


class AdmissionApplicationViewSet(SnippetViewSet):
    model = AdmissionApplication
    icon = "form"
    menu_label = gettext_lazy("Hồ sơ tuyển sinh")
    copy_view_enabled = False
    index_view_class = ApplicationIndexView
    edit_view_class = ApplicationEditView
    filterset_class = ApplicationFilterSet
    search_fields = ["reference", "child_name", "parent_name", "parent_phone"]
    search_backend_name = None
    list_display = [
        "reference",
        "child_name",
        "child_birth_date",
        "campaign",
        "status",
        "created_at",
    ]
    list_per_page = 50
    # Column → heading of the XLSX/CSV export, in this order.
    export_headings = {
        "reference": gettext_lazy("Mã hồ sơ"),
        "campaign.title": gettext_lazy("Đợt tuyển sinh"),
        "created_at": gettext_lazy("Ngày nộp"),
        "get_status_display": gettext_lazy("Tình trạng"),
        "child_name": gettext_lazy("Họ và tên trẻ"),
        "child_birth_date": gettext_lazy("Ngày sinh"),
        "get_child_gender_display": gettext_lazy("Giới tính"),
        "child_birthplace": gettext_lazy("Nơi sinh"),
        "child_ethnicity": gettext_lazy("Dân tộc"),
        "child_personal_id": gettext_lazy("Mã định danh"),
        "address": gettext_lazy("Nơi ở hiện nay"),
        "previous_school": gettext_lazy("Trường đang học"),
        "parent_name": gettext_lazy("Cha mẹ (người giám hộ)"),
        "get_parent_relationship_display": gettext_lazy("Quan hệ"),
        "parent_phone": gettext_lazy("Điện thoại"),
        "parent_email": gettext_lazy("Thư điện tử"),
        "note": gettext_lazy("Ghi chú của cha mẹ"),
        "decision_note": gettext_lazy("Lý do / lời nhắn"),
    }
    list_export = list(export_headings)
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("reference", read_only=True),
                    FieldPanel("campaign", read_only=True),
                    FieldPanel("created_at", read_only=True),
                ],
                heading=gettext_lazy("Hồ sơ"),
            ),
            MultiFieldPanel(
                [
                    *(FieldPanel(name, read_only=True) for name in _READ_ONLY_CHILD),
                    FieldPanel("child_ethnicity", read_only=True),
                    FieldPanel("child_personal_id", read_only=True),
                    FieldPanel("address", read_only=True),
                    FieldPanel("previous_school", read_only=True),
                ],
                heading=gettext_lazy("Thông tin của trẻ"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("parent_name", read_only=True),
                    FieldPanel("parent_relationship", read_only=True),
                    FieldPanel("parent_phone", read_only=True),
                    FieldPanel("parent_email", read_only=True),
                    FieldPanel("note", read_only=True),
                ],
                heading=gettext_lazy("Cha mẹ (người giám hộ)"),
            ),
            AttachmentsPanel(heading=gettext_lazy("Giấy tờ đính kèm")),
            MultiFieldPanel(
                [
                    FieldPanel("status"),
                    FieldPanel("decision_note"),
                    FieldPanel("internal_notes"),
                    FieldPanel("reviewed_by", read_only=True),
                    FieldPanel("reviewed_at", read_only=True),
                    FieldPanel("decision_sent_at", read_only=True),
                ],
                heading=gettext_lazy("Xét hồ sơ"),
            ),
        ],
        base_form_class=ApplicationReviewForm,
    )

    def get_queryset(self, request):
        return AdmissionApplication.objects.select_related("campaign").order_by("-created_at")


# --- The look-up log (read only) -------------------------------------------------------------


class LookupLogFilterSet(WagtailFilterSet):
    code = django_filters.CharFilter(
        label=gettext_lazy("Mã đã tra cứu (mã học sinh, số hiệu, mã hồ sơ)"), method="filter_code"
    )

    class Meta:
        model = LookupLog
        fields = ["kind", "found"]

    def filter_code(self, queryset, name, value):
        if not value:
            return queryset
        key = code_key(value)
        return queryset.filter(code_hash__in=[code_hash(kind, key) for kind in LookupKind.values])


def _short_hash(item) -> str:
    return item.code_hash[:12]


class LookupLogViewSet(SnippetViewSet):
    model = LookupLog
    icon = "history"
    menu_label = gettext_lazy("Nhật ký tra cứu")
    copy_view_enabled = False
    filterset_class = LookupLogFilterSet
    list_display = [
        "created_at",
        "kind",
        "found",
        "client_ip",
        Column("code_hash", label=gettext_lazy("Mã băm"), accessor=_short_hash),
    ]
    list_per_page = 50


register_permission_policy(
    AdmissionApplication, NoAddPolicy(AdmissionApplication, ("change", "delete", "view"))
)
register_permission_policy(LookupLog, NoAddPolicy(LookupLog, ("view",)))


class OnlineServicesViewSetGroup(SnippetViewSetGroup):
    items = (
        ResultSetViewSet,
        DiplomaSetViewSet,
        AdmissionCampaignViewSet,
        AdmissionApplicationViewSet,
        LookupLogViewSet,
    )
    menu_icon = "search"
    menu_label = gettext_lazy("Dịch vụ trực tuyến")
    menu_order = 260


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
