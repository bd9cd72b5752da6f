from django import forms
from django.utils.translation import gettext_lazy as _

from schools.models import Ownership, SchoolLevel, SchoolStatus


class DashboardFilterForm(forms.Form):
    cap = forms.ChoiceField(
        label=_("Cấp học"), required=False, choices=[("", _("Tất cả"))] + SchoolLevel.choices
    )
    loai_hinh = forms.ChoiceField(
        label=_("Loại hình"), required=False, choices=[("", _("Tất cả"))] + Ownership.choices
    )
    dia_ban = forms.CharField(label=_("Địa bàn"), required=False, max_length=120)
    trang_thai = forms.ChoiceField(
        label=_("Trạng thái"), required=False, choices=[("", _("Tất cả"))] + SchoolStatus.choices
    )
    diem_tu = forms.IntegerField(label=_("Điểm từ"), required=False, min_value=0, max_value=100)
    diem_den = forms.IntegerField(label=_("Điểm đến"), required=False, min_value=0, max_value=100)
    sap_xep = forms.ChoiceField(
        label=_("Sắp xếp"),
        required=False,
        choices=[
            ("ten", _("Tên trường")),
            ("diem", _("Điểm thấp trước")),
            ("-diem", _("Điểm cao trước")),
            ("bai30", _("Nhiều bài 30 ngày")),
            ("cap", _("Cấp học")),
            ("dia-ban", _("Địa bàn")),
        ],
    )


class SchoolCreateForm(forms.Form):
    name = forms.CharField(label=_("Tên trường"), max_length=200)
    slug = forms.SlugField(
        label=_("Mã trường (slug)"),
        max_length=50,
        help_text=_("Chữ thường không dấu, ví dụ thcs-nguyen-du"),
    )
    domain = forms.CharField(
        label=_("Tên miền"), max_length=253, help_text=_("Ví dụ thcsnguyendubinhtan.edu.vn")
    )
    level = forms.ChoiceField(label=_("Cấp học"), choices=SchoolLevel.choices)
    ownership = forms.ChoiceField(label=_("Loại hình"), choices=Ownership.choices)
    district = forms.CharField(label=_("Địa bàn"), max_length=120, required=False)
    address = forms.CharField(label=_("Địa chỉ"), max_length=255, required=False)
    phone = forms.CharField(label=_("Điện thoại"), max_length=40, required=False)
    email = forms.EmailField(label=_("Thư điện tử công vụ"), required=False)
    admin_username = forms.CharField(
        label=_("Tài khoản Trưởng ban biên tập"), max_length=150, required=False
    )
    admin_email = forms.EmailField(label=_("Thư điện tử Trưởng ban"), required=False)
    admin_password = forms.CharField(
        label=_("Mật khẩu ban đầu"), required=False, widget=forms.PasswordInput(render_value=False)
    )
