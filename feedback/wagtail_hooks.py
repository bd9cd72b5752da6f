"""Admin of the feedback app and its hooks into provisioning and demo content.

In the admin: menu "Góp ý – Ý kiến" → "Góp ý" (work messages: status, assignee, internal
notes, reply by e-mail, publication in the Q&A; overdue ones flagged) and "Ý kiến đóng góp"
(list, filter by consultation, export CSV/XLSX). Settings: Cài đặt → Góp ý và lấy ý kiến.
"""

from __future__ import annotations

import datetime

import django_filters
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, Panel
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    EditView,
    IndexView,
    InspectView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from feedback import admin_views, services
from feedback.admin_forms import FeedbackMessageAdminForm
from feedback.models import (
    OPEN_STATUSES,
    ConsultationIndexPage,
    ConsultationOpinion,
    FeedbackMessage,
    FeedbackPage,
    FeedbackSettings,
)
from feedback.permissions import board_permissions_ensure
from feedback.selectors import feedback_with_overdue, overdue_q

# --- Sections and demo content ----------------------------------------------------------------


def _ensure_child(home, model, **fields):
    from siteplatform.provisioning import section_ensure

    return section_ensure(home, model, show_in_menus=True, **fields)


@hooks.register("portal_ensure_school_sections", order=60)
def ensure_feedback_section(home) -> None:
    """``/gop-y/`` under the school's home page, and the board's rights on the messages."""
    board_permissions_ensure()
    _ensure_child(
        home,
        FeedbackPage,
        title="Góp ý",
        slug="gop-y",
        intro=(
            "<p>Nhà trường trân trọng mọi ý kiến của cha mẹ học sinh, học sinh và người dân. "
            "Mỗi góp ý được ghi nhận với một mã số để bạn theo dõi.</p>"
        ),
    )


@hooks.register("portal_ensure_school_sections", order=65)
def ensure_consultation_section(home) -> None:
    """``/lay-y-kien/``: where the school publishes its consultations (R7.2)."""
    _ensure_child(
        home,
        ConsultationIndexPage,
        title="Lấy ý kiến",
        slug="lay-y-kien",
        intro="<p>Các dự thảo, kế hoạch nhà trường xin ý kiến cha mẹ học sinh và người dân.</p>",
    )


@hooks.register("portal_load_demo_content")
def load_feedback_demo(school) -> None:
    from feedback.demo import demo_load

    demo_load(school)


# --- Messages ---------------------------------------------------------------------------------


class FeedbackFilterSet(WagtailFilterSet):
    overdue = django_filters.BooleanFilter(label=_("Quá hạn trả lời"), method="filter_overdue")

    class Meta:
        model = FeedbackMessage
        fields = ["status", "category", "assignee", "published"]

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        days = FeedbackSettings.for_request(self.request).overdue_days
        condition = overdue_q(days)
        return queryset.filter(condition) if value else queryset.exclude(condition)


class AttachmentPanel(Panel):
    """A download link to the sender's attachment (served only through the admin)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "feedback/admin/attachment_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["url"] = _attachment_url(self.instance)
            context["item"] = self.instance
            return context


def _attachment_url(item) -> str:
    if not item or not item.attachment:
        return ""
    kind = "gop-y" if isinstance(item, FeedbackMessage) else "y-kien"
    return reverse("feedback_attachment", args=[kind, item.pk])


class FeedbackEditView(EditView):
    def save_instance(self):
        instance = super().save_instance()
        if self.form.cleaned_data.get("send_reply"):
            services.feedback_reply_send(feedback=instance, acting_user=self.request.user)
        else:
            services.feedback_record_answer(feedback=instance, acting_user=self.request.user)
        return instance


def _overdue_label(item) -> str:
    return str(_("Quá hạn")) if getattr(item, "is_overdue", False) else ""


class FeedbackMessageViewSet(SnippetViewSet):
    model = FeedbackMessage
    icon = "mail"
    menu_label = _("Góp ý")
    copy_view_enabled = False
    edit_view_class = FeedbackEditView
    filterset_class = FeedbackFilterSet
    search_fields = ["reference", "subject", "message", "name", "email", "phone"]
    search_backend_name = None
    list_display = [
        "reference",
        "subject",
        "category",
        "status",
        "assignee",
        Column("overdue", label=_("Quá hạn"), accessor=_overdue_label),
        "created_at",
    ]
    list_per_page = 30
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("reference", read_only=True),
                    FieldPanel("created_at", read_only=True),
                    FieldPanel("name", read_only=True),
                    FieldPanel("email", read_only=True),
                    FieldPanel("phone", read_only=True),
                ],
                heading=_("Người gửi"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("category"),
                    FieldPanel("subject", read_only=True),
                    FieldPanel("message", read_only=True),
                    AttachmentPanel(heading=_("Tệp đính kèm")),
                ],
                heading=_("Nội dung góp ý"),
            ),
            MultiFieldPanel(
                [FieldPanel("status"), FieldPanel("assignee"), FieldPanel("internal_notes")],
                heading=_("Xử lý"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("reply"),
                    FieldPanel("send_reply"),
                    FieldPanel("reply_sent_at", read_only=True),
                    FieldPanel("published"),
                    FieldPanel("public_question"),
                ],
                heading=_("Trả lời"),
            ),
        ],
        base_form_class=FeedbackMessageAdminForm,
    )

    def get_queryset(self, request):
        days = FeedbackSettings.for_request(request).overdue_days
        return feedback_with_overdue(
            FeedbackMessage.objects.select_related("assignee"), days
        ).order_by("-created_at")


# --- Opinions ---------------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_safe(value):
    """Neutralise spreadsheet formulas a sender could plant in a CSV export."""
    value = "" if value is None else str(value)
    return "'" + value if value.startswith(_FORMULA_START) else value


def _local_naive(value: datetime.datetime):
    return timezone.localtime(value).replace(tzinfo=None)


class OpinionIndexView(IndexView):
    custom_value_preprocess = {
        **IndexView.custom_value_preprocess,
        datetime.datetime: {
            IndexView.FORMAT_XLSX: _local_naive,
            IndexView.FORMAT_CSV: lambda value: timezone.localtime(value).strftime(
                "%d/%m/%Y %H:%M"
            ),
        },
        str: {IndexView.FORMAT_CSV: _csv_safe},
    }

    def stream_csv(self, queryset):
        # A BOM so that spreadsheet programs read the Vietnamese text as UTF-8.
        yield "\ufeff"
        yield from super().stream_csv(queryset)

    def get_filename(self) -> str:
        return f"y-kien-{timezone.localdate():%Y-%m-%d}"


class OpinionInspectView(InspectView):
    def get_attachment_display_value(self):
        url = _attachment_url(self.object)
        if not url:
            return "—"
        return format_html('<a href="{}">{}</a>', url, self.object.attachment_name or _("Tải về"))


class ConsultationOpinionFilterSet(WagtailFilterSet):
    class Meta:
        model = ConsultationOpinion
        fields = ["consultation"]


class ConsultationOpinionViewSet(SnippetViewSet):
    model = ConsultationOpinion
    icon = "list-ul"
    menu_label = _("Ý kiến đóng góp")
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = OpinionIndexView
    inspect_view_class = OpinionInspectView
    filterset_class = ConsultationOpinionFilterSet
    search_fields = ["reference", "name", "organisation", "opinion"]
    search_backend_name = None
    list_display = ["reference", "consultation", "name", "organisation", "created_at"]
    list_per_page = 50
    list_export = [
        "reference",
        "consultation.title",
        "created_at",
        "name",
        "organisation",
        "email",
        "phone",
        "opinion",
    ]
    export_headings = {
        "reference": _("Mã số"),
        "consultation.title": _("Đợt lấy ý kiến"),
        "created_at": _("Ngày gửi"),
        "name": _("Họ và tên"),
        "organisation": _("Đơn vị, địa chỉ"),
        "email": _("Thư điện tử"),
        "phone": _("Điện thoại"),
        "opinion": _("Ý kiến"),
    }
    inspect_view_fields = [
        "reference",
        "consultation",
        "created_at",
        "name",
        "organisation",
        "email",
        "phone",
        "opinion",
        "attachment",
    ]

    def get_queryset(self, request):
        return ConsultationOpinion.objects.select_related("consultation").order_by("-created_at")


class FeedbackViewSetGroup(SnippetViewSetGroup):
    items = (FeedbackMessageViewSet, ConsultationOpinionViewSet)
    menu_icon = "mail"
    menu_label = _("Góp ý – Ý kiến")
    menu_order = 250


register_snippet(FeedbackViewSetGroup)


@hooks.register("register_admin_urls")
def register_feedback_admin_urls():
    return [
        path(
            "gop-y/tep/<str:kind>/<int:pk>/",
            admin_views.attachment_download,
            name="feedback_attachment",
        )
    ]


# --- Dashboard: how many messages wait, how many are overdue ----------------------------------


class FeedbackSummaryPanel(Component):
    name = "feedback_summary"
    order = 90
    template_name = "feedback/admin/summary_panel.html"

    def __init__(self, request) -> None:
        self.request = request

    def get_context_data(self, parent_context=None) -> dict:
        days = FeedbackSettings.for_request(self.request).overdue_days
        waiting = FeedbackMessage.objects.filter(status__in=OPEN_STATUSES)
        return {
            "waiting": waiting.count(),
            "overdue": waiting.filter(overdue_q(days)).count(),
            "days": days,
            "list_url": reverse("wagtailsnippets_feedback_feedbackmessage:list"),
        }


@hooks.register("construct_homepage_panels")
def add_feedback_summary(request, panels) -> None:
    if request.user.has_perm("feedback.view_feedbackmessage"):
        panels.append(FeedbackSummaryPanel(request))


@hooks.register("portal_audit_checks")
def audit_feedback(school):
    from feedback.checks import check_feedback

    return check_feedback(school)
