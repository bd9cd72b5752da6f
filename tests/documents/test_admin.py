"""The board can reach the documents forms in the Wagtail admin of its own school."""

import pytest
from django.contrib.auth import get_user_model

from tests.documents.factories import index_page, make_document


@pytest.fixture
def admin_client_a(school_a, client_a, in_school):
    """Signed in as the head of the editorial board (schools have no superusers)."""
    with in_school(school_a):
        client_a.force_login(get_user_model().objects.get(username="hieutruong"))
    return client_a


@pytest.mark.django_db
class DocumentAdminTests:
    def test_add_and_edit_forms_render(self, admin_client_a, school_a, in_school):
        with in_school(school_a):
            index_id = index_page().pk
            document_id = make_document(number="7/KH-THCSA").pk
        add = admin_client_a.get(f"/admin/pages/add/documents/officialdocumentpage/{index_id}/")
        assert add.status_code == 200
        html = add.content.decode()
        assert "Số ký hiệu" in html and "Tệp đính kèm" in html and "Văn bản liên quan" in html
        assert admin_client_a.get(f"/admin/pages/{document_id}/edit/").status_code == 200

    def test_issuer_snippets_listed(self, admin_client_a):
        response = admin_client_a.get("/admin/snippets/documents/issuer/")
        assert response.status_code == 200
        assert "Phòng Giáo dục và Đào tạo quận Bình Tân" in response.content.decode()


@pytest.mark.django_db
class DocumentAdminValidationTests:
    def _post(self, client, index_id, number):
        from wagtail.test.utils.form_data import inline_formset, nested_form_data

        from documents.models import Issuer

        data = nested_form_data(
            {
                "title": "Công văn mới",
                "slug": "cong-van-moi",
                "kind": "cong-van",
                "number": number,
                "issuer": Issuer.objects.get(is_own_school=True).pk,
                "issue_date": "2024-09-05",
                "summary": "Về việc thử nghiệm biểu mẫu.",
                "files": inline_formset([]),
                "relations": inline_formset([]),
                "comments": inline_formset([]),
            }
        )
        return client.post(f"/admin/pages/add/documents/officialdocumentpage/{index_id}/", data)

    def test_duplicate_number_is_a_form_error_not_a_crash(
        self, admin_client_a, school_a, in_school
    ):
        with in_school(school_a):
            make_document(number="2326/GDĐT-THCS")
            index_id = index_page().pk
            response = self._post(admin_client_a, index_id, "2326/gdđt-thcs")
        assert response.status_code == 200
        assert "đã được dùng cho văn bản khác" in response.content.decode()
        with in_school(school_a):
            response = self._post(admin_client_a, index_id, "2327/GDĐT-THCS")
            assert response.status_code == 302
            from documents.models import OfficialDocumentPage

            assert OfficialDocumentPage.objects.filter(number="2327/GDĐT-THCS").exists()
