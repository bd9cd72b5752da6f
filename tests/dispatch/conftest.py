"""Fixtures of the dispatch tests: the operator signed in, school boards, files, media."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client

from tests.conftest import PASSWORD
from tests.feedback.conftest import _celery_eager  # noqa: F401 - autouse here too

SEND_URL = "/admin/dieu-hanh/van-ban/gui/"
LIST_URL = "/admin/dieu-hanh/van-ban/"
INBOX_URL = "/admin/van-ban-den/"
PDF_BYTES = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def pdf_upload(name: str = "cong-van-2326.pdf", content: bytes = PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def send_data(**overrides) -> dict:
    data = {
        "kind": "cong-van",
        "number": "2326/GDĐT-THCS",
        "issuer_name": "Phòng Giáo dục và Đào tạo quận Bình Tân",
        "issue_date": "2023-10-06",
        "effective_date": "",
        "summary": "Về hướng dẫn cập nhật nội dung cổng thông tin điện tử năm học 2023–2024.",
        "body": "Kính gửi: Hiệu trưởng các trường.\nCác đơn vị cập nhật chuyên mục 3 Công khai.",
        "all_schools": "1",
    }
    data.update(overrides)
    return data


@pytest.fixture
def operator_client(db) -> Client:
    connection.set_schema_to_public()
    get_user_model().objects.create_superuser("canbophong", password=PASSWORD)
    client = Client(HTTP_HOST="localhost")
    response = client.post("/admin/login/", {"username": "canbophong", "password": PASSWORD})
    assert response.status_code == 302, "operator log-in failed"
    return client


@pytest.fixture
def send(operator_client, django_capture_on_commit_callbacks):
    """``send(**form data)`` posts the operator's form and runs the on-commit tasks."""

    def post(files=(), **overrides):
        data = send_data(**overrides)
        if files:
            data["files"] = list(files)
        with django_capture_on_commit_callbacks(execute=True):
            response = operator_client.post(SEND_URL, data)
        return response

    return post


def refused(response) -> bool:
    """Refused: a 403, or Wagtail's redirect to the admin home (with a message) or log-in."""
    if response.status_code == 403:
        return True
    location = response.get("Location", "") if response.status_code == 302 else ""
    return location == "/admin/" or location.startswith("/admin/login/")
