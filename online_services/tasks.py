"""E-mails and retention of the online services, as Celery tasks (R6.2, R7.3).

Each mail task is sent inside the school's schema (``tenant-schemas-celery`` carries it),
loads the application by id and sends at most once: the row is locked, a ``*_sent_at`` stamp
already set means the mail went out, and the stamp is written in the same transaction as the
send. A failing mail server raises, nothing is stamped, and Celery retries with backoff; the
application itself was committed before the task was queued.
"""

from __future__ import annotations

import logging

from django.db import connection
from django.urls import reverse

from online_services.models import AdmissionApplication, AdmissionRegistrationPage
from portal.celery import app
from siteplatform.mail import MAIL_RETRY as RETRY
from siteplatform.mail import Mail, mail_render, mail_send_once

logger = logging.getLogger(__name__)


def _context(application: AdmissionApplication) -> dict:
    from schools.models import School
    from schools.selectors import school_base_url

    school = School.objects.filter(schema_name=connection.schema_name).first()
    base_url = school_base_url(school) if school else ""
    page = AdmissionRegistrationPage.objects.live().first()
    status_url = ""
    if page is not None and (parts := page.get_url_parts()):
        status_url = f"{base_url}{parts[2]}{page.reverse_subpage('status')}"
    return {
        "application": application,
        "school": school,
        "status_url": status_url,
        "admin_url": base_url
        + reverse(
            "wagtailsnippets_online_services_admissionapplication:edit", args=[application.pk]
        ),
    }


def _board_recipients() -> list[str]:
    """The school's address for admissions, else its official e-mail (R2.4)."""
    from wagtail.models import Site

    from core.models import SchoolProfile
    from online_services.models import OnlineServicesSettings

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return []
    address = OnlineServicesSettings.for_site(site).notification_email
    address = address or SchoolProfile.for_site(site).email
    return [address] if address else []


def _send_once(pk: int, stamp: str, template: str, recipients) -> bool:
    def build(row: AdmissionApplication) -> Mail | None:
        if row.personal_data_purged_at:
            return None
        to = recipients(row)
        if not to:
            return None
        return mail_render(f"online_services/email/{template}", _context(row), to)

    return mail_send_once(
        AdmissionApplication.objects.select_related("campaign"), pk=pk, stamp=stamp, build=build
    )


@app.task(**RETRY)
def application_send_ack(application_id: int) -> bool:
    """Confirm the application to the parent, with its reference number."""
    return _send_once(
        application_id,
        "ack_sent_at",
        "application_ack",
        lambda row: [row.parent_email] if row.parent_email else [],
    )


@app.task(**RETRY)
def application_notify_board(application_id: int) -> bool:
    """Tell the board an application arrived (no personal data: it links the admin)."""
    return _send_once(
        application_id, "board_notified_at", "application_board", lambda row: _board_recipients()
    )


@app.task(**RETRY)
def application_send_decision(application_id: int) -> bool:
    """Tell the parent the board's decision (accepted, or rejected with the reason)."""
    return _send_once(
        application_id,
        "decision_sent_at",
        "application_decision",
        lambda row: [row.parent_email] if row.parent_email else [],
    )


@app.task
def purge_personal_data_all_schools() -> dict[str, dict[str, int]]:
    """Nightly (Celery beat): apply every school's retention settings."""
    from online_services.services import personal_data_purge
    from schools.services import schools_each

    results = schools_each(personal_data_purge)
    logger.info("Online services retention purge: %s", results)
    return results
