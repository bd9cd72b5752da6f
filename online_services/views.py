"""Public views behind the routes of ``LookupPage`` and ``AdmissionRegistrationPage`` (thin:
checks in ``forms``/``security``, reads in ``selectors``, writes in ``services``).

Every response here is ``Cache-Control: private, no-store``: the whole-page cache, proxies
and the browser's history keep no personal answer. Look-ups are POSTs, so a code and a birth
date never appear in a URL, a server log or a ``Referer``.
"""

from __future__ import annotations

import base64
import logging

from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from feedback import security as feedback_security
from feedback.models import FeedbackSettings
from feedback.views import rate_limited as form_rate_limited
from online_services import security, selectors, services
from online_services.forms import (
    MAX_DOCUMENT_BYTES,
    ApplicationForm,
    ApplicationStatusForm,
    DiplomaLookupForm,
    ResultLookupForm,
)
from online_services.models import (
    AdmissionApplication,
    AdmissionCampaign,
    AdmissionRegistrationPage,
    LookupKind,
    LookupPage,
)

logger = logging.getLogger(__name__)

SUBMITTED_SALT = "online_services.submitted"
SUBMITTED_MAX_AGE = 2 * 60 * 60


def _captcha(request: HttpRequest) -> bool:
    """The school's CAPTCHA switch for its public forms (Cài đặt → Góp ý và lấy ý kiến)."""
    return FeedbackSettings.for_request(request).captcha_enabled


def _render(request, page, template: str, context: dict, *, status: int = 200) -> HttpResponse:
    response = page.render(request, context_overrides=context, template=template)
    response.status_code = status
    return security.no_store(response)


def lookup_rate_limited(request: HttpRequest, retry_after: int) -> HttpResponse:
    """429 for an address (or a school) over its look-up budget: a standalone page, no query."""
    response = TemplateResponse(
        request,
        "online_services/rate_limited.html",
        {"school": getattr(request, "tenant", None), "minutes": max(1, (retry_after + 59) // 60)},
        status=429,
    )
    response["Retry-After"] = str(retry_after)
    return security.no_store(response.render())


def lookup_index(request: HttpRequest, page: LookupPage) -> HttpResponse:
    return _render(
        request,
        page,
        "online_services/lookup_page.html",
        {"latest_results": selectors.latest_result_set()},
    )


def _lookup(request, page, *, form_class, kind: str, template: str, find, code_field: str):
    """The shared order of a look-up: budget, honeypot, form, code lock, find, log."""
    captcha = _captcha(request)
    if request.method != "POST":
        return _render(request, page, template, {"form": form_class(captcha=captcha).arm()})
    limit = security.lookup_limit(request)
    if limit.exceeded:
        return lookup_rate_limited(request, limit.retry_after)
    form = form_class(request.POST, captcha=captcha)
    if form.honeypot_filled:
        logger.info("Honeypot filled on %s", request.path)
        return _render(request, page, template, {"form": form.arm(), "not_found": True})
    if not form.is_valid():
        return _render(request, page, template, {"form": form.arm()}, status=400)
    code = form.cleaned_data[code_field]
    hashed = security.code_hash(kind, code)
    locked = security.code_locked(kind, hashed)
    if locked.exceeded:
        context = {"form": form_class(captcha=captcha).arm(), "code_locked": True}
        context["minutes"] = max(1, (locked.retry_after + 59) // 60)
        response = _render(request, page, template, context, status=429)
        response["Retry-After"] = str(locked.retry_after)
        return response
    answer = find(form.cleaned_data)
    services.lookup_log_record(
        kind=kind,
        hashed=hashed,
        found=bool(answer),
        client_ip=feedback_security.client_ip(request),
    )
    if not answer:
        security.code_failed(kind, hashed)
        return _render(request, page, template, {"form": form.arm(), "not_found": True})
    return _render(
        request, page, template, {"form": form_class(captcha=captcha).arm(), "answer": answer}
    )


def results_lookup(request: HttpRequest, page: LookupPage) -> HttpResponse:
    def find(data):
        rows = selectors.student_results(code=data["student_code"], birth_date=data["birth_date"])
        return {"student": rows[0], "rows": rows} if rows else None

    return _lookup(
        request,
        page,
        form_class=ResultLookupForm,
        kind=LookupKind.RESULTS,
        template="online_services/results_lookup.html",
        find=find,
        code_field="student_code",
    )


def diploma_lookup(request: HttpRequest, page: LookupPage) -> HttpResponse:
    def find(data):
        return selectors.diploma_find(
            number=data["number"],
            holder_name=data["holder_name"],
            birth_date=data.get("birth_date"),
        )

    return _lookup(
        request,
        page,
        form_class=DiplomaLookupForm,
        kind=LookupKind.DIPLOMA,
        template="online_services/diploma_lookup.html",
        find=find,
        code_field="number",
    )


# --- Admission registration --------------------------------------------------------------------


def campaign_index(request: HttpRequest, page: AdmissionRegistrationPage) -> HttpResponse:
    return _render(
        request,
        page,
        "online_services/admission_registration_page.html",
        {"campaigns": selectors.campaigns_public()},
    )


def _application_context(form: ApplicationForm) -> dict:
    form.arm()
    form.form_token_value = feedback_security.form_token_issue()
    return {"form": form, "campaign": form.campaign}


def _max_request_bytes(campaign: AdmissionCampaign) -> int:
    return max(1, campaign.documents.count()) * MAX_DOCUMENT_BYTES + 512 * 1024


def application_form(
    request: HttpRequest, page: AdmissionRegistrationPage, campaign_id: int
) -> HttpResponse:
    campaign = AdmissionCampaign.objects.filter(pk=campaign_id).first()
    if campaign is None:
        raise Http404("Unknown campaign")
    template = "online_services/application_form.html"
    captcha = _captcha(request)
    if not campaign.is_open():
        status = 403 if request.method == "POST" else 200
        return _render(
            request, page, template, {"campaign": campaign, "closed": True}, status=status
        )
    if request.method != "POST":
        form = ApplicationForm(campaign=campaign, captcha=captcha)
        return _render(request, page, template, _application_context(form))
    limit = security.application_limit_ip(request)
    if limit.exceeded:
        return security.no_store(form_rate_limited(request, limit.retry_after))
    try:
        too_large = int(request.META.get("CONTENT_LENGTH") or 0) > _max_request_bytes(campaign)
    except ValueError:
        too_large = True
    if too_large:
        logger.info(
            "Refused an oversized application (%s bytes)", request.META.get("CONTENT_LENGTH")
        )
        form = ApplicationForm(campaign=campaign, captcha=captcha)
        context = {**_application_context(form), "too_large": True}
        return _render(request, page, template, context, status=413)
    form = ApplicationForm(request.POST, request.FILES, campaign=campaign, captcha=captcha)
    if form.honeypot_filled:
        logger.info("Honeypot filled on %s", request.path)
        return _render(request, page, "online_services/application_submitted.html", {})
    if not form.is_valid():
        return _render(request, page, template, _application_context(form), status=400)
    limit = security.application_limit_school()
    if limit.exceeded:
        return security.no_store(form_rate_limited(request, limit.retry_after))
    try:
        application = services.application_submit(
            campaign=campaign,
            data=form.application_data(),
            attachments=form.attachments(),
            form_token=form.cleaned_data["form_token"],
        )
    except ValidationError:  # the campaign closed while the form was being filled
        return _render(request, page, template, {"campaign": campaign, "closed": True}, status=403)
    return redirect(
        page.url + page.reverse_subpage("submitted", args=[_submitted_token(application.pk)])
    )


def _submitted_token(pk: int) -> str:
    r"""A signed, expiring token in the characters Wagtail's page URLs allow (``[\w-]``)."""
    signed = signing.dumps(pk, salt=SUBMITTED_SALT)
    return base64.urlsafe_b64encode(signed.encode()).decode().rstrip("=")


def _submitted_pk(token: str) -> int:
    try:
        signed = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
        return int(signing.loads(signed, salt=SUBMITTED_SALT, max_age=SUBMITTED_MAX_AGE))
    except (ValueError, TypeError, signing.BadSignature) as exc:
        raise Http404("Expired or forged confirmation link") from exc


def application_submitted(
    request: HttpRequest, page: AdmissionRegistrationPage, token: str
) -> HttpResponse:
    """The confirmation, reachable only through the signed, short-lived link of the redirect
    (references alone never open an application)."""
    application = (
        AdmissionApplication.objects.filter(pk=_submitted_pk(token))
        .select_related("campaign")
        .prefetch_related("attachments")
        .first()
    )
    if application is None:
        raise Http404("Unknown application")
    return _render(
        request, page, "online_services/application_submitted.html", {"application": application}
    )


def application_status(request: HttpRequest, page: AdmissionRegistrationPage) -> HttpResponse:
    def find(data):
        return selectors.application_find(reference=data["reference"], phone=data["phone"])

    return _lookup(
        request,
        page,
        form_class=ApplicationStatusForm,
        kind=LookupKind.APPLICATION,
        template="online_services/application_status.html",
        find=find,
        code_field="reference",
    )
