"""Admin views of the editorial app (thin: the work is in services/selectors)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from editorial import selectors, services, throttle, totp
from editorial.forms import TotpCodeForm, lock_message
from editorial.middleware import SESSION_OTP_OK, SESSION_OTP_REQUIRED
from editorial.models import TotpDevice


def _next_url(request) -> str:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if next_url and url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        return next_url
    return reverse("wagtailadmin_home")


def two_factor_setup(request):
    """Enrol or switch off an authenticator app (heads and administrators)."""
    user = request.user
    if not services.user_may_use_two_factor(user):
        raise PermissionDenied
    device = TotpDevice.objects.filter(user=user).first()
    form = TotpCodeForm(request.POST or None)
    if request.method == "POST" and request.POST.get("action") == "disable":
        services.totp_disable(user=user)
        request.session[SESSION_OTP_REQUIRED] = False
        messages.success(request, _("Đã tắt xác thực hai bước."))
        return redirect("editorial_two_factor_setup")
    if request.method == "POST" and form.is_valid():
        if services.totp_code_check(user=user, code=form.cleaned_data["code"], confirming=True):
            request.session[SESSION_OTP_REQUIRED] = True
            request.session[SESSION_OTP_OK] = True
            messages.success(request, _("Đã bật xác thực hai bước."))
            return redirect("editorial_two_factor_setup")
        form.add_error("code", _("Mã không đúng. Kiểm tra giờ trên điện thoại rồi thử lại."))
    if device is None or not device.confirmed:
        device = services.totp_enrol_start(user=user)
    issuer = getattr(connection, "tenant", None)
    issuer_name = getattr(issuer, "name", "") or settings.PORTAL_OPERATOR_SHORT_NAME
    context = {
        "device": device,
        "form": form,
        "secret_groups": " ".join(
            device.secret[i : i + 4] for i in range(0, len(device.secret), 4)
        ),
        "uri": totp.provisioning_uri(
            device.secret, account=user.get_username(), issuer=issuer_name
        ),
    }
    return TemplateResponse(request, "editorial/two_factor_setup.html", context)


def two_factor_verify(request):
    """The second sign-in step: a 6-digit code from the user's authenticator app."""
    user = request.user
    next_url = _next_url(request)
    if not request.session.get(SESSION_OTP_REQUIRED) or request.session.get(SESSION_OTP_OK):
        return redirect(next_url)
    form = TotpCodeForm(request.POST or None)
    ip = throttle.client_ip(request)
    username = user.get_username()
    if request.method == "POST" and form.is_valid():
        remaining = throttle.locked_for(username=username, ip=ip, scope="otp")
        if remaining:
            form.add_error(None, lock_message(remaining))
        elif services.totp_code_check(user=user, code=form.cleaned_data["code"]):
            throttle.success_record(username=username, ip=ip, scope="otp")
            request.session.cycle_key()
            request.session[SESSION_OTP_OK] = True
            return redirect(next_url)
        else:
            locked = throttle.failure_record(username=username, ip=ip, scope="otp")
            form.add_error(None, lock_message(locked) if locked else _("Mã xác thực không đúng."))
    return TemplateResponse(
        request, "editorial/two_factor_verify.html", {"form": form, "next": next_url}
    )


def email_register_export(request):
    """The staff e-mail register as XLSX, in the layout of seed 004's annex (R10.3)."""
    if not request.user.has_perm("editorial.view_emailaccount"):
        raise PermissionDenied
    tenant = getattr(connection, "tenant", None)
    school_name = getattr(tenant, "name", "") or ""
    content = services.email_register_xlsx(school_name=school_name)
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    slug = getattr(tenant, "slug", "truong")
    response["Content-Disposition"] = f'attachment; filename="dang-ky-email-{slug}.xlsx"'
    return response


AUDIT_SCHOOLS_PER_PAGE = 50


def school_audit(request):
    """The Phòng's view of one school's audit trail, from the operator portal (R10.4).

    The school is found by name or code (a Sở has 2,000: one list of them all was
    unusable), then ``?truong=<slug>`` shows its trail."""
    from core.pagination import paginate_request
    from schools.selectors import school_list, schools_matching

    if connection.schema_name != settings.PUBLIC_SCHEMA_NAME or not request.user.is_superuser:
        raise PermissionDenied
    slug = request.GET.get("truong", "")[:100]
    selected = school_list().filter(slug=slug).first() if slug else None
    entries = selectors.school_audit_entries(school=selected) if selected else []
    query = request.GET.get("q", "").strip()[:100]
    schools = None  # the finder is shown only while no school is chosen
    if selected is None:
        matching = schools_matching(school_list().order_by("name"), query)
        schools = paginate_request(request, matching, AUDIT_SCHOOLS_PER_PAGE)
    return TemplateResponse(
        request,
        "editorial/school_audit.html",
        {"query": query, "schools": schools, "selected": selected, "entries": entries},
    )
