"""Staff e-mail register (R10.3) and two-step sign-in devices.

``EmailAccount`` is the school's internal list of official mailboxes requested from or
issued by the Phòng (seed 004 annex). It is not the public organisation page: people shown
publicly are the ``about`` app's ``StaffMember`` snippets. In the admin: Snippets →
"Đăng ký thư điện tử".
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from editorial.fields import EncryptedSecretField
from siteplatform.validators import validate_official_domain_email


class EmailAccountStatus(models.TextChoices):
    REQUESTED = "requested", _("Đề nghị cấp")
    ISSUED = "issued", _("Đã cấp")
    DISABLED = "disabled", _("Ngừng sử dụng")


class EmailAccount(models.Model):
    full_name = models.CharField(_("họ và tên"), max_length=120)
    title = models.CharField(
        _("chức vụ"), max_length=120, help_text=_("Ví dụ: Hiệu trưởng, Phó Hiệu trưởng, Giáo viên.")
    )
    unit = models.CharField(
        _("bộ phận"),
        max_length=120,
        blank=True,
        help_text=_("Tổ chuyên môn, văn phòng, Công đoàn, Đoàn – Đội…"),
    )
    email = models.EmailField(
        _("thư điện tử công vụ"),
        unique=True,
        validators=[validate_official_domain_email],
        help_text=_("Dạng Tên_người_dùng.Tên_trường@tên-miền-chính-thức; không dùng Gmail, Yahoo."),
    )
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    status = models.CharField(
        _("trạng thái"),
        max_length=12,
        choices=EmailAccountStatus.choices,
        default=EmailAccountStatus.REQUESTED,
    )
    sort_order = models.PositiveSmallIntegerField(
        _("thứ tự"), default=100, help_text=_("Số nhỏ đứng trước (Hiệu trưởng: 1).")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["sort_order", "full_name"]
        verbose_name = _("đăng ký thư điện tử")
        verbose_name_plural = _("đăng ký thư điện tử")

    def __str__(self) -> str:
        return f"{self.full_name} <{self.email}>"

    def save(self, *args, **kwargs):
        self.email = (self.email or "").strip().lower()
        super().save(*args, **kwargs)


class TotpDevice(models.Model):
    """An authenticator app enrolled by a head or an administrator (RFC 6238)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="totp_device"
    )
    # Encrypted at rest with PORTAL_TOTP_KEY (editorial/fields.py).
    secret = EncryptedSecretField(max_length=255)
    confirmed = models.BooleanField(default=False)
    # Last accepted time step: a code is never accepted twice (replay).
    last_step = models.BigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("thiết bị xác thực hai bước")
        verbose_name_plural = _("thiết bị xác thực hai bước")

    def __str__(self) -> str:
        return str(self.user)
