"""Host names: case and trailing dot, canonical absolute URLs, registry-based validation."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from schools.models import Domain
from siteplatform.hosts import host_split
from tests.conftest import SCHOOL_A

DOMAIN = SCHOOL_A["domain"]


class HostSplitTests:
    @pytest.mark.parametrize(
        ("raw", "expected"),
        [
            ("THCS.Edu.VN", ("thcs.edu.vn", "")),
            ("thcs.edu.vn.", ("thcs.edu.vn", "")),
            ("THCS.edu.vn.:8000", ("thcs.edu.vn", "8000")),
            ("[::1]:8000", ("[::1]", "8000")),
        ],
    )
    def test_host_is_lowercased_without_trailing_dot(self, raw, expected):
        assert host_split(raw) == expected


class HostNormalisationTests:
    @pytest.mark.parametrize("host", [DOMAIN.upper(), f"{DOMAIN}.", f"{DOMAIN.title()}.:80"])
    def test_school_is_found_whatever_the_case_and_trailing_dot(self, school_a, host):
        response = Client(HTTP_HOST=host).get("/")
        assert response.status_code == 200
        assert SCHOOL_A["name"] in response.content.decode()


class CanonicalUrlTests:
    """Absolute URLs name the school's primary domain, never the ``Host`` the client sent."""

    def test_robots_txt_ignores_a_foreign_port(self, school_a):
        response = Client(HTTP_HOST=f"{DOMAIN}:6666").get("/robots.txt")
        assert response.status_code == 200
        assert f"Sitemap: http://{DOMAIN}/sitemap.xml" in response.content.decode()
        assert "6666" not in response.content.decode()

    def test_sitemap_and_feed_use_the_canonical_domain(self, school_a):
        client = Client(HTTP_HOST=f"{DOMAIN.upper()}.:6666")
        sitemap = client.get("/sitemap.xml").content.decode()
        locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
        assert locations
        assert all(loc.startswith(f"http://{DOMAIN}/") for loc in locations), locations
        feed = client.get("/rss/tin-tuc/")
        assert feed.status_code == 200
        assert "6666" not in feed.content.decode()
        assert f"http://{DOMAIN}/" in feed.content.decode()

    def test_alias_domain_links_to_the_primary_domain(self, school_a):
        Domain.objects.create(domain="alias-a.localhost", tenant=school_a, is_primary=False)
        response = Client(HTTP_HOST="Alias-A.localhost").get("/robots.txt")
        assert response.status_code == 200
        assert f"Sitemap: http://{DOMAIN}/sitemap.xml" in response.content.decode()

    def test_home_page_canonical_link_has_no_client_port(self, school_a):
        html = Client(HTTP_HOST=f"{DOMAIN}:6666").get("/").content.decode()
        assert f'<link rel="canonical" href="http://{DOMAIN}/">' in html
        assert "6666" not in html

    def test_configured_port_is_kept(self, school_a, settings):
        settings.PORTAL_PUBLIC_PORT = 8000
        response = Client(HTTP_HOST=f"{DOMAIN}:6666").get("/robots.txt")
        assert f"Sitemap: http://{DOMAIN}:8000/sitemap.xml" in response.content.decode()


class HostValidationTests:
    """Production: only registered domains and the operator's hosts are answered."""

    @pytest.fixture(autouse=True)
    def _validate(self, settings):
        settings.PORTAL_VALIDATE_HOSTS = True
        settings.ALLOWED_HOSTS = ["*"]
        settings.PORTAL_OPERATOR_HOSTS = [".operator.example"]

    def test_unregistered_host_is_refused(self, school_a):
        response = Client(HTTP_HOST="evil.example").get("/")
        assert response.status_code == 400
        assert "chưa được gắn với cổng thông tin" in response.content.decode()

    def test_registered_domain_is_answered(self, school_a):
        assert Client(HTTP_HOST=DOMAIN.upper()).get("/").status_code == 200

    def test_new_domain_is_answered_once_registered(self, school_a):
        assert Client(HTTP_HOST="moi-a.localhost").get("/robots.txt").status_code == 400
        Domain.objects.create(domain="moi-a.localhost", tenant=school_a, is_primary=False)
        from django.core.cache import cache

        cache.delete("global:host:moi-a.localhost")  # the short negative cache, expired
        assert Client(HTTP_HOST="moi-a.localhost").get("/robots.txt").status_code == 200

    def test_operator_host_passes_the_check(self, school_a):
        # Not a registered domain: past the host check, the tenant middleware answers 404.
        assert Client(HTTP_HOST="www.operator.example").get("/").status_code == 404

    def test_health_check_answers_any_host(self, db):
        assert Client(HTTP_HOST="10.0.0.7").get("/healthz").status_code == 200
