"""The admin's views of admission campaigns and applications (grouped in
``online_services.viewsets``, registered in ``wagtail_hooks``)."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, Panel
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import (
    EditView,
    SnippetViewSet,
)

from feedback.wagtail_hooks import OpinionIndexView
from online_services import selectors, services
from online_services.admin_forms import (
    ApplicationReviewForm,
)
from online_services.models import (
    AdmissionApplication,
    AdmissionCampaign,
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
