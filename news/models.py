"""News and events (R3): the section page, articles and their categories."""

from __future__ import annotations

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.models import SectionPage
from core.names import full_name
from news.blocks import NewsBodyBlock

NEWS_INDEX_SLUG = "tin-tuc"
NOTICE_CATEGORY_SLUG = "thong-bao"
CATEGORY_PARAM = "chuyen-muc"


class NewsCategory(index.Indexed, models.Model):
    """A news category (Tin tức, Thông báo, Sự kiện…). In the admin: Đoạn mã → Chuyên mục tin.

    Each school gets the default ones when its news section is created and may add more.
    """

    name = models.CharField(_("tên chuyên mục"), max_length=100, unique=True)
    slug = models.SlugField(
        _("đường dẫn"),
        max_length=100,
        unique=True,
        allow_unicode=False,
        help_text=_("Không dấu, dùng trong địa chỉ lọc tin, ví dụ: thong-bao."),
    )
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=100)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("chuyên mục tin")
        verbose_name_plural = _("chuyên mục tin")

    def __str__(self) -> str:
        return self.name


class NewsIndexPage(SectionPage):
    """The "Tin tức – Sự kiện" section (``/tin-tuc/``): featured block, filters, pages of 12."""

    intro = models.TextField(_("lời giới thiệu"), blank=True)  # plain text, unlike SectionPage

    subpage_types = ["news.NewsPage"]
    # Kept in the canonical URL (core's canonical_url tag): filter and page number.
    canonical_params = (CATEGORY_PARAM, "trang")

    class Meta:
        verbose_name = _("chuyên mục tin tức")
        verbose_name_plural = _("chuyên mục tin tức")


class NewsPageForm(WagtailAdminPageForm):
    """Pre-fills the author with the editor's full name on a new article (R3.4)."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if (
            not self.instance.pk
            and for_user is not None
            and "author" in self.fields
            and not self.initial.get("author")
        ):
            self.initial["author"] = full_name(for_user)


class NewsPage(Page):
    """An article or notice. Scheduled publishing uses Wagtail's "go live" date (R3.3)."""

    date = models.DateField(_("ngày đăng"), default=timezone.localdate)
    intro = models.TextField(
        _("tóm tắt"),
        max_length=500,
        blank=True,
        help_text=_("Một, hai câu hiện ở danh sách tin và khi chia sẻ lên mạng xã hội."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh đại diện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(NewsBodyBlock(), verbose_name=_("nội dung"), blank=True)
    categories = ParentalManyToManyField(
        NewsCategory, verbose_name=_("chuyên mục"), blank=True, related_name="pages"
    )
    featured = models.BooleanField(
        _("tin nổi bật"), default=False, help_text=_("Hiện ở đầu trang chủ và trang tin tức.")
    )
    author = models.CharField(
        _("tác giả"),
        max_length=150,
        blank=True,
        help_text=_("Mặc định là họ tên người viết bài."),
    )
    source_name = models.CharField(
        _("nguồn"),
        max_length=200,
        blank=True,
        help_text=_("Với bài sưu tầm hoặc đăng lại: tên báo, cơ quan đã đăng bài gốc."),
    )
    source_url = models.URLField(_("liên kết bài gốc"), blank=True)

    base_form_class = NewsPageForm
    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("date"), FieldPanel("categories"), FieldPanel("featured")],
            heading=_("Phân loại"),
        ),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("author"), FieldPanel("source_name"), FieldPanel("source_url")],
            heading=_("Tác giả và nguồn"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro", boost=2),
        index.SearchField("body"),
        index.SearchField("author"),
        index.FilterField("date"),
        index.FilterField("featured"),
    ]
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("bài viết")
        verbose_name_plural = _("bài viết")

    # Public full-text search (sitesearch/README.md, R9.3).
    def search_kind(self) -> str:
        return "news"

    def search_summary(self) -> str:
        return self.intro

    def search_date(self) -> datetime.date:
        return self.date

    @property
    def author_name(self) -> str:
        """The byline: the author field, else the owner's full name (R3.4)."""
        if self.author:
            return self.author
        return full_name(self.owner)

    def get_context(self, request, *args, **kwargs):
        from core.seo import news_article_data

        context = super().get_context(request, *args, **kwargs)
        context["article_categories"] = list(self.categories.all())
        context["structured_data"] = news_article_data(request, self)
        return context
