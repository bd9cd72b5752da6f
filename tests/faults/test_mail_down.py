"""The mail server down when a parent sends feedback (R7.1, R7.3).

Killed: the SMTP server (nothing listens on its port). Survived: the feedback is stored once
and the parent gets the reference page; the mail tasks fail and Celery schedules a retry;
once an SMTP server listens again the retry delivers each mail once, and a further retry
sends nothing twice.
"""

from __future__ import annotations

import socketserver
import threading

import pytest
from celery.exceptions import Retry

from feedback import tasks
from feedback.models import FeedbackMessage
from tests.faults.conftest import free_port
from tests.feedback.conftest import FEEDBACK_URL, feedback_data


class _SMTPHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP for smtplib: greeting, EHLO, MAIL, RCPT, DATA, QUIT."""

    def handle(self) -> None:
        self.wfile.write(b"220 mail.test ESMTP\r\n")
        lines: list[bytes] = []
        in_data = False
        while line := self.rfile.readline():
            if in_data:
                if line in (b".\r\n", b".\n"):
                    self.server.messages.append(b"".join(lines))
                    lines, in_data = [], False
                    self.wfile.write(b"250 OK queued\r\n")
                else:
                    lines.append(line)
                continue
            verb = line[:4].upper()
            if verb == b"EHLO":
                self.wfile.write(b"250-mail.test\r\n250 8BITMIME\r\n")
            elif verb == b"DATA":
                in_data = True
                self.wfile.write(b"354 End data with <CR><LF>.<CR><LF>\r\n")
            elif verb == b"QUIT":
                self.wfile.write(b"221 Bye\r\n")
                return
            else:
                self.wfile.write(b"250 OK\r\n")


class MailServerDownTests:
    def test_feedback_is_kept_and_mail_goes_out_once_when_the_server_returns(
        self,
        client_a,
        school_a,
        in_school,
        settings,
        celery_eager,
        django_capture_on_commit_callbacks,
    ):
        port = free_port()  # killed: nothing listens here yet
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2
        settings.EMAIL_USE_TLS = False

        with django_capture_on_commit_callbacks(execute=True):
            response = client_a.post(FEEDBACK_URL, feedback_data())
        assert response.status_code == 302, "mail server down: the parent still gets a reference"
        with in_school(school_a):
            feedback = FeedbackMessage.objects.get()
            assert feedback.ack_sent_at is None and feedback.board_notified_at is None
            with pytest.raises(Retry):  # mail server down: Celery schedules a retry
                tasks.feedback_send_ack.apply(args=[feedback.pk])

        server = socketserver.ThreadingTCPServer(("127.0.0.1", port), _SMTPHandler)
        server.messages = []
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            with in_school(school_a):
                assert tasks.feedback_send_ack.apply(args=[feedback.pk]).get() is True
                assert tasks.feedback_notify_board.apply(args=[feedback.pk]).get() is True
                assert tasks.feedback_send_ack.apply(args=[feedback.pk]).get() is False
                feedback.refresh_from_db()
                assert FeedbackMessage.objects.count() == 1, "stored once"
        finally:
            server.shutdown()
            server.server_close()
        assert feedback.ack_sent_at is not None and feedback.board_notified_at is not None
        assert len(server.messages) == 2, "each mail delivered once after the server returned"
        assert any(b"lan.phuhuynh@example.com" in m for m in server.messages)
