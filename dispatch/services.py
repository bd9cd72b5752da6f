"""Writes of the dispatch app: send, publish into a school, mark opened (R4.3).

Sending writes once in the public schema (the dispatch, its files, one receipt per target
school); the inbox of every school reads those rows. Only a public dispatch needs work
inside each school — a document page under ``/van-ban/`` with the files copied into the
school's own media — done by one Celery task per school, sent inside that school's schema.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.html import escape
from django_tenants.utils import schema_context
from wagtail.documents import get_document_model
from wagtail.log_actions import LogContext

from core.slugs import slug_from_title
from dispatch.models import Dispatch, DispatchFile, DispatchReceipt
from dispatch.validators import CheckedFile
from documents.models import DocumentIndexPage, Issuer, OfficialDocumentFile, OfficialDocumentPage
from feedback.validators import clean_text
from schools.models import School
from schools.selectors import school_list

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class DispatchContent:
    kind: str
    number: str
    issue_date: datetime.date
    summary: str
    issuer_name: str = ""
    effective_date: datetime.date | None = None
    body: str = ""


def _one_line(value: str) -> str:
    return " ".join(clean_text(value).split())


def dispatch_targets(*, dispatch: Dispatch) -> QuerySet[School]:
    """The schools a dispatch goes to: every real school, or the chosen ones among them."""
    schools = school_list()
    if not dispatch.all_schools:
        schools = schools.filter(pk__in=dispatch.schools.values("pk"))
    return schools.order_by("pk")


def dispatch_send(
    *,
    content: DispatchContent,
    files: Sequence[tuple[UploadedFile, CheckedFile]] = (),
    is_public: bool,
    all_schools: bool,
    schools: Iterable[School] = (),
    acting_username: str = "",
) -> Dispatch:
    """Create the dispatch, store its files once, deliver it to every target school.

    Files must have passed ``dispatch.validators.check_dispatch_file``. Publication of a
    public dispatch is queued after commit, one task per school.
    """
    now = timezone.now()
    with transaction.atomic():
        dispatch = Dispatch.objects.create(
            kind=content.kind,
            number=_one_line(content.number),
            issuer_name=_one_line(content.issuer_name) or settings.PORTAL_OPERATOR_NAME,
            issue_date=content.issue_date,
            effective_date=content.effective_date,
            summary=clean_text(content.summary),
            body=clean_text(content.body),
            is_public=is_public,
            all_schools=all_schools,
            created_by=acting_username,
            sent_at=now,
        )
        if not all_schools:
            dispatch.schools.set(list(schools))
        for order, (upload, checked) in enumerate(files):
            stored = DispatchFile(
                dispatch=dispatch,
                filename=checked.filename,
                content_type=checked.content_type,
                size=upload.size or 0,
                sort_order=order,
            )
            upload.seek(0)
            stored.file.save(checked.filename, upload, save=False)
            stored.save()
        targets = list(dispatch_targets(dispatch=dispatch))
        dispatch_receipts_ensure(dispatch=dispatch, schools=targets, delivered_at=now)
        if is_public:
            ids = [school.pk for school in targets]
            transaction.on_commit(lambda: dispatch_publish_queue(dispatch_id=dispatch.pk, ids=ids))
    logger.info(
        "Dispatch %s (%s) sent by %s to %d schools",
        dispatch.pk,
        dispatch.number,
        acting_username or "?",
        len(targets),
    )
    return dispatch


def dispatch_receipts_ensure(
    *, dispatch: Dispatch, schools: Iterable[School], delivered_at: datetime.datetime | None = None
) -> int:
    """One receipt per school (existing ones kept); returns how many were created."""
    delivered_at = delivered_at or timezone.now()
    wanted = {school.pk for school in schools}
    existing = set(
        DispatchReceipt.objects.filter(dispatch=dispatch, school_id__in=wanted).values_list(
            "school_id", flat=True
        )
    )
    created = DispatchReceipt.objects.bulk_create(
        [
            DispatchReceipt(dispatch=dispatch, school_id=pk, delivered_at=delivered_at)
            for pk in sorted(wanted - existing)
        ],
        ignore_conflicts=True,
    )
    return len(created)


def dispatch_publish_queue(*, dispatch_id: int, ids: Iterable[int]) -> None:
    """Send one publish task per school, each inside that school's schema."""
    from dispatch.tasks import dispatch_publish

    schools = School.objects.filter(pk__in=list(ids)).only("pk", "schema_name").order_by("pk")
    for school in schools:
        with schema_context(school.schema_name):
            dispatch_publish.delay(dispatch_id, school.pk)


def dispatch_publish_pending(
    *,
    dispatch_id: int | None = None,
    delivered_before: datetime.datetime | None = None,
    delivered_after: datetime.datetime | None = None,
) -> dict[int, int]:
    """Queue publication again for receipts of public dispatches that have no page yet.

    The re-run after a worker died in the middle of a fan-out: publication is idempotent
    (``dispatch_publish_to_school`` locks the receipt), so a school that already has its
    page is never given a second one. Returns ``{dispatch id: schools queued}``.
    """
    receipts = DispatchReceipt.objects.filter(
        dispatch__is_public=True, published_page_id__isnull=True
    )
    if dispatch_id is not None:
        receipts = receipts.filter(dispatch_id=dispatch_id)
    if delivered_before is not None:
        receipts = receipts.filter(delivered_at__lt=delivered_before)
    if delivered_after is not None:
        receipts = receipts.filter(delivered_at__gte=delivered_after)
    pending: dict[int, list[int]] = {}
    for pk, school_id in receipts.order_by("dispatch_id", "school_id").values_list(
        "dispatch_id", "school_id"
    ):
        pending.setdefault(pk, []).append(school_id)
    for pk, ids in pending.items():
        dispatch_publish_queue(dispatch_id=pk, ids=ids)
        logger.info("Dispatch %s: publication queued again for %d schools", pk, len(ids))
    return {pk: len(ids) for pk, ids in pending.items()}


def dispatch_deliver_to_new_school(*, school: School) -> int:
    """Give a school created after some dispatches the public ones sent to every school.

    Internal notices stay with the schools they were sent to; a public dispatch to all
    schools is a document every school's ``/van-ban/`` should list (R4.3), so the new school
    gets a receipt and, after commit, its document page. Returns the number delivered.
    """
    dispatches = list(
        Dispatch.objects.filter(is_public=True, all_schools=True)
        .exclude(receipts__school=school)
        .order_by("sent_at", "pk")
    )
    for dispatch in dispatches:
        dispatch_receipts_ensure(dispatch=dispatch, schools=[school])
        transaction.on_commit(
            lambda pk=dispatch.pk: dispatch_publish_queue(dispatch_id=pk, ids=[school.pk])
        )
    if dispatches:
        logger.info("New school %s receives %d public dispatches", school.slug, len(dispatches))
    return len(dispatches)


def dispatch_receipts_reconcile(*, school: School) -> int:
    """After a school's schema was restored from a backup, publish again what it lost.

    A receipt may name a page the restored tree does not have (published after the backup
    was made): it is cleared and its publication queued on commit. Returns how many.
    """
    from wagtail.models import Page

    receipts = list(
        DispatchReceipt.objects.filter(
            school=school, dispatch__is_public=True, published_page_id__isnull=False
        ).values_list("pk", "dispatch_id", "published_page_id")
    )
    with schema_context(school.schema_name):
        existing = set(
            Page.objects.filter(pk__in=[page for _pk, _d, page in receipts]).values_list(
                "pk", flat=True
            )
        )
    stale = [(pk, dispatch_id) for pk, dispatch_id, page in receipts if page not in existing]
    DispatchReceipt.objects.filter(pk__in=[pk for pk, _d in stale]).update(
        published_page_id=None, published_at=None
    )
    for dispatch_id in sorted({dispatch_id for _pk, dispatch_id in stale}):
        transaction.on_commit(
            lambda pk=dispatch_id: dispatch_publish_queue(dispatch_id=pk, ids=[school.pk])
        )
    if stale:
        logger.info("School %s: %d dispatch pages to publish again", school.slug, len(stale))
    return len(stale)


def _ascii_slug(text: str) -> str:
    """ "Công văn 2326/GDĐT-THCS" → "cong-van-2326-gddt-thcs"."""
    return slug_from_title(text, fallback="van-ban")


def _free_slug(parent: DocumentIndexPage, slug: str) -> str:
    taken = set(parent.get_children().filter(slug__startswith=slug).values_list("slug", flat=True))
    candidate, n = slug, 2
    while candidate in taken:
        candidate, n = f"{slug}-{n}", n + 1
    return candidate


def _issuer_for(dispatch: Dispatch) -> Issuer:
    short = (
        settings.PORTAL_OPERATOR_SHORT_NAME
        if dispatch.issuer_name == settings.PORTAL_OPERATOR_NAME
        else ""
    )
    issuer, _created = Issuer.objects.get_or_create(
        name=dispatch.issuer_name, defaults={"short_name": short, "sort_order": 40}
    )
    return issuer


def _body_html(text: str) -> str:
    return "".join(f"<p>{escape(line)}</p>" for line in text.splitlines() if line.strip())


def _copy_files(dispatch: Dispatch) -> list:
    """The dispatch's files as Wagtail documents of the current school (its own media)."""
    document_model = get_document_model()
    copies = []
    for stored in dispatch.files.all():
        with stored.file.open("rb") as handle:
            content = handle.read()
        document = document_model(title=stored.filename.rsplit(".", 1)[0], file_size=len(content))
        document.file.save(stored.filename, ContentFile(content), save=False)
        document.save()
        copies.append(document)
    return copies


def dispatch_publish_to_school(*, dispatch: Dispatch, school: School) -> int | None:
    """Publish a public dispatch as a document page of ``school``; returns the page id.

    Idempotent: the receipt is locked and remembers the page, so a retried or duplicated
    task returns the same page. A page the school already has with the same number (it
    posted the document itself) is linked instead of duplicated.
    """
    if not dispatch.is_public:
        return None
    with schema_context(school.schema_name), transaction.atomic(), LogContext():
        receipt = (
            DispatchReceipt.objects.select_for_update()
            .filter(dispatch=dispatch, school=school)
            .first()
        )
        if receipt is None:
            logger.warning("No receipt of dispatch %s for %s: not published", dispatch.pk, school)
            return None
        if receipt.published_page_id:
            return receipt.published_page_id
        page = OfficialDocumentPage.objects.filter(number__iexact=dispatch.number).first()
        if page is None:
            index_page = DocumentIndexPage.objects.first()
            if index_page is None:
                logger.warning(
                    "School %s has no documents section: dispatch %s not published",
                    school.slug,
                    dispatch.pk,
                )
                return None
            page = OfficialDocumentPage(
                title=dispatch.title,
                slug=_free_slug(index_page, _ascii_slug(dispatch.title)),
                kind=dispatch.kind,
                number=dispatch.number,
                issuer=_issuer_for(dispatch),
                issue_date=dispatch.issue_date,
                effective_date=dispatch.effective_date,
                summary=dispatch.summary,
                body=_body_html(dispatch.body),
            )
            for document in _copy_files(dispatch):
                page.files.add(OfficialDocumentFile(document=document))
            index_page.add_child(instance=page)
            page.save_revision().publish()
            logger.info("Dispatch %s published in %s as page %s", dispatch.pk, school.slug, page.pk)
        else:
            logger.info(
                "Dispatch %s: %s already has page %s with number %s",
                dispatch.pk,
                school.slug,
                page.pk,
                dispatch.number,
            )
        receipt.published_page_id = page.pk
        receipt.published_at = timezone.now()
        receipt.save(update_fields=["published_page_id", "published_at"])
        return page.pk


def receipt_mark_opened(*, receipt: DispatchReceipt, username: str) -> bool:
    """Record the first opening of a dispatch by the school; later openings change nothing."""
    now = timezone.now()
    updated = DispatchReceipt.objects.filter(pk=receipt.pk, opened_at__isnull=True).update(
        opened_at=now, opened_by=username[:150]
    )
    if updated:
        receipt.opened_at, receipt.opened_by = now, username[:150]
    return bool(updated)
