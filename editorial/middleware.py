"""Admin session rules: second sign-in step when enrolled, idle expiry."""

from __future__ import annotations

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

SESSION_OTP_REQUIRED = "editorial_otp_required"
SESSION_OTP_OK = "editorial_otp_ok"
SESSION_LAST_SEEN = "editorial_last_seen"
# An admin session unused this long is closed (the absolute limit is SESSION_COOKIE_AGE).
IDLE_SECONDS = getattr(settings, "PORTAL_ADMIN_IDLE_SECONDS", 60 * 60)
# The session is rewritten at most this often just to move the idle clock.
_TOUCH_EVERY = 60


class AdminSessionMiddleware:
    """After AuthenticationMiddleware; only looks at ``/admin/`` requests of signed-in users.

    The flag saying a second step is due is put in the session at sign-in
    (``signal_handlers.on_login``), so this costs no query per request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self._check(request)
        return response or self.get_response(request)

    def _check(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        admin_root = reverse("wagtailadmin_home")
        if not request.path.startswith(admin_root):
            return None
        session = request.session
        now = time.time()
        last_seen = session.get(SESSION_LAST_SEEN)
        if last_seen and now - last_seen > IDLE_SECONDS:
            logout(request)
            messages.info(
                request,
                _("Phiên làm việc đã hết hạn do lâu không thao tác. Vui lòng đăng nhập lại."),
            )
            return redirect(_with_next(reverse("wagtailadmin_login"), request.get_full_path()))
        if not last_seen or now - last_seen > _TOUCH_EVERY:
            session[SESSION_LAST_SEEN] = now
        if session.get(SESSION_OTP_REQUIRED) and not session.get(SESSION_OTP_OK):
            exempt = {
                reverse("editorial_two_factor_verify"),
                reverse("wagtailadmin_logout"),
            }
            if request.path not in exempt and not request.path.startswith(
                reverse("wagtailadmin_javascript_catalog")
            ):
                return redirect(
                    _with_next(reverse("editorial_two_factor_verify"), request.get_full_path())
                )
        return None


def _with_next(url: str, next_url: str) -> str:
    return f"{url}?{urlencode({'next': next_url})}"
