"""Sources are managed by platform superusers on the operator's admin only (R8.1)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django_tenants.utils import schema_context

from rss.models import FeedSource
from tests.assertions import assert_admin_denied

PASSWORD = "MatKhau@Test2026"


@pytest.fixture
def superuser_client(public_client):
    with schema_context("public"):
        get_user_model().objects.create_superuser("vanhanh", "vh@pgd.edu.vn", PASSWORD)
        public_client.login(username="vanhanh", password=PASSWORD)
    return public_client


@pytest.mark.django_db
class FeedSourceAdminTests:
    def test_superuser_adds_a_source_on_the_operator_admin(self, superuser_client):
        listing = superuser_client.get("/admin/rss_sources/")
        assert listing.status_code == 200
        response = superuser_client.post(
            "/admin/rss_sources/new/",
            {
                "name": "Thông báo – Sở GD&ĐT",
                "url": "https://so.example/thong-bao.rss",
                "interval_minutes": "15",
                "is_active": "on",
            },
        )
        assert response.status_code == 302
        source = FeedSource.objects.get(url="https://so.example/thong-bao.rss")
        assert source.interval_minutes == 15
        assert (
            "Thông báo – Sở GD&amp;ĐT"
            in superuser_client.get("/admin/rss_sources/").content.decode()
        )

    def test_non_http_urls_are_refused(self, superuser_client):
        response = superuser_client.post(
            "/admin/rss_sources/new/",
            {"name": "FTP", "url": "ftp://so.example/feed", "interval_minutes": "30"},
        )
        assert response.status_code == 200
        assert not FeedSource.objects.filter(name="FTP").exists()

    def test_school_staff_cannot_reach_sources(self, school_a):
        client = Client(HTTP_HOST="test-a.localhost")
        with schema_context(school_a.schema_name):
            client.login(username="hieutruong", password=PASSWORD)
        assert client.get("/admin/").status_code == 200
        assert_admin_denied(client, client.get("/admin/rss_sources/"))
        assert "/admin/rss_sources/" not in client.get("/admin/").content.decode()

    def test_a_school_superuser_cannot_reach_shared_sources(self, school_a):
        client = Client(HTTP_HOST="test-a.localhost")
        with schema_context(school_a.schema_name):
            get_user_model().objects.create_superuser("root", "r@x.edu.vn", PASSWORD)
            client.login(username="root", password=PASSWORD)
        # The superuser flag is refused in a school: no admin access, back to the log-in form.
        response = client.get("/admin/rss_sources/")
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
        assert "Đăng nhập" in client.get(response["Location"]).content.decode()
