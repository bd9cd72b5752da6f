"""Validators shared by several apps."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Seed 004 §IV.3: official e-mail must not be a free webmail address.
FREE_MAIL_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "yahoo.com",
        "yahoo.com.vn",
        "ymail.com",
        "hotmail.com",
        "outlook.com",
        "live.com",
        "msn.com",
        "icloud.com",
        "aol.com",
        "mail.ru",
        "proton.me",
        "protonmail.com",
        "zoho.com",
        "yandex.com",
    }
)

HEX_COLOUR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")


def validate_official_email(value: str) -> None:
    """Refuse Gmail, Yahoo, Hotmail and similar for an official address (R2.4)."""
    domain = value.rsplit("@", 1)[-1].strip().lower() if value else ""
    if domain in FREE_MAIL_DOMAINS:
        raise ValidationError(
            _(
                "Thư điện tử công vụ phải thuộc tên miền chính thức của đơn vị "
                "(ví dụ …@%(example)s), không dùng Gmail, Yahoo, Hotmail."
            )
            % {"example": "pgdbinhtan.edu.vn"},
            code="free_mail",
        )


def official_email_domains() -> list[str]:
    """Domains configured by the Phòng (``PORTAL_OFFICIAL_EMAIL_DOMAINS``), lower case."""
    from django.conf import settings

    domains = getattr(settings, "PORTAL_OFFICIAL_EMAIL_DOMAINS", None) or ["edu.vn"]
    return [domain.strip().lower().lstrip("@.") for domain in domains if domain.strip()]


def validate_official_domain_email(value: str) -> None:
    """Free webmail refused, and the address must be on an official domain (seed 004 §IV.3).

    ``…@pgdbinhtan.edu.vn`` matches ``pgdbinhtan.edu.vn``; ``…@thcsa.edu.vn`` matches
    ``edu.vn`` (a sub-domain counts); ``…@notedu.vn`` matches neither.
    """
    validate_official_email(value)
    domain = value.rsplit("@", 1)[-1].strip().lower() if value and "@" in value else ""
    allowed = official_email_domains()
    if not any(domain == d or domain.endswith("." + d) for d in allowed):
        raise ValidationError(
            _("Thư điện tử công vụ phải thuộc tên miền chính thức: %(domains)s.")
            % {"domains": ", ".join("…@" + d for d in allowed)},
            code="not_official_domain",
        )


def validate_hex_colour(value: str) -> None:
    if not HEX_COLOUR_RE.match(value or ""):
        raise ValidationError(_("Mã màu phải có dạng #RRGGBB, ví dụ #0b5394."), code="colour")
