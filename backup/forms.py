"""Forms of the operator's backup page: the upload, then the explicit confirmation."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD = 2 * 1024 * 1024 * 1024


class RestoreUploadForm(forms.Form):
    archive = forms.FileField(
        label=_("Tệp sao lưu (.tar.gz)"),
        help_text=_("Tệp tải về từ trang này hoặc tạo bằng lệnh backup_school."),
    )

    def clean_archive(self):
        upload = self.cleaned_data["archive"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("Tệp sao lưu quá lớn (tối đa 2 GB)."))
        head = upload.read(2)
        upload.seek(0)
        if head != b"\x1f\x8b":
            raise forms.ValidationError(_("Đây không phải tệp sao lưu (.tar.gz) của cổng."))
        return upload


class RestoreConfirmForm(forms.Form):
    MODE_REPLACE, MODE_NEW = "replace", "new"

    mode = forms.ChoiceField(
        label=_("Cách khôi phục"),
        choices=[
            (MODE_REPLACE, _("Ghi đè trường hiện có bằng bản sao lưu")),
            (MODE_NEW, _("Khôi phục thành một trường mới")),
        ],
        widget=forms.RadioSelect,
    )
    new_slug = forms.SlugField(label=_("Mã trường mới"), required=False, max_length=63)
    new_domain = forms.CharField(label=_("Tên miền mới"), required=False, max_length=253)
    confirm_slug = forms.CharField(
        label=_("Nhập mã trường để xác nhận ghi đè"),
        required=False,
        help_text=_("Mọi trang, tệp và cài đặt hiện tại của trường sẽ bị thay bằng bản sao lưu."),
    )

    def __init__(self, *args, slug: str, can_replace: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.slug, self.can_replace = slug, can_replace
        if not can_replace:
            self.fields["mode"].choices = [self.fields["mode"].choices[1]]
            self.fields["mode"].initial = self.MODE_NEW

    def clean(self):
        data = super().clean()
        mode = data.get("mode")
        if mode == self.MODE_REPLACE:
            if not self.can_replace:
                raise forms.ValidationError(_("Không có trường nào để ghi đè."))
            if (data.get("confirm_slug") or "").strip() != self.slug:
                self.add_error(
                    "confirm_slug",
                    _("Hãy nhập đúng mã trường “%(slug)s” để xác nhận.") % {"slug": self.slug},
                )
        elif mode == self.MODE_NEW and self.can_replace and not data.get("new_slug"):
            self.add_error(
                "new_slug",
                _("Trường “%(slug)s” đã có: hãy chọn mã trường mới.") % {"slug": self.slug},
            )
        return data
