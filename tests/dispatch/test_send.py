"""The operator sends a document to all schools or a chosen set (R4.3)."""

from __future__ import annotations

import os

from django.contrib.auth import get_user_model
from django.test import Client

from dispatch.models import Dispatch, DispatchFile, DispatchReceipt
from dispatch.storage import DISPATCH_FOLDER
from tests.conftest import PASSWORD, SCHOOL_A
from tests.dispatch.conftest import (
    INBOX_URL,
    LIST_URL,
    SEND_URL,
    docx_bytes,
    pdf_upload,
    refused,
    send_data,
)


class SendTests:
    def test_chosen_set_only_reaches_those_schools(
        self, send, school_a, school_b, client_a, client_b, board_login, media_root
    ):
        response = send(all_schools="0", schools=[school_a.pk], files=[pdf_upload()])
        dispatch = Dispatch.objects.get()
        assert response.status_code == 302
        assert list(dispatch.receipts.values_list("school__slug", flat=True)) == ["test-a"]
        body_a = board_login(client_a).get(INBOX_URL).content.decode()
        body_b = board_login(client_b).get(INBOX_URL).content.decode()
        assert "Công văn 2326/GDĐT-THCS" in body_a
        assert "Công văn 2326/GDĐT-THCS" not in body_b
        assert "Chưa có văn bản nào từ Phòng/Sở" in body_b

    def test_a_level_reaches_only_its_schools(self, send, school_a, school_b, media_root):
        # school_a is a THCS, school_b a tiểu học.
        response = send(all_schools="cap", levels=["thcs"], files=[pdf_upload()])
        assert response.status_code == 302
        dispatch = Dispatch.objects.get()
        assert dispatch.all_schools is False
        assert list(dispatch.receipts.values_list("school__slug", flat=True)) == ["test-a"]

    def test_a_level_without_schools_or_no_level_is_refused(self, send, school_a, school_b):
        empty = send(all_schools="cap", levels=["thpt"]).content.decode()
        assert "Chưa có trường nào thuộc cấp học đã chọn." in empty
        none = send(all_schools="cap").content.decode()
        assert "Chọn ít nhất một cấp học nhận văn bản." in none
        assert not Dispatch.objects.exists()

    def test_all_schools_reaches_every_school_and_stores_files_once(
        self, send, school_a, school_b, media_root
    ):
        docx = pdf_upload("phu-luc.docx", docx_bytes())
        send(files=[pdf_upload(), docx])
        dispatch = Dispatch.objects.get()
        assert set(dispatch.receipts.values_list("school__slug", flat=True)) == {
            "test-a",
            "test-b",
        }
        stored = list(DispatchFile.objects.filter(dispatch=dispatch))
        assert [f.filename for f in stored] == ["cong-van-2326.pdf", "phu-luc.docx"]
        assert all(f.file.path.startswith(str(media_root / DISPATCH_FOLDER)) for f in stored)

    def test_chosen_set_needs_a_school(self, send, media_root):
        response = send(all_schools="0")
        assert response.status_code == 200
        assert "Chọn ít nhất một trường nhận văn bản." in response.content.decode()
        assert not Dispatch.objects.exists()

    def test_renamed_executable_is_refused_and_nothing_is_stored(self, send, media_root):
        exe = pdf_upload("cong-van.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200)
        response = send(files=[pdf_upload(), exe])
        body = response.content.decode()
        assert response.status_code == 200
        assert "không phải là tài liệu PDF, Word (.docx) hoặc Excel (.xlsx) hợp lệ" in body
        assert "cong-van.pdf" in body
        assert not Dispatch.objects.exists()
        assert not DispatchReceipt.objects.exists()
        assert not DispatchFile.objects.exists()
        assert not os.path.exists(media_root / DISPATCH_FOLDER)

    def test_zip_named_docx_without_word_part_is_refused(self, send, media_root):
        import io
        import zipfile

        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("payload.js", "alert(1)")
        response = send(files=[pdf_upload("bao-cao.docx", buffer.getvalue())])
        assert response.status_code == 200
        assert not Dispatch.objects.exists()

    def test_school_user_cannot_reach_the_send_form_from_any_domain(
        self, client_a, school_a, board_login, media_root
    ):
        board_login(client_a)
        assert refused(client_a.get(SEND_URL))
        assert refused(client_a.post(SEND_URL, send_data()))
        assert refused(client_a.get(LIST_URL))
        # The same browser on the operator's domain: the school's session means nothing there.
        client_a.defaults["HTTP_HOST"] = "localhost"
        response = client_a.post(SEND_URL, send_data())
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
        # Nor can the school's head sign in on the operator's domain.
        public = Client(HTTP_HOST="localhost")
        public.post("/admin/login/", {"username": "hieutruong", "password": PASSWORD})
        assert public.get(SEND_URL).status_code == 302
        assert not Dispatch.objects.exists()

    def test_non_superuser_on_the_operator_site_is_refused(self, db, media_root):
        get_user_model().objects.create_user("nhanvien", password=PASSWORD, is_staff=True)
        client = Client(HTTP_HOST="localhost")
        client.post("/admin/login/", {"username": "nhanvien", "password": PASSWORD})
        assert refused(client.get(SEND_URL))

    def test_form_prefills_the_operator_as_issuer(self, operator_client, settings):
        body = operator_client.get(SEND_URL).content.decode()
        assert settings.PORTAL_OPERATOR_NAME in body
        assert SCHOOL_A["name"] in body
