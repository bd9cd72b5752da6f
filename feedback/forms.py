"""Public forms of ``/gop-y/`` and of a consultation (R7.1, R7.2, R7.3)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from feedback import security
from feedback.models import Category
from feedback.validators import CheckedAttachment, check_attachment, clean_text, validate_phone

HONEYPOT_FIELD = "website"


class PublicSubmissionForm(forms.Form):
    """Fields and checks shared by both public forms.

    ``website`` is a honeypot hidden from people (CSS and ``aria-hidden``); the view rejects
    a post that fills it before the form is even validated. ``form_token`` lets a second post
    of the same rendered form return the first submission instead of storing a duplicate.
    """

    name = forms.CharField(label=_("Họ và tên"), max_length=120)
    email = forms.EmailField(label=_("Thư điện tử"), required=False, max_length=254)
    phone = forms.CharField(
        label=_("Điện thoại"),
        required=False,
        max_length=20,
        validators=[validate_phone],
        widget=forms.TextInput(attrs={"type": "tel"}),
    )
    attachment = forms.FileField(
        label=_("Tệp đính kèm (không bắt buộc)"),
        required=False,
        help_text=_("Ảnh JPEG, PNG hoặc tệp PDF, tối đa 2 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".jpg,.jpeg,.png,.pdf"}),
    )
    consent = forms.BooleanField(
        label=_(
            "Tôi đồng ý để nhà trường dùng họ tên và thông tin liên hệ này chỉ để trả lời "
            "tôi; thông tin được xoá sau thời hạn lưu trữ."
        ),
        error_messages={"required": _("Vui lòng đồng ý để nhà trường có thể trả lời bạn.")},
    )
    website = forms.CharField(
        required=False,
        label=_("Để trống ô này"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    form_token = forms.CharField(required=False, widget=forms.HiddenInput)
    captcha_token = forms.CharField(required=False, widget=forms.HiddenInput)
    captcha_answer = forms.CharField(label=_("Mã xác nhận"), required=False, max_length=4)

    text_fields: tuple[str, ...] = ("name",)

    def __init__(self, *args, captcha: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.captcha = captcha
        self.checked_attachment: CheckedAttachment | None = None
        if not captcha:
            del self.fields["captcha_token"]
            del self.fields["captcha_answer"]
        else:
            self.fields["captcha_answer"].required = True
        for name in ("name", "email", "phone"):
            self.fields[name].widget.attrs.setdefault("autocomplete", _AUTOCOMPLETE[name])

    def _clean_text_field(self, name: str) -> str:
        value = clean_text(self.cleaned_data.get(name, ""))
        if self.fields[name].required and not value:
            raise ValidationError(_("Vui lòng nhập nội dung hợp lệ (không dùng thẻ HTML)."))
        return value

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload:
            self.checked_attachment = check_attachment(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        for name in self.text_fields:
            if name in cleaned:
                try:
                    cleaned[name] = self._clean_text_field(name)
                except ValidationError as exc:
                    self.add_error(name, exc)
        cleaned["phone"] = (cleaned.get("phone") or "").strip()
        if "email" in cleaned and "phone" in cleaned and not (cleaned["email"] or cleaned["phone"]):
            raise ValidationError(
                _("Vui lòng để lại thư điện tử hoặc số điện thoại để nhà trường trả lời.")
            )
        captcha_ok = not self.captcha or bool(self.errors.get("captcha_answer"))
        if not captcha_ok:
            captcha_ok = security.captcha_verify(
                self.data.get("captcha_token", ""), self.data.get("captcha_answer", "")
            )
            if not captcha_ok:
                self.add_error(
                    "captcha_answer",
                    _("Mã xác nhận chưa đúng hoặc đã hết hạn. Vui lòng làm phép tính mới."),
                )
        cleaned["form_token"] = security.form_token_read(self.data.get("form_token", ""))
        return cleaned

    @property
    def honeypot_filled(self) -> bool:
        return bool((self.data.get(HONEYPOT_FIELD) or "").strip())


_AUTOCOMPLETE = {"name": "name", "email": "email", "phone": "tel"}


class FeedbackForm(PublicSubmissionForm):
    category = forms.ChoiceField(label=_("Lĩnh vực"), choices=Category.choices)
    subject = forms.CharField(label=_("Tiêu đề"), max_length=200)
    message = forms.CharField(
        label=_("Nội dung góp ý"), max_length=5000, widget=forms.Textarea(attrs={"rows": 8})
    )

    text_fields = ("name", "subject", "message")
    field_order = [
        "name",
        "email",
        "phone",
        "category",
        "subject",
        "message",
        "attachment",
        "captcha_answer",
        "consent",
    ]


class OpinionForm(PublicSubmissionForm):
    organisation = forms.CharField(
        label=_("Đơn vị hoặc địa chỉ (không bắt buộc)"), max_length=200, required=False
    )
    opinion = forms.CharField(
        label=_("Ý kiến của bạn"), max_length=10000, widget=forms.Textarea(attrs={"rows": 10})
    )

    text_fields = ("name", "organisation", "opinion")
    field_order = [
        "name",
        "organisation",
        "email",
        "phone",
        "opinion",
        "attachment",
        "captcha_answer",
        "consent",
    ]
