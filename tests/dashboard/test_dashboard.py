"""The operator's dashboard: checklist, score, exports, access, actions (R10.2, R1.5)."""

import csv
import datetime
import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone
from django_tenants.utils import schema_context
from openpyxl import load_workbook
from wagtail.models import Page

from core.models import SchoolHomePage, SchoolProfile
from dashboard.models import SchoolMetrics
from dashboard.services import metrics_refresh
from schools.models import School
from tests.assertions import assert_admin_denied
from tests.conftest import PASSWORD, SCHOOL_A, SCHOOL_B

SECTIONS = [("thu-nghiem", "Chuyên mục thử nghiệm", True), ("lien-he-thu", "Liên hệ thử", False)]


@pytest.fixture
def operator_client(db):
    connection.set_schema_to_public()
    get_user_model().objects.create_superuser("canbophong", password=PASSWORD)
    client = Client(HTTP_HOST="localhost")
    assert (
        client.post("/admin/login/", {"username": "canbophong", "password": PASSWORD}).status_code
        == 302
    )
    return client


def _fill(school):
    with schema_context(school.schema_name):
        home = SchoolHomePage.objects.get()
        section = home.add_child(instance=Page(title="Chuyên mục thử nghiệm", slug="thu-nghiem"))
        section.add_child(instance=Page(title="Bài đầu tiên", slug="bai-dau-tien"))
        home.add_child(instance=Page(title="Liên hệ", slug="lien-he-thu"))


class ChecklistTests:
    def test_complete_school_passes_sections_and_contact(self, school_a, settings):
        settings.PORTAL_REQUIRED_SECTIONS = SECTIONS
        _fill(school_a)
        metrics = metrics_refresh(school=school_a)
        by_code = {c["code"]: c for c in metrics.checks}
        assert by_code["section:thu-nghiem"]["ok"] is True
        assert by_code["section:lien-he-thu"]["ok"] is True
        assert by_code["contact_complete"]["ok"] is True
        assert by_code["official_email"]["ok"] is True
        assert by_code["domain_rule"]["ok"] is None  # development domain: not scored

    def test_empty_school_fails_with_reasons_and_a_lower_score(self, school_a, school_b, settings):
        settings.PORTAL_REQUIRED_SECTIONS = SECTIONS
        _fill(school_a)
        with schema_context(school_b.schema_name):
            profile = SchoolProfile.objects.get()
            profile.phone, profile.email = "", "hieutruong@gmail.com"
            profile.save()
        full, empty = metrics_refresh(school=school_a), metrics_refresh(school=school_b)
        by_code = {c["code"]: c for c in empty.checks}
        assert by_code["section:thu-nghiem"]["ok"] is False
        assert by_code["section:thu-nghiem"]["detail"] == "Chưa có chuyên mục"
        assert (
            by_code["contact_complete"]["ok"] is False
            and "điện thoại" in by_code["contact_complete"]["detail"]
        )
        assert (
            by_code["official_email"]["ok"] is False
            and "Gmail" in by_code["official_email"]["detail"]
        )
        assert empty.score < full.score

    def test_score_counts_only_applicable_checks(self):
        from dashboard.checks import CheckResult, score

        results = [
            CheckResult("a", "a", True),
            CheckResult("b", "b", False),
            CheckResult("c", "c", None),
        ]
        assert score(results) == 50

    def test_section_present_but_empty_fails(self, school_a, settings):
        settings.PORTAL_REQUIRED_SECTIONS = SECTIONS
        with schema_context(school_a.schema_name):
            SchoolHomePage.objects.get().add_child(instance=Page(title="Trống", slug="thu-nghiem"))
        by_code = {c["code"]: c for c in metrics_refresh(school=school_a).checks}
        assert by_code["section:thu-nghiem"]["ok"] is False
        assert by_code["section:thu-nghiem"]["detail"] == "Chuyên mục chưa có nội dung"


class AccessTests:
    def test_only_operator_superusers_reach_the_dashboard(self, operator_client, school_a):
        assert operator_client.get("/admin/dieu-hanh/").status_code == 200

    def test_school_head_cannot_reach_it_from_any_domain(self, school_a):
        client = Client(HTTP_HOST=SCHOOL_A["domain"])
        assert (
            client.post(
                "/admin/login/", {"username": "hieutruong", "password": PASSWORD}
            ).status_code
            == 302
        )
        assert_admin_denied(client, client.get("/admin/dieu-hanh/"))
        response = client.get("/admin/dieu-hanh/", HTTP_HOST="localhost")
        assert response.status_code == 302 and "/admin/login/" in response["Location"]

    def test_anonymous_is_sent_to_login(self, db):
        response = Client(HTTP_HOST="localhost").get("/admin/dieu-hanh/")
        assert response.status_code == 302


class DashboardPageTests:
    def test_table_query_count_does_not_grow_with_schools(
        self, operator_client, school_a, school_b
    ):
        from django.test.utils import CaptureQueriesContext

        from schools.services import school_create

        metrics_refresh(school=school_a)
        metrics_refresh(school=school_b)
        with CaptureQueriesContext(connection) as two:
            body = operator_client.get("/admin/dieu-hanh/").content.decode()
        assert SCHOOL_A["name"] in body and SCHOOL_B["name"] in body
        assert "school-template" not in body
        for i in range(3):
            metrics_refresh(
                school=school_create(
                    name=f"Trường Thêm {i}",
                    slug=f"them-{i}",
                    domain=f"them-{i}.localhost",
                    level="thcs",
                )
            )
        connection.set_schema_to_public()
        with CaptureQueriesContext(connection) as five:
            body = operator_client.get("/admin/dieu-hanh/").content.decode()
        assert "Trường Thêm 2" in body
        assert len(five) == len(two)

    def test_filter_by_level(self, operator_client, school_a, school_b):
        body = operator_client.get("/admin/dieu-hanh/", {"cap": "thcs"}).content.decode()
        assert SCHOOL_A["name"] in body and SCHOOL_B["name"] not in body

    def test_drill_down_shows_what_is_missing(self, operator_client, school_b, settings):
        settings.PORTAL_REQUIRED_SECTIONS = SECTIONS
        metrics_refresh(school=school_b)
        body = operator_client.get(f"/admin/dieu-hanh/truong/{school_b.slug}/").content.decode()
        assert "Chưa có chuyên mục" in body and "Khắc phục" in body


class ExportTests:
    def test_csv_and_xlsx_parse_back(self, operator_client, school_a, school_b):
        metrics_refresh(school=school_a)
        response = operator_client.get("/admin/dieu-hanh/xuat/csv/")
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert rows[0][0] == "Tên trường"
        assert {SCHOOL_A["name"], SCHOOL_B["name"]} <= {row[0] for row in rows[1:]}
        response = operator_client.get("/admin/dieu-hanh/xuat/xlsx/")
        sheet = load_workbook(io.BytesIO(response.content)).active
        names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
        assert SCHOOL_A["name"] in names

    def test_cli_json_lists_every_school_with_domain_and_checks(self, school_a, school_b, tmp_path):
        output = tmp_path / "audit.json"
        call_command("audit_schools", "--format", "json", "--output", str(output))
        data = json.loads(output.read_text())
        by_slug = {s["slug"]: s for s in data["schools"]}
        assert by_slug["test-a"]["domain"] == SCHOOL_A["domain"]
        assert any(c["code"] == "contact_complete" for c in by_slug["test-b"]["checks"])
        assert "school-template" not in by_slug and "public" not in by_slug


class ActionTests:
    def test_create_school_from_the_dashboard(self, operator_client):
        response = operator_client.post(
            "/admin/dieu-hanh/tao-truong/",
            {
                "name": "Trường Mầm non Sơn Ca",
                "slug": "mn-son-ca",
                "domain": "mn-son-ca.localhost",
                "level": "mam_non",
                "ownership": "cong_lap",
            },
        )
        assert response.status_code == 302, response.content.decode().split("novalidate>")[1][:1500]
        school = School.objects.get(slug="mn-son-ca")
        assert SchoolMetrics.objects.filter(school=school).exists()
        assert Client(HTTP_HOST="mn-son-ca.localhost").get("/").status_code == 200

    def test_create_school_errors_are_shown_in_vietnamese(self, operator_client, school_a):
        response = operator_client.post(
            "/admin/dieu-hanh/tao-truong/",
            {
                "name": "Trùng",
                "slug": "test-a",
                "domain": "x.localhost",
                "level": "thcs",
                "ownership": "cong_lap",
            },
        )
        assert response.status_code == 200
        assert "đã được dùng" in response.content.decode()

    def test_suspend_and_reactivate(self, operator_client, school_a):
        operator_client.post(
            f"/admin/dieu-hanh/truong/{school_a.slug}/trang-thai/", {"status": "suspended"}
        )
        assert Client(HTTP_HOST=SCHOOL_A["domain"]).get("/").status_code == 503
        operator_client.post(
            f"/admin/dieu-hanh/truong/{school_a.slug}/trang-thai/", {"status": "active"}
        )
        assert Client(HTTP_HOST=SCHOOL_A["domain"]).get("/").status_code == 200

    def test_reset_head_password(self, operator_client, school_a):
        response = operator_client.post(
            f"/admin/dieu-hanh/truong/{school_a.slug}/dat-lai-mat-khau/"
        )
        body = response.content.decode()
        password = body.split("Mật khẩu: <code>")[1].split("</code>")[0]
        client = Client(HTTP_HOST=SCHOOL_A["domain"])
        assert (
            client.post(
                "/admin/login/", {"username": "hieutruong", "password": password}
            ).status_code
            == 302
        )
        assert (
            client.post(
                "/admin/login/", {"username": "hieutruong", "password": PASSWORD}
            ).status_code
            == 200
        )


class ActivityTests:
    def test_posts_are_counted_per_month_and_author(self, school_a, settings):
        settings.PORTAL_POST_MODELS = ["wagtailcore.Page"]
        now = timezone.now()
        with schema_context(school_a.schema_name):
            author = get_user_model().objects.create_user(
                "gvtoan", first_name="Bình", last_name="Trần Thanh"
            )
            home = SchoolHomePage.objects.get()
            for i in range(3):
                page = home.add_child(
                    instance=Page(title=f"Tin {i}", slug=f"tin-{i}", owner=author)
                )
                Page.objects.filter(pk=page.pk).update(
                    first_published_at=now - datetime.timedelta(days=i * 20)
                )
        metrics = metrics_refresh(school=school_a, now=now)
        assert metrics.posts_30d >= 2 and metrics.posts_90d >= 3
        assert metrics.author_posts.get("Trần Thanh Bình") == 3
        assert sum(metrics.monthly_posts.values()) >= 3
