"""The board's form for working a feedback message in the admin (R7.1)."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from feedback.validators import clean_text


class FeedbackMessageAdminForm(WagtailAdminModelForm):
    send_reply = forms.BooleanField(
        label=_("Gửi câu trả lời qua thư điện tử"),
        required=False,
        help_text=_("Khi lưu, câu trả lời được gửi đến thư điện tử của người gửi."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if "assignee" in self.fields:
            self.fields["assignee"].queryset = get_user_model().objects.filter(
                is_active=True, is_staff=True
            )

    def clean(self):
        cleaned = super().clean()
        for name in ("reply", "public_question", "internal_notes"):
            if name in cleaned:
                cleaned[name] = clean_text(cleaned[name])
        reply = cleaned.get("reply", "")
        if cleaned.get("send_reply"):
            if not reply:
                self.add_error("reply", _("Hãy viết câu trả lời trước khi gửi."))
            if not self.instance.email:
                self.add_error(
                    "send_reply",
                    _("Người gửi không để lại thư điện tử; hãy trả lời qua điện thoại."),
                )
        if cleaned.get("published") and not reply:
            self.add_error("published", _("Cần có câu trả lời trước khi đăng lên Hỏi – đáp."))
        return cleaned
