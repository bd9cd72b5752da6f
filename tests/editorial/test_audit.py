"""Audit trail: kept per school, browsable by the head and by the Phòng (R10.4)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django_tenants.utils import schema_context

from core.slugs import fold_vietnamese
from editorial import selectors
from tests.assertions import assert_admin_denied
from tests.conftest import PASSWORD
from tests.editorial.conftest import HEAD, login


class AuditTests:
    def test_head_browses_the_site_history(self, client_a, school_a, head_a, draft_page):
        with schema_context(school_a.schema_name):
            draft_page.save_revision(user=head_a).publish(user=head_a)
        login(client_a, HEAD)
        response = client_a.get("/admin/reports/site-history/")
        assert response.status_code == 200
        assert "Lễ khai giảng" in response.content.decode()

    def test_phong_browses_a_schools_audit_from_the_operator_portal(
        self, school_a, school_b, head_a, draft_page
    ):
        with schema_context(school_a.schema_name):
            draft_page.save_revision(user=head_a).publish(user=head_a)
        with schema_context(settings.PUBLIC_SCHEMA_NAME):
            get_user_model().objects.create_superuser("phong", "phong@pgdbinhtan.edu.vn", PASSWORD)
        entries = selectors.school_audit_entries(school=school_a)
        assert any(e["label"].startswith("Lễ khai giảng") and e["user"] for e in entries)
        assert not any(
            e["label"].startswith("Lễ khai giảng")
            for e in selectors.school_audit_entries(school=school_b)
        )

        client = Client(HTTP_HOST=settings.PORTAL_PUBLIC_DOMAIN)
        login(client, "phong")
        response = client.get("/admin/nhat-ky-cac-truong/", {"truong": school_a.slug})
        assert response.status_code == 200
        assert "Lễ khai giảng" in response.content.decode()

    def test_school_user_cannot_open_the_phongs_audit(self, client_a):
        login(client_a, HEAD)
        response = client_a.get("/admin/nhat-ky-cac-truong/", {"truong": "test-b"})
        assert_admin_denied(client_a, response)


class AuditSchoolFinderTests:
    """The Phòng finds a school by name or code, not in one list of every school."""

    def _client(self):
        with schema_context(settings.PUBLIC_SCHEMA_NAME):
            get_user_model().objects.create_superuser("phong", "phong@pgdbinhtan.edu.vn", PASSWORD)
        client = Client(HTTP_HOST=settings.PORTAL_PUBLIC_DOMAIN)
        login(client, "phong")
        return client

    def test_search_by_name_without_diacritics_lists_the_school_with_its_link(
        self, school_a, school_b
    ):
        client = self._client()
        typed = fold_vietnamese(school_a.name).lower()
        page = client.get("/admin/nhat-ky-cac-truong/", {"q": typed}).content.decode()
        assert f'href="?truong={school_a.slug}"' in page
        assert f'href="?truong={school_b.slug}"' not in page
        assert "<select" not in page
        nothing = client.get("/admin/nhat-ky-cac-truong/", {"q": "không có trường này"})
        assert "Không có trường nào khớp với từ tìm." in nothing.content.decode()

    def test_an_unknown_school_code_says_so_and_offers_the_list(self, school_a):
        client = self._client()
        page = client.get("/admin/nhat-ky-cac-truong/", {"truong": "khong-co"}).content.decode()
        assert "Không tìm thấy trường này" in page
        assert f'href="?truong={school_a.slug}"' in page
