"""What parents look up: results (kết quả học tập, điểm thi) and diplomas (văn bằng).

Both are imported from Excel by the board as *sets* (one import = one set, replaced whole by
a re-import) and looked up one row at a time through ``/tra-cuu/`` (R6.2). None of these
models is a page or indexed: nothing of them reaches the site search or the sitemap.
In the admin: Dịch vụ trực tuyến → Kết quả học tập / Văn bằng, chứng chỉ / Nhật ký tra cứu.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.schoolyears import SchoolYearField


class Period(models.TextChoices):
    TERM_1 = "hk1", _("Học kỳ I")
    TERM_2 = "hk2", _("Học kỳ II")
    YEAR = "ca_nam", _("Cả năm")
    EXAM = "ky_thi", _("Kỳ thi")


PERIOD_ORDER = {Period.EXAM: 0, Period.YEAR: 1, Period.TERM_2: 2, Period.TERM_1: 3}


class ImportedSet(models.Model):
    """What every import records: the file it came from, who imported it, whether it is open."""

    published = models.BooleanField(
        _("cho phép tra cứu"),
        default=True,
        help_text=_("Bỏ chọn để tạm ẩn đợt này khỏi trang tra cứu mà không xoá dữ liệu."),
    )
    source_name = models.CharField(_("tệp nguồn"), max_length=255, blank=True, editable=False)
    row_count = models.PositiveIntegerField(_("số dòng"), default=0, editable=False)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    imported_at = models.DateTimeField(_("nhập lúc"), null=True, editable=False)

    class Meta:
        abstract = True


class ResultSet(ImportedSet):
    """One term's or one exam's results of a school year, from one Excel file."""

    school_year = SchoolYearField()
    period = models.CharField(_("học kỳ / kỳ thi"), max_length=10, choices=Period.choices)
    exam_name = models.CharField(
        _("tên kỳ thi"),
        max_length=150,
        blank=True,
        help_text=_("Chỉ khi chọn “Kỳ thi”. Ví dụ: Thi thử vào lớp 10 lần 1."),
    )

    class Meta:
        verbose_name = _("đợt kết quả học tập")
        verbose_name_plural = _("kết quả học tập")
        ordering = ["-school_year", "period", "exam_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["school_year", "period", "exam_name"], name="os_resultset_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.label} – {self.school_year}"

    @property
    def label(self) -> str:
        if self.period == Period.EXAM and self.exam_name:
            return self.exam_name
        return str(self.get_period_display())


class StudentResult(models.Model):
    """One student's row of a ``ResultSet``; found only by exact code **and** birth date."""

    result_set = models.ForeignKey(ResultSet, on_delete=models.CASCADE, related_name="rows")
    student_code = models.CharField(_("mã học sinh"), max_length=20)
    birth_date = models.DateField(_("ngày sinh"))
    full_name = models.CharField(_("họ và tên"), max_length=120)
    class_name = models.CharField(_("lớp"), max_length=20)
    # [[subject, value], …] in the order of the file's columns; values as shown ("8,5", "Đ").
    scores = models.JSONField(_("điểm các môn"), default=list)
    average = models.CharField(_("điểm trung bình"), max_length=10, blank=True)
    total = models.CharField(_("tổng điểm"), max_length=10, blank=True)
    academic_result = models.CharField(_("kết quả học tập"), max_length=20, blank=True)
    conduct = models.CharField(_("kết quả rèn luyện"), max_length=20, blank=True)
    award = models.CharField(_("danh hiệu"), max_length=100, blank=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("kết quả của học sinh")
        verbose_name_plural = _("kết quả của học sinh")
        constraints = [
            models.UniqueConstraint(
                fields=["result_set", "student_code"], name="os_studentresult_unique"
            )
        ]
        indexes = [models.Index(fields=["student_code", "birth_date"])]

    def __str__(self) -> str:
        return f"{self.student_code} – {self.result_set}"


class DiplomaKind(models.TextChoices):
    LOWER_SECONDARY = "tn_thcs", _("Bằng tốt nghiệp trung học cơ sở")
    UPPER_SECONDARY = "tn_thpt", _("Bằng tốt nghiệp trung học phổ thông")
    CERTIFICATE = "chung_chi", _("Chứng chỉ")
    OTHER = "khac", _("Văn bằng khác")


class DiplomaSet(ImportedSet):
    """One batch of diplomas or certificates (e.g. the THCS graduates of one year)."""

    kind = models.CharField(
        _("loại văn bằng"),
        max_length=12,
        choices=DiplomaKind.choices,
        default=DiplomaKind.LOWER_SECONDARY,
    )
    title = models.CharField(
        _("tên đợt"),
        max_length=200,
        help_text=_("Ví dụ: Bằng tốt nghiệp THCS năm học 2023–2024."),
    )

    class Meta:
        verbose_name = _("đợt văn bằng, chứng chỉ")
        verbose_name_plural = _("văn bằng, chứng chỉ")
        ordering = ["-imported_at"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "title"], name="os_diplomaset_unique")
        ]

    def __str__(self) -> str:
        return self.title


class Diploma(models.Model):
    """One diploma of a ``DiplomaSet``; found by its number plus the holder's name or birth date."""

    diploma_set = models.ForeignKey(DiplomaSet, on_delete=models.CASCADE, related_name="rows")
    number = models.CharField(_("số hiệu"), max_length=30)
    number_key = models.CharField(max_length=30, editable=False)
    register_number = models.CharField(_("số vào sổ cấp bằng"), max_length=30, blank=True)
    holder_name = models.CharField(_("họ và tên"), max_length=120)
    holder_name_key = models.CharField(max_length=120, editable=False)
    birth_date = models.DateField(_("ngày sinh"))
    birthplace = models.CharField(_("nơi sinh"), max_length=120, blank=True)
    gender = models.CharField(_("giới tính"), max_length=5, blank=True)
    graduation_year = models.PositiveSmallIntegerField(_("năm tốt nghiệp"))
    classification = models.CharField(_("xếp loại"), max_length=20, blank=True)
    issued_on = models.DateField(_("ngày cấp"), null=True, blank=True)

    class Meta:
        verbose_name = _("văn bằng")
        verbose_name_plural = _("văn bằng")
        constraints = [
            models.UniqueConstraint(fields=["diploma_set", "number_key"], name="os_diploma_unique")
        ]
        indexes = [models.Index(fields=["number_key"])]

    def __str__(self) -> str:
        return self.number


class LookupKind(models.TextChoices):
    RESULTS = "ket_qua", _("Kết quả học tập")
    DIPLOMA = "van_bang", _("Văn bằng, chứng chỉ")
    APPLICATION = "ho_so", _("Hồ sơ tuyển sinh")


class LookupLog(models.Model):
    """One public look-up, for the audit: when, from where, which code (hashed), found or not.

    Never the answer, never the code itself nor the birth date or name typed: the code is an
    HMAC (``security.code_hash``), so the board can tell repeated attempts on one code apart
    without the log becoming a list of codes. Rows older than the school's retention period
    are deleted (``services.personal_data_purge``).
    """

    kind = models.CharField(_("loại tra cứu"), max_length=10, choices=LookupKind.choices)
    code_hash = models.CharField(_("mã băm của mã tra cứu"), max_length=64)
    found = models.BooleanField(_("tìm thấy"))
    client_ip = models.GenericIPAddressField(_("địa chỉ mạng"), null=True, blank=True)
    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("lượt tra cứu")
        verbose_name_plural = _("nhật ký tra cứu")
        ordering = ["-created_at"]
        default_permissions = ("view",)
        indexes = [models.Index(fields=["code_hash", "created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.created_at:%d/%m/%Y %H:%M}"
