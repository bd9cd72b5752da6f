"""Sections, the public Q&A and the page rules (R7.1, R1.4)."""

from __future__ import annotations

from wagtail.models import Page

from core.models import SchoolHomePage
from feedback.models import ConsultationIndexPage, ConsultationPage, FeedbackMessage, FeedbackPage
from tests.feedback.factories import FeedbackMessageFactory


class SectionTests:
    def test_every_school_has_feedback_and_consultation_sections(self, school_b, in_school):
        with in_school(school_b):
            home = SchoolHomePage.objects.get()
            assert FeedbackPage.objects.child_of(home).get().slug == "gop-y"
            assert ConsultationIndexPage.objects.child_of(home).get().slug == "lay-y-kien"

    def test_page_tree_rules(self, school_a, in_school):
        with in_school(school_a):
            home = SchoolHomePage.objects.get()
            feedback = FeedbackPage.objects.get()
            index = ConsultationIndexPage.objects.get()
            assert not FeedbackPage.can_create_at(home)  # one per school
            assert not ConsultationIndexPage.can_create_at(home)
            assert ConsultationPage.can_create_at(index)
            assert not ConsultationPage.can_create_at(home)
            assert not ConsultationPage.can_create_at(feedback)
            assert not FeedbackPage.can_create_at(Page.get_first_root_node())


class QaPageTests:
    def test_only_published_answers_are_shown_with_bounded_queries(
        self, client_a, school_a, in_school
    ):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        def publish(start: int, count: int) -> None:
            with in_school(school_a):
                FeedbackMessage.objects.bulk_create(
                    FeedbackMessage(
                        reference=f"GY-2026-QA{n:04d}",
                        name="Người gửi bí mật",
                        email="bimat@example.com",
                        subject=f"Câu hỏi công khai {n}",
                        message="Hỏi",
                        reply="Đáp",
                        published=True,
                    )
                    for n in range(start, start + count)
                )

        def queries() -> tuple[int, str]:
            with CaptureQueriesContext(connection) as context:
                body = client_a.get("/gop-y/hoi-dap/").content.decode()
            return len(context), body

        publish(0, 2)
        queries()  # warm process-wide caches (content types, site root paths)
        few, _body = queries()
        publish(2, 28)
        with in_school(school_a):
            FeedbackMessageFactory(subject="Chưa đăng", reply="Đáp", published=False)
        many, body = queries()
        assert many == few  # no query per question
        assert body.count("Câu hỏi công khai") == 10  # paginated
        assert "Chưa đăng" not in body and "Người gửi bí mật" not in body
        assert "Trang 1/3" in body

    def test_empty_qa_has_a_friendly_message(self, client_b):
        assert "Chưa có câu hỏi nào được đăng" in client_b.get("/gop-y/hoi-dap/").content.decode()
