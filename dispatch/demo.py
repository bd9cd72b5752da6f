"""Demo dispatches of the Phòng: one public công văn and one internal notice, sent to every
school, with generated PDFs; delivered to each demo school, opened by some.

Called from the per-school demo hook (inside the school's schema): the dispatches are
created once in the public schema, then this school's receipt is added and, for the
public one, its document page published synchronously (the demo needs no worker).
Idempotent. The dispatches are in ``dispatch/demo_data/dispatches.yaml``.
"""

from __future__ import annotations

import dataclasses
import datetime
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django_tenants.utils import schema_context

from dispatch.models import Dispatch, DispatchFile, DispatchReceipt
from dispatch.services import _ascii_slug, dispatch_publish_to_school, dispatch_receipts_ensure
from documents.models import DocumentKind
from documents.pdf import render_pdf
from schools.demo_loader import demo_data

logger = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class DemoDispatch:
    kind: DocumentKind
    number: str
    issue_date: datetime.date
    summary: str
    body: str
    is_public: bool


@dataclasses.dataclass(frozen=True)
class DemoDispatches:
    dispatches: list[DemoDispatch]


DEMO_DISPATCHES = [
    dataclasses.asdict(item)
    for item in demo_data("dispatch", "dispatches", DemoDispatches).dispatches
]


def _demo_dispatch(item: dict) -> Dispatch:
    """The dispatch in the public schema, created with its PDF the first time."""
    dispatch = Dispatch.objects.filter(number=item["number"]).first()
    if dispatch is not None:
        return dispatch
    with transaction.atomic():
        dispatch = Dispatch.objects.create(
            kind=item["kind"],
            number=item["number"],
            issuer_name=settings.PORTAL_OPERATOR_NAME,
            issue_date=item["issue_date"],
            summary=item["summary"],
            body=item["body"],
            is_public=item["is_public"],
            all_schools=True,
            created_by="phonggd",
            sent_at=timezone.now(),
        )
        content = render_pdf(
            header_left=[settings.PORTAL_OPERATOR_NAME.upper()[:42], f"Số: {dispatch.number}"],
            title=f"{dispatch.title}: {dispatch.summary}",
            lines=[*item["body"].splitlines(), f"Ngày {dispatch.issue_date:%d/%m/%Y}."],
        )
        filename = _ascii_slug(dispatch.title) + ".pdf"
        stored = DispatchFile(
            dispatch=dispatch, filename=filename, content_type="application/pdf", size=len(content)
        )
        stored.file.save(filename, ContentFile(content), save=False)
        stored.save()
    return dispatch


def load_demo_dispatches(school) -> int:
    """Deliver the demo dispatches to ``school``; returns how many receipts were created."""
    created = 0
    with schema_context(settings.PUBLIC_SCHEMA_NAME):
        dispatches = [_demo_dispatch(item) for item in DEMO_DISPATCHES]
        for position, dispatch in enumerate(dispatches):
            created += dispatch_receipts_ensure(dispatch=dispatch, schools=[school])
            # Some schools have opened the công văn; the notice waits in every inbox.
            if position == 0 and school.pk % 2:
                DispatchReceipt.objects.filter(
                    dispatch=dispatch, school=school, opened_at__isnull=True
                ).update(opened_at=timezone.now(), opened_by="hieutruong")
    for dispatch in dispatches:
        dispatch_publish_to_school(dispatch=dispatch, school=school)
    logger.info("Demo dispatches for %s: %d delivered", school.slug, created)
    return created
