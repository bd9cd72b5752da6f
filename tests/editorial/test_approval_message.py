"""After approving in the editor, the head reads what happened (R3.3, R9.2; issue 19)."""

from django_tenants.utils import schema_context
from wagtail.models import Page

from tests.editorial.conftest import HEAD, login


def _post_edit(client, page, **action):
    return client.post(
        f"/admin/pages/{page.pk}/edit/", {"title": page.title, "slug": page.slug, **action}
    )


class ApprovalMessageTests:
    def test_approving_says_approved_and_published(self, client_a, school_a, draft_page):
        login(client_a, "congtacvien")
        _post_edit(client_a, draft_page, **{"action-submit": "1"})
        client_a.post("/admin/logout/")
        login(client_a, HEAD)
        response = _post_edit(
            client_a,
            draft_page,
            **{"action-workflow-action": "1", "workflow-action-name": "approve"},
        )
        assert response.status_code == 302
        with schema_context(school_a.schema_name):
            assert Page.objects.get(pk=draft_page.pk).live
        body = client_a.get(response["Location"]).content.decode()
        assert "Đã phê duyệt và xuất bản trang “Lễ khai giảng năm học 2026–2027”." in body
        assert "Đã cập nhật trang" not in body and "has been updated" not in body

    def test_saving_without_approving_keeps_the_update_message(
        self, client_a, school_a, draft_page
    ):
        login(client_a, HEAD)
        response = _post_edit(client_a, draft_page)
        body = client_a.get(response["Location"]).content.decode()
        assert "Đã cập nhật trang" in body and "Đã phê duyệt" not in body

    def test_approving_from_the_dashboard_says_approved_and_published(
        self, client_a, school_a, draft_page
    ):
        login(client_a, "congtacvien")
        _post_edit(client_a, draft_page, **{"action-submit": "1"})
        client_a.post("/admin/logout/")
        login(client_a, HEAD)
        with schema_context(school_a.schema_name):
            task_state = Page.objects.get(pk=draft_page.pk).current_workflow_task_state
        # The dashboard's "Approve" button posts the modal's form with XMLHttpRequest.
        response = client_a.post(
            f"/admin/pages/workflow/action/{draft_page.pk}/approve/{task_state.pk}/",
            {"comment": ""},
            headers={"x-requested-with": "XMLHttpRequest"},
        )
        assert response.status_code == 200
        assert response.json()["step"] == "success"
        with schema_context(school_a.schema_name):
            assert Page.objects.get(pk=draft_page.pk).live
        body = client_a.get("/admin/").content.decode()
        assert "Đã phê duyệt và xuất bản trang “Lễ khai giảng năm học 2026–2027”." in body
