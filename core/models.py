"""Home pages of the operator portal and of a school, and per-school site settings."""

from __future__ import annotations

from django.conf import settings
from django.db import connection, models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core.page_context import PageContextMixin
from core.pagination import paginate_request
from core.themes import DEFAULT_PRESET, PRESET_CHOICES
from siteplatform.validators import validate_hex_colour, validate_official_email


def _in_public_schema() -> bool:
    return connection.schema_name == settings.PUBLIC_SCHEMA_NAME


class SectionPage(PageContextMixin, Page):
    """Base of a school's section pages (/van-ban/, /cong-khai/, …): an optional
    introduction, placed directly under the school's home page, one per school.

    Subclasses set ``subpage_types`` and their ``Meta``.
    """

    intro = RichTextField(_("lời giới thiệu"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["core.SchoolHomePage"]
    max_count_per_parent = 1

    class Meta:
        abstract = True


class SchoolHomePage(PageContextMixin, Page):
    """The root of a school's site: every section hangs below it (R1.4)."""

    intro = RichTextField(_("lời giới thiệu"), blank=True, features=["bold", "italic", "link"])
    banner_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh bìa"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("banner_image")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("trang chủ trường")
        verbose_name_plural = _("trang chủ trường")

    @classmethod
    def can_create_at(cls, parent) -> bool:
        return super().can_create_at(parent) and not _in_public_schema()


class PortalHomePage(PageContextMixin, RoutablePageMixin, Page):
    """The operator's portal (public schema): integrates every school (R1.5).

    Routes: the home page (the latest news of every school, and the schools by level),
    ``truong-hoc/`` (the directory: search by name, paginated) and ``tin-cac-truong/`` (all
    the schools' news, paginated). The news comes from the shared
    digest kept by ``rss`` (one query, whatever the number of schools).
    """

    intro = RichTextField(_("lời giới thiệu"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    news_count = 12
    news_per_page = 20

    class Meta:
        verbose_name = _("trang chủ cổng Phòng")
        verbose_name_plural = _("trang chủ cổng Phòng")

    @classmethod
    def can_create_at(cls, parent) -> bool:
        return super().can_create_at(parent) and _in_public_schema()

    @path("")
    def home(self, request):
        from rss.selectors import school_news_latest

        latest = school_news_latest(
            level=request.GET.get("cap", ""),
            district=request.GET.get("quan", ""),
            limit=self.news_count,
        )
        return self.render(request, context_overrides={"schools_news": latest})

    @path("truong-hoc/", name="directory")
    def directory(self, request):
        """Every school, searched by name, a page at a time (``core.views``)."""
        from core.views import portal_directory

        return portal_directory(request, self)

    @path("tin-cac-truong/", name="schools_news")
    def schools_news(self, request):
        """Every school's news, newest first, 20 a page, filtered like the directory."""
        from rss.selectors import school_news_stream

        stream = school_news_stream(
            level=request.GET.get("cap", ""), district=request.GET.get("quan", "")
        )
        articles = paginate_request(request, stream, self.news_per_page)
        return self.render(
            request,
            template="core/portal_schools_news.html",
            context_overrides={"articles": articles},
        )


@register_setting(icon="home")
class SchoolProfile(BaseSiteSetting):
    """Contact details shown on the contact page and in every page's footer (R2.4).

    In the admin: Cài đặt → Thông tin đơn vị.
    """

    official_name = models.CharField(_("tên đơn vị"), max_length=200, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại cố định"), max_length=40, blank=True)
    email = models.EmailField(
        _("thư điện tử công vụ"), blank=True, validators=[validate_official_email]
    )
    map_url = models.URLField(_("liên kết bản đồ"), blank=True)
    office_hours = models.CharField(_("giờ làm việc"), max_length=200, blank=True)

    panels = [
        FieldPanel("official_name"),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("map_url"),
                FieldPanel("office_hours"),
            ],
            heading=_("Liên hệ"),
        ),
    ]

    class Meta:
        verbose_name = _("thông tin đơn vị")


@register_setting(icon="image")
class ThemeSettings(BaseSiteSetting):
    """Logo, banner and colours of a school's site (R9.6). In the admin: Cài đặt → Giao diện."""

    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("biểu trưng (logo)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    favicon = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("biểu tượng trang (favicon)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    primary_colour = models.CharField(
        _("màu chủ đạo"), max_length=7, default="#0b5394", validators=[validate_hex_colour]
    )
    accent_colour = models.CharField(
        _("màu nhấn"), max_length=7, default="#c0392b", validators=[validate_hex_colour]
    )
    # Layout presets and their colours: core/themes.py.
    layout = models.CharField(
        _("bố cục"), max_length=20, choices=PRESET_CHOICES, default=DEFAULT_PRESET
    )
    banner_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh nền băng tiêu đề"),
        help_text=_("Ảnh ngang, khoảng 1600×300 điểm ảnh; chỉ hiện trên màn hình rộng."),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("logo"),
        FieldPanel("favicon"),
        FieldPanel("layout"),
        FieldPanel("banner_image"),
        FieldPanel("primary_colour"),
        FieldPanel("accent_colour"),
    ]

    class Meta:
        verbose_name = _("giao diện")

    def clean(self) -> None:
        """Refuse colours that make some text unreadable in the chosen layout (WCAG AA)."""
        from django.core.exceptions import ValidationError

        from core.themes import contrast_problems, palette

        super().clean()
        try:
            colours = palette(self.layout, self.primary_colour, self.accent_colour)
            problems = contrast_problems(colours)
        except ValueError:  # a malformed colour: its own validator reports it
            return
        if problems:
            details = "; ".join(f"{what} ({ratio:.1f}:1)" for what, ratio in problems)
            raise ValidationError(
                _(
                    "Màu đã chọn làm chữ khó đọc (cần độ tương phản tối thiểu 4,5:1): "
                    "%(details)s. Hãy chọn màu đậm hơn."
                )
                % {"details": details}
            )

    def colours(self) -> dict[str, str]:
        """Every colour of the public pages for this school (core/themes.py)."""
        from core.themes import palette

        return palette(self.layout, self.primary_colour, self.accent_colour)
