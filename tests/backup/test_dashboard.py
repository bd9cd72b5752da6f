"""The operator's backup page: download a school's archive, upload it, confirm, restored."""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.utils import timezone

from backup.jobs import backup_job_run, backup_jobs_prune, keep_days
from backup.models import BackupJob
from tests.assertions import assert_admin_denied
from tests.backup.conftest import SOURCE, content_of, wreck
from tests.conftest import PASSWORD

INDEX = "/admin/dieu-hanh/sao-luu/"


@pytest.fixture(autouse=True)
def _backups_in_tmp(settings, tmp_path):
    """Built archives under this test's own folder (``backup.storage``: DATA_DIR/backups)."""
    settings.DATA_DIR = tmp_path
    return tmp_path / "backups"


@pytest.fixture
def operator(committed):
    connection.set_schema_to_public()
    user_model = get_user_model()
    user_model.objects.filter(username="saoluu").delete()
    user_model.objects.create_superuser("saoluu", password=PASSWORD)
    client = Client(HTTP_HOST="localhost")
    assert (
        client.post("/admin/login/", {"username": "saoluu", "password": PASSWORD}).status_code
        == 302
    )
    BackupJob.objects.all().delete()
    yield client
    connection.set_schema_to_public()
    user_model.objects.filter(username="saoluu").delete()
    BackupJob.objects.all().delete()


class BackupDashboardTests:
    def test_download_then_upload_and_confirm_restores_the_school(self, operator, source_school):
        page = operator.get(INDEX)
        assert page.status_code == 200 and SOURCE["name"] in page.content.decode()

        asked = operator.post(f"{INDEX}tao/{SOURCE['slug']}/", follow=True)
        body = asked.content.decode()
        assert "Đang tạo bản sao lưu của “Trường THCS Sao Lưu”" in body
        # The worker (eager here, after the commit) built it: listed as ready with its link.
        job = BackupJob.objects.get(school_slug=SOURCE["slug"])
        assert job.status == BackupJob.Status.DONE and job.size > 0
        assert "Sẵn sàng" in body and f"{INDEX}tai-ve/{job.pk}/" in body
        download = operator.get(f"{INDEX}tai-ve/{job.pk}/")
        assert download.status_code == 200
        assert "attachment" in download["Content-Disposition"]
        assert download["Content-Disposition"].endswith('.tar.gz"')
        archive = b"".join(download.streaming_content)
        before = content_of(source_school)
        wreck(source_school)

        upload = SimpleUploadedFile("bk-src.tar.gz", archive, content_type="application/gzip")
        response = operator.post(INDEX, {"archive": upload})
        assert response.status_code == 302, "the upload goes to the confirmation step"
        confirm_url = response["Location"]
        confirm = operator.get(confirm_url).content.decode()
        assert SOURCE["name"] in confirm and "Xác nhận khôi phục" in confirm
        assert content_of(source_school)["feedback"] == 0, "nothing restored before confirming"

        refused = operator.post(confirm_url, {"mode": "replace", "confirm_slug": "sai"})
        assert refused.status_code == 200
        assert "Hãy nhập đúng mã trường" in refused.content.decode()
        assert content_of(source_school)["feedback"] == 0

        done = operator.post(confirm_url, {"mode": "replace", "confirm_slug": SOURCE["slug"]})
        assert done.status_code == 302 and done["Location"] == INDEX
        assert content_of(source_school) == before
        assert "Đã khôi phục" in operator.get(INDEX).content.decode()

    def test_a_second_request_while_one_is_pending_queues_nothing(self, operator, source_school):
        # A job the worker has not taken yet.
        pending = BackupJob.objects.create(
            school=source_school, school_slug=SOURCE["slug"], school_name=SOURCE["name"]
        )
        operator.post(f"{INDEX}tao/{SOURCE['slug']}/")
        job = BackupJob.objects.get(school_slug=SOURCE["slug"])
        assert job.pk == pending.pk and job.status == BackupJob.Status.QUEUED
        page = operator.get(INDEX).content.decode()
        assert "Đang chờ" in page and "Cập nhật trạng thái" in page
        assert operator.get(f"{INDEX}tai-ve/{job.pk}/").status_code == 404, "not built yet"

    def test_old_archives_are_pruned_with_their_files(
        self, operator, source_school, _backups_in_tmp
    ):
        operator.post(f"{INDEX}tao/{SOURCE['slug']}/")
        job = BackupJob.objects.get(school_slug=SOURCE["slug"])
        stored = _backups_in_tmp / job.file_name
        assert stored.is_file()
        later = timezone.now() + datetime.timedelta(days=keep_days(), minutes=1)
        assert backup_jobs_prune(later) == 1
        assert not stored.exists() and not BackupJob.objects.filter(pk=job.pk).exists()

    def test_a_failed_build_is_shown_and_logged(self, operator, source_school, caplog):
        job = BackupJob.objects.create(
            school=None, school_slug="da-xoa", school_name="Trường đã xoá"
        )
        assert backup_job_run(job.pk).status == BackupJob.Status.FAILED
        assert "Backup job" in caplog.text and "da-xoa" in caplog.text
        page = operator.get(INDEX).content.decode()
        assert "Không tạo được" in page and "hãy thử tạo lại" in page

    def test_schools_are_found_by_name_and_paginated(self, operator, source_school):
        found = operator.get(INDEX, {"q": "sao luu"}).content.decode()
        assert f"{INDEX}tao/{SOURCE['slug']}/" in found
        missing = operator.get(INDEX, {"q": "không có trường này"}).content.decode()
        assert f"{INDEX}tao/{SOURCE['slug']}/" not in missing
        assert "Không có trường nào khớp" in missing

    def test_a_corrupt_upload_is_refused_with_a_clear_message(self, operator, source_school):
        upload = SimpleUploadedFile("hong.tar.gz", b"\x1f\x8b" + b"0" * 200)
        response = operator.post(INDEX, {"archive": upload}, follow=True)
        body = response.content.decode()
        assert "bị hỏng" in body, body[:2000]
        assert not re.search(r"Xác nhận khôi phục</button>", body)

    def test_a_school_board_cannot_open_the_page(self, committed):
        client = Client(HTTP_HOST="test-a.localhost")
        client.post("/admin/login/", {"username": "hieutruong", "password": PASSWORD})
        assert_admin_denied(client, client.get(INDEX))
        assert_admin_denied(client, client.get(f"{INDEX}tai-ve/1/"))
