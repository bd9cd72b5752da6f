"""Publication of a public dispatch in one school (sent inside that school's schema)."""

from __future__ import annotations

import logging

from django.db import OperationalError

from portal.celery import app

logger = logging.getLogger(__name__)


@app.task(
    name="dispatch.tasks.dispatch_publish",
    ignore_result=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
)
def dispatch_publish(dispatch_id: int, school_id: int) -> int | None:
    from dispatch.models import Dispatch
    from dispatch.services import dispatch_publish_to_school
    from schools.models import School

    dispatch = Dispatch.objects.filter(pk=dispatch_id).first()
    school = School.objects.filter(pk=school_id).first()
    if dispatch is None or school is None:
        logger.warning(
            "Dispatch %s or school %s is gone: nothing to publish", dispatch_id, school_id
        )
        return None
    return dispatch_publish_to_school(dispatch=dispatch, school=school)


@app.task(name="dispatch.tasks.dispatch_new_school", ignore_result=True)
def dispatch_new_school(school_id: int) -> int:
    """Deliver the public dispatches sent before this school existed (queued on its creation)."""
    from dispatch.services import dispatch_deliver_to_new_school
    from schools.models import School

    school = School.objects.filter(pk=school_id).first()
    if school is None or school.is_template or school.is_operator:
        return 0
    return dispatch_deliver_to_new_school(school=school)


@app.task(name="dispatch.tasks.dispatch_publish_pending", ignore_result=True)
def dispatch_publish_pending_recent() -> int:
    """Beat: re-queue publications that a dead worker left undone (delivered 10 min–7 days ago)."""
    import datetime

    from django.utils import timezone

    from dispatch.services import dispatch_publish_pending

    now = timezone.now()
    queued = dispatch_publish_pending(
        delivered_before=now - datetime.timedelta(minutes=10),
        delivered_after=now - datetime.timedelta(days=7),
    )
    return sum(queued.values())
