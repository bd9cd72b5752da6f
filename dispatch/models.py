"""Documents pushed by the operator to the schools (R4.3; seed 000 §4: "sử dụng Cổng thông
tin điện tử để nhận các văn bản điện tử của Phòng Giáo dục và Đào tạo gửi").

Shared tables (public schema only): the operator writes a dispatch once and every target
school reads it through its search path (``<school>, public``), like the RSS items. Each
school's state is one ``DispatchReceipt`` row, also shared, keyed by the school: delivered,
opened (when, by whom) and, for a public dispatch, the id of the document page created in
that school's own page tree.

In the admin: operator → Điều hành → Gửi văn bản / Văn bản đã gửi; school board → Văn bản
đến (``/admin/van-ban-den/``) and a panel on the admin home page.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dispatch.storage import dispatch_storage
from documents.models import DocumentKind
from schools.models import School


def _default_issuer() -> str:
    return settings.PORTAL_OPERATOR_NAME


class Dispatch(models.Model):
    """One document or notice sent by the operator to all schools or a chosen set."""

    kind = models.CharField(_("hình thức"), max_length=20, choices=DocumentKind.choices)
    number = models.CharField(_("số ký hiệu"), max_length=100)
    issuer_name = models.CharField(_("cơ quan ban hành"), max_length=200, default=_default_issuer)
    issue_date = models.DateField(_("ngày ban hành"))
    effective_date = models.DateField(_("ngày có hiệu lực"), null=True, blank=True)
    summary = models.TextField(_("trích yếu"), max_length=1000)
    body = models.TextField(_("nội dung"), max_length=20000, blank=True)
    is_public = models.BooleanField(
        _("đăng công khai"),
        default=False,
        help_text=_("Văn bản được đăng vào chuyên mục Văn bản trên trang của mỗi trường nhận."),
    )
    all_schools = models.BooleanField(_("gửi tất cả các trường"), default=True)
    schools = models.ManyToManyField(
        School, verbose_name=_("các trường được chọn"), blank=True, related_name="+"
    )
    # A username of the operator (public schema); kept as text like the receipts' readers.
    created_by = models.CharField(_("người gửi"), max_length=150, blank=True)
    sent_at = models.DateTimeField(_("thời điểm gửi"), db_index=True)

    class Meta:
        verbose_name = _("văn bản gửi trường")
        verbose_name_plural = _("văn bản gửi trường")
        ordering = ("-sent_at", "-pk")

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        """ "Công văn 2326/GDĐT-THCS", the heading of lists and of the school's page."""
        return f"{self.get_kind_display()} {self.number}"


class DispatchFile(models.Model):
    """A file of a dispatch, stored once under ``MEDIA_ROOT/_dispatch/`` (dispatch.storage)."""

    dispatch = models.ForeignKey(Dispatch, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("tệp"), storage=dispatch_storage, upload_to="%Y/%m/")
    filename = models.CharField(_("tên tệp"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("dung lượng"), default=0)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("tệp văn bản gửi trường")
        verbose_name_plural = _("tệp văn bản gửi trường")
        ordering = ("sort_order", "pk")

    def __str__(self) -> str:
        return self.filename


class DispatchReceipt(models.Model):
    """A dispatch as received by one school: the inbox row and the operator's "đã mở"."""

    dispatch = models.ForeignKey(Dispatch, on_delete=models.CASCADE, related_name="receipts")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    delivered_at = models.DateTimeField(_("thời điểm nhận"))
    opened_at = models.DateTimeField(_("thời điểm mở"), null=True, blank=True)
    # Users live in each school's schema, so a username, not a foreign key.
    opened_by = models.CharField(_("người mở"), max_length=150, blank=True)
    # The OfficialDocumentPage created in the school's schema (public dispatches only).
    published_page_id = models.PositiveIntegerField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("văn bản đến")
        verbose_name_plural = _("văn bản đến")
        ordering = ("-delivered_at", "-pk")
        constraints = [
            models.UniqueConstraint(
                fields=["dispatch", "school"], name="dispatch_receipt_unique_school"
            )
        ]
        indexes = [
            models.Index(fields=["school", "-delivered_at"], name="dispatch_receipt_inbox_idx")
        ]

    def __str__(self) -> str:
        return f"{self.dispatch} → {self.school}"

    @property
    def is_opened(self) -> bool:
        return self.opened_at is not None
