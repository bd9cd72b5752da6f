"""The board works messages in the admin; no other school and no contributor sees them."""

from __future__ import annotations

import csv
import io

from django.core import mail
from django.utils import timezone
from openpyxl import load_workbook

from feedback.models import ConsultationOpinion, FeedbackMessage, Status
from schools.services import school_user_create
from siteplatform.provisioning import ROLE_CONTRIBUTOR
from tests.assertions import assert_admin_denied, assert_not_found
from tests.conftest import PASSWORD
from tests.feedback.factories import FeedbackMessageFactory

LIST_URL = "/admin/snippets/feedback/feedbackmessage/"
OPINIONS_URL = "/admin/snippets/feedback/consultationopinion/"


def _message(**fields) -> FeedbackMessage:
    """School A's message, as the isolation tests look for it."""
    defaults = {
        "reference": "GY-2026-AAAAAA",
        "name": "Phụ huynh A",
        "email": "phuhuynh.a@example.com",
        "phone": "0903 000 111",
        "subject": "Thắc mắc của trường A",
        "message": "Nội dung riêng của trường A",
    }
    return FeedbackMessageFactory(**{**defaults, **fields})


class BoardIsolationTests:
    def test_board_sees_its_own_messages(self, client_a, school_a, in_school, board_login):
        with in_school(school_a):
            _message()
        body = board_login(client_a).get(LIST_URL).content.decode()
        assert "Thắc mắc của trường A" in body

    def test_board_of_school_b_cannot_see_school_a_messages(
        self, client_a, client_b, school_a, school_b, in_school, board_login
    ):
        with in_school(school_a):
            secret = _message()
        with in_school(school_b):
            _message(
                reference="GY-2026-BBBBBB", subject="Thắc mắc của trường B", name="Phụ huynh B"
            )
        board_login(client_b)
        body = client_b.get(LIST_URL).content.decode()
        assert "Thắc mắc của trường B" in body
        assert "Thắc mắc của trường A" not in body and "Phụ huynh A" not in body
        assert_not_found(client_b.get(f"{LIST_URL}edit/{secret.pk}/"))
        assert "GY-2026-AAAAAA" not in client_b.get(LIST_URL, {"q": "AAAAAA"}).content.decode()
        # B's session means nothing on A's host.
        client_b.defaults["HTTP_HOST"] = "test-a.localhost"
        assert client_b.get(LIST_URL).status_code == 302

    def test_contributor_cannot_see_senders_personal_data(
        self, client_a, school_a, in_school, board_login
    ):
        with in_school(school_a):
            _message()
            school_user_create(
                username="congtacvien",
                email="ctv@thcsa.edu.vn",
                password=PASSWORD,
                role=ROLE_CONTRIBUTOR,
            )
        board_login(client_a, "congtacvien")
        response = client_a.get(LIST_URL)
        assert_admin_denied(client_a, response)
        assert "phuhuynh.a@example.com" not in client_a.get("/admin/").content.decode()


class BoardWorkTests:
    def test_reply_from_the_admin_is_recorded_mailed_once_and_published(
        self, client_a, school_a, in_school, board_login, django_capture_on_commit_callbacks
    ):
        with in_school(school_a):
            feedback = _message()
        board_login(client_a)
        form = {
            "category": "hoc_tap",
            "status": Status.IN_PROGRESS,
            "assignee": "",
            "internal_notes": "Đã hỏi tổ chuyên môn.",
            "reply": "Nhà trường sẽ mở thư viện vào giờ ra chơi từ tuần sau.",
            "send_reply": "on",
            "published": "on",
            "public_question": "Trường có mở thư viện giờ ra chơi không?",
        }
        with django_capture_on_commit_callbacks(execute=True):
            response = client_a.post(f"{LIST_URL}edit/{feedback.pk}/", form)
        assert response.status_code == 302, response.content.decode()[:2000]
        with in_school(school_a):
            feedback.refresh_from_db()
        assert feedback.status == Status.ANSWERED
        assert feedback.replied_at and feedback.reply_sent_at
        assert [m.to for m in mail.outbox] == [["phuhuynh.a@example.com"]]
        assert "thư viện vào giờ ra chơi" in mail.outbox[0].body

        qa = client_a.get("/gop-y/hoi-dap/").content.decode()
        assert "Trường có mở thư viện giờ ra chơi không?" in qa
        assert "Nội dung riêng của trường A" not in qa and "Phụ huynh A" not in qa

    def test_send_reply_without_text_is_refused(self, client_a, school_a, in_school, board_login):
        with in_school(school_a):
            feedback = _message()
        board_login(client_a)
        response = client_a.post(
            f"{LIST_URL}edit/{feedback.pk}/",
            {"category": "khac", "status": "moi", "reply": "", "send_reply": "on"},
        )
        assert response.status_code == 200
        assert "Hãy viết câu trả lời trước khi gửi." in response.content.decode()
        assert not mail.outbox

    def test_overdue_messages_are_flagged(self, client_a, school_a, in_school, board_login):
        with in_school(school_a):
            _message(created_at=timezone.now() - timezone.timedelta(days=30), subject="Cũ quá hạn")
            _message(reference="GY-2026-CCCCCC", subject="Mới gửi hôm nay")
        board_login(client_a)
        body = client_a.get(LIST_URL, {"overdue": "true"}).content.decode()
        assert "Cũ quá hạn" in body and "Mới gửi hôm nay" not in body
        assert "góp ý quá 7 ngày chưa trả lời" in client_a.get("/admin/").content.decode()


class OpinionExportTests:
    def test_board_exports_opinions_as_csv_and_xlsx(
        self, client_a, school_a, in_school, board_login, make_consultation
    ):
        page = make_consultation()
        with in_school(school_a):
            ConsultationOpinion.objects.create(
                consultation=page,
                reference="YK-2026-AAAAAA",
                name="Trần Văn Bình",
                email="binh@example.com",
                opinion='=HYPERLINK("http://x")  Đồng ý với dự thảo',
            )
        board_login(client_a)
        response = client_a.get(OPINIONS_URL, {"export": "csv", "consultation": page.pk})
        assert response.status_code == 200
        text = b"".join(response.streaming_content).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text)))
        assert rows[0][:3] == ["Mã số", "Đợt lấy ý kiến", "Ngày gửi"]
        assert rows[1][0] == "YK-2026-AAAAAA" and rows[1][3] == "Trần Văn Bình"
        assert rows[1][7].startswith("'=HYPERLINK")  # no formula reaches a spreadsheet

        response = client_a.get(OPINIONS_URL, {"export": "xlsx", "consultation": page.pk})
        sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
        values = [[cell.value for cell in row] for row in sheet.iter_rows()]
        assert values[1][0] == "YK-2026-AAAAAA" and values[1][3] == "Trần Văn Bình"
