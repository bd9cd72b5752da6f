"""Writes of the online services (R6.2).

* Imports store a parsed file (``importers``) in one transaction: a re-import replaces its
  set whole; nothing is ever half imported.
* An application is committed before anything else happens (attachments, e-mails); e-mails
  are Celery tasks queued on commit, retried, and never touch the stored application.
* Personal data is erased after each school's retention period (``personal_data_purge``).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_ipv46_address
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from core.schoolyears import current_school_year, format_school_year, parse_school_year
from feedback.services import insert_with_reference
from feedback.validators import CheckedAttachment, clean_text
from online_services.importers import ParsedFile
from online_services.models import (
    DECIDED_STATUSES,
    AdmissionApplication,
    AdmissionCampaign,
    ApplicationAttachment,
    ApplicationStatus,
    CampaignDocument,
    Diploma,
    DiplomaSet,
    LookupLog,
    OnlineServicesSettings,
    Period,
    ResultSet,
    StudentResult,
)
from online_services.text import phone_key
from siteplatform.mail import mail_task_queue

logger = logging.getLogger(__name__)

BULK_BATCH = 500


# --- Imports ---------------------------------------------------------------------------------


def _replaceable(existing, replace: bool, label: str) -> None:
    if existing is not None and not replace:
        raise ValidationError(
            _(
                "Đã có đợt “%(label)s”. Chọn “Thay thế dữ liệu đã nhập” để nhập lại toàn bộ "
                "đợt này từ tệp mới."
            )
            % {"label": label}
        )


def _imported_set_store(
    existing,
    build: Callable[[], models.Model],
    *,
    label: str,
    row_model: type[models.Model],
    parent_field: str,
    rows_label: str,
    parsed: ParsedFile,
    source_name: str,
    published: bool,
    replace: bool,
    acting_user,
):
    """Store an imported set (``existing``, or ``build()`` when there is none) with the rows
    of ``parsed`` as ``row_model`` rows; an existing set's old rows go first, and only with
    ``replace``."""
    _replaceable(existing, replace, label)
    if existing is None:
        imported = build()
    else:
        imported = existing
        imported.rows.all().delete()
    imported.published = published
    imported.source_name = source_name[:255]
    imported.row_count = len(parsed.rows)
    imported.imported_by = acting_user
    imported.imported_at = timezone.now()
    imported.save()
    row_model.objects.bulk_create(
        (row_model(**{parent_field: imported}, **row) for row in parsed.rows),
        batch_size=BULK_BATCH,
    )
    log(instance=imported, action="wagtail.create", user=acting_user)
    logger.info("Imported %s %s into set %s", len(parsed.rows), rows_label, imported.pk)
    return imported


@transaction.atomic
def result_set_import(
    *,
    school_year: str,
    period: str,
    exam_name: str = "",
    published: bool = True,
    parsed: ParsedFile,
    source_name: str,
    replace: bool = False,
    acting_user=None,
) -> ResultSet:
    """Store one term's or exam's results; with ``replace``, the set's old rows go first."""
    exam_name = exam_name.strip() if period == Period.EXAM else ""
    result_set = (
        ResultSet.objects.select_for_update()
        .filter(school_year=school_year, period=period, exam_name=exam_name)
        .first()
    )
    return _imported_set_store(
        result_set,
        lambda: ResultSet(school_year=school_year, period=period, exam_name=exam_name),
        label=f"{ResultSet(period=period, exam_name=exam_name).label} {school_year}",
        row_model=StudentResult,
        parent_field="result_set",
        rows_label="result rows",
        parsed=parsed,
        source_name=source_name,
        published=published,
        replace=replace,
        acting_user=acting_user,
    )


@transaction.atomic
def diploma_set_import(
    *,
    kind: str,
    title: str,
    published: bool = True,
    parsed: ParsedFile,
    source_name: str,
    replace: bool = False,
    acting_user=None,
) -> DiplomaSet:
    """Store one batch of diplomas; with ``replace``, the batch's old rows go first."""
    title = clean_text(title)
    diploma_set = DiplomaSet.objects.select_for_update().filter(kind=kind, title=title).first()
    return _imported_set_store(
        diploma_set,
        lambda: DiplomaSet(kind=kind, title=title),
        label=title,
        row_model=Diploma,
        parent_field="diploma_set",
        rows_label="diplomas",
        parsed=parsed,
        source_name=source_name,
        published=published,
        replace=replace,
        acting_user=acting_user,
    )


def lookup_log_record(*, kind: str, hashed: str, found: bool, client_ip: str | None) -> LookupLog:
    """One line of the audit log of look-ups: never what was typed, never the answer."""
    try:
        validate_ipv46_address(client_ip or "")
    except ValidationError:
        client_ip = None
    return LookupLog.objects.create(kind=kind, code_hash=hashed, found=found, client_ip=client_ip)


# --- Admission applications --------------------------------------------------------------------


@dataclass(frozen=True)
class Attachment:
    document: CampaignDocument
    upload: UploadedFile
    checked: CheckedAttachment


def _attach(application: AdmissionApplication, item: Attachment) -> None:
    """Store one file under a random name; a storage failure keeps the application."""
    attachment = ApplicationAttachment(
        application=application,
        document=item.document,
        document_name=item.document.name,
        original_name=clean_text(item.upload.name or "")[:255],
        content_type=item.checked.content_type,
        size=item.upload.size or 0,
    )
    try:
        attachment.file.save(
            f"{uuid.uuid4().hex}.{item.checked.extension}", item.upload, save=False
        )
        attachment.save()
    except OSError:
        logger.exception("An attachment of application %s could not be stored", application.pk)


def application_submit(
    *,
    campaign: AdmissionCampaign,
    data: dict,
    attachments: list[Attachment] = (),
    form_token: uuid.UUID | None = None,
    now=None,
) -> AdmissionApplication:
    """Store an application (already validated) while the campaign is open, then its files,
    then queue its e-mails. Raises ``ValidationError`` when the campaign is not open.

    ``data`` holds the child's and the parent's fields of ``AdmissionApplication``.
    """
    if not campaign.is_open(now):
        raise ValidationError(_("Đợt tuyển sinh này không nhận hồ sơ vào lúc này."), code="closed")
    if form_token is not None:
        existing = AdmissionApplication.objects.filter(form_token=form_token).first()
        if existing is not None:
            return existing
    application = AdmissionApplication(
        campaign=campaign,
        form_token=form_token,
        parent_phone_key=phone_key(data.get("parent_phone", "")),
        **data,
    )
    stored = insert_with_reference(application, "TS")
    if stored is not application:  # the same form posted twice
        return stored
    for item in attachments:
        _attach(application, item)
    logger.info("Application %s stored for campaign %s", application.reference, campaign.pk)

    from online_services import tasks

    transaction.on_commit(lambda: mail_task_queue(tasks.application_notify_board, application.pk))
    if application.parent_email:
        transaction.on_commit(lambda: mail_task_queue(tasks.application_send_ack, application.pk))
    return application


def application_review_validate(
    *, application: AdmissionApplication, status: str, decision_note: str
) -> None:
    """Raise ``ValidationError`` (by field) for a decision the board may not record."""
    if status == ApplicationStatus.REJECTED and not decision_note.strip():
        raise ValidationError(
            {"decision_note": _("Hãy ghi lý do không tiếp nhận để cha mẹ được biết.")}
        )
    if status == ApplicationStatus.ACCEPTED and application.status != ApplicationStatus.ACCEPTED:
        campaign = application.campaign
        accepted = campaign.applications.filter(status=ApplicationStatus.ACCEPTED).count()
        if accepted >= campaign.quota:
            raise ValidationError(
                {
                    "status": _(
                        "Đã đủ chỉ tiêu %(quota)s học sinh của đợt tuyển sinh. Nếu được phép "
                        "tuyển thêm, hãy tăng chỉ tiêu của đợt trước."
                    )
                    % {"quota": campaign.quota}
                }
            )


@transaction.atomic
def application_review(
    *,
    application: AdmissionApplication,
    status: str,
    decision_note: str = "",
    internal_notes: str = "",
    acting_user,
) -> AdmissionApplication:
    """Record the board's review; a new decision is mailed to the parent once (on commit)."""
    row = AdmissionApplication.objects.select_for_update().get(pk=application.pk)
    decision_note = clean_text(decision_note)
    application_review_validate(application=row, status=status, decision_note=decision_note)
    decided = status in DECIDED_STATUSES and (
        status != row.status or decision_note != row.decision_note
    )
    row.status = status
    row.decision_note = decision_note
    row.internal_notes = clean_text(internal_notes)
    row.reviewed_by = acting_user
    row.reviewed_at = timezone.now()
    if decided:
        row.decision_sent_at = None
    row.save()
    log(instance=row, action="wagtail.edit", user=acting_user)
    logger.info("Application %s reviewed by user %s: %s", row.reference, acting_user.pk, status)
    if decided and row.parent_email:
        from online_services import tasks

        transaction.on_commit(lambda: mail_task_queue(tasks.application_send_decision, row.pk))
    return row


def campaign_changed() -> None:
    """A campaign was saved or deleted: the home page's "đang tuyển sinh" panel re-renders."""
    from siteplatform.cache import page_cache_invalidate

    page_cache_invalidate()


# --- Retention ---------------------------------------------------------------------------------

_ERASED = {
    "child_name": "",
    "child_birth_date": None,
    "child_birthplace": "",
    "child_ethnicity": "",
    "child_personal_id": "",
    "address": "",
    "previous_school": "",
    "parent_name": "",
    "parent_phone": "",
    "parent_phone_key": "",
    "parent_email": "",
    "note": "",
    "decision_note": "",
    "internal_notes": "",
}


def _settings() -> OnlineServicesSettings:
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    return OnlineServicesSettings.for_site(site) if site else OnlineServicesSettings()


def _erase_applications(queryset, *, now, dry_run: bool) -> int:
    count = 0
    for application in queryset.iterator():
        count += 1
        if dry_run:
            continue
        application.attachments.all().delete()  # the files go on commit (signal_handlers)
        AdmissionApplication.objects.filter(pk=application.pk).update(
            **_ERASED, personal_data_purged_at=now
        )
    return count


def personal_data_purge(*, dry_run: bool = False, now=None) -> dict[str, int]:
    """Apply the school's retention settings in the current schema (see ``models.settings``).

    * look-up log lines older than ``log_retention_days`` are deleted;
    * result sets of school years before the last ``results_retention_years`` are deleted;
    * applications of campaigns closed more than ``admission_retention_days`` ago lose the
      child's and the parent's data and their files; reference, campaign, status and dates
      stay for the statistics.

    Diplomas are permanent records: kept until the board deletes their set.
    """
    now = now or timezone.now()
    config = _settings()
    logs = LookupLog.objects.filter(created_at__lt=now - timedelta(days=config.log_retention_days))
    oldest_kept = parse_school_year(current_school_year(timezone.localdate(now)))
    oldest_kept -= config.results_retention_years - 1
    old_sets = ResultSet.objects.filter(school_year__lt=format_school_year(oldest_kept))
    applications = AdmissionApplication.objects.filter(
        personal_data_purged_at__isnull=True,
        campaign__closes_at__lt=now - timedelta(days=config.admission_retention_days),
    ).only("pk")
    counts = {"log": logs.count(), "result_sets": old_sets.count()}
    with transaction.atomic():
        counts["applications"] = _erase_applications(applications, now=now, dry_run=dry_run)
        if not dry_run:
            logs.delete()
            old_sets.delete()
    return counts
