"""Draft → approval → publish through the admin, as each role (R3.3)."""

from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_tenants.utils import schema_context
from wagtail.models import Page, Revision, WorkflowState

from editorial import services
from tests.assertions import assert_admin_denied
from tests.editorial.conftest import HEAD, login


def _edit_url(page) -> str:
    return f"/admin/pages/{page.pk}/edit/"


def _post_edit(client, page, **action):
    data = {"title": page.title, "slug": page.slug, **action}
    return client.post(_edit_url(page), data)


def _submit(client, page):
    return _post_edit(client, page, **{"action-submit": "1"})


def _action_url(school, page, action: str) -> str:
    with schema_context(school.schema_name):
        state = Page.objects.get(pk=page.pk).current_workflow_task_state
        return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, state.pk])


class WorkflowTests:
    def test_contributor_cannot_publish(self, client_a, school_a, draft_page):
        login(client_a, "congtacvien")
        _post_edit(client_a, draft_page, **{"action-publish": "1"})
        with schema_context(school_a.schema_name):
            assert not Page.objects.get(pk=draft_page.pk).live

    def test_submission_notifies_the_head_with_a_link_to_the_school(
        self, client_a, school_a, draft_page
    ):
        login(client_a, "congtacvien")
        mail.outbox.clear()
        _submit(client_a, draft_page)
        with schema_context(school_a.schema_name):
            state = WorkflowState.objects.get(object_id=str(draft_page.pk))
            assert state.status == WorkflowState.STATUS_IN_PROGRESS
            assert state.workflow.name == "Duyệt bài"
        to_head = [m for m in mail.outbox if "hieutruong@test-a.edu.vn" in m.to]
        assert to_head, [m.to for m in mail.outbox]
        assert "http://test-a.localhost/admin/" in to_head[0].body

    def test_contributor_cannot_approve(self, client_a, school_a, draft_page):
        login(client_a, "congtacvien")
        _submit(client_a, draft_page)
        response = client_a.post(_action_url(school_a, draft_page, "approve"), {"comment": ""})
        assert_admin_denied(client_a, response)
        with schema_context(school_a.schema_name):
            assert not Page.objects.get(pk=draft_page.pk).live

    def test_head_approves_and_the_page_is_published(self, client_a, school_a, draft_page):
        login(client_a, "congtacvien")
        _submit(client_a, draft_page)
        client_a.post("/admin/logout/")
        login(client_a, HEAD)
        client_a.post(_action_url(school_a, draft_page, "approve"), {"comment": "Đạt"})
        with schema_context(school_a.schema_name):
            page = Page.objects.get(pk=draft_page.pk)
            assert page.live
            assert page.live_revision.user.username == "congtacvien"

    def test_rejection_returns_the_draft_with_its_comment(self, client_a, school_a, draft_page):
        login(client_a, "congtacvien")
        _submit(client_a, draft_page)
        client_a.post("/admin/logout/")
        login(client_a, HEAD)
        mail.outbox.clear()
        client_a.post(
            _action_url(school_a, draft_page, "reject"), {"comment": "Bổ sung ảnh buổi lễ."}
        )
        with schema_context(school_a.schema_name):
            page = Page.objects.get(pk=draft_page.pk)
            assert not page.live
            state = WorkflowState.objects.get(object_id=str(page.pk))
            assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
            assert state.current_task_state.comment == "Bổ sung ảnh buổi lễ."
            # The contributor can edit the returned draft again.
            assert page.permissions_for_user(state.requested_by).can_edit()
        to_author = [m for m in mail.outbox if any("congtacvien" in to for to in m.to)]
        assert to_author and "Bổ sung ảnh buổi lễ." in to_author[0].body

    def test_scheduled_page_goes_live_when_due(self, school_a, head_a, draft_page):
        with schema_context(school_a.schema_name):
            page = Page.objects.get(pk=draft_page.pk)
            page.go_live_at = timezone.now() + timedelta(hours=1)
            revision = page.save_revision(user=head_a)
            revision.publish(user=head_a)
            page.refresh_from_db()
            assert not page.live
            # The hour passes: move the scheduled time into the past.
            due = timezone.now() - timedelta(minutes=1)
            revision = Revision.objects.get(pk=revision.pk)
            revision.content["go_live_at"] = due.isoformat()
            revision.approved_go_live_at = due
            revision.save(update_fields=["content", "approved_go_live_at"])
        services.scheduled_publish_run()
        with schema_context(school_a.schema_name):
            assert Page.objects.get(pk=draft_page.pk).live
