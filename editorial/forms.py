"""Admin forms: the login form with lockout, the two-step code form."""

from __future__ import annotations

import math

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm

from editorial import throttle


def lock_message(seconds: int) -> str:
    return _(
        "Đăng nhập sai quá nhiều lần. Tài khoản hoặc máy của bạn tạm bị khoá, "
        "vui lòng thử lại sau %(minutes)d phút."
    ) % {"minutes": max(1, math.ceil(seconds / 60))}


class PortalLoginForm(LoginForm):
    """Wagtail's login form, refused for a while after repeated failures (per user, per IP).

    Set as ``WAGTAILADMIN_USER_LOGIN_FORM``. The check runs before the password is even
    tried, so a locked account cannot be guessed at while locked.
    """

    error_messages = {
        **LoginForm.error_messages,
        "invalid_login": _("Tên đăng nhập hoặc mật khẩu không đúng. Vui lòng thử lại."),
    }

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        ip = throttle.client_ip(self.request)
        remaining = throttle.locked_for(username=username, ip=ip)
        if remaining:
            raise forms.ValidationError(lock_message(remaining), code="locked")
        try:
            cleaned = super().clean()
        except forms.ValidationError as exc:
            if username and self.cleaned_data.get("password"):
                locked = throttle.failure_record(username=username, ip=ip)
                if locked:
                    raise forms.ValidationError(lock_message(locked), code="locked") from exc
            raise
        throttle.success_record(username=username, ip=ip)
        return cleaned


class TotpCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Mã xác thực (6 chữ số)"),
        max_length=10,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )
