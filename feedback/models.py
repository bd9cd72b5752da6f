"""Feedback (góp ý, R7.1) and consultations (lấy ý kiến, R7.2) of a school.

Pages: ``FeedbackPage`` (``/gop-y/``: the form, the thank-you page, the public Q&A) and
``ConsultationIndexPage`` / ``ConsultationPage`` (``/lay-y-kien/``). What the public sends
(``FeedbackMessage``, ``ConsultationOpinion``) are plain models in the school's own schema,
worked by the board in the admin (menu "Góp ý – Ý kiến", see ``wagtail_hooks.py``).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core.models import SectionPage

PAGE_SIZE = 10


class Category(models.TextChoices):
    LEARNING = "hoc_tap", _("Học tập, giảng dạy")
    FACILITIES = "co_so_vat_chat", _("Cơ sở vật chất")
    FINANCE = "tai_chinh", _("Tài chính, các khoản thu")
    STAFF = "can_bo", _("Cán bộ, giáo viên, nhân viên")
    SAFETY = "an_toan", _("An toàn, bán trú, y tế")
    OTHER = "khac", _("Khác")


class Status(models.TextChoices):
    NEW = "moi", _("Mới")
    IN_PROGRESS = "dang_xu_ly", _("Đang xử lý")
    ANSWERED = "da_tra_loi", _("Đã trả lời")
    CLOSED = "dong", _("Đóng")


OPEN_STATUSES = (Status.NEW, Status.IN_PROGRESS)


@register_setting(icon="mail")
class FeedbackSettings(BaseSiteSetting):
    """How a school runs its public forms. In the admin: Cài đặt → Góp ý và lấy ý kiến."""

    captcha_enabled = models.BooleanField(
        _("bật mã xác nhận (CAPTCHA)"),
        default=False,
        help_text=_("Người gửi phải trả lời một phép tính đơn giản trước khi gửi."),
    )
    overdue_days = models.PositiveSmallIntegerField(
        _("số ngày tối đa chưa trả lời"),
        default=7,
        help_text=_("Góp ý chưa trả lời sau số ngày này được đánh dấu quá hạn."),
    )
    retention_days = models.PositiveIntegerField(
        _("thời gian lưu thông tin cá nhân (ngày)"),
        default=365,
        help_text=_(
            "Sau thời gian này, họ tên, thư điện tử, điện thoại và tệp đính kèm của người gửi "
            "được xoá tự động."
        ),
    )
    notification_email = models.EmailField(
        _("thư điện tử nhận thông báo góp ý mới"),
        blank=True,
        help_text=_("Để trống: dùng thư điện tử công vụ của trường."),
    )

    panels = [
        FieldPanel("captcha_enabled"),
        FieldPanel("overdue_days"),
        FieldPanel("retention_days"),
        FieldPanel("notification_email"),
    ]

    class Meta:
        verbose_name = _("góp ý và lấy ý kiến")


class FeedbackPage(RoutablePageMixin, SectionPage):
    """``/gop-y/``: the public form, the thank-you page and the public Q&A (R7.1)."""

    intro = RichTextField(_("lời mời góp ý"), blank=True, features=["bold", "italic", "link"])
    thank_you_text = models.TextField(
        _("lời cảm ơn"),
        blank=True,
        default=_("Nhà trường đã nhận góp ý và sẽ phản hồi trong thời gian sớm nhất."),
    )

    content_panels = SectionPage.content_panels + [FieldPanel("thank_you_text")]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("trang góp ý")
        verbose_name_plural = _("trang góp ý")

    @path("")
    def form_view(self, request):
        from feedback import views

        return views.feedback_form(request, self)

    @path("da-gui/<str:reference>/", name="thanks")
    def thanks_view(self, request, reference: str):
        from feedback import views

        return views.feedback_thanks(request, self, reference)

    @path("hoi-dap/", name="qa")
    def qa_view(self, request):
        from feedback import views

        return views.feedback_qa(request, self)


class ConsultationIndexPage(SectionPage):
    """``/lay-y-kien/``: the school's consultations, open ones first (R7.2)."""

    subpage_types = ["feedback.ConsultationPage"]

    class Meta:
        verbose_name = _("trang lấy ý kiến")
        verbose_name_plural = _("trang lấy ý kiến")


class ConsultationPage(RoutablePageMixin, Page):
    """One consultation: topic (the title), question, where opinions go, the window (R7.2).

    Opinions are accepted only from ``opens_at`` to ``closes_at``; after that the page says
    the consultation is closed.
    """

    summary = RichTextField(_("nội dung lấy ý kiến"), blank=True)
    question = models.TextField(_("câu hỏi xin ý kiến"))
    receiving_address = models.CharField(_("địa chỉ nhận ý kiến"), max_length=255, blank=True)
    receiving_email = models.EmailField(_("thư điện tử nhận ý kiến"), blank=True)
    opens_at = models.DateTimeField(_("bắt đầu nhận ý kiến"))
    closes_at = models.DateTimeField(_("hạn cuối nhận ý kiến"))
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("dự thảo kèm theo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("question"),
        FieldPanel("document"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")])],
            heading=_("Thời gian nhận ý kiến"),
        ),
        MultiFieldPanel(
            [FieldPanel("receiving_address"), FieldPanel("receiving_email")],
            heading=_("Nơi nhận ý kiến"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("question"),
    ]
    parent_page_types = ["feedback.ConsultationIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("đợt lấy ý kiến")
        verbose_name_plural = _("đợt lấy ý kiến")

    def clean(self) -> None:
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError(
                {"closes_at": _("Hạn cuối phải sau thời điểm bắt đầu nhận ý kiến.")}
            )

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at

    def has_not_started(self, now=None) -> bool:
        return (now or timezone.now()) < self.opens_at

    @path("")
    def form_view(self, request):
        from feedback import views

        return views.opinion_form(request, self)

    @path("da-gui/<str:reference>/", name="thanks")
    def thanks_view(self, request, reference: str):
        from feedback import views

        return views.opinion_thanks(request, self, reference)


def _attachment_path(instance: models.Model, filename: str) -> str:
    # The service names the file (random token + extension from its content); keep it.
    return f"feedback/{filename}"


class Submission(models.Model):
    """What every public submission carries: a reference and the sender's personal data.

    Personal data (name, e-mail, phone, attachment) is erased by
    ``services.personal_data_purge`` once the school's retention period has passed.
    """

    reference = models.CharField(_("mã số"), max_length=20, unique=True, editable=False)
    # One per rendered form: a second post of the same form returns the first submission.
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    name = models.CharField(_("họ và tên"), max_length=120, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    attachment = models.FileField(
        _("tệp đính kèm"), upload_to=_attachment_path, blank=True, max_length=200
    )
    attachment_name = models.CharField(_("tên tệp gốc"), max_length=255, blank=True)
    attachment_type = models.CharField(_("loại tệp"), max_length=50, blank=True)
    ack_sent_at = models.DateTimeField(_("đã gửi thư báo nhận lúc"), null=True, blank=True)
    personal_data_purged_at = models.DateTimeField(
        _("đã xoá thông tin cá nhân lúc"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("ngày gửi"), default=timezone.now, db_index=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.reference


class FeedbackMessage(Submission):
    """A message sent through ``/gop-y/``; worked by the board in the admin (Góp ý)."""

    category = models.CharField(
        _("lĩnh vực"), max_length=20, choices=Category.choices, default=Category.OTHER
    )
    subject = models.CharField(_("tiêu đề"), max_length=200)
    message = models.TextField(_("nội dung"))

    status = models.CharField(
        _("trạng thái"), max_length=12, choices=Status.choices, default=Status.NEW
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người phụ trách"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    internal_notes = models.TextField(
        _("ghi chú nội bộ"), blank=True, help_text=_("Chỉ ban biên tập thấy.")
    )
    reply = models.TextField(_("trả lời"), blank=True)
    replied_at = models.DateTimeField(_("trả lời lúc"), null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người trả lời"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reply_sent_at = models.DateTimeField(_("đã gửi trả lời qua thư lúc"), null=True, blank=True)
    published = models.BooleanField(
        _("đăng lên trang Hỏi – đáp"),
        default=False,
        help_text=_("Câu hỏi và câu trả lời được công khai, không kèm thông tin người gửi."),
    )
    public_question = models.TextField(
        _("câu hỏi đăng công khai"),
        blank=True,
        help_text=_("Để trống: đăng nguyên nội dung góp ý. Hãy bỏ tên riêng, số điện thoại…"),
    )
    board_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("góp ý")
        verbose_name_plural = _("góp ý")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["published", "replied_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.reference} – {self.subject}"

    @property
    def question_for_public(self) -> str:
        return self.public_question or self.message


class ConsultationOpinion(Submission):
    """An opinion sent to a ``ConsultationPage``; listed and exported in the admin (Ý kiến)."""

    consultation = models.ForeignKey(
        ConsultationPage,
        verbose_name=_("đợt lấy ý kiến"),
        on_delete=models.CASCADE,
        related_name="opinions",
    )
    organisation = models.CharField(_("đơn vị, địa chỉ"), max_length=200, blank=True)
    opinion = models.TextField(_("ý kiến"))

    class Meta:
        verbose_name = _("ý kiến")
        verbose_name_plural = _("ý kiến đóng góp")
        ordering = ["-created_at"]
