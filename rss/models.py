"""Feed sources of the Sở and the Phòng and the items fetched from them (R8.1).

Both tables live in the public schema only (``rss`` is a shared app): a source is fetched
once per cycle and its items are stored once, whatever the number of schools; every school
reads the same rows through its search path. In the admin: the operator portal's
"Nguồn tin Sở/Phòng" menu, for platform superusers only.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class FeedSource(models.Model):
    """An RSS 2.0, RSS 1.0 or Atom feed and its fetch health."""

    name = models.CharField(_("tên nguồn"), max_length=200)
    url = models.URLField(_("địa chỉ RSS/Atom"), max_length=1000, unique=True)
    interval_minutes = models.PositiveIntegerField(
        _("chu kỳ lấy tin (phút)"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 60)],
    )
    is_active = models.BooleanField(_("đang dùng"), default=True)
    created_at = models.DateTimeField(_("ngày thêm"), auto_now_add=True)

    # What the feed says about itself (shown on the listing page).
    feed_title = models.CharField(_("tiêu đề do nguồn khai báo"), max_length=300, blank=True)
    site_url = models.URLField(_("trang web của nguồn"), max_length=1000, blank=True)

    # Conditional GET validators from the last 200 response.
    etag = models.CharField(max_length=500, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)

    # Health (R8.1): shown to superusers in the admin listing.
    next_fetch_at = models.DateTimeField(_("lần lấy kế tiếp"), null=True, blank=True)
    last_fetched_at = models.DateTimeField(_("lần lấy gần nhất"), null=True, blank=True)
    last_success_at = models.DateTimeField(_("lần thành công gần nhất"), null=True, blank=True)
    last_error_at = models.DateTimeField(_("lần lỗi gần nhất"), null=True, blank=True)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    last_warning = models.TextField(_("cảnh báo gần nhất"), blank=True)
    last_http_status = models.PositiveSmallIntegerField(
        _("mã HTTP gần nhất"), null=True, blank=True
    )
    consecutive_failures = models.PositiveIntegerField(_("số lần lỗi liên tiếp"), default=0)
    items_seen = models.PositiveIntegerField(_("số tin trong lần lấy gần nhất"), default=0)

    class Meta:
        verbose_name = _("nguồn tin Sở/Phòng")
        verbose_name_plural = _("nguồn tin Sở/Phòng")
        ordering = ("name",)
        indexes = [models.Index(fields=["is_active", "next_fetch_at"], name="rss_source_due")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.url and not self.url.lower().startswith(("http://", "https://")):
            raise ValidationError({"url": _("Chỉ nhận địa chỉ http:// hoặc https://.")})

    @property
    def is_failing(self) -> bool:
        return self.consecutive_failures > 0


class FeedItem(models.Model):
    """One item of a source, deduplicated by GUID, else by link (``dedup_key``).

    ``title`` and ``summary_text`` are plain text (escaped when rendered); ``summary_html``
    went through ``rss.sanitize`` and may be rendered as HTML.
    """

    source = models.ForeignKey(
        FeedSource, verbose_name=_("nguồn"), on_delete=models.CASCADE, related_name="items"
    )
    dedup_key = models.CharField(max_length=64, editable=False)
    guid = models.CharField(_("GUID"), max_length=1000, blank=True)
    link = models.URLField(_("liên kết"), max_length=2000, blank=True)
    title = models.CharField(_("tiêu đề"), max_length=500)
    summary_html = models.TextField(_("tóm tắt (HTML đã lọc)"), blank=True)
    summary_text = models.CharField(_("tóm tắt"), max_length=400, blank=True)
    content_hash = models.CharField(max_length=64, editable=False)
    published_at = models.DateTimeField(_("ngày đăng"), null=True, blank=True)
    first_seen_at = models.DateTimeField(_("ngày nhận"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ngày cập nhật"), auto_now=True)
    # published_at when the feed gives one, else the time the item was first seen:
    # the order of every listing.
    sort_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("tin từ Sở/Phòng")
        verbose_name_plural = _("tin từ Sở/Phòng")
        ordering = ("-sort_at", "-id")
        constraints = [
            models.UniqueConstraint(fields=["source", "dedup_key"], name="rss_item_unique_key")
        ]
        indexes = [models.Index(fields=["source", "-sort_at"], name="rss_item_source_sort")]

    def __str__(self) -> str:
        return self.title


class SchoolNewsDigest(models.Model):
    """One live news article of a school, copied for the operator portal (R1.5, R8.2).

    The portal's stream of every school's latest news reads this one table in the public
    schema instead of visiting each school's schema (2,000 schemas per page view would not
    do). Rows are written in the school's schema, through its search path, in the same
    transaction that publishes, unpublishes or deletes the article (``rss.signal_handlers``);
    ``manage.py rebuild_school_news_digest`` rebuilds them. Not shown in any admin.
    """

    school = models.ForeignKey(
        "schools.School",
        verbose_name=_("trường"),
        on_delete=models.CASCADE,
        related_name="news_digest",
    )
    page_id = models.PositiveBigIntegerField(_("mã trang trong trường"))
    title = models.CharField(_("tiêu đề"), max_length=255)
    summary = models.CharField(_("tóm tắt"), max_length=500, blank=True)
    # Absolute, on the school's own domain (schools.selectors.school_base_url).
    url = models.URLField(_("liên kết"), max_length=1000)
    image_url = models.URLField(_("ảnh"), max_length=1000, blank=True)
    # The article's GUID in the school's own feed (rss.outgoing.tag_uri), reused by the
    # operator's feed so that aggregators see one item, not two.
    guid = models.CharField(max_length=300)
    published_at = models.DateTimeField(_("ngày đăng"))
    category = models.CharField(_("chuyên mục"), max_length=100, blank=True)
    category_slug = models.SlugField(_("đường dẫn chuyên mục"), max_length=100, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("tin của trường (cổng Phòng)")
        verbose_name_plural = _("tin của các trường (cổng Phòng)")
        ordering = ("-published_at", "-id")
        constraints = [
            models.UniqueConstraint(fields=["school", "page_id"], name="rss_digest_school_page")
        ]
        indexes = [models.Index(fields=["-published_at", "-id"], name="rss_digest_latest")]

    def __str__(self) -> str:
        return self.title
