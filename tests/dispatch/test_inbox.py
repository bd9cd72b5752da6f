"""A school's board reads its dispatches; the operator sees who opened them (R4.3, R1.1)."""

from __future__ import annotations

from dispatch.models import Dispatch, DispatchReceipt
from schools.services import school_user_create
from siteplatform.provisioning import ROLE_CONTRIBUTOR
from tests.conftest import PASSWORD
from tests.dispatch.conftest import INBOX_URL, LIST_URL, PDF_BYTES, pdf_upload, refused


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


class InboxTests:
    def test_opening_marks_the_receipt_once_and_the_operator_sees_it(
        self, send, operator_client, school_a, school_b, client_a, board_login, media_root
    ):
        send(files=[pdf_upload()])
        dispatch = Dispatch.objects.get()
        assert "đã mở 0/2" in operator_client.get(LIST_URL).content.decode()
        board_login(client_a)
        response = client_a.get(f"{INBOX_URL}{dispatch.pk}/")
        assert response.status_code == 200
        assert "Về hướng dẫn cập nhật nội dung" in response.content.decode()
        assert "Xác nhận đã nhận văn bản" in response.content.decode()
        receipt = DispatchReceipt.objects.get(school=school_a)
        assert receipt.opened_at is None  # reading is not a write
        confirmed = client_a.post(f"{INBOX_URL}{dispatch.pk}/da-xem/", follow=True)
        assert "Đã xác nhận nhà trường đã nhận văn bản." in confirmed.content.decode()
        assert "Xác nhận đã nhận văn bản" not in confirmed.content.decode()
        receipt.refresh_from_db()
        first_opened = receipt.opened_at
        assert first_opened is not None and receipt.opened_by == "hieutruong"
        client_a.post(f"{INBOX_URL}{dispatch.pk}/da-xem/")
        receipt.refresh_from_db()
        assert receipt.opened_at == first_opened
        assert client_a.get(f"{INBOX_URL}{dispatch.pk}/da-xem/").status_code == 405
        assert not DispatchReceipt.objects.get(school=school_b).opened_at
        assert "đã mở 1/2" in operator_client.get(LIST_URL).content.decode()
        detail = operator_client.get(f"{LIST_URL}{dispatch.pk}/").content.decode()
        assert "hieutruong" in detail and "Chưa mở" in detail

    def test_board_downloads_the_file_from_the_shared_storage(
        self, send, client_a, school_a, board_login, media_root
    ):
        send(files=[pdf_upload()])
        dispatch = Dispatch.objects.get()
        file_id = dispatch.files.get().pk
        board_login(client_a)
        response = client_a.get(f"{INBOX_URL}{dispatch.pk}/tep/{file_id}/")
        assert response.status_code == 200
        assert _body(response) == PDF_BYTES
        assert response["Content-Disposition"].startswith("attachment")
        assert DispatchReceipt.objects.get(school=school_a).opened_at is not None

    def test_school_b_cannot_open_a_only_dispatch(
        self, send, school_a, school_b, client_b, board_login, media_root
    ):
        send(all_schools="0", schools=[school_a.pk], files=[pdf_upload()])
        dispatch = Dispatch.objects.get()
        file_id = dispatch.files.get().pk
        board_login(client_b)
        assert "2326/GDĐT-THCS" not in client_b.get(INBOX_URL).content.decode()
        assert client_b.get(f"{INBOX_URL}{dispatch.pk}/").status_code == 404
        assert client_b.get(f"{INBOX_URL}{dispatch.pk}/tep/{file_id}/").status_code == 404
        assert DispatchReceipt.objects.get(school=school_a).opened_at is None

    def test_home_panel_counts_unread(self, send, client_a, board_login, media_root):
        send(number="1/TB-GDĐT", kind="thong-bao")
        send(number="2/TB-GDĐT", kind="thong-bao")
        dispatch = Dispatch.objects.get(number="1/TB-GDĐT")
        board_login(client_a)
        home = client_a.get("/admin/").content.decode()
        assert "Văn bản từ Phòng/Sở" in home and "2 văn bản chưa xem" in home
        client_a.post(f"{INBOX_URL}{dispatch.pk}/da-xem/")
        assert "1 văn bản chưa xem" in client_a.get("/admin/").content.decode()

    def test_contributor_and_anonymous_cannot_read_the_inbox(
        self, send, client_a, school_a, in_school, media_root
    ):
        send()
        dispatch = Dispatch.objects.get()
        assert client_a.get(INBOX_URL).status_code == 302  # to the log-in page
        with in_school(school_a):
            school_user_create(
                username="giaovien", email="", password=PASSWORD, role=ROLE_CONTRIBUTOR
            )
        client_a.post("/admin/login/", {"username": "giaovien", "password": PASSWORD})
        assert refused(client_a.get(INBOX_URL))
        assert refused(client_a.get(f"{INBOX_URL}{dispatch.pk}/"))
        assert refused(client_a.post(f"{INBOX_URL}{dispatch.pk}/da-xem/"))
        assert "Văn bản từ Phòng/Sở" not in client_a.get("/admin/").content.decode()
        assert DispatchReceipt.objects.get(school=school_a).opened_at is None

    def test_inbox_is_not_offered_on_the_operator_site(self, operator_client):
        assert refused(operator_client.get(INBOX_URL))
