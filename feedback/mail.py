"""What the feedback e-mails say and to whom they go (built here, sent by `feedback.tasks`)."""

from __future__ import annotations

from django.db import connection
from django.urls import reverse
from wagtail.models import Page, Site

from feedback.models import ConsultationOpinion, FeedbackMessage, FeedbackPage, FeedbackSettings
from siteplatform.mail import Mail, mail_render


def _school():
    from schools.models import School

    return School.objects.filter(schema_name=connection.schema_name).first()


def _base_url(school) -> str:
    from schools.selectors import school_base_url

    return school_base_url(school) if school else ""


def _page_url(base_url: str, page: Page | None, suffix: str = "") -> str:
    if page is None:
        return ""
    parts = page.get_url_parts()
    return f"{base_url}{parts[2]}{suffix}" if parts else ""


def mail_context(*, item: FeedbackMessage | ConsultationOpinion) -> dict:
    school = _school()
    base_url = _base_url(school)
    context = {"item": item, "school": school, "base_url": base_url}
    if isinstance(item, FeedbackMessage):
        page = FeedbackPage.objects.live().first()
        context["status_url"] = _page_url(base_url, page, f"da-gui/{item.reference}/")
        context["qa_url"] = _page_url(base_url, page, "hoi-dap/")
        context["admin_url"] = base_url + reverse(
            "wagtailsnippets_feedback_feedbackmessage:edit", args=[item.pk]
        )
    else:
        context["consultation_url"] = _page_url(base_url, item.consultation.specific)
    return context


def board_recipients() -> list[str]:
    """The school's notification address, else its official e-mail (R2.4)."""
    from core.models import SchoolProfile

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return []
    address = FeedbackSettings.for_site(site).notification_email
    if not address:
        address = SchoolProfile.for_site(site).email
    return [address] if address else []


def _render(template: str, item: FeedbackMessage | ConsultationOpinion, to: list[str]) -> Mail:
    return mail_render(f"feedback/email/{template}", mail_context(item=item), to)


def feedback_ack(row: FeedbackMessage) -> Mail | None:
    """The acknowledgement with the reference number, if the sender left an e-mail."""
    return _render("feedback_ack", row, [row.email]) if row.email else None


def feedback_board_notice(row: FeedbackMessage) -> Mail:
    return _render("feedback_board", row, board_recipients())


def feedback_reply(row: FeedbackMessage) -> Mail | None:
    if not row.email or not row.reply.strip():
        return None
    return _render("feedback_reply", row, [row.email])


def opinion_ack(row: ConsultationOpinion) -> Mail | None:
    return _render("opinion_ack", row, [row.email]) if row.email else None
