"""Personal data is kept only as long as the school's settings say (R6.2)."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from core.schoolyears import current_school_year, format_school_year, parse_school_year
from online_services.models import (
    AdmissionApplication,
    ApplicationAttachment,
    Diploma,
    LookupLog,
    ResultSet,
)


def _application(campaign, **fields):
    application = AdmissionApplication.objects.create(
        reference=fields.pop("reference", "TS-2025-AAAAAA"),
        campaign=campaign,
        child_name="Võ Minh Nhật",
        child_birth_date="2014-01-27",
        child_gender="nam",
        address="20 đường Kinh Dương Vương",
        parent_name="Võ Thị Mỹ Lệ",
        parent_relationship="me",
        parent_phone="0977 130 645",
        parent_phone_key="0977130645",
        parent_email="myle.vo@example.com",
        **fields,
    )
    attachment = ApplicationAttachment(
        application=application, document_name="Học bạ", content_type="application/pdf"
    )
    attachment.file.save("retention-test.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    return application, attachment


class RetentionTests:
    def test_purge_applies_each_retention_period(
        self,
        school_a,
        in_school,
        import_results,
        import_diplomas,
        make_campaign,
        django_capture_on_commit_callbacks,
    ):
        now = timezone.now()
        current = parse_school_year(current_school_year())
        old_year, kept_year = format_school_year(current - 3), format_school_year(current - 2)
        import_results(school_year=old_year)
        import_results(school_year=kept_year)
        import_diplomas()
        old_campaign = make_campaign(
            title="Tuyển sinh lớp 6 cũ",
            opens=now - timedelta(days=420),
            closes=now - timedelta(days=400),
        )
        recent_campaign = make_campaign(title="Tuyển sinh đang mở")
        with in_school(school_a):
            old, old_file = _application(old_campaign, status="tiep_nhan")
            recent, _file = _application(recent_campaign, reference="TS-2026-BBBBBB")
            path = old_file.file.path
            LookupLog.objects.create(kind="ket_qua", code_hash="a" * 64, found=True)
            LookupLog.objects.filter().update(created_at=now - timedelta(days=200))
            LookupLog.objects.create(kind="ket_qua", code_hash="b" * 64, found=False)

        out = StringIO()
        call_command(
            "purge_online_services_data", "--dry-run", "--school", school_a.slug, stdout=out
        )
        assert (
            "would remove 1 look-up log lines, 1 result sets; erased personal data of 1 applications"
            in out.getvalue()
        )
        with in_school(school_a):
            assert ResultSet.objects.count() == 2 and LookupLog.objects.count() == 2

        with django_capture_on_commit_callbacks(execute=True):  # files go after the commit
            call_command("purge_online_services_data", "--school", school_a.slug, stdout=StringIO())
        with in_school(school_a):
            assert list(ResultSet.objects.values_list("school_year", flat=True)) == [kept_year]
            assert list(LookupLog.objects.values_list("code_hash", flat=True)) == ["b" * 64]
            assert Diploma.objects.count() == 2  # permanent records
            old.refresh_from_db()
            assert old.child_name == "" and old.parent_phone == "" and old.child_birth_date is None
            assert old.parent_email == "" and old.address == ""
            assert old.reference == "TS-2025-AAAAAA" and old.status == "tiep_nhan"
            assert old.personal_data_purged_at is not None
            assert not old.attachments.exists()
            recent.refresh_from_db()
            assert recent.child_name == "Võ Minh Nhật" and recent.attachments.count() == 1
        import os

        assert not os.path.exists(path)

    def test_a_purged_application_is_no_longer_found_by_its_parent(
        self, client_a, school_a, in_school, make_campaign
    ):
        now = timezone.now()
        campaign = make_campaign(opens=now - timedelta(days=420), closes=now - timedelta(days=400))
        with in_school(school_a):
            _application(campaign)
            from online_services.services import personal_data_purge

            personal_data_purge()
        body = client_a.post(
            "/dang-ky-tuyen-sinh/tra-cuu-ho-so/",
            {"reference": "TS-2025-AAAAAA", "phone": "0977130645"},
        ).content.decode()
        assert "Không tìm thấy hồ sơ" in body

    def test_the_nightly_purge_is_scheduled(self, settings):
        entry = settings.CELERY_BEAT_SCHEDULE["online-services-purge-personal-data"]
        assert entry["task"] == "online_services.tasks.purge_personal_data_all_schools"

    def test_deleting_an_application_removes_its_files(
        self,
        client_a,
        school_a,
        in_school,
        make_campaign,
        board_login,
        django_capture_on_commit_callbacks,
    ):
        import os

        campaign = make_campaign()
        with in_school(school_a):
            application, attachment = _application(campaign)
            path = attachment.file.path
        board_login(client_a)
        url = f"/admin/snippets/online_services/admissionapplication/delete/{application.pk}/"
        with django_capture_on_commit_callbacks(execute=True):
            assert client_a.post(url).status_code == 302
        assert not os.path.exists(path)
        # A campaign that has applications is kept (PROTECT), with an explanation, not a 500.
        with in_school(school_a):
            _application(campaign, reference="TS-2026-CCCCCC")
        url = f"/admin/snippets/online_services/admissioncampaign/delete/{campaign.pk}/"
        assert client_a.get(url).status_code == 200
        client_a.post(url)
        with in_school(school_a):
            assert AdmissionApplication.objects.filter(campaign=campaign).exists()
