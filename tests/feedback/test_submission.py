"""Public feedback form: storage, references, honeypot, text handling, CSRF (R7.1, R7.3)."""

from __future__ import annotations

import re
import unicodedata

from django.core import mail
from django.test import Client

from feedback.models import FeedbackMessage, Status
from tests.feedback.conftest import FEEDBACK_URL, feedback_data

REFERENCE = re.compile(r"^GY-\d{4}-[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$")


class FeedbackSubmissionTests:
    def test_form_page_is_in_vietnamese_with_every_field(self, client_a):
        body = client_a.get(FEEDBACK_URL).content.decode()
        for text in (
            "Họ và tên",
            "Thư điện tử",
            "Điện thoại",
            "Lĩnh vực",
            "Cơ sở vật chất",
            "Tiêu đề",
            "Nội dung góp ý",
            "Tệp đính kèm",
            'name="csrfmiddlewaretoken"',
        ):
            assert text in body

    def test_valid_post_is_stored_once_with_a_reference_and_acknowledged(
        self, client_a, school_a, in_school, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = client_a.post(FEEDBACK_URL, feedback_data())
        assert response.status_code == 302
        with in_school(school_a):
            feedback = FeedbackMessage.objects.get()
        assert REFERENCE.match(feedback.reference)
        assert response["Location"] == f"/gop-y/da-gui/{feedback.reference}/"
        assert feedback.status == Status.NEW
        assert feedback.ack_sent_at is not None
        ack = [m for m in mail.outbox if m.to == ["lan.phuhuynh@example.com"]]
        assert len(ack) == 1 and feedback.reference in ack[0].subject
        assert feedback.reference in ack[0].body
        # The board is told too, without the sender's personal data.
        board = [m for m in mail.outbox if m.to == ["thcsa@pgdbinhtan.edu.vn"]]
        assert len(board) == 1 and "lan.phuhuynh" not in board[0].body

        thanks = client_a.get(response["Location"]).content.decode()
        assert feedback.reference in thanks and "Mới" in thanks

    def test_thanks_page_of_an_unknown_reference_is_404(self, client_a):
        assert client_a.get("/gop-y/da-gui/GY-2026-AAAAAA/").status_code == 404

    def test_phone_without_email_is_accepted_and_no_ack_is_sent(
        self, client_a, school_a, in_school, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = client_a.post(FEEDBACK_URL, feedback_data(email="", phone="0903 123 456"))
        assert response.status_code == 302
        assert all(m.to != [""] for m in mail.outbox)
        with in_school(school_a):
            assert FeedbackMessage.objects.get().phone == "0903 123 456"

    def test_no_contact_at_all_is_refused_in_vietnamese(self, client_a, school_a, in_school):
        response = client_a.post(FEEDBACK_URL, feedback_data(email="", phone=""))
        assert response.status_code == 400
        assert "thư điện tử hoặc số điện thoại" in response.content.decode()
        with in_school(school_a):
            assert not FeedbackMessage.objects.exists()

    def test_honeypot_is_silently_rejected(self, client_a, school_a, in_school):
        response = client_a.post(FEEDBACK_URL, feedback_data(website="http://spam.example"))
        assert response.status_code == 200
        assert "Cảm ơn" in response.content.decode()
        with in_school(school_a):
            assert not FeedbackMessage.objects.exists()
        assert not mail.outbox

    def test_same_form_posted_twice_is_stored_once(self, client_a, school_a, in_school):
        data = feedback_data()
        first = client_a.post(FEEDBACK_URL, data)
        second = client_a.post(FEEDBACK_URL, data)
        assert first["Location"] == second["Location"]
        with in_school(school_a):
            assert FeedbackMessage.objects.count() == 1

    def test_csrf_is_enforced(self, school_a, in_school):
        client = Client(HTTP_HOST="test-a.localhost", enforce_csrf_checks=True)
        assert client.post(FEEDBACK_URL, feedback_data()).status_code == 403
        with in_school(school_a):
            assert not FeedbackMessage.objects.exists()


PAYLOADS = [
    "Điểm <5 thì sao? \"Ngoặc kép\" & 'nháy đơn' > 3",
    "'; DROP TABLE feedback_feedbackmessage; --",
    "Robert'); DELETE FROM auth_user WHERE ('1'='1",
    "{{ request.user.password }} {% debug %} ${jndi:ldap://x/a}",
    "javascript:alert(document.cookie)",
    "Tiếng Việt: Đặng Thị Ngọc Ánh, Huỳnh Ưng Phượng 😀👍🏽 ∑ 中文 العربية \u202egnp.exe",
]


class FeedbackTextTests:
    def test_unicode_and_injection_payloads_are_stored_verbatim_and_shown_escaped(
        self, client_a, school_a, in_school
    ):
        for index, payload in enumerate(PAYLOADS):
            response = client_a.post(
                FEEDBACK_URL,
                feedback_data(subject=f"Câu hỏi {index}: {payload}"[:200], message=payload),
                REMOTE_ADDR=f"10.0.0.{index}",
            )
            assert response.status_code == 302, payload
        with in_school(school_a):
            stored = {m.message for m in FeedbackMessage.objects.all()}
            assert stored == set(PAYLOADS)
            FeedbackMessage.objects.update(reply="Đã trả lời.", published=True)
        body = client_a.get("/gop-y/hoi-dap/").content.decode()
        assert "Điểm &lt;5 thì sao? &quot;Ngoặc kép&quot; &amp; &#x27;nháy đơn&#x27; &gt; 3" in body
        assert "Điểm <5" not in body
        assert "{{ request.user.password }}" in body  # shown as text, never evaluated
        assert "Đặng Thị Ngọc Ánh" in body and "😀👍🏽" in body

    def test_html_is_stripped_and_text_normalised_to_nfc(self, client_a, school_a, in_school):
        decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Thuỷ")
        client_a.post(
            FEEDBACK_URL,
            feedback_data(
                name=decomposed,
                subject="<b>Quan trọng</b>",
                message="<script>alert(1)</script>Xin chào<img src=x onerror=alert(1)> cô\x07",
            ),
        )
        with in_school(school_a):
            feedback = FeedbackMessage.objects.get()
        assert feedback.name == unicodedata.normalize("NFC", "Nguyễn Thị Thuỷ")
        assert feedback.subject == "Quan trọng"
        assert feedback.message == "Xin chào cô"

    def test_only_tags_is_refused(self, client_a, school_a, in_school):
        response = client_a.post(FEEDBACK_URL, feedback_data(message="<p><br></p>"))
        assert response.status_code == 400
        assert "không dùng thẻ HTML" in response.content.decode()
