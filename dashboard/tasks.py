"""Periodic gathering of school metrics (sent from the public schema)."""

from portal.celery import app
from schools.models import School
from schools.selectors import school_list


@app.task(name="dashboard.tasks.refresh_school_metrics", ignore_result=True)
def refresh_school_metrics(school_id: int) -> None:
    from dashboard.services import metrics_refresh

    school = School.objects.filter(pk=school_id).first()
    if school is not None:
        metrics_refresh(school=school)


@app.task(name="dashboard.tasks.refresh_all_metrics", ignore_result=True)
def refresh_all_metrics() -> int:
    """One small task per school, so workers spread the sweep and one failure stays local."""
    ids = list(school_list().values_list("pk", flat=True))
    for school_id in ids:
        refresh_school_metrics.delay(school_id)
    return len(ids)
