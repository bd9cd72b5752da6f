"""Security headers on every kind of response; ``check --deploy`` clean in production (R9.2)."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from siteplatform.security import ADMIN_POLICY, PUBLIC_POLICY
from tests.conftest import SCHOOL_A

ROOT = Path(__file__).resolve().parents[2]
COMMON = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}


def _directives(policy: str) -> dict[str, list[str]]:
    parsed = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            parsed[words[0]] = words[1:]
    return parsed


def _assert_headers(response, policy: str | None = PUBLIC_POLICY) -> None:
    for name, value in COMMON.items():
        assert response.get(name) == value, (name, response.get(name))
    assert response.get("X-Frame-Options") in {"DENY", "SAMEORIGIN"}
    assert response.get("Content-Security-Policy"), "no CSP"
    if policy is not None:
        assert response["Content-Security-Policy"] == policy


class PolicyTests:
    def test_public_policy_runs_no_inline_or_foreign_script(self):
        directives = _directives(PUBLIC_POLICY)
        assert directives["script-src"] == ["'self'"]
        assert directives["object-src"] == ["'self'"]
        assert directives["base-uri"] == ["'self'"]
        assert directives["frame-ancestors"] == ["'none'"]
        assert "'unsafe-eval'" not in PUBLIC_POLICY
        assert "https://www.openstreetmap.org" in directives["frame-src"]
        assert "https://www.youtube.com" in directives["frame-src"]

    def test_admin_policy_still_forbids_foreign_framing_and_forms(self):
        directives = _directives(ADMIN_POLICY)
        assert directives["frame-ancestors"] == ["'self'"]
        assert directives["form-action"] == ["'self'"]


class HeaderTests:
    @pytest.mark.parametrize(
        "path", ["/", "/tin-tuc/", "/van-ban/", "/gop-y/", "/khong-co-trang-nay/", "/robots.txt"]
    )
    def test_public_responses_carry_the_strict_policy(self, client_a, path):
        _assert_headers(client_a.get(path))

    def test_cached_pages_carry_the_headers_too(self, client_a, page_cache):
        client_a.get("/")
        _assert_headers(client_a.get("/"))

    def test_admin_gets_its_own_policy(self, client_a):
        response = client_a.get("/admin/login/")
        assert response.status_code == 200
        _assert_headers(response, ADMIN_POLICY)
        assert response["X-Frame-Options"] == "DENY"

    def test_early_answers_from_middleware_carry_the_headers(self, db):
        # Unknown host: answered by django-tenants before SecurityMiddleware runs.
        _assert_headers(Client(HTTP_HOST="khong-ton-tai.localhost").get("/"))
        _assert_headers(Client(HTTP_HOST=SCHOOL_A["domain"]).get("/healthz"), policy=None)

    def test_feed_and_static_responses(self, client_a):
        _assert_headers(client_a.get("/rss/tin-tuc/"))
        _assert_headers(client_a.get("/static/js/portal.js"), policy=None)

    def test_hsts_on_https_only(self, client_a, settings):
        settings.SECURE_HSTS_SECONDS = 31536000
        settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
        settings.SECURE_HSTS_PRELOAD = True
        secure = client_a.get("/", secure=True)
        assert secure["Strict-Transport-Security"] == (
            "max-age=31536000; includeSubDomains; preload"
        )
        early = Client(HTTP_HOST="khong-ton-tai.localhost").get("/", secure=True)
        assert early["Strict-Transport-Security"].startswith("max-age=31536000")
        assert "Strict-Transport-Security" not in client_a.get("/")

    def test_public_pages_have_no_inline_script(self, client_a):
        html = client_a.get("/").content.decode()
        assert "<script>" not in html
        assert '<script src="/static/js/portal.js" defer></script>' in html


class DeployCheckTests:
    def test_check_deploy_has_no_warnings_with_production_settings(self):
        env = dict(os.environ)
        env.update(
            DJANGO_SETTINGS_MODULE="portal.settings.production",
            SECRET_KEY=secrets.token_urlsafe(50),
            ALLOWED_HOSTS=".truonghoc.edu.vn",
        )
        result = subprocess.run(
            [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        assert "System check identified no issues" in result.stdout
