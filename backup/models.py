"""Archives the operator asked for, built by the worker (shared schema)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class BackupJob(models.Model):
    """One requested archive of one school: queued, built by ``backup.tasks``, kept for
    ``PORTAL_BACKUP_KEEP_DAYS`` days in the backup storage, then pruned.

    The school's slug and name are copied: an archive outlives a deleted school (restoring
    it is what the archive is for)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Đang chờ")
        RUNNING = "running", _("Đang tạo")
        DONE = "done", _("Sẵn sàng")
        FAILED = "failed", _("Không tạo được")

    school = models.ForeignKey(
        "schools.School",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="backup_jobs",
        verbose_name=_("trường"),
    )
    school_slug = models.CharField(_("mã trường"), max_length=63)
    school_name = models.CharField(_("tên trường"), max_length=255)
    requested_by = models.CharField(_("người yêu cầu"), max_length=150, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    file_name = models.CharField(_("tệp"), max_length=255, blank=True)
    size = models.BigIntegerField(_("dung lượng (byte)"), default=0)
    created_at = models.DateTimeField(_("yêu cầu lúc"), auto_now_add=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("bản sao lưu")
        verbose_name_plural = _("bản sao lưu")

    def __str__(self) -> str:
        return f"{self.school_slug} {self.created_at:%Y-%m-%d %H:%M} ({self.status})"

    @property
    def pending(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)
