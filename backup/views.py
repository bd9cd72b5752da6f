"""The operator's backup page (Điều hành → Sao lưu – khôi phục), public schema only.

Download: the operator asks for a school's archive, the worker builds it
(``backup.jobs``), and the page lists it with a download link when it is ready. Restore: the
upload is verified and kept in a private staging folder under a random id; a second page
shows what the archive holds and asks for an explicit confirmation (typing the school's slug
to replace it) before ``backup.services.school_restore`` runs.
"""

from __future__ import annotations

import logging
import secrets
import time
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from backup.archive import ArchiveError
from backup.forms import RestoreConfirmForm, RestoreUploadForm
from backup.jobs import backup_job_request, keep_days
from backup.models import BackupJob
from backup.selectors import archive_inspect, archive_summary, backup_jobs_recent, school_search
from backup.services import school_restore
from backup.storage import backup_storage
from core.pagination import paginate_request
from dashboard.permissions import operator_required
from schools.models import School
from schools.selectors import school_list

logger = logging.getLogger(__name__)


def staging_dir() -> Path:
    path = Path(
        getattr(settings, "PORTAL_BACKUP_STAGING_DIR", "")
        or Path(settings.DATA_DIR) / "restore-staging"
    )
    path.mkdir(parents=True, exist_ok=True)
    return path


STAGED_MAX_AGE = 24 * 60 * 60


def _staged_prune() -> None:
    """Forget uploads nobody confirmed within a day."""
    limit = time.time() - STAGED_MAX_AGE
    for path in staging_dir().glob("*.tar.gz"):
        if path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)


def _staged(token: str) -> Path:
    if not token.isalnum() or len(token) != 32:
        raise Http404("unknown upload")
    path = staging_dir() / f"{token}.tar.gz"
    if not path.is_file():
        raise Http404("unknown upload")
    return path


@operator_required
def backup_index(request: HttpRequest) -> HttpResponse:
    form = RestoreUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        _staged_prune()
        token = secrets.token_hex(16)
        target = staging_dir() / f"{token}.tar.gz"
        with target.open("wb") as out:
            for chunk in form.cleaned_data["archive"].chunks():
                out.write(chunk)
        return redirect("backup:confirm", token)
    query = request.GET.get("q", "").strip()[:100]
    jobs = backup_jobs_recent()
    context = {
        "page_title": _("Sao lưu – khôi phục"),
        "header_icon": "download",
        "query": query,
        "schools": paginate_request(request, school_search(query), SCHOOLS_PER_PAGE),
        "jobs": jobs,
        "jobs_pending": any(job.pending for job in jobs),
        "keep_days": keep_days(),
        "form": form,
    }
    return TemplateResponse(request, "backup/admin/index.html", context)


SCHOOLS_PER_PAGE = 50


@operator_required
@require_POST
def backup_request(request: HttpRequest, slug: str) -> HttpResponse:
    school = get_object_or_404(school_list(), slug=slug)
    backup_job_request(school=school, acting_username=request.user.get_username())
    messages.success(
        request,
        _(
            "Đang tạo bản sao lưu của “%(name)s”. Tệp sẽ có trong danh sách “Bản sao lưu gần "
            "đây” khi trạng thái là “Sẵn sàng”."
        )
        % {"name": school.name},
    )
    return redirect("backup:index")


@operator_required
def backup_file(request: HttpRequest, job_id: int) -> HttpResponse:
    job = get_object_or_404(BackupJob, pk=job_id, status=BackupJob.Status.DONE)
    storage = backup_storage()
    if not job.file_name or not storage.exists(job.file_name):
        logger.warning("Backup job %d has no file %r in storage", job.pk, job.file_name)
        raise Http404("archive gone")
    return FileResponse(
        storage.open(job.file_name, "rb"),
        as_attachment=True,
        filename=Path(job.file_name).name,
        content_type="application/gzip",
    )


@operator_required
def restore_confirm(request: HttpRequest, token: str) -> HttpResponse:
    path = _staged(token)
    try:
        manifest = archive_inspect(path)
    except ArchiveError as exc:
        logger.warning("Uploaded archive refused: %s", exc.detail)
        path.unlink(missing_ok=True)
        messages.error(request, str(exc))
        return redirect("backup:index")
    slug = manifest["school"]["slug"]
    existing = School.objects.filter(slug=slug).exclude(is_template=True).first()
    form = RestoreConfirmForm(request.POST or None, slug=slug, can_replace=existing is not None)
    if request.method == "POST" and form.is_valid():
        replace = form.cleaned_data["mode"] == RestoreConfirmForm.MODE_REPLACE
        try:
            result = school_restore(
                archive_path=path,
                replace=existing if replace else None,
                new_slug=None if replace else form.cleaned_data["new_slug"] or None,
                new_domain=None if replace else form.cleaned_data["new_domain"] or None,
                acting_username=request.user.get_username(),
            )
        except ArchiveError as exc:
            logger.warning("Restore refused: %s", exc.detail)
            messages.error(request, str(exc))
        except ValidationError as exc:
            fields = {"slug": "new_slug", "domain": "new_domain"}
            for field, errors in getattr(exc, "message_dict", {"__all__": exc.messages}).items():
                for error in errors:
                    form.add_error(fields.get(field), error)
        else:
            path.unlink(missing_ok=True)
            messages.success(
                request,
                _("Đã khôi phục “%(name)s” (%(files)d tệp).")
                % {"name": result.school.name, "files": result.media_files},
            )
            return redirect("backup:index")
    context = {
        "page_title": _("Xác nhận khôi phục"),
        "header_icon": "warning",
        "summary": archive_summary(manifest),
        "existing": existing,
        "form": form,
    }
    return TemplateResponse(request, "backup/admin/confirm.html", context)
