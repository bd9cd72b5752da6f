"""The compliance checklist of one school (R10.2), run inside the school's schema.

Core checks live here; content apps add theirs with the ``portal_audit_checks`` Wagtail hook:
``fn(school) -> Iterable[CheckResult]``, called inside the school's schema.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import Site

from core.models import SchoolHomePage, SchoolProfile
from schools.models import School
from schools.selectors import school_primary_domain
from schools.validation import domain_rule_problems, is_development_domain
from siteplatform.validators import validate_official_email


@dataclass
class CheckResult:
    code: str
    label: str
    ok: bool | None  # None: not applicable, left out of the score
    detail: str = ""
    fix_path: str = ""  # a path in the school's admin where it is fixed

    def as_dict(self) -> dict:
        return asdict(self)


def check_domain(school: School) -> Iterable[CheckResult]:
    domain = school_primary_domain(school) or ""
    label = _("Tên miền đúng quy định <tên trường><tên thành phố>.edu.vn")
    if is_development_domain(domain):
        yield CheckResult(
            "domain_rule", label, None, _("Tên miền phát triển: %(d)s") % {"d": domain}
        )
        return
    problems = domain_rule_problems(domain, school.slug)
    yield CheckResult("domain_rule", label, not problems, " ".join(problems) or domain)


def check_contact(school: School) -> Iterable[CheckResult]:
    site = Site.objects.filter(is_default_site=True).first()
    profile = SchoolProfile.for_site(site) if site else None
    missing = []
    if profile is None or not profile.address:
        missing.append(_("địa chỉ"))
    if profile is None or not profile.phone:
        missing.append(_("điện thoại cố định"))
    if profile is None or not profile.email:
        missing.append(_("thư điện tử"))
    yield CheckResult(
        "contact_complete",
        _("Thông tin liên hệ đầy đủ (địa chỉ, điện thoại, thư điện tử)"),
        not missing,
        _("Thiếu: %(m)s") % {"m": ", ".join(missing)} if missing else "",
        "/admin/settings/core/schoolprofile/",
    )
    email_ok = bool(profile and profile.email)
    detail = ""
    if email_ok:
        try:
            validate_official_email(profile.email)
        except ValidationError as exc:
            email_ok, detail = False, " ".join(exc.messages)
    yield CheckResult(
        "official_email",
        _("Thư điện tử thuộc tên miền chính thức (không dùng Gmail, Yahoo, Hotmail)"),
        email_ok,
        detail or (profile.email if profile and profile.email else _("Chưa có thư điện tử")),
        "/admin/settings/core/schoolprofile/",
    )


def check_sections(school: School) -> Iterable[CheckResult]:
    """Each required section exists, is live and, where it holds items, is not empty."""
    home = SchoolHomePage.objects.first()
    children = {page.slug: page for page in home.get_children().live()} if home is not None else {}
    for slug, label, holds_items in settings.PORTAL_REQUIRED_SECTIONS:
        page = children.get(slug)
        if page is None:
            ok, detail = False, _("Chưa có chuyên mục")
        elif holds_items and not page.get_children().live().exists():
            ok, detail = False, _("Chuyên mục chưa có nội dung")
        else:
            ok, detail = True, ""
        yield CheckResult(
            f"section:{slug}",
            _("Chuyên mục “%(label)s”") % {"label": label},
            ok,
            detail,
            f"/admin/pages/{page.pk}/" if page else "/admin/pages/",
        )


def run_checks(school: School) -> list[CheckResult]:
    results: list[CheckResult] = []
    for check in (check_domain, check_contact, check_sections):
        results.extend(check(school))
    for extra in hooks.get_hooks("portal_audit_checks"):
        results.extend(extra(school))
    return results


def score(results: list[CheckResult]) -> int:
    applicable = [r for r in results if r.ok is not None]
    if not applicable:
        return 0
    return round(100 * sum(1 for r in applicable if r.ok) / len(applicable))
