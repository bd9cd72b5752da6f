"""Dates, times, numbers and counts the admin shows in Vietnamese (R9.2; issues 15, 19)."""

import datetime

from django import forms
from django.contrib.humanize.templatetags.humanize import intcomma, naturaltime
from django.core.checks import run_checks
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.timesince import timesince
from django.utils.translation import gettext, ngettext
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput


class AdminFormatsTests:
    def test_dates_are_day_first_and_times_24_hour(self):
        moment = datetime.datetime(2026, 12, 3, 14, 5)
        with translation.override("vi"):
            assert date_format(moment.date(), "DATE_FORMAT") == "03/12/2026"
            assert date_format(moment, "DATETIME_FORMAT") == "03/12/2026 14:05"
            assert date_format(moment, "SHORT_DATETIME_FORMAT") == "03/12/2026 14:05"

    def test_date_pickers_show_and_read_day_first(self):
        with translation.override("vi"):
            assert AdminDateInput().format_value(datetime.date(2026, 12, 3)) == "03/12/2026"
            assert AdminDateTimeInput().js_format == "d/m/Y H:i"
            # "03/12/2026" is 3 December, not 12 March.
            assert forms.DateField().clean("03/12/2026") == datetime.date(2026, 12, 3)
            field = forms.DateTimeField()
            assert field.clean("03/12/2026 14:05").replace(tzinfo=None) == datetime.datetime(
                2026, 12, 3, 14, 5
            )
        with translation.override("en"):  # an editor who chose English: the same pickers
            assert forms.DateField().clean("03/12/2026") == datetime.date(2026, 12, 3)

    def test_wagtail_accepts_the_picker_formats(self):
        errors = [e for e in run_checks() if e.id == "wagtailadmin.E003"]
        assert errors == []

    def test_numbers_use_vietnamese_separators(self):
        with translation.override("vi"):
            assert intcomma(1234567) == "1.234.567"

    def test_relative_times_are_vietnamese(self):
        two_hours_ago = timezone.now() - datetime.timedelta(hours=2, seconds=5)
        with translation.override("vi"):
            assert naturaltime(two_hours_ago) == "2 giờ trước"
            assert timesince(two_hours_ago) == "2\xa0giờ"

    def test_counts_have_one_plural_form(self):
        with translation.override("vi"):
            assert ngettext("1 page", "%(counter)s pages", 88) % {"counter": 88} == "88 trang"
            assert ngettext("%(num)d hour", "%(num)d hours", 1) % {"num": 1} == "1 giờ"
            assert gettext("Requested by") == "Người gửi duyệt"
            assert gettext("Incomplete task") == "Bước duyệt chưa hoàn thành"
            assert gettext("By task") == "Theo bước duyệt"
            assert gettext("Action") == "Thao tác"
            assert gettext("User") == "Người dùng"
