"""The operator's backup page: download a school's archive, upload it, confirm, restored."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client

from tests.assertions import assert_admin_denied
from tests.backup.conftest import SOURCE, content_of, wreck
from tests.conftest import PASSWORD

INDEX = "/admin/dieu-hanh/sao-luu/"


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
    yield client
    connection.set_schema_to_public()
    user_model.objects.filter(username="saoluu").delete()


class BackupDashboardTests:
    def test_download_then_upload_and_confirm_restores_the_school(self, operator, source_school):
        page = operator.get(INDEX)
        assert page.status_code == 200 and SOURCE["name"] in page.content.decode()

        download = operator.post(f"{INDEX}tai-ve/{SOURCE['slug']}/")
        assert download.status_code == 200
        assert "attachment" in download["Content-Disposition"]
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
