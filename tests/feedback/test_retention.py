"""Senders' personal data is erased after the school's retention period (R7.1)."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from feedback.schedule import PURGE_ENTRY
from feedback.tasks import purge_personal_data_all_schools
from tests.feedback.factories import FeedbackMessageFactory


def _old_and_new(school, in_school):
    with in_school(school):
        old = FeedbackMessageFactory(
            name="Lê Văn Cũ",
            email="cu@example.com",
            phone="0903 999 888",
            subject="Góp ý năm ngoái",
            message="Nội dung vẫn giữ",
            reply="Đã trả lời",
            published=True,
            created_at=timezone.now() - timedelta(days=400),
        )
        old.attachment.save("x.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
        new = FeedbackMessageFactory(name="Lê Thị Mới", email="moi@example.com")
    return old, new


class RetentionTests:
    def test_purge_erases_old_personal_data_and_keeps_the_record(self, school_a, in_school):
        old, new = _old_and_new(school_a, in_school)
        path = old.attachment.name
        out = StringIO()
        call_command("purge_feedback_personal_data", "--school", "test-a", stdout=out)
        assert "erased personal data of 1 messages" in out.getvalue()
        with in_school(school_a):
            old.refresh_from_db()
            new.refresh_from_db()
            assert (old.name, old.email, old.phone, old.attachment.name) == ("", "", "", "")
            assert old.personal_data_purged_at is not None
            assert old.message == "Nội dung vẫn giữ" and old.reply == "Đã trả lời"
            assert not default_storage.exists(path)
            assert new.name == "Lê Thị Mới" and new.personal_data_purged_at is None

    def test_dry_run_changes_nothing(self, school_a, in_school):
        old, _new = _old_and_new(school_a, in_school)
        out = StringIO()
        call_command("purge_feedback_personal_data", "--dry-run", "--school", "test-a", stdout=out)
        assert "would erase personal data of 1 messages" in out.getvalue()
        with in_school(school_a):
            old.refresh_from_db()
            assert old.name == "Lê Văn Cũ" and old.attachment
            default_storage.delete(old.attachment.name)

    def test_nightly_task_walks_every_school(self, school_a, school_b, in_school):
        _old_and_new(school_b, in_school)
        results = purge_personal_data_all_schools.apply().get()
        assert results["test_b"]["feedback"] == 1 and results["test_a"]["feedback"] == 0
        assert settings.CELERY_BEAT_SCHEDULE[PURGE_ENTRY]["task"] == (
            "feedback.tasks.purge_personal_data_all_schools"
        )
