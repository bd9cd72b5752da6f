"""Online admission registration (đăng ký tuyển sinh trực tuyến, R6.2).

The board sets up a campaign (dates, quota, level, the documents to attach); during it,
parents submit an application through ``/dang-ky-tuyen-sinh/``, get a reference number and
check the status with it plus their phone number. In the admin: Dịch vụ trực tuyến → Đợt
tuyển sinh / Hồ sơ tuyển sinh (review, accept or reject with a reason, export to XLSX).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from core.schoolyears import SchoolYearField


class Grade(models.TextChoices):
    NURSERY = "nha_tre", _("Nhà trẻ")
    KINDERGARTEN = "mau_giao", _("Mẫu giáo")
    GRADE_1 = "lop_1", _("Lớp 1")
    GRADE_6 = "lop_6", _("Lớp 6")
    GRADE_10 = "lop_10", _("Lớp 10")
    OTHER = "khac", _("Chuyển trường, các lớp khác")


class AdmissionCampaign(ClusterableModel):
    """An admission campaign of the school: open from ``opens_at`` to ``closes_at`` only."""

    title = models.CharField(
        _("tên đợt tuyển sinh"),
        max_length=200,
        help_text=_("Ví dụ: Tuyển sinh lớp 6 năm học 2025–2026."),
    )
    school_year = SchoolYearField()
    grade = models.CharField(_("cấp, lớp tuyển sinh"), max_length=10, choices=Grade.choices)
    opens_at = models.DateTimeField(_("bắt đầu nhận hồ sơ"))
    closes_at = models.DateTimeField(_("kết thúc nhận hồ sơ"))
    quota = models.PositiveIntegerField(_("chỉ tiêu (số học sinh)"))
    birth_date_from = models.DateField(_("trẻ sinh từ ngày"), null=True, blank=True)
    birth_date_to = models.DateField(_("trẻ sinh đến ngày"), null=True, blank=True)
    description = RichTextField(
        _("đối tượng, điều kiện, lưu ý"),
        blank=True,
        features=["bold", "italic", "ol", "ul", "link"],
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("school_year"), FieldPanel("grade")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldPanel("quota"),
                FieldRowPanel([FieldPanel("birth_date_from"), FieldPanel("birth_date_to")]),
            ],
            heading=_("Thời gian, chỉ tiêu, độ tuổi"),
        ),
        FieldPanel("description"),
        InlinePanel(
            "documents",
            label=_("Giấy tờ"),
            heading=_("Giấy tờ cha mẹ đính kèm (ảnh chụp hoặc PDF)"),
            max_num=6,
        ),
    ]

    class Meta:
        verbose_name = _("đợt tuyển sinh")
        verbose_name_plural = _("đợt tuyển sinh")
        ordering = ["-opens_at"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError(
                {"closes_at": _("Thời điểm kết thúc phải sau thời điểm bắt đầu nhận hồ sơ.")}
            )
        if (
            self.birth_date_from
            and self.birth_date_to
            and self.birth_date_to < self.birth_date_from
        ):
            raise ValidationError({"birth_date_to": _("Ngày sinh “đến” phải sau ngày “từ”.")})

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at

    def has_not_started(self, now=None) -> bool:
        return (now or timezone.now()) < self.opens_at


class CampaignDocument(Orderable):
    """A document parents attach to an application (birth certificate, residence proof…)."""

    campaign = ParentalKey(AdmissionCampaign, on_delete=models.CASCADE, related_name="documents")
    name = models.CharField(_("tên giấy tờ"), max_length=150)
    required = models.BooleanField(_("bắt buộc"), default=True)
    help_text = models.CharField(_("hướng dẫn"), max_length=255, blank=True)

    panels = [FieldPanel("name"), FieldPanel("required"), FieldPanel("help_text")]

    class Meta(Orderable.Meta):
        verbose_name = _("giấy tờ")
        verbose_name_plural = _("giấy tờ")

    def __str__(self) -> str:
        return self.name


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "da_nop", _("Đã nộp, chờ xét")
    REVIEWING = "dang_xet", _("Đang xét")
    ACCEPTED = "tiep_nhan", _("Được tiếp nhận")
    REJECTED = "tu_choi", _("Không được tiếp nhận")


DECIDED_STATUSES = (ApplicationStatus.ACCEPTED, ApplicationStatus.REJECTED)


class Gender(models.TextChoices):
    MALE = "nam", _("Nam")
    FEMALE = "nu", _("Nữ")


class Relationship(models.TextChoices):
    FATHER = "cha", _("Cha")
    MOTHER = "me", _("Mẹ")
    GUARDIAN = "giam_ho", _("Người giám hộ")


class AdmissionApplication(models.Model):
    """One child's application; personal data erased after the school's retention period."""

    reference = models.CharField(_("mã hồ sơ"), max_length=20, unique=True, editable=False)
    # One per rendered form: a second post of the same form returns the first application.
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    campaign = models.ForeignKey(
        AdmissionCampaign,
        verbose_name=_("đợt tuyển sinh"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    child_name = models.CharField(_("họ và tên trẻ"), max_length=120)
    child_birth_date = models.DateField(_("ngày sinh"), null=True)
    child_gender = models.CharField(_("giới tính"), max_length=3, choices=Gender.choices)
    child_birthplace = models.CharField(_("nơi sinh"), max_length=150, blank=True)
    child_ethnicity = models.CharField(_("dân tộc"), max_length=40, blank=True)
    child_personal_id = models.CharField(_("mã định danh cá nhân"), max_length=12, blank=True)
    address = models.CharField(_("nơi ở hiện nay"), max_length=255)
    previous_school = models.CharField(_("trường đang học"), max_length=200, blank=True)
    parent_name = models.CharField(_("họ và tên cha mẹ (người giám hộ)"), max_length=120)
    parent_relationship = models.CharField(
        _("quan hệ với trẻ"), max_length=8, choices=Relationship.choices
    )
    parent_phone = models.CharField(_("điện thoại"), max_length=20)
    # Digits of the phone: the second factor of the status look-up.
    parent_phone_key = models.CharField(max_length=20, editable=False)
    parent_email = models.EmailField(_("thư điện tử"), blank=True)
    note = models.TextField(_("ghi chú của cha mẹ"), blank=True)

    status = models.CharField(
        _("tình trạng"),
        max_length=10,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.SUBMITTED,
    )
    decision_note = models.TextField(
        _("lý do / lời nhắn gửi cha mẹ"),
        blank=True,
        help_text=_(
            "Bắt buộc khi không tiếp nhận. Cha mẹ thấy nội dung này khi tra cứu hồ sơ và "
            "trong thư báo kết quả."
        ),
    )
    internal_notes = models.TextField(
        _("ghi chú nội bộ"), blank=True, help_text=_("Chỉ ban tuyển sinh thấy.")
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xét"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("xét lúc"), null=True, blank=True)
    ack_sent_at = models.DateTimeField(_("đã gửi thư báo nhận lúc"), null=True, blank=True)
    board_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    decision_sent_at = models.DateTimeField(_("đã gửi thư báo kết quả lúc"), null=True, blank=True)
    personal_data_purged_at = models.DateTimeField(
        _("đã xoá thông tin cá nhân lúc"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("ngày nộp"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("hồ sơ tuyển sinh")
        verbose_name_plural = _("hồ sơ tuyển sinh")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["campaign", "status"])]

    def __str__(self) -> str:
        return f"{self.reference} – {self.child_name}" if self.child_name else self.reference

    @property
    def is_decided(self) -> bool:
        return self.status in DECIDED_STATUSES


def _attachment_path(instance: models.Model, filename: str) -> str:
    # The service names the file (random token + extension from its content); keep it.
    return f"admissions/{filename}"


class ApplicationAttachment(models.Model):
    """A file attached to an application, served only through the board's download view."""

    application = models.ForeignKey(
        AdmissionApplication, on_delete=models.CASCADE, related_name="attachments"
    )
    document = models.ForeignKey(
        CampaignDocument, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    document_name = models.CharField(_("giấy tờ"), max_length=150)
    file = models.FileField(_("tệp"), upload_to=_attachment_path, max_length=200)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255, blank=True)
    content_type = models.CharField(_("loại tệp"), max_length=50)
    size = models.PositiveIntegerField(_("dung lượng"), default=0)

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.document_name
