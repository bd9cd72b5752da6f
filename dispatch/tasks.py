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
