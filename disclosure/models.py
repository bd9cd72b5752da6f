"""The "3 công khai" section (R5.1–R5.3): index → one page per school year → items.

Items are pages rather than inline rows of the year page: each item then has its own
publication date, revisions, draft → approval workflow (R3.3), search entry and address
that a parent can share, and "live" means the same thing as everywhere else in the admin.
In the admin: Trang chủ → Ba công khai → Năm học 2025–2026 → Thêm trang con.
"""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.models import SectionPage
from core.page_context import PageContextMixin
from core.schoolyears import SchoolYearField, parse_school_year, school_year_choices
from disclosure.blocks import ContentStreamBlock
from disclosure.kinds import (
    Category,
    Kind,
    category_letter,
    category_of_kind,
    kinds_for_level,
    school_level,
)

DEADLINE_HELP = _(
    "Công khai trước ngày 30/6 hằng năm; cập nhật trong 10 ngày làm việc kể từ khi có "
    "thay đổi; báo cáo thường niên được giữ trên trang ít nhất 5 năm "
    "(Điều 15, Thông tư 09/2024/TT-BGDĐT)."
)


def school_year_slug(school_year: str) -> str:
    """``"2025–2026"`` → ``"2025-2026"`` (ASCII, as slugs must be)."""
    start = parse_school_year(school_year)
    return f"{start}-{start + 1}"


class DisclosureIndexPage(SectionPage):
    """The "Ba công khai" section of a school (slug ``cong-khai``), one per school."""

    subpage_types = ["disclosure.DisclosureYearPage"]

    class Meta:
        verbose_name = _("chuyên mục Ba công khai")
        verbose_name_plural = _("chuyên mục Ba công khai")


class DisclosureYearPageForm(WagtailAdminPageForm):
    """School year from a list, never typed; title and slug follow from it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = school_year_choices(past=10, future=1)
        current = self.initial.get("school_year") or getattr(self.instance, "school_year", "")
        if current and current not in dict(choices):
            choices.append((current, current))
        self.fields["school_year"].widget = forms.Select(choices=[("", "---------"), *choices])
        self.fields["title"].required = False
        self.fields["title"].help_text = _("Để trống: “Năm học 2025–2026”.")
        if "slug" in self.fields:
            self.fields["slug"].required = False

    def clean(self):
        school_year = self.cleaned_data.get("school_year")
        if school_year:
            if not self.cleaned_data.get("title"):
                self.cleaned_data["title"] = DisclosureYearPage.default_title(school_year)
            self.cleaned_data["slug"] = school_year_slug(school_year)
            parent = self.parent_page or (self.instance.get_parent() if self.instance.pk else None)
            if parent is not None and DisclosureYearPage.year_taken(
                parent, school_year, exclude_pk=self.instance.pk
            ):
                self.add_error(
                    "school_year",
                    _("Năm học %(year)s đã có trang công khai.") % {"year": school_year},
                )
                self.cleaned_data.pop("slug", None)
        return super().clean()


class DisclosureYearPage(PageContextMixin, Page):
    """Everything a school discloses for one school year, grouped by category (R5.1)."""

    school_year = SchoolYearField(
        help_text=_("Mỗi năm học chỉ có một trang. Địa chỉ trang: /cong-khai/2025-2026/.")
    )
    intro = RichTextField(
        _("ghi chú"), blank=True, features=["bold", "italic", "link"], help_text=DEADLINE_HELP
    )

    content_panels = [FieldPanel("school_year"), FieldPanel("title"), FieldPanel("intro")]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.FilterField("school_year"),
    ]
    parent_page_types = ["disclosure.DisclosureIndexPage"]
    subpage_types = ["disclosure.DisclosureItemPage"]
    base_form_class = DisclosureYearPageForm

    class Meta:
        verbose_name = _("công khai theo năm học")
        verbose_name_plural = _("công khai theo năm học")

    def search_kind(self) -> str:
        return "disclosure"

    def search_school_year(self) -> str:
        return self.school_year

    @staticmethod
    def default_title(school_year: str) -> str:
        return str(_("Năm học %(year)s")) % {"year": school_year}

    @classmethod
    def year_taken(cls, parent: Page, school_year: str, *, exclude_pk: int | None = None) -> bool:
        siblings = cls.objects.child_of(parent).filter(school_year=school_year)
        if exclude_pk:
            siblings = siblings.exclude(pk=exclude_pk)
        return siblings.exists()

    def full_clean(self, *args, **kwargs):
        # Title and slug follow from the school year, before the fields are validated.
        if self.school_year:
            self.school_year = SchoolYearField().to_python(self.school_year)
            try:
                self.slug = school_year_slug(self.school_year)
            except ValidationError as exc:
                raise ValidationError({"school_year": exc.messages}) from exc
            if not self.title:
                self.title = self.default_title(self.school_year)
        super().full_clean(*args, **kwargs)

    def clean(self):
        # Programmatic creation gets the same rules as the admin form.
        parent = self.get_parent() if self.school_year and self.path and self.depth else None
        if parent is not None and self.year_taken(parent, self.school_year, exclude_pk=self.pk):
            raise ValidationError(
                {
                    "school_year": _("Năm học %(year)s đã có trang công khai.")
                    % {"year": self.school_year}
                }
            )
        super().clean()


class DisclosureItemPageForm(WagtailAdminPageForm):
    """Offer only the kinds the school's level publishes (R5.3); the kind fixes the category."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offered = set(kinds_for_level(school_level()))
        if self.instance.kind:
            offered.add(self.instance.kind)
        self.fields["kind"].choices = [("", _("Khác (tự chọn mục)"))] + [
            (value, label) for value, label in Kind.choices if value in offered
        ]


class DisclosureItemPage(Page):
    """One disclosed item: a notice, a table of fees, a report, with files (R5.2, R5.3)."""

    category = models.CharField(
        _("mục công khai"), max_length=20, choices=Category.choices, db_index=True
    )
    kind = models.CharField(
        _("loại nội dung"),
        max_length=32,
        choices=Kind.choices,
        blank=True,
        help_text=_("Chọn loại theo quy định; mục công khai phải khớp với loại đã chọn."),
    )
    published_on = models.DateField(
        _("ngày công bố"),
        default=datetime.date.today,
        help_text=_("Ngày nhà trường công bố thông tin này (hạn chót: 30/6 hằng năm)."),
    )
    updated_on = models.DateField(
        _("ngày cập nhật"),
        null=True,
        blank=True,
        help_text=_(
            "Ngày cập nhật gần nhất khi nội dung thay đổi (trong 10 ngày làm việc kể từ khi "
            "có thay đổi)."
        ),
    )
    summary = models.TextField(_("tóm tắt"), blank=True, max_length=500)
    body = StreamField(ContentStreamBlock(), verbose_name=_("nội dung"), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("category"), FieldPanel("kind")]),
                FieldRowPanel([FieldPanel("published_on"), FieldPanel("updated_on")]),
            ],
            heading=_("Phân loại và thời gian"),
            help_text=DEADLINE_HELP,
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("Tệp đính kèm"), heading=_("Tệp đính kèm")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.FilterField("category"),
        index.FilterField("kind"),
    ]
    parent_page_types = ["disclosure.DisclosureYearPage"]
    subpage_types: list[str] = []
    base_form_class = DisclosureItemPageForm

    class Meta:
        verbose_name = _("nội dung công khai")
        verbose_name_plural = _("nội dung công khai")

    def clean(self):
        super().clean()
        errors = {}
        if self.kind and self.category and category_of_kind(self.kind) != self.category:
            errors["kind"] = _(
                "Loại “%(kind)s” thuộc mục (%(letter)s) %(category)s; hãy chọn đúng mục."
            ) % {
                "kind": Kind(self.kind).label,
                "letter": category_letter(category_of_kind(self.kind)),
                "category": Category(category_of_kind(self.kind)).label,
            }
        if self.updated_on and self.published_on and self.updated_on < self.published_on:
            errors["updated_on"] = _("Ngày cập nhật không thể trước ngày công bố.")
        if errors:
            raise ValidationError(errors)

    # Public full-text search (sitesearch/README.md, R5, R9.3).
    def search_kind(self) -> str:
        return "disclosure"

    def search_summary(self) -> str:
        return self.summary

    def search_date(self) -> datetime.date:
        return self.published_on

    def search_school_year(self) -> str:
        """The school year of the parent year page."""
        years = DisclosureYearPage.objects.ancestor_of(self).values_list("school_year", flat=True)
        return years.first() or ""

    def search_attachments(self) -> list:
        return [item.document for item in self.attachments.select_related("document")]

    @property
    def last_updated(self) -> datetime.date | None:
        """The later of the editor's update date and the last publication, if after publishing.

        Shown as "Cập nhật" so the public sees that a change was published in time.
        """
        dates = [self.updated_on] if self.updated_on else []
        if self.last_published_at:
            dates.append(timezone.localdate(self.last_published_at))
        later = [d for d in dates if self.published_on and d > self.published_on]
        return max(later) if later else None

    @property
    def category_letter(self) -> str:
        return category_letter(self.category)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["attachment_list"] = list(self.attachments.select_related("document"))
        return context


class DisclosureAttachment(Orderable):
    """A file attached to an item (scanned signed notice, spreadsheet of the accounts)."""

    page = ParentalKey(DisclosureItemPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("tệp"), on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(
        _("tên hiển thị"), max_length=255, blank=True, help_text=_("Để trống: dùng tên tệp.")
    )

    panels = [FieldPanel("document"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")

    @property
    def label(self) -> str:
        return self.caption or self.document.title
