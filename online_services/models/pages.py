"""The two public sections of the online services (R6.2).

``LookupPage`` (``/tra-cuu/``): result and diploma look-ups. ``AdmissionRegistrationPage``
(``/dang-ky-tuyen-sinh/``): the open campaigns, the application form, the status check. Only
the pages' own introduction is searchable and in the sitemap; what a parent types or sees
lives in the routes below them, answered with ``Cache-Control: private, no-store``.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from core.models import SectionPage


class LookupPage(RoutablePageMixin, SectionPage):
    """``/tra-cuu/``: the school's look-ups; routes ``ket-qua-hoc-tap/`` and ``van-bang/``."""

    subpage_types: list[str] = []
    template = "online_services/lookup_page.html"

    class Meta:
        verbose_name = _("trang tra cứu trực tuyến")
        verbose_name_plural = _("trang tra cứu trực tuyến")

    @path("")
    def index_view(self, request):
        from online_services import views

        return views.lookup_index(request, self)

    @path("ket-qua-hoc-tap/", name="results")
    def results_view(self, request):
        from online_services import views

        return views.results_lookup(request, self)

    @path("van-bang/", name="diplomas")
    def diplomas_view(self, request):
        from online_services import views

        return views.diploma_lookup(request, self)


class AdmissionRegistrationPage(RoutablePageMixin, SectionPage):
    """``/dang-ky-tuyen-sinh/``: campaigns, the application form, the status check."""

    thank_you_text = models.TextField(
        _("lời dặn sau khi nộp hồ sơ"),
        blank=True,
        default=_(
            "Nhà trường đã nhận hồ sơ. Kết quả xét hồ sơ được thông báo qua trang tra cứu hồ sơ "
            "và qua thư điện tử (nếu có). Vui lòng giữ mã hồ sơ và số điện thoại đã khai."
        ),
    )

    content_panels = SectionPage.content_panels + [FieldPanel("thank_you_text")]
    subpage_types: list[str] = []
    template = "online_services/admission_registration_page.html"

    class Meta:
        verbose_name = _("trang đăng ký tuyển sinh trực tuyến")
        verbose_name_plural = _("trang đăng ký tuyển sinh trực tuyến")

    @path("")
    def index_view(self, request):
        from online_services import views

        return views.campaign_index(request, self)

    @path("dot/<int:campaign_id>/", name="apply")
    def apply_view(self, request, campaign_id: int):
        from online_services import views

        return views.application_form(request, self, campaign_id)

    @path("da-nop/<str:token>/", name="submitted")
    def submitted_view(self, request, token: str):
        from online_services import views

        return views.application_submitted(request, self, token)

    @path("tra-cuu-ho-so/", name="status")
    def status_view(self, request):
        from online_services import views

        return views.application_status(request, self)
