"""Online admission: campaign dates, applications, status check, review, export (R6.2)."""

from __future__ import annotations

import io
import re
import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone
from openpyxl import load_workbook

from online_services.models import AdmissionApplication, ApplicationStatus
from tests.online_services.conftest import PDF, REGISTRATION_URL, STATUS_URL, application_data

APPLICATIONS_URL = "/admin/snippets/online_services/admissionapplication/"


class FailingEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("mail server down (test)")


def _apply(client, campaign, address="192.0.2.10", **overrides):
    return client.post(
        f"{REGISTRATION_URL}dot/{campaign.pk}/",
        application_data(campaign, **overrides),
        REMOTE_ADDR=address,
    )


def _stored(school, in_school):
    with in_school(school):
        return list(
            AdmissionApplication.objects.select_related("campaign").prefetch_related("attachments")
        )


class CampaignDatesTests:
    def test_an_open_campaign_is_listed_with_its_form(self, client_a, make_campaign):
        campaign = make_campaign()
        body = client_a.get(REGISTRATION_URL).content.decode()
        assert campaign.title in body and "Đang nhận hồ sơ" in body
        assert f"{REGISTRATION_URL}dot/{campaign.pk}/" in body
        form = client_a.get(f"{REGISTRATION_URL}dot/{campaign.pk}/")
        assert form.status_code == 200 and "Giấy khai sinh" in form.content.decode()
        assert "được xoá 365 ngày sau khi đợt tuyển sinh kết thúc" in form.content.decode()
        assert form["Cache-Control"] == "private, no-store"

    @pytest.mark.parametrize(
        ("opens", "closes", "notice"),
        [
            (timedelta(days=2), timedelta(days=9), "Đợt tuyển sinh chưa mở"),
            (-timedelta(days=9), -timedelta(minutes=1), "Đợt tuyển sinh đã hết hạn nhận hồ sơ"),
        ],
    )
    def test_closed_outside_its_dates(
        self, client_a, school_a, in_school, make_campaign, opens, closes, notice
    ):
        now = timezone.now()
        campaign = make_campaign(opens=now + opens, closes=now + closes)
        page = client_a.get(f"{REGISTRATION_URL}dot/{campaign.pk}/").content.decode()
        assert notice in page and 'name="child_name"' not in page
        response = _apply(client_a, campaign)
        assert response.status_code == 403 and notice in response.content.decode()
        assert _stored(school_a, in_school) == []

    def test_the_service_refuses_a_campaign_that_closed_meanwhile(
        self, school_a, in_school, make_campaign
    ):
        from django.core.exceptions import ValidationError

        from online_services.services import application_submit

        campaign = make_campaign()
        with in_school(school_a), pytest.raises(ValidationError):
            application_submit(campaign=campaign, data={}, now=campaign.closes_at)

    def test_the_childs_birth_date_must_fit_the_campaign(
        self, client_a, school_a, in_school, make_campaign
    ):
        import datetime

        campaign = make_campaign(
            birth_date_from=datetime.date(2016, 1, 1), birth_date_to=datetime.date(2016, 12, 31)
        )
        response = _apply(client_a, campaign, child_birth_date="02/11/2015")
        assert response.status_code == 400
        assert (
            "Đợt tuyển sinh này nhận trẻ sinh từ 01/01/2016 đến 31/12/2016."
            in response.content.decode()
        )
        assert _stored(school_a, in_school) == []


class ApplicationTests:
    def test_submitted_application_gets_a_reference_and_a_confirmation(
        self, client_a, school_a, in_school, make_campaign, django_capture_on_commit_callbacks
    ):
        campaign = make_campaign()
        with django_capture_on_commit_callbacks(execute=True):
            response = _apply(client_a, campaign)
        assert response.status_code == 302
        (application,) = _stored(school_a, in_school)
        assert re.fullmatch(r"TS-\d{4}-[A-Z2-9]{6}", application.reference)
        assert application.parent_phone_key == "0938552071"
        (attachment,) = application.attachments.all()
        assert (
            attachment.document_name == "Giấy khai sinh"
            and attachment.content_type == "application/pdf"
        )
        confirmation = client_a.get(response["Location"])
        body = confirmation.content.decode()
        assert application.reference in body and "Phạm Ngọc Khánh Linh" in body
        assert confirmation["Cache-Control"] == "private, no-store"
        # The confirmation link is signed: a reference alone opens nothing.
        assert client_a.get(f"{REGISTRATION_URL}da-nop/{application.reference}/").status_code == 404
        # Mails: the parent's acknowledgement (with the reference) and the board's notice.
        subjects = sorted(message.subject for message in mail.outbox)
        assert any(
            application.reference in subject and "Đã nhận hồ sơ" in subject for subject in subjects
        )
        board = next(m for m in mail.outbox if "Hồ sơ tuyển sinh mới" in m.subject)
        assert "Phạm Ngọc Khánh Linh" not in board.body and "/admin/" in board.body

    def test_a_second_post_of_the_same_form_stores_one_application(
        self, client_a, school_a, in_school, make_campaign
    ):
        campaign = make_campaign()
        data = application_data(campaign)
        first = client_a.post(f"{REGISTRATION_URL}dot/{campaign.pk}/", data)
        data[next(k for k in data if k.startswith("doc_"))] = SimpleUploadedFile(
            "khai-sinh.pdf", PDF
        )
        second = client_a.post(f"{REGISTRATION_URL}dot/{campaign.pk}/", data)
        assert first.status_code == second.status_code == 302
        assert len(_stored(school_a, in_school)) == 1

    def test_attachments_are_judged_by_content(self, client_a, school_a, in_school, make_campaign):
        campaign = make_campaign()
        fake = SimpleUploadedFile("khai-sinh.pdf", b"<html><script>alert(1)</script></html>")
        response = _apply(client_a, campaign, **{f"doc_{campaign.document_ids[0]}": fake})
        assert response.status_code == 400
        assert "Chỉ nhận tệp ảnh JPEG, PNG hoặc tài liệu PDF." in response.content.decode()
        assert _stored(school_a, in_school) == []

    def test_required_fields_and_documents_are_explained(
        self, client_a, school_a, in_school, make_campaign
    ):
        campaign = make_campaign()
        data = application_data(campaign, child_name="", parent_phone="12", consent="")
        del data[f"doc_{campaign.document_ids[0]}"]
        response = client_a.post(f"{REGISTRATION_URL}dot/{campaign.pk}/", data)
        body = response.content.decode()
        assert response.status_code == 400
        for message in (
            "Vui lòng đính kèm giấy tờ này.",
            "Số điện thoại không hợp lệ.",
            "Vui lòng xác nhận để nộp hồ sơ.",
        ):
            assert message in body
        assert _stored(school_a, in_school) == []

    def test_honeypot_stores_nothing(self, client_a, school_a, in_school, make_campaign):
        campaign = make_campaign()
        response = _apply(client_a, campaign, website="http://spam.example")
        assert (
            response.status_code == 200 and "Nhà trường đã nhận hồ sơ" in response.content.decode()
        )
        assert _stored(school_a, in_school) == []

    def test_a_mail_outage_never_loses_the_application_and_a_retry_sends_once(
        self,
        client_a,
        school_a,
        in_school,
        make_campaign,
        settings,
        django_capture_on_commit_callbacks,
    ):
        from online_services import tasks

        settings.EMAIL_BACKEND = "tests.online_services.test_admissions.FailingEmailBackend"
        campaign = make_campaign()
        with django_capture_on_commit_callbacks(execute=True):
            response = _apply(client_a, campaign)
        assert response.status_code == 302
        (application,) = _stored(school_a, in_school)
        assert application.ack_sent_at is None and application.board_notified_at is None
        assert not mail.outbox
        # The mail server is back; Celery's retry (here run by hand) sends once.
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        with in_school(school_a):
            assert tasks.application_send_ack.apply(args=[application.pk]).get() is True
            assert tasks.application_send_ack.apply(args=[application.pk]).get() is False
        assert [m.to for m in mail.outbox] == [["tam.pham@example.com"]]
        assert application.reference in mail.outbox[0].body


class StatusCheckTests:
    def _status(self, client, reference, phone="0938552071"):
        return client.post(
            STATUS_URL, {"reference": reference, "phone": phone}, REMOTE_ADDR="192.0.2.30"
        )

    def test_reference_and_phone_show_the_status_and_the_reason(
        self, client_a, school_a, in_school, make_campaign, board_login
    ):
        from online_services.services import application_review

        campaign = make_campaign()
        _apply(client_a, campaign)
        (application,) = _stored(school_a, in_school)
        body = self._status(
            client_a, application.reference.lower(), "+84 938 552 071"
        ).content.decode()
        assert "Đã nộp, chờ xét" in body and "Phạm Ngọc Khánh Linh" in body
        with in_school(school_a):
            from django.contrib.auth import get_user_model

            head = get_user_model().objects.get(username="hieutruong")
            application_review(
                application=application,
                status=ApplicationStatus.REJECTED,
                decision_note="Địa chỉ cư trú ngoài địa bàn tuyển sinh của trường.",
                acting_user=head,
            )
        body = self._status(client_a, application.reference).content.decode()
        assert "Không được tiếp nhận" in body and "ngoài địa bàn tuyển sinh" in body

    def test_wrong_phone_finds_nothing(self, client_a, school_a, in_school, make_campaign):
        campaign = make_campaign()
        _apply(client_a, campaign)
        (application,) = _stored(school_a, in_school)
        body = self._status(client_a, application.reference, "0938552072").content.decode()
        assert "Không tìm thấy hồ sơ nào khớp" in body and "Phạm Ngọc Khánh Linh" not in body


class ReviewTests:
    def _review(self, client, application, **data):
        return client.post(
            f"{APPLICATIONS_URL}edit/{application.pk}/",
            {
                "status": ApplicationStatus.REVIEWING,
                "decision_note": "",
                "internal_notes": "",
                **data,
            },
        )

    def test_board_accepts_and_the_parent_is_told_once(
        self,
        client_a,
        school_a,
        in_school,
        make_campaign,
        board_login,
        django_capture_on_commit_callbacks,
    ):
        campaign = make_campaign()
        _apply(client_a, campaign)
        (application,) = _stored(school_a, in_school)
        board_login(client_a)
        page = client_a.get(f"{APPLICATIONS_URL}edit/{application.pk}/").content.decode()
        assert "Phạm Ngọc Khánh Linh" in page and "Giấy khai sinh" in page
        mail.outbox.clear()
        note = "Mời phụ huynh mang bản chính hồ sơ đến văn phòng ngày 15/07."
        with django_capture_on_commit_callbacks(execute=True):
            response = self._review(
                client_a, application, status=ApplicationStatus.ACCEPTED, decision_note=note
            )
        assert response.status_code == 302
        (decision,) = mail.outbox
        assert "Kết quả xét hồ sơ" in decision.subject and note in decision.body
        with django_capture_on_commit_callbacks(execute=True):
            self._review(
                client_a,
                application,
                status=ApplicationStatus.ACCEPTED,
                decision_note=note,
                internal_notes="Đã gọi điện.",
            )
        assert len(mail.outbox) == 1  # the same decision is not mailed again
        (stored,) = _stored(school_a, in_school)
        assert (
            stored.status == ApplicationStatus.ACCEPTED
            and stored.reviewed_by.username == "hieutruong"
        )

    def test_rejection_needs_a_reason(
        self, client_a, school_a, in_school, make_campaign, board_login
    ):
        campaign = make_campaign()
        _apply(client_a, campaign)
        (application,) = _stored(school_a, in_school)
        board_login(client_a)
        response = self._review(client_a, application, status=ApplicationStatus.REJECTED)
        assert response.status_code == 200
        assert "Hãy ghi lý do không tiếp nhận" in response.content.decode()
        assert _stored(school_a, in_school)[0].status == ApplicationStatus.SUBMITTED

    def test_acceptances_stop_at_the_quota(
        self, client_a, school_a, in_school, make_campaign, board_login
    ):
        campaign = make_campaign(quota=1)
        _apply(client_a, campaign)
        _apply(client_a, campaign, child_name="Võ Minh Nhật")
        first, second = _stored(school_a, in_school)
        board_login(client_a)
        assert self._review(client_a, first, status=ApplicationStatus.ACCEPTED).status_code == 302
        response = self._review(client_a, second, status=ApplicationStatus.ACCEPTED)
        assert "Đã đủ chỉ tiêu 1 học sinh" in response.content.decode()

    def test_board_exports_applications_to_xlsx(
        self, client_a, school_a, in_school, make_campaign, board_login
    ):
        campaign = make_campaign()
        _apply(client_a, campaign)
        (application,) = _stored(school_a, in_school)
        board_login(client_a)
        response = client_a.get(APPLICATIONS_URL, {"export": "xlsx", "campaign": campaign.pk})
        assert response.status_code == 200
        sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
        rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
        assert rows[0][:5] == [
            "Mã hồ sơ",
            "Đợt tuyển sinh",
            "Ngày nộp",
            "Tình trạng",
            "Họ và tên trẻ",
        ]
        assert rows[1][0] == application.reference and rows[1][4] == "Phạm Ngọc Khánh Linh"
        assert rows[1][3] == "Đã nộp, chờ xét" and rows[1][14] == "0938 552 071"

    def test_attachments_are_downloaded_through_the_admin_only(
        self, client_a, school_a, in_school, make_campaign, board_login
    ):
        from django.test import Client

        campaign = make_campaign()
        _apply(client_a, campaign)
        (application,) = _stored(school_a, in_school)
        attachment = application.attachments.get()
        url = f"/admin/dich-vu-truc-tuyen/ho-so/tep/{attachment.pk}/"
        assert Client(HTTP_HOST="test-a.localhost").get(url).status_code == 302  # to the log-in
        board_login(client_a)
        response = client_a.get(url)
        assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
        assert "attachment" in response["Content-Disposition"]
        # The stored file is never served as public media.
        assert (
            client_a.get(f"/media/{school_a.schema_name}/{attachment.file.name}").status_code == 404
        )


class HomePanelTests:
    def test_the_home_page_announces_an_open_campaign_only(
        self, client_a, school_a, in_school, make_campaign, page_cache
    ):
        assert "Tuyển sinh trực tuyến" not in client_a.get("/").content.decode()
        now = timezone.now()
        campaign = make_campaign(opens=now - timedelta(days=1), closes=now + timedelta(days=3))
        from online_services.services import campaign_changed

        with in_school(school_a):
            campaign_changed()  # what saving a campaign in the admin does
        body = client_a.get("/").content.decode()
        assert "Tuyển sinh trực tuyến" in body and campaign.title in body
        assert f"/dang-ky-tuyen-sinh/dot/{campaign.pk}/" in body

    def test_board_pages_of_the_services_open(self, client_a, board_login):
        board_login(client_a)
        for url in (
            "/admin/snippets/online_services/admissioncampaign/add/",
            "/admin/snippets/online_services/resultset/",
            "/admin/snippets/online_services/diplomaset/add/",
            "/admin/snippets/online_services/admissionapplication/",
            "/admin/settings/online_services/onlineservicessettings/",
        ):
            assert client_a.get(url, follow=True).status_code == 200, url
