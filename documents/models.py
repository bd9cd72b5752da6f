"""Official documents (văn bản): the section index, the document page and its parts (R4).

In the admin: Trang → Văn bản → (thêm văn bản); issuers under Snippets → Cơ quan ban hành.
Documents pushed by the operator (R4.3) will be ordinary ``OfficialDocumentPage`` rows whose
issuer is the Phòng/Sở, so nothing here assumes the school wrote the document.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, QuerySet
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.models import SectionPage
from core.page_context import PageContextMixin
from core.schoolyears import current_school_year

# Re-exported: the vocabularies are part of what ``documents.models`` offers other apps.
from documents.kinds import INVERSE_RELATION_LABELS as INVERSE_RELATION_LABELS
from documents.kinds import DocumentField as DocumentField
from documents.kinds import DocumentKind as DocumentKind
from documents.kinds import RelationType as RelationType
from documents.validity import Validity, in_force_since_q, today_in_vietnam, validity_status
from siteplatform.text import nfc, nfc_collapsed


class Issuer(models.Model):
    """Cơ quan ban hành. A snippet: Snippets → Cơ quan ban hành.

    Each school starts with the Ministry, the Sở, the district and the Phòng, and itself
    (``is_own_school``, renamed with the school).
    """

    name = models.CharField(_("tên cơ quan"), max_length=200, unique=True)
    short_name = models.CharField(_("tên viết tắt"), max_length=80, blank=True)
    sort_order = models.PositiveSmallIntegerField(
        _("thứ tự"), default=100, help_text=_("Số nhỏ đứng trước trong bộ lọc.")
    )
    is_own_school = models.BooleanField(default=False, editable=False)

    panels = [FieldPanel("name"), FieldPanel("short_name"), FieldPanel("sort_order")]

    class Meta:
        verbose_name = _("cơ quan ban hành")
        verbose_name_plural = _("cơ quan ban hành")
        ordering = ("sort_order", "name")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        self.name = nfc_collapsed(self.name)
        self.short_name = nfc_collapsed(self.short_name)
        if not self.name:
            raise ValidationError({"name": _("Tên cơ quan không được để trống.")})


class DocumentIndexPage(SectionPage):
    """The "Văn bản" section (/van-ban/): filters, search and a paginated list (R4.2)."""

    subpage_types = ["documents.OfficialDocumentPage"]

    class Meta:
        verbose_name = _("chuyên mục văn bản")
        verbose_name_plural = _("chuyên mục văn bản")


class OfficialDocumentPage(PageContextMixin, RoutablePageMixin, Page):
    """One official document (R4.1, R4.4).

    Routes: the page itself (counts a view), ``tai-ve/<document id>/`` (counts a download
    and sends the file) and ``xem/<document id>/`` (a PDF for the inline viewer, not counted).
    """

    # Every view is counted (R4.4), so the whole-page cache must not answer for it.
    page_cache = False

    kind = models.CharField(_("hình thức"), max_length=20, choices=DocumentKind.choices)
    number = models.CharField(
        _("số ký hiệu"),
        max_length=100,
        help_text=_("Ví dụ: 2326/GDĐT-THCS. Mỗi số ký hiệu chỉ dùng cho một văn bản."),
    )
    issuer = models.ForeignKey(
        Issuer,
        verbose_name=_("cơ quan ban hành"),
        on_delete=models.PROTECT,
        related_name="documents",
    )
    signer = models.CharField(_("người ký"), max_length=200, blank=True)
    issue_date = models.DateField(_("ngày ban hành"))
    effective_date = models.DateField(
        _("ngày có hiệu lực"),
        null=True,
        blank=True,
        help_text=_("Để trống nếu văn bản có hiệu lực từ ngày ban hành."),
    )
    expiry_date = models.DateField(
        _("ngày hết hiệu lực"),
        null=True,
        blank=True,
        help_text=_("Ngày đầu tiên văn bản không còn áp dụng; để trống nếu không thời hạn."),
    )
    summary = models.TextField(_("trích yếu"), max_length=1000)
    field = models.CharField(
        _("lĩnh vực"), max_length=32, choices=DocumentField.choices, blank=True
    )
    body = RichTextField(
        _("nội dung tóm tắt"),
        blank=True,
        features=["bold", "italic", "ol", "ul", "link"],
        help_text=_("Không bắt buộc: ghi chú hoặc nội dung chính của văn bản."),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kind"), FieldPanel("number")]),
                FieldPanel("issuer"),
                FieldPanel("signer"),
                FieldPanel("field"),
            ],
            heading=_("Thông tin văn bản"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("issue_date"),
                        FieldPanel("effective_date"),
                        FieldPanel("expiry_date"),
                    ]
                )
            ],
            heading=_("Ngày tháng và hiệu lực"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("files", label=_("Tệp đính kèm"), min_num=0),
        InlinePanel("relations", label=_("Văn bản liên quan")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("number", boost=2),
        index.AutocompleteField("number"),
        index.SearchField("summary", boost=2),
        index.SearchField("signer"),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.FilterField("issue_date"),
        index.FilterField("issuer"),
        index.RelatedFields("issuer", [index.SearchField("name")]),
    ]
    parent_page_types = ["documents.DocumentIndexPage"]
    subpage_types: list[str] = []
    # A copy must be given its own number before it can be published.
    exclude_fields_in_copy = ["number"]

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")
        constraints = [
            models.UniqueConstraint(
                Lower("number"),
                condition=~Q(number=""),
                name="documents_unique_number_ci",
                violation_error_message=_("Số ký hiệu này đã được dùng cho văn bản khác."),
            ),
        ]
        indexes = [models.Index(fields=["-issue_date"], name="documents_issue_date_idx")]

    def clean(self) -> None:
        super().clean()
        self.number = nfc_collapsed(self.number)
        self.signer = nfc_collapsed(self.signer)
        self.summary = nfc(self.summary).strip()
        errors: dict[str, str] = {}
        if not self.number:
            errors["number"] = _("Số ký hiệu không được để trống.")
        elif (
            OfficialDocumentPage.objects.filter(number__iexact=self.number)
            .exclude(pk=self.pk)
            .exists()
        ):
            errors["number"] = _("Số ký hiệu “%(number)s” đã được dùng cho văn bản khác.") % {
                "number": self.number
            }
        if not self.summary:
            errors["summary"] = _("Trích yếu không được để trống.")
        start = self.effective_date or self.issue_date
        if self.expiry_date and start and self.expiry_date <= start:
            errors["expiry_date"] = _("Ngày hết hiệu lực phải sau ngày có hiệu lực.")
        if errors:
            raise ValidationError(errors)

    # Public full-text search (sitesearch/README.md, R4.2, R9.3): found by the number as
    # written, by the words of the trích yếu and by the text of the attached PDF/DOCX files.
    def search_kind(self) -> str:
        return "documents"

    def search_summary(self) -> str:
        return self.summary

    def search_identifiers(self) -> list[str]:
        return [self.number]

    def search_date(self) -> datetime.date:
        return self.issue_date

    def search_school_year(self) -> str:
        return current_school_year(self.issue_date) if self.issue_date else ""

    def search_attachments(self) -> list:
        return [item.document for item in self.files.select_related("document")]

    @property
    def in_force_from(self) -> datetime.date | None:
        return self.effective_date or self.issue_date

    def is_replaced(self, today: datetime.date | None = None) -> bool:
        return replacing_relations(today or today_in_vietnam()).filter(target=self).exists()

    def validity(self, today: datetime.date | None = None) -> Validity:
        """The status shown to the public; uses ``is_replaced`` when annotated."""
        today = today or today_in_vietnam()
        replaced = getattr(self, "is_replaced_flag", None)
        if replaced is None:
            replaced = self.is_replaced(today)
        return validity_status(
            issue_date=self.issue_date,
            effective_date=self.effective_date,
            expiry_date=self.expiry_date,
            replaced=replaced,
            today=today,
        )

    @path("", name="detail")
    def detail(self, request):
        from documents.services import document_view_count

        if not getattr(request, "is_preview", False):
            document_view_count(document=self)
        return self.render(request)

    @path("tai-ve/<int:file_id>/", name="download")
    def download(self, request, file_id: int):
        from documents.views import document_file_download

        return document_file_download(request, document=self, file_id=file_id)

    @path("xem/<int:file_id>/", name="inline")
    def inline(self, request, file_id: int):
        from documents.views import document_file_inline

        return document_file_inline(request, document=self, file_id=file_id)


class OfficialDocumentFile(Orderable):
    """A downloadable file of a document (a Wagtail document, so it lives in the library)."""

    page = ParentalKey(OfficialDocumentPage, on_delete=models.CASCADE, related_name="files")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("tệp"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    label = models.CharField(
        _("tên hiển thị"),
        max_length=200,
        blank=True,
        help_text=_("Để trống để dùng tên của tệp."),
    )

    panels = [FieldPanel("document"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")

    @property
    def display_name(self) -> str:
        return self.label or self.document.title

    @property
    def is_pdf(self) -> bool:
        return self.document.file_extension.lower() == "pdf"


class DocumentRelation(Orderable):
    """ "This document <replaces / amends / …> that one"; the target shows the inverse."""

    page = ParentalKey(OfficialDocumentPage, on_delete=models.CASCADE, related_name="relations")
    relation_type = models.CharField(
        _("quan hệ"), max_length=16, choices=RelationType.choices, default=RelationType.RELATED
    )
    target = models.ForeignKey(
        OfficialDocumentPage,
        verbose_name=_("văn bản"),
        on_delete=models.CASCADE,
        related_name="incoming_relations",
    )

    panels = [FieldPanel("relation_type"), FieldPanel("target")]

    class Meta(Orderable.Meta):
        verbose_name = _("văn bản liên quan")
        verbose_name_plural = _("văn bản liên quan")

    def clean(self) -> None:
        if self.page_id and self.target_id and self.page_id == self.target_id:
            raise ValidationError({"target": _("Văn bản không thể liên quan đến chính nó.")})

    @property
    def inverse_label(self) -> str:
        return INVERSE_RELATION_LABELS[RelationType(self.relation_type)]


def replacing_relations(today: datetime.date) -> QuerySet[DocumentRelation]:
    """ "Replaces" relations from live documents already in force: their targets are replaced."""
    return DocumentRelation.objects.filter(
        in_force_since_q(today, prefix="page__"),
        relation_type=RelationType.REPLACES,
        page__live=True,
    )


class DocumentStats(models.Model):
    """View and download counters of a document (R4.4).

    Kept outside the page and its revisions on purpose: publishing a revision copies every
    page field (and every inline row) from the revision, which would reset counters stored
    there. Rows are created on the first view or download and incremented with F().
    """

    page = models.OneToOneField(
        OfficialDocumentPage,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="stats",
    )
    view_count = models.PositiveIntegerField(_("lượt xem"), default=0)
    download_count = models.PositiveIntegerField(_("lượt tải"), default=0)

    class Meta:
        verbose_name = _("thống kê văn bản")
        verbose_name_plural = _("thống kê văn bản")

    def __str__(self) -> str:
        return f"{self.page_id}: {self.view_count} views, {self.download_count} downloads"
