"""School information pages (R2.1–R2.5), digital resources (R9.7), required pages (R9.8).

Page tree of a school (created by ``about.services``)::

    SchoolHomePage
    ├── AboutIndexPage  /gioi-thieu/            (order 10)
    │   ├── AboutPage   qua-trinh-hinh-thanh-va-phat-trien, chuc-nang-nhiem-vu-quyen-han
    │   ├── OrganisationPage  co-cau-to-chuc    (people: StaffMember snippets)
    │   └── YearbookPage      nien-giam-thong-ke
    ├── ResourcesPage   /hoc-lieu/              (order 70)
    ├── InfoPage        /tuyen-truyen-phap-luat/, /kiem-dinh-chat-luong/  (order 80, 85)
    └── ContactPage     /lien-he/               (order 90)
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from about.blocks import BodyStreamBlock, LinksStreamBlock, ResourcesStreamBlock
from core.models import SectionPage
from core.page_context import PageContextMixin
from core.schoolyears import SchoolYearField
from siteplatform.validators import validate_official_email

INTRO_FEATURES = ["bold", "italic", "link"]


class AboutIndexPage(SectionPage):
    """ "Giới thiệu": the entry to everything about the school (R2)."""

    subpage_types = [
        "about.AboutPage",
        "about.OrganisationPage",
        "about.YearbookPage",
        "about.InfoPage",
    ]

    class Meta:
        verbose_name = _("trang giới thiệu")
        verbose_name_plural = _("trang giới thiệu")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["children"] = self.get_children().live().public().specific().order_by("path")
        return context


class ArticlePage(Page):
    """A summary and free rich content (images, files), drawn by ``about/about_page.html``
    (Wagtail names each page class's template after it: subclasses set ``template``)."""

    intro = models.TextField(_("tóm tắt"), blank=True, max_length=500)
    body = StreamField(BodyStreamBlock(), verbose_name=_("nội dung"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    subpage_types: list[str] = []

    class Meta:
        abstract = True


class AboutPage(ArticlePage):
    """Rich text and images: history (R2.2), functions, duties and powers (R2.1)."""

    parent_page_types = ["about.AboutIndexPage"]

    class Meta:
        verbose_name = _("trang nội dung giới thiệu")
        verbose_name_plural = _("trang nội dung giới thiệu")


class OrganisationPage(PageContextMixin, Page):
    """ "Cơ cấu tổ chức" (R2.1, R2.3): chart, then each unit with its people.

    People and units are snippets (Đơn vị / Nhân sự in the admin menu "Cơ cấu tổ chức"),
    so the page itself only holds the introduction and the chart image.
    """

    intro = RichTextField(_("lời giới thiệu"), blank=True, features=INTRO_FEATURES)
    chart_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("sơ đồ tổ chức"),
        help_text=_("Nếu để trống, trang tự vẽ sơ đồ từ danh sách đơn vị."),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("chart_image")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["about.AboutIndexPage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("trang cơ cấu tổ chức")
        verbose_name_plural = _("trang cơ cấu tổ chức")


class UnitKind(models.TextChoices):
    LEADERSHIP = "ban_giam_hieu", _("Ban Giám hiệu")
    ASSOCIATION = "doan_the", _("Đoàn thể")
    SUBJECT_TEAM = "to_chuyen_mon", _("Tổ chuyên môn")
    OFFICE = "to_van_phong", _("Tổ Văn phòng")


class OrganisationUnit(index.Indexed, models.Model):
    """A unit of the school: Ban Giám hiệu, Chi bộ, Công đoàn, a tổ chuyên môn… (R2.1).

    In the admin: Cơ cấu tổ chức → Đơn vị.
    """

    name = models.CharField(_("tên đơn vị"), max_length=150)
    kind = models.CharField(_("nhóm"), max_length=20, choices=UnitKind.choices)
    description = models.TextField(_("chức năng, nhiệm vụ"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ("sort_order", "name")
        constraints = [
            models.UniqueConstraint(fields=["kind", "name"], name="about_unit_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class StaffMember(index.Indexed, models.Model):
    """A person of the school shown on the organisation page (R2.1, R2.3).

    In the admin: Cơ cấu tổ chức → Nhân sự. Phone and official e-mail are public: they are
    the leadership contacts that R2.3 requires.
    """

    full_name = models.CharField(_("họ và tên"), max_length=120)
    title = models.CharField(_("chức vụ"), max_length=150, blank=True)
    unit = models.ForeignKey(
        OrganisationUnit,
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="members",
    )
    phone = models.CharField(_("điện thoại"), max_length=40, blank=True)
    email = models.EmailField(
        _("thư điện tử công vụ"), blank=True, validators=[validate_official_email]
    )
    duties = models.TextField(_("nhiệm vụ được phân công"), blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh chân dung"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    panels = [
        FieldPanel("full_name"),
        FieldPanel("title"),
        FieldPanel("unit"),
        MultiFieldPanel([FieldPanel("phone"), FieldPanel("email")], heading=_("Liên hệ")),
        FieldPanel("duties"),
        FieldPanel("photo"),
        FieldPanel("sort_order"),
    ]
    search_fields = [
        index.SearchField("full_name"),
        index.AutocompleteField("full_name"),
        index.SearchField("title"),
    ]

    class Meta:
        verbose_name = _("nhân sự")
        verbose_name_plural = _("nhân sự")
        ordering = ("sort_order", "full_name")

    def __str__(self) -> str:
        return f"{self.full_name} – {self.title}" if self.title else self.full_name

    @property
    def initials(self) -> str:
        """Avatar letters when there is no photo: "Nguyễn Thị Lan" → "NL"."""
        words = self.full_name.split()
        if not words:
            return ""
        return (words[0][0] + (words[-1][0] if len(words) > 1 else "")).upper()


class YearbookPage(PageContextMixin, Page):
    """ "Niên giám thống kê" (R2.5): the school's main numbers per school year."""

    intro = RichTextField(_("lời giới thiệu"), blank=True, features=INTRO_FEATURES)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        InlinePanel("entries", label=_("Số liệu theo năm học"), heading=_("Số liệu")),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["about.AboutIndexPage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("trang niên giám thống kê")
        verbose_name_plural = _("trang niên giám thống kê")


class YearbookEntry(Orderable):
    """One school year of the yearbook. Edited inline on the yearbook page."""

    page = ParentalKey(YearbookPage, on_delete=models.CASCADE, related_name="entries")
    school_year = SchoolYearField()
    classes = models.PositiveIntegerField(_("số lớp / nhóm lớp"), default=0)
    teachers = models.PositiveIntegerField(_("số giáo viên"), default=0)
    staff = models.PositiveIntegerField(
        _("cán bộ quản lý, nhân viên"), default=0, help_text=_("Không tính giáo viên.")
    )
    students = models.PositiveIntegerField(_("số học sinh / trẻ"), default=0)
    students_female = models.PositiveIntegerField(_("trong đó nữ"), default=0)
    classrooms = models.PositiveIntegerField(_("phòng học"), default=0)
    subject_rooms = models.PositiveIntegerField(_("phòng bộ môn / phòng chức năng"), default=0)
    area = models.DecimalField(
        _("diện tích khuôn viên (m²)"),
        max_digits=9,
        decimal_places=1,
        default=0,
        validators=[MinValueValidator(0)],
    )

    panels = [
        FieldPanel("school_year"),
        FieldPanel("classes"),
        FieldPanel("teachers"),
        FieldPanel("staff"),
        FieldPanel("students"),
        FieldPanel("students_female"),
        FieldPanel("classrooms"),
        FieldPanel("subject_rooms"),
        FieldPanel("area"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("số liệu năm học")
        verbose_name_plural = _("số liệu năm học")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "school_year"], name="about_yearbook_one_row_per_year"
            )
        ]

    def __str__(self) -> str:
        return self.school_year

    def clean(self) -> None:
        super().clean()
        if self.students_female > self.students:
            raise ValidationError(
                {"students_female": _("Số học sinh nữ không thể lớn hơn tổng số học sinh.")}
            )


class ContactPage(SectionPage):
    """ "Liên hệ" (R2.4): the school's contact details from Cài đặt → Thông tin đơn vị.

    The details live in ``core.SchoolProfile`` (also shown in every footer), so the page only
    adds an optional introduction.
    """

    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("trang liên hệ")
        verbose_name_plural = _("trang liên hệ")


class ResourcesPage(SectionPage):
    """ "Học liệu số" (R9.7): resources by subject, and links to systems and libraries."""

    resources = StreamField(ResourcesStreamBlock(), verbose_name=_("học liệu số"), blank=True)
    links = StreamField(
        LinksStreamBlock(),
        verbose_name=_("hệ thống quản lý và thư viện học liệu"),
        blank=True,
    )

    content_panels = SectionPage.content_panels + [FieldPanel("resources"), FieldPanel("links")]
    search_fields = SectionPage.search_fields + [index.SearchField("resources")]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("trang học liệu số")
        verbose_name_plural = _("trang học liệu số")


class InfoPage(ArticlePage):
    """A required information page (R9.8): legal dissemination, accreditation, universal
    education… Free rich content with images and downloadable files."""

    parent_page_types = ["core.SchoolHomePage", "about.AboutIndexPage"]
    template = "about/about_page.html"

    class Meta:
        verbose_name = _("trang thông tin")
        verbose_name_plural = _("trang thông tin")
