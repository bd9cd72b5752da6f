"""Administrative procedures and forms (R6.1) and the admission page (R6.2).

Seed 001 asks each school for a "Cải cách hành chính" section with the forms parents need:
leave of absence, re-marking, admission, transfer, copy and correction of a diploma.
In the admin: Trang chủ → Thủ tục – Biểu mẫu → Thêm trang con; Trang chủ → Tuyển sinh.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.models import SectionPage
from core.schoolyears import SchoolYearField
from disclosure.blocks import WrappedTableBlock

LIST_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("bước"), max_length=200)
    detail = blocks.TextBlock(label=_("diễn giải"), required=False)

    class Meta:
        icon = "list-ol"
        label = _("Bước thực hiện")
        template = "admin_procedures/blocks/step.html"
        description = _("Một bước của thủ tục, theo thứ tự.")


class ProcedureIndexPage(SectionPage):
    """ "Thủ tục – Biểu mẫu" (slug ``thu-tuc-bieu-mau``), one per school."""

    subpage_types = ["procedures.ProcedurePage"]
    template = "admin_procedures/procedure_index_page.html"

    class Meta:
        verbose_name = _("chuyên mục Thủ tục – Biểu mẫu")
        verbose_name_plural = _("chuyên mục Thủ tục – Biểu mẫu")


class ProcedurePage(Page):
    """One procedure: who, steps, dossier, time limit, fee, legal basis, where, forms."""

    summary = models.TextField(_("tóm tắt"), blank=True, max_length=500)
    applicant = models.CharField(
        _("đối tượng thực hiện"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: Cha mẹ học sinh hoặc người giám hộ."),
    )
    steps = StreamField([("step", StepBlock())], verbose_name=_("trình tự thực hiện"), blank=True)
    dossier = RichTextField(
        _("thành phần hồ sơ"),
        blank=True,
        features=LIST_FEATURES,
        help_text=_("Liệt kê từng giấy tờ, số lượng bản."),
    )
    time_limit = models.CharField(
        _("thời hạn giải quyết"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: 05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ."),
    )
    fee = models.CharField(_("lệ phí"), max_length=255, default=_("Không thu phí"))
    where_to_submit = models.TextField(
        _("nơi nộp hồ sơ"),
        blank=True,
        help_text=_("Địa điểm, giờ tiếp nhận; hoặc cách nộp trực tuyến."),
    )
    legal_basis = RichTextField(_("căn cứ pháp lý"), blank=True, features=LIST_FEATURES)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("applicant"),
        FieldPanel("steps"),
        FieldPanel("dossier"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("time_limit"), FieldPanel("fee")]),
                FieldPanel("where_to_submit"),
            ],
            heading=_("Thời hạn, lệ phí, nơi nộp"),
        ),
        FieldPanel("legal_basis"),
        InlinePanel("forms", label=_("Biểu mẫu"), heading=_("Biểu mẫu tải về")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("applicant"),
        index.SearchField("steps"),
        index.SearchField("dossier"),
        index.SearchField("legal_basis"),
    ]
    parent_page_types = ["procedures.ProcedureIndexPage"]
    subpage_types: list[str] = []
    template = "admin_procedures/procedure_page.html"

    class Meta:
        verbose_name = _("thủ tục")
        verbose_name_plural = _("thủ tục")

    # Public full-text search (sitesearch/README.md, R6.1, R9.3): the forms' DOCX/PDF text.
    def search_kind(self) -> str:
        return "procedures"

    def search_summary(self) -> str:
        return self.summary

    def search_attachments(self) -> list:
        return [item.document for item in self.forms.select_related("document")]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["form_list"] = list(self.forms.select_related("document"))
        return context


class ProcedureForm(Orderable):
    """A downloadable form of a procedure (Wagtail document, PDF/DOCX)."""

    page = ParentalKey(ProcedurePage, on_delete=models.CASCADE, related_name="forms")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("tệp biểu mẫu"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    caption = models.CharField(
        _("tên hiển thị"), max_length=255, blank=True, help_text=_("Để trống: dùng tên tệp.")
    )

    panels = [FieldPanel("document"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("biểu mẫu")
        verbose_name_plural = _("biểu mẫu")

    @property
    def label(self) -> str:
        return self.caption or self.document.title


class AdmissionPage(Page):
    """ "Tuyển sinh" (slug ``tuyen-sinh``): the admission of the coming school year (R6.2)."""

    school_year = SchoolYearField()
    plan = RichTextField(_("kế hoạch tuyển sinh"), blank=True, features=LIST_FEATURES)
    quota = models.PositiveIntegerField(_("chỉ tiêu (số học sinh)"), null=True, blank=True)
    quota_detail = models.CharField(
        _("chỉ tiêu chi tiết"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: 12 lớp 6, 540 học sinh."),
    )
    conditions = RichTextField(_("đối tượng và điều kiện"), blank=True, features=LIST_FEATURES)
    dossier = RichTextField(_("hồ sơ"), blank=True, features=LIST_FEATURES)
    venue = models.TextField(_("địa điểm nhận hồ sơ"), blank=True)
    candidate_list = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("danh sách trúng tuyển (tệp)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    candidate_table = StreamField(
        [("table", WrappedTableBlock())],
        verbose_name=_("danh sách (bảng)"),
        blank=True,
    )

    content_panels = Page.content_panels + [
        FieldPanel("school_year"),
        FieldPanel("plan"),
        FieldRowPanel([FieldPanel("quota"), FieldPanel("quota_detail")]),
        FieldPanel("conditions"),
        FieldPanel("dossier"),
        InlinePanel("dates", label=_("Mốc thời gian"), heading=_("Mốc thời gian")),
        FieldPanel("venue"),
        MultiFieldPanel(
            [FieldPanel("candidate_list"), FieldPanel("candidate_table")],
            heading=_("Danh sách học sinh"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("plan"),
        index.SearchField("conditions"),
        index.SearchField("dossier"),
        index.SearchField("quota_detail"),
        index.FilterField("school_year"),
    ]
    parent_page_types = ["core.SchoolHomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    template = "admin_procedures/admission_page.html"

    class Meta:
        verbose_name = _("trang tuyển sinh")
        verbose_name_plural = _("trang tuyển sinh")

    # Public full-text search (sitesearch/README.md, R6.2, R9.3).
    def search_kind(self) -> str:
        return "procedures"

    def search_school_year(self) -> str:
        return self.school_year

    def search_attachments(self) -> list:
        return [self.candidate_list] if self.candidate_list_id else []

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        context["date_list"] = [
            {"date": date, "status": date.status(today)} for date in self.dates.all()
        ]
        return context


class AdmissionDate(Orderable):
    """A milestone of the admission: registration, dossier, results (real dates)."""

    page = ParentalKey(AdmissionPage, on_delete=models.CASCADE, related_name="dates")
    label = models.CharField(_("nội dung"), max_length=255)
    start = models.DateField(_("từ ngày"))
    end = models.DateField(_("đến ngày"), null=True, blank=True)

    panels = [FieldPanel("label"), FieldRowPanel([FieldPanel("start"), FieldPanel("end")])]

    class Meta(Orderable.Meta):
        verbose_name = _("mốc thời gian")
        verbose_name_plural = _("mốc thời gian")

    def clean(self):
        if self.end and self.start and self.end < self.start:
            raise ValidationError({"end": _("Ngày kết thúc phải sau ngày bắt đầu.")})

    def status(self, today) -> str:
        """``upcoming``, ``open`` or ``past`` relative to ``today``."""
        if today < self.start:
            return "upcoming"
        if today <= (self.end or self.start):
            return "open"
        return "past"
