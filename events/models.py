"""The school calendar "Lịch công tác – Sự kiện" (R3.1): the section page and its events.

Times are stored aware (UTC in the database) and shown in Asia/Ho_Chi_Minh, the project's
``TIME_ZONE``. Weeks start on Monday (Thứ Hai), as Vietnamese calendars do.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core.models import SectionPage
from core.page_context import PageContextMixin

EVENTS_INDEX_SLUG = "lich-cong-tac"
MONTH_PARAM = "thang"
WEEK_PARAM = "tuan"


class EventCategory(models.TextChoices):
    WORK_SCHEDULE = "lich-cong-tac", _("Lịch công tác tuần")
    EVENT = "su-kien", _("Sự kiện")
    PARENT_MEETING = "hop-phu-huynh", _("Họp phụ huynh")
    EXAM = "thi-kiem-tra", _("Thi – kiểm tra")
    HOLIDAY = "ngay-le", _("Ngày lễ")


class EventAudience(models.TextChoices):
    TEACHERS = "giao-vien", _("Giáo viên")
    PUPILS = "hoc-sinh", _("Học sinh")
    PARENTS = "phu-huynh", _("Phụ huynh")
    EVERYONE = "toan-truong", _("Toàn trường")


class EventIndexPage(RoutablePageMixin, SectionPage):
    """The calendar section (``/lich-cong-tac/``): month grid, week view and the iCal feed.

    Served from the page cache like other pages (invalidated on publish); the month shown
    by default depends on today's date, which the 10-minute cache timeout keeps close enough.
    """

    intro = models.TextField(_("lời giới thiệu"), blank=True)  # plain text, unlike SectionPage

    subpage_types = ["events.EventPage"]
    canonical_params = (MONTH_PARAM, WEEK_PARAM)

    class Meta:
        verbose_name = _("lịch công tác – sự kiện")
        verbose_name_plural = _("lịch công tác – sự kiện")

    @path("", name="calendar")
    def calendar(self, request):
        return self.render(request)

    @path("ical/", name="ical")
    def ical(self, request) -> HttpResponse:
        """The feed parents subscribe to (webcal): recent and coming events."""
        from events.views import calendar_feed

        return calendar_feed(request, index=self)


class EventPage(PageContextMixin, RoutablePageMixin, Page):
    """One event or item of the weekly work schedule. In the admin: under "Lịch công tác"."""

    start = models.DateTimeField(_("bắt đầu"))
    end = models.DateTimeField(
        _("kết thúc"),
        null=True,
        blank=True,
        help_text=_("Để trống nếu không rõ giờ kết thúc."),
    )
    all_day = models.BooleanField(
        _("cả ngày"),
        default=False,
        help_text=_("Sự kiện diễn ra cả ngày (ngày lễ, ngày hội…): giờ được bỏ qua."),
    )
    location = models.CharField(_("địa điểm"), max_length=255, blank=True)
    description = RichTextField(
        _("nội dung"),
        blank=True,
        features=["bold", "italic", "ol", "ul", "link"],
    )
    category = models.CharField(
        _("loại"),
        max_length=20,
        choices=EventCategory.choices,
        default=EventCategory.EVENT,
    )
    audience = models.CharField(
        _("đối tượng"),
        max_length=20,
        choices=EventAudience.choices,
        default=EventAudience.EVERYONE,
    )
    news_page = models.ForeignKey(
        "news.NewsPage",
        verbose_name=_("bài viết liên quan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Tuỳ chọn: bài tin tức về sự kiện này."),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("all_day"),
            ],
            heading=_("Thời gian"),
        ),
        FieldRowPanel([FieldPanel("category"), FieldPanel("audience")]),
        FieldPanel("location"),
        FieldPanel("description"),
        FieldPanel("news_page"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("description"),
        index.SearchField("location"),
        index.FilterField("start"),
        index.FilterField("category"),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("sự kiện")
        verbose_name_plural = _("sự kiện")
        indexes = [models.Index(fields=["start"], name="events_start_idx")]

    def clean(self) -> None:
        super().clean()
        self.location = " ".join((self.location or "").split())
        if self.start and self.end:
            if self.all_day:
                if timezone.localtime(self.end).date() < timezone.localtime(self.start).date():
                    raise ValidationError({"end": _("Ngày kết thúc phải từ ngày bắt đầu trở đi.")})
            elif self.end < self.start:
                raise ValidationError({"end": _("Thời điểm kết thúc phải sau khi bắt đầu.")})

    # --- What templates and the feed need, in Viet Nam's time ----------------------------
    @property
    def local_start(self) -> datetime.datetime:
        return timezone.localtime(self.start)

    @property
    def local_end(self) -> datetime.datetime | None:
        return timezone.localtime(self.end) if self.end else None

    @property
    def first_day(self) -> datetime.date:
        return self.local_start.date()

    @property
    def last_day(self) -> datetime.date:
        """The last calendar day the event covers (inclusive)."""
        end = self.local_end
        if end is None or end <= self.local_start:
            return self.first_day
        if not self.all_day and end.time() == datetime.time(0, 0):
            # Ends at midnight: the next day is not part of the event.
            return max(self.first_day, (end - datetime.timedelta(seconds=1)).date())
        return max(self.first_day, end.date())

    @property
    def is_multi_day(self) -> bool:
        return self.last_day > self.first_day

    @path("", name="detail")
    def detail(self, request):
        return self.render(request)

    @path("ics/", name="ics")
    def ics(self, request) -> HttpResponse:
        """This one event as an ``.ics`` file to add to a phone's calendar."""
        from events.views import event_ics

        return event_ics(request, event=self)
