"""Public forms of the online services, and the board's import forms (R6.2).

Every public form carries the honeypot ``website`` (hidden from people) and, when the school
switched the CAPTCHA on for its public forms (Cài đặt → Góp ý và lấy ý kiến), the same
single-use arithmetic question as ``/gop-y/``.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from feedback import security as feedback_security
from feedback.forms import HONEYPOT_FIELD
from feedback.validators import CheckedAttachment, check_attachment, clean_text, validate_phone
from online_services import services
from online_services.models import (
    AdmissionCampaign,
    Gender,
    Relationship,
)
from online_services.text import clean_line, code_key, parse_date

MAX_DOCUMENT_BYTES = 4 * 1024 * 1024


class BirthDateField(forms.CharField):
    """A date typed as on paper (05/09/2012, 5-9-2012, 05092012): easier on a phone than a
    date picker that starts from today."""

    default_error_messages = {
        "invalid": _("Ngày chưa đúng. Hãy nhập theo dạng ngày/tháng/năm, ví dụ 05/09/2012."),
    }

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("max_length", 10)
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"placeholder": "dd/mm/yyyy", "autocomplete": "off"}),
        )
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        parsed = parse_date(value)
        if parsed is None or parsed > timezone.localdate() or parsed.year < 1900:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return parsed


class GuardedForm(forms.Form):
    """Honeypot and optional CAPTCHA (``captcha=True``), as on ``/gop-y/`` (R7.3)."""

    website = forms.CharField(
        required=False,
        label=_("Để trống ô này"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    captcha_token = forms.CharField(required=False, widget=forms.HiddenInput)
    captcha_answer = forms.CharField(label=_("Mã xác nhận"), required=False, max_length=4)

    def __init__(self, *args, captcha: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.captcha = captcha
        if captcha:
            self.fields["captcha_answer"].required = True
        else:
            del self.fields["captcha_token"]
            del self.fields["captcha_answer"]
        self.challenge = None

    def arm(self) -> GuardedForm:
        """A new CAPTCHA question for the next render (each is single use)."""
        self.challenge = feedback_security.captcha_issue() if self.captcha else None
        return self

    @property
    def honeypot_filled(self) -> bool:
        return bool((self.data.get(HONEYPOT_FIELD) or "").strip())

    def clean(self):
        cleaned = super().clean()
        answered = self.captcha and not self.errors.get("captcha_answer")
        if answered and not feedback_security.captcha_verify(
            self.data.get("captcha_token", ""), self.data.get("captcha_answer", "")
        ):
            self.add_error(
                "captcha_answer",
                _("Mã xác nhận chưa đúng hoặc đã hết hạn. Vui lòng làm phép tính mới."),
            )
        return cleaned


class ResultLookupForm(GuardedForm):
    student_code = forms.CharField(
        label=_("Mã học sinh"),
        max_length=30,
        help_text=_("Ghi trên sổ liên lạc hoặc thẻ học sinh, ví dụ 7926012345."),
        error_messages={"required": _("Vui lòng nhập mã học sinh.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    birth_date = BirthDateField(
        label=_("Ngày sinh của học sinh"),
        help_text=_("Theo dạng ngày/tháng/năm, ví dụ 05/09/2012."),
        error_messages={"required": _("Vui lòng nhập ngày sinh của học sinh.")},
    )
    field_order = ["student_code", "birth_date", "captcha_answer"]

    def clean_student_code(self) -> str:
        return code_key(self.cleaned_data["student_code"])


class DiplomaLookupForm(GuardedForm):
    number = forms.CharField(
        label=_("Số hiệu văn bằng, chứng chỉ"),
        max_length=40,
        help_text=_("In trên văn bằng, ví dụ THCS 0123456."),
        error_messages={"required": _("Vui lòng nhập số hiệu văn bằng.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    holder_name = forms.CharField(
        label=_("Họ và tên người được cấp"),
        max_length=120,
        required=False,
        help_text=_("Có dấu hoặc không dấu đều được."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    birth_date = BirthDateField(
        label=_("hoặc ngày sinh của người được cấp"),
        required=False,
        help_text=_("Theo dạng ngày/tháng/năm."),
    )
    field_order = ["number", "holder_name", "birth_date", "captcha_answer"]

    def clean(self):
        cleaned = super().clean()
        cleaned["holder_name"] = clean_line(cleaned.get("holder_name", ""))
        if (
            "birth_date" not in self.errors
            and not cleaned.get("holder_name")
            and not cleaned.get("birth_date")
        ):
            raise ValidationError(
                _("Vui lòng nhập thêm họ và tên hoặc ngày sinh của người được cấp văn bằng.")
            )
        return cleaned


class ApplicationStatusForm(GuardedForm):
    reference = forms.CharField(
        label=_("Mã hồ sơ"),
        max_length=30,
        help_text=_("Ví dụ TS-2025-K7M2QX, ghi trong trang xác nhận và thư báo nhận hồ sơ."),
        error_messages={"required": _("Vui lòng nhập mã hồ sơ.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    phone = forms.CharField(
        label=_("Số điện thoại đã khai khi nộp hồ sơ"),
        max_length=20,
        validators=[validate_phone],
        error_messages={"required": _("Vui lòng nhập số điện thoại.")},
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    field_order = ["reference", "phone", "captcha_answer"]


# --- The application form -----------------------------------------------------------------

_TEXT_FIELDS = (
    "child_name",
    "child_birthplace",
    "child_ethnicity",
    "address",
    "previous_school",
    "parent_name",
    "note",
)


class ApplicationForm(GuardedForm):
    """A child's application to ``campaign``: one file field per document the board asks for."""

    child_name = forms.CharField(label=_("Họ và tên của trẻ"), max_length=120)
    child_birth_date = BirthDateField(label=_("Ngày sinh"))
    child_gender = forms.ChoiceField(
        label=_("Giới tính"), choices=Gender.choices, widget=forms.RadioSelect
    )
    child_birthplace = forms.CharField(
        label=_("Nơi sinh"), max_length=150, required=False, help_text=_("Tỉnh, thành phố.")
    )
    child_ethnicity = forms.CharField(
        label=_("Dân tộc"), max_length=40, required=False, initial="Kinh"
    )
    child_personal_id = forms.CharField(
        label=_("Mã định danh cá nhân của trẻ"),
        max_length=12,
        required=False,
        help_text=_("12 chữ số, ghi trên giấy khai sinh hoặc ứng dụng VNeID."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    address = forms.CharField(
        label=_("Nơi ở hiện nay"),
        max_length=255,
        help_text=_("Số nhà, đường, khu phố, phường (xã)."),
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    previous_school = forms.CharField(label=_("Trường đang học"), max_length=200, required=False)
    parent_name = forms.CharField(
        label=_("Họ và tên cha mẹ (người giám hộ)"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    parent_relationship = forms.ChoiceField(
        label=_("Quan hệ với trẻ"), choices=[("", _("— Chọn —")), *Relationship.choices]
    )
    parent_phone = forms.CharField(
        label=_("Số điện thoại"),
        max_length=20,
        validators=[validate_phone],
        help_text=_("Dùng cùng mã hồ sơ để tra cứu kết quả."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    parent_email = forms.EmailField(
        label=_("Thư điện tử (không bắt buộc)"),
        required=False,
        max_length=254,
        help_text=_("Để nhận thư xác nhận và thư báo kết quả."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    note = forms.CharField(
        label=_("Ghi chú (không bắt buộc)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    consent = forms.BooleanField(
        label=_(
            "Tôi cam đoan thông tin khai là đúng và đồng ý để nhà trường dùng thông tin này "
            "chỉ cho việc tuyển sinh; thông tin được xoá sau thời hạn lưu trữ."
        ),
        error_messages={"required": _("Vui lòng xác nhận để nộp hồ sơ.")},
    )
    form_token = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, campaign: AdmissionCampaign, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        self.documents = list(campaign.documents.all())
        self.checked: dict[str, CheckedAttachment] = {}
        for document in self.documents:
            self.fields[f"doc_{document.pk}"] = forms.FileField(
                label=document.name,
                required=document.required,
                help_text=document.help_text
                or _("Ảnh chụp rõ nét (JPEG, PNG) hoặc tệp PDF, tối đa 4 MB."),
                error_messages={"required": _("Vui lòng đính kèm giấy tờ này.")},
                widget=forms.ClearableFileInput(attrs={"accept": ".jpg,.jpeg,.png,.pdf"}),
            )
        self.order_fields(
            [name for name in self.fields if name not in {"captcha_answer", "consent"}]
            + ["captcha_answer", "consent"]
        )

    def document_fields(self):
        return [self[f"doc_{document.pk}"] for document in self.documents]

    def clean_child_personal_id(self) -> str:
        value = "".join(self.cleaned_data["child_personal_id"].split())
        if value and (len(value) != 12 or not value.isdigit()):
            raise ValidationError(_("Mã định danh cá nhân gồm đúng 12 chữ số."))
        return value

    def clean_child_birth_date(self):
        value = self.cleaned_data["child_birth_date"]
        start, end = self.campaign.birth_date_from, self.campaign.birth_date_to
        if value and ((start and value < start) or (end and value > end)):
            if start and end:
                message = _("Đợt tuyển sinh này nhận trẻ sinh từ %(start)s đến %(end)s.")
            elif start:
                message = _("Đợt tuyển sinh này nhận trẻ sinh từ %(start)s trở về sau.")
            else:
                message = _("Đợt tuyển sinh này nhận trẻ sinh đến %(end)s.")
            raise ValidationError(
                message
                % {
                    "start": start.strftime("%d/%m/%Y") if start else "",
                    "end": end.strftime("%d/%m/%Y") if end else "",
                }
            )
        return value

    def clean(self):
        cleaned = super().clean()
        for name in _TEXT_FIELDS:
            if name in cleaned:
                cleaned[name] = clean_text(cleaned[name])
                if self.fields[name].required and not cleaned[name]:
                    self.add_error(name, _("Vui lòng nhập nội dung hợp lệ."))
        for document in self.documents:
            name = f"doc_{document.pk}"
            upload = cleaned.get(name)
            if upload:
                try:
                    self.checked[name] = check_attachment(upload, max_bytes=MAX_DOCUMENT_BYTES)
                except ValidationError as exc:
                    self.add_error(name, exc)
        cleaned["form_token"] = feedback_security.form_token_read(self.data.get("form_token", ""))
        return cleaned

    def application_data(self) -> dict:
        data = self.cleaned_data
        return {
            name: data[name]
            for name in (
                "child_name",
                "child_birth_date",
                "child_gender",
                "child_birthplace",
                "child_ethnicity",
                "child_personal_id",
                "address",
                "previous_school",
                "parent_name",
                "parent_relationship",
                "parent_phone",
                "parent_email",
                "note",
            )
        }

    def attachments(self) -> list[services.Attachment]:
        return [
            services.Attachment(document, self.cleaned_data[name], self.checked[name])
            for document in self.documents
            if (name := f"doc_{document.pk}") in self.checked
        ]
