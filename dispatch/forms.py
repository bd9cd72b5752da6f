"""The operator's "Gửi văn bản" form (R4.3). Every file is checked by content."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from dispatch.validators import MAX_FILES, CheckedFile, check_dispatch_file
from documents.models import DocumentKind
from schools.models import SchoolLevel
from schools.selectors import school_list

# The kinds a Phòng/Sở sends to schools, most common first.
SENT_KINDS = [
    DocumentKind.OFFICIAL_LETTER,
    DocumentKind.NOTICE,
    DocumentKind.PLAN,
    DocumentKind.DECISION,
    DocumentKind.INVITATION,
    DocumentKind.GUIDANCE,
    DocumentKind.DIRECTIVE,
    DocumentKind.REPORT,
    DocumentKind.REGULATION,
    DocumentKind.OTHER,
]
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented pattern)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.docx,.xlsx"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


RECIPIENTS_ALL, RECIPIENTS_LEVELS, RECIPIENTS_CHOSEN = "1", "cap", "0"


class DispatchSendForm(forms.Form):
    kind = forms.ChoiceField(label=_("Hình thức"), choices=[(k.value, k.label) for k in SENT_KINDS])
    number = forms.CharField(
        label=_("Số ký hiệu"), max_length=100, help_text=_("Ví dụ: 2326/GDĐT-THCS.")
    )
    issuer_name = forms.CharField(label=_("Cơ quan ban hành"), max_length=200)
    issue_date = forms.DateField(
        label=_("Ngày ban hành"), input_formats=DATE_FORMATS, widget=DateInput()
    )
    effective_date = forms.DateField(
        label=_("Ngày có hiệu lực"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=DateInput(),
        help_text=_("Để trống nếu văn bản có hiệu lực từ ngày ban hành."),
    )
    summary = forms.CharField(
        label=_("Trích yếu"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
    body = forms.CharField(
        label=_("Nội dung"),
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Không bắt buộc: nội dung chính hoặc ghi chú gửi các trường."),
    )
    files = MultipleFileField(
        label=_("Tệp đính kèm"),
        required=False,
        help_text=_("PDF, Word (.docx) hoặc Excel (.xlsx), mỗi tệp tối đa 20 MB, tối đa 10 tệp."),
    )
    is_public = forms.BooleanField(
        label=_("Đăng công khai trên trang của các trường"),
        required=False,
        help_text=_(
            "Văn bản được đăng vào chuyên mục Văn bản của mỗi trường nhận. Bỏ chọn nếu là văn "
            "bản nội bộ: chỉ Ban biên tập các trường thấy trong mục Văn bản đến."
        ),
    )
    # "1" every school, "cap" the schools of the chosen levels (a Sở with 2,000 schools
    # writes to its THPT schools, not to 600 ticked boxes), "0" the ticked schools.
    # ``clean`` turns it into ``all_schools`` (bool) and ``schools`` (the recipients).
    all_schools = forms.ChoiceField(
        label=_("Nơi nhận"),
        choices=[
            (RECIPIENTS_ALL, _("Tất cả các trường")),
            (RECIPIENTS_LEVELS, _("Các trường theo cấp học")),
            (RECIPIENTS_CHOSEN, _("Các trường được chọn")),
        ],
        initial=RECIPIENTS_ALL,
        widget=forms.RadioSelect,
    )
    levels = forms.MultipleChoiceField(
        label=_("Cấp học nhận"),
        choices=SchoolLevel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    schools = forms.ModelMultipleChoiceField(
        label=_("Các trường được chọn"),
        queryset=school_list().order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer_name"].initial = settings.PORTAL_OPERATOR_NAME
        self.fields["schools"].queryset = school_list().order_by("name")
        self.checked_files: list[tuple] = []

    def clean_files(self) -> list:
        uploads = self.cleaned_data.get("files") or []
        if len(uploads) > MAX_FILES:
            raise ValidationError(
                _("Tối đa %(max)d tệp cho một văn bản."), params={"max": MAX_FILES}
            )
        checked: list[tuple] = []
        errors = []
        for upload in uploads:
            try:
                result: CheckedFile = check_dispatch_file(upload)
            except ValidationError as exc:
                errors.append(exc)
            else:
                checked.append((upload, result))
        if errors:
            raise ValidationError(errors)
        self.checked_files = checked
        return uploads

    def clean(self):
        data = super().clean()
        issue, effective = data.get("issue_date"), data.get("effective_date")
        if issue and effective and effective < issue:
            self.add_error("effective_date", _("Ngày có hiệu lực không được trước ngày ban hành."))
        recipients = data.get("all_schools")
        if recipients == RECIPIENTS_LEVELS:
            data["schools"] = list(
                school_list().filter(level__in=data.get("levels") or []).order_by("name")
            )
            if not data.get("levels"):
                self.add_error("levels", _("Chọn ít nhất một cấp học nhận văn bản."))
            elif not data["schools"]:
                self.add_error("levels", _("Chưa có trường nào thuộc cấp học đã chọn."))
        elif recipients == RECIPIENTS_CHOSEN and not data.get("schools"):
            self.add_error("schools", _("Chọn ít nhất một trường nhận văn bản."))
        data["all_schools"] = recipients == RECIPIENTS_ALL
        return data
