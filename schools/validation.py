"""Rules for school slugs and domains (R1.2).

Messages are Vietnamese (they reach the operator's staff in the dashboard and the CLI);
log lines stay English.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

SLUG_RE = re.compile(r"^[a-z][a-z0-9-]{1,48}[a-z0-9]$")
HOSTNAME_RE = re.compile(
    r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$"
)
RESERVED_SLUGS = frozenset(
    {
        "admin",
        "api",
        "healthz",
        "information-schema",
        "localhost",
        "mail",
        "media",
        "public",
        "school-template",
        "static",
        "template",
        "www",
    }
)
OFFICIAL_SUFFIX = ".edu.vn"


def schema_name_for_slug(slug: str) -> str:
    return slug.replace("-", "_")


def validate_slug(slug: str) -> None:
    if not SLUG_RE.match(slug or ""):
        raise ValidationError(
            _(
                "Mã trường “%(slug)s” không hợp lệ: chỉ dùng chữ thường không dấu, chữ số và "
                "dấu gạch ngang, dài 3–50 ký tự, bắt đầu bằng chữ cái."
            )
            % {"slug": slug},
            code="slug_invalid",
        )
    if slug in RESERVED_SLUGS or slug.startswith(("pg-", "pool-")) or "--" in slug:
        raise ValidationError(
            _("Mã trường “%(slug)s” là tên dành riêng của hệ thống, hãy chọn tên khác.")
            % {"slug": slug},
            code="slug_reserved",
        )


def is_development_domain(domain: str) -> bool:
    suffix = settings.PORTAL_DEV_DOMAIN_SUFFIX
    return bool(suffix) and domain.endswith(suffix)


def domain_rule_problems(domain: str, slug: str, city_slug: str | None = None) -> list[str]:
    """What is wrong with ``domain`` under the <school><city>.edu.vn rule (seed 001, 004).

    Empty when the domain follows the rule. The school part is the slug without dashes
    (``thcs-nguyen-du`` → ``thcsnguyendu``); the city part is ``PORTAL_CITY_SLUG``.
    """
    city = (city_slug if city_slug is not None else settings.PORTAL_CITY_SLUG).replace("-", "")
    problems: list[str] = []
    if not domain.endswith(OFFICIAL_SUFFIX):
        problems.append(_("Tên miền phải kết thúc bằng “.edu.vn”."))
    stem = re.sub(r"[^a-z0-9]", "", domain.removesuffix(OFFICIAL_SUFFIX))
    school_part = slug.replace("-", "")
    if school_part not in stem:
        problems.append(_("Tên miền phải chứa tên trường “%(name)s”.") % {"name": school_part})
    if city and city not in stem:
        problems.append(_("Tên miền phải chứa tên thành phố “%(city)s”.") % {"city": city})
    return problems


def validate_domain(domain: str, slug: str) -> None:
    """Syntax always; the .edu.vn rule only when ``PORTAL_STRICT_DOMAINS`` is on.

    Development domains (``*.localhost``) are exempt from the rule.
    """
    if not HOSTNAME_RE.match(domain or ""):
        raise ValidationError(
            _("Tên miền “%(domain)s” không hợp lệ.") % {"domain": domain}, code="domain_invalid"
        )
    if settings.PORTAL_STRICT_DOMAINS and not is_development_domain(domain):
        problems = domain_rule_problems(domain, slug)
        if problems:
            raise ValidationError(problems, code="domain_rule")
