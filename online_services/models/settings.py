"""How long a school keeps the personal data of its online services (R6.2).

In the admin: Cài đặt → Dịch vụ trực tuyến. ``services.personal_data_purge`` applies it every
night (Celery beat) and on demand (``manage.py purge_online_services_data``).
"""

from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="search")
class OnlineServicesSettings(BaseSiteSetting):
    results_retention_years = models.PositiveSmallIntegerField(
        _("số năm học giữ kết quả học tập"),
        default=3,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Kết quả của các năm học cũ hơn (tính cả năm học hiện tại) được xoá tự động. "
            "Văn bằng, chứng chỉ được giữ đến khi nhà trường xoá đợt nhập."
        ),
    )
    admission_retention_days = models.PositiveIntegerField(
        _("thời gian giữ hồ sơ tuyển sinh (ngày)"),
        default=365,
        validators=[MinValueValidator(30)],
        help_text=_(
            "Tính từ ngày kết thúc đợt tuyển sinh. Sau thời gian này, thông tin của trẻ, "
            "của cha mẹ và các tệp đính kèm được xoá; chỉ giữ mã hồ sơ và kết quả xét để "
            "thống kê."
        ),
    )
    log_retention_days = models.PositiveIntegerField(
        _("thời gian giữ nhật ký tra cứu (ngày)"),
        default=180,
        validators=[MinValueValidator(7)],
        help_text=_("Nhật ký ghi thời điểm, địa chỉ mạng và mã băm của mã tra cứu."),
    )
    notification_email = models.EmailField(
        _("thư điện tử nhận thông báo hồ sơ tuyển sinh mới"),
        blank=True,
        help_text=_("Để trống: dùng thư điện tử công vụ của trường."),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("results_retention_years"),
                FieldPanel("admission_retention_days"),
                FieldPanel("log_retention_days"),
            ],
            heading=_("Thời gian lưu thông tin cá nhân"),
        ),
        FieldPanel("notification_email"),
    ]

    class Meta:
        verbose_name = _("dịch vụ trực tuyến")
