"""The operator's backup page (Điều hành → Sao lưu – khôi phục), public schema only.

Download: the school's archive is written to a temporary file and streamed. Restore: the
upload is verified and kept in a private staging folder under a random id; a second page
shows what the archive holds and asks for an explicit confirmation (typing the school's slug
to replace it) before ``backup.services.school_restore`` runs.
"""

from __future__ import annotations

import logging
import secrets
import shutil
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from backup import pgtools
from backup.archive import ArchiveError
from backup.forms import RestoreConfirmForm, RestoreUploadForm
from backup.selectors import archive_inspect, archive_summary
from backup.services import school_backup_write, school_restore
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
    context = {
        "page_title": _("Sao lưu – khôi phục"),
        "header_icon": "download",
        "schools": school_list().order_by("name"),
        "form": form,
    }
    return TemplateResponse(request, "backup/admin/index.html", context)


@operator_required
@require_POST
def backup_download(request: HttpRequest, slug: str) -> HttpResponse:
    school = get_object_or_404(school_list(), slug=slug)
    work = Path(tempfile.mkdtemp(prefix="backup-download-"))
    name = f"{school.slug}-{timezone.localtime():%Y%m%d-%H%M}.tar.gz"
    try:
        school_backup_write(
            school=school, output=work / name, acting_username=request.user.get_username()
        )
    except pgtools.PgToolError:
        shutil.rmtree(work, ignore_errors=True)
        logger.exception("Backup of %s failed", school.slug)
        messages.error(request, _("Không tạo được bản sao lưu; chi tiết ở nhật ký máy chủ."))
        return redirect("backup:index")
    handle = (work / name).open("rb")
    (work / name).unlink()  # the open handle keeps the data until the response is sent
    work.rmdir()
    return FileResponse(handle, as_attachment=True, filename=name, content_type="application/gzip")


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
