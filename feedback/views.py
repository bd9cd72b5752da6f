"""Public views behind the routes of ``FeedbackPage`` and ``ConsultationPage`` (thin: the
checks live in ``forms``/``security``, the writes in ``services``)."""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from core.pagination import paginate_request
from feedback import security, selectors, services
from feedback.forms import FeedbackForm, OpinionForm, PublicSubmissionForm
from feedback.models import PAGE_SIZE, ConsultationPage, FeedbackPage, FeedbackSettings
from feedback.validators import MAX_ATTACHMENT_BYTES

logger = logging.getLogger(__name__)

# The whole request: an attachment at the limit plus the text fields and multipart overhead.
MAX_REQUEST_BYTES = MAX_ATTACHMENT_BYTES + 256 * 1024


def _captcha_enabled(request: HttpRequest) -> bool:
    return FeedbackSettings.for_request(request).captcha_enabled


def _fresh_form(form_class: type[PublicSubmissionForm], captcha: bool, **kwargs):
    """An unbound form, or a bound one re-armed with a new token and challenge."""
    form = kwargs.pop("form", None) or form_class(captcha=captcha)
    challenge = security.captcha_issue() if captcha else None
    form.form_token_value = security.form_token_issue()
    form.challenge = challenge
    return form


def rate_limited(request: HttpRequest, retry_after: int) -> HttpResponse:
    """429 with a Vietnamese explanation and ``Retry-After`` (R7.3).

    A standalone page that needs no database query: it also answers a flood.
    """
    minutes = max(1, (retry_after + 59) // 60)
    response = TemplateResponse(
        request,
        "feedback/rate_limited.html",
        {"school": getattr(request, "tenant", None), "minutes": minutes},
        status=429,
    )
    response["Retry-After"] = str(retry_after)
    return response.render()


def _too_large(request: HttpRequest) -> bool:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > MAX_REQUEST_BYTES
    except ValueError:
        return True


def _render_form(request, page, form, *, status: int = 200, extra: dict | None = None):
    response = page.render(
        request,
        context_overrides={"form": form, **(extra or {})},
        template=page.get_template(request),
    )
    response.status_code = status
    return response


def _handle_post(request, page, form_class, *, captcha: bool, store):
    """The shared order of checks for a public post. ``store(form)`` returns the redirect."""
    limit = security.rate_limit_ip(request)
    if limit.exceeded:
        return rate_limited(request, limit.retry_after)
    if _too_large(request):
        logger.info("Refused an oversized post (%s bytes)", request.META.get("CONTENT_LENGTH"))
        form = _fresh_form(form_class, captcha)
        form.too_large = True
        return _render_form(request, page, form, status=413)
    form = form_class(request.POST, request.FILES, captcha=captcha)
    if form.honeypot_filled:
        # Silently accepted: a bot learns nothing; nothing is stored.
        logger.info("Honeypot filled on %s from %s", page.url_path, security.client_ip(request))
        return TemplateResponse(
            request, "feedback/submission_thanks.html", {"page": page, "self": page}
        )
    if not form.is_valid():
        return _render_form(request, page, _fresh_form(form_class, captcha, form=form), status=400)
    limit = security.rate_limit_school()
    if limit.exceeded:
        return rate_limited(request, limit.retry_after)
    return store(form)


def feedback_form(request: HttpRequest, page: FeedbackPage) -> HttpResponse:
    captcha = _captcha_enabled(request)
    if request.method == "POST":

        def store(form: FeedbackForm) -> HttpResponse:
            data = form.cleaned_data
            feedback = services.feedback_submit(
                name=data["name"],
                email=data["email"],
                phone=data["phone"],
                category=data["category"],
                subject=data["subject"],
                message=data["message"],
                attachment=data.get("attachment") or None,
                checked_attachment=form.checked_attachment,
                form_token=data["form_token"],
            )
            return redirect(page.url + page.reverse_subpage("thanks", args=[feedback.reference]))

        return _handle_post(request, page, FeedbackForm, captcha=captcha, store=store)
    return _render_form(request, page, _fresh_form(FeedbackForm, captcha))


def feedback_thanks(request: HttpRequest, page: FeedbackPage, reference: str) -> HttpResponse:
    feedback = selectors.feedback_by_reference(reference)
    if feedback is None:
        raise Http404("Unknown reference")
    return page.render(
        request,
        context_overrides={"feedback": feedback},
        template="feedback/feedback_thanks.html",
    )


def feedback_qa(request: HttpRequest, page: FeedbackPage) -> HttpResponse:
    return page.render(
        request,
        context_overrides={"questions": paginate_request(request, selectors.qa_list(), PAGE_SIZE)},
        template="feedback/feedback_qa.html",
    )


def opinion_form(request: HttpRequest, page: ConsultationPage) -> HttpResponse:
    captcha = _captcha_enabled(request)
    if request.method == "POST":
        if not page.is_open():
            return _render_form(request, page, None, status=403, extra={"refused": True})

        def store(form: OpinionForm) -> HttpResponse:
            data = form.cleaned_data
            try:
                opinion = services.opinion_submit(
                    consultation=page,
                    name=data["name"],
                    email=data["email"],
                    phone=data["phone"],
                    organisation=data["organisation"],
                    opinion=data["opinion"],
                    attachment=data.get("attachment") or None,
                    checked_attachment=form.checked_attachment,
                    form_token=data["form_token"],
                )
            except ValidationError:  # the deadline passed while the form was being filled
                return _render_form(request, page, None, status=403, extra={"refused": True})
            return redirect(page.url + page.reverse_subpage("thanks", args=[opinion.reference]))

        return _handle_post(request, page, OpinionForm, captcha=captcha, store=store)
    form = _fresh_form(OpinionForm, captcha) if page.is_open() else None
    return _render_form(request, page, form)


def opinion_thanks(request: HttpRequest, page: ConsultationPage, reference: str) -> HttpResponse:
    opinion = selectors.opinion_by_reference(page, reference)
    if opinion is None:
        raise Http404("Unknown reference")
    return page.render(
        request,
        context_overrides={"opinion": opinion},
        template="feedback/consultation_thanks.html",
    )
