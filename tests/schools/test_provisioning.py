"""Creating a school (R1.1, R1.2, R1.4): a working site at once, or nothing at all."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client, override_settings
from django_tenants.utils import schema_context, schema_exists
from wagtail.models import Site

from core.models import SchoolHomePage, SchoolProfile, ThemeSettings
from feedback.models import FeedbackSettings
from rss.school.models import FeedPreferences
from schools.models import Domain, School
from schools.services import school_create
from siteplatform import provisioning

NEW = {
    "name": "Trường THCS Nguyễn Du",
    "slug": "thcs-nguyen-du",
    "domain": "thcs-nguyen-du.localhost",
    "level": "thcs",
    "address": "5 đường Tên Lửa, phường An Lạc",
    "phone": "(028) 3875 1234",
    "email": "thcsnguyendu@pgdbinhtan.edu.vn",
}


class ProvisioningTests:
    def test_new_school_gets_schema_site_home_and_groups(self, db):
        school = school_create(**NEW, admin_username="hieutruong", admin_password="MatKhau@Moi2026")
        assert schema_exists("thcs_nguyen_du")
        assert Domain.objects.get(domain=NEW["domain"]).tenant == school
        with schema_context(school.schema_name):
            site = Site.objects.get(is_default_site=True)
            assert site.hostname == NEW["domain"]
            home = site.root_page.specific
            assert isinstance(home, SchoolHomePage)
            assert home.title == NEW["name"] and home.live
            assert set(provisioning.ROLE_GROUPS.values()) <= set(
                Group.objects.values_list("name", flat=True)
            )
            profile = SchoolProfile.for_site(site)
            assert profile.phone == NEW["phone"] and profile.email == NEW["email"]
            head = Group.objects.get(name=provisioning.ROLE_GROUPS["head"]).user_set.get()
            assert head.username == "hieutruong" and head.check_password("MatKhau@Moi2026")
        response = Client(HTTP_HOST=NEW["domain"]).get("/")
        assert response.status_code == 200
        assert NEW["name"] in response.content.decode()
        assert NEW["phone"] in response.content.decode()  # contact in the footer (R2.4)

    def test_new_school_pages_write_nothing(self, db):
        """Every site setting's row comes with the clone: a first page view only reads."""
        from django.test.utils import CaptureQueriesContext

        school = school_create(**NEW)
        with schema_context(school.schema_name):
            site = Site.objects.get(is_default_site=True)
            for model in (ThemeSettings, FeedbackSettings, FeedPreferences, SchoolProfile):
                assert model.objects.filter(site=site).exists(), model
        client = Client(HTTP_HOST=NEW["domain"])
        with CaptureQueriesContext(connection) as queries:
            for path in ("/", "/tin-tuc/", "/gop-y/", "/gioi-thieu/"):
                assert client.get(path).status_code == 200
        writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith("INSERT")]
        assert writes == []

    def test_clone_is_independent_of_the_template(self, db, school_a):
        with schema_context(school_a.schema_name):
            SchoolHomePage.objects.update(title="Đổi tên")
        with schema_context("school_template"):
            assert SchoolHomePage.objects.get().title == "Trường mẫu"

    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("slug", "test-a", "đã được dùng"),
            ("domain", "test-a.localhost", "đã được dùng"),
            ("slug", "public", "dành riêng"),
            ("slug", "Trường-Có-Dấu", "không hợp lệ"),
            ("domain", "bad domain!.localhost", "không hợp lệ"),
            ("level", "dai_hoc", "không hợp lệ"),
            ("name", "  ", "không được để trống"),
        ],
    )
    def test_bad_input_is_refused_in_vietnamese_and_nothing_is_created(
        self, db, school_a, field, value, message
    ):
        before = School.objects.count(), Domain.objects.count()
        with pytest.raises(ValidationError) as excinfo:
            school_create(**{**NEW, field: value})
        assert message in " ".join(excinfo.value.message_dict[field])
        assert (School.objects.count(), Domain.objects.count()) == before
        assert not schema_exists("thcs_nguyen_du")

    def test_weak_admin_password_is_refused_before_anything_is_created(self, db):
        with pytest.raises(ValidationError) as excinfo:
            school_create(**NEW, admin_username="ht", admin_password="123")
        assert "admin_password" in excinfo.value.message_dict
        assert not School.objects.filter(slug=NEW["slug"]).exists()

    def test_failure_midway_leaves_no_row_domain_or_schema(self, db, monkeypatch):
        def explode(**kwargs):
            raise RuntimeError("disk full")

        monkeypatch.setattr(provisioning, "school_profile_ensure", explode)
        with pytest.raises(RuntimeError):
            school_create(**NEW)
        assert connection.schema_name == "public"
        assert not School.objects.filter(slug=NEW["slug"]).exists()
        assert not Domain.objects.filter(domain=NEW["domain"]).exists()
        assert not schema_exists("thcs_nguyen_du")

    @override_settings(PORTAL_STRICT_DOMAINS=True, PORTAL_CITY_SLUG="binhtan")
    def test_strict_mode_enforces_the_edu_vn_rule(self, db):
        with pytest.raises(ValidationError) as excinfo:
            school_create(**{**NEW, "domain": "nguyendu.com"})
        messages = " ".join(excinfo.value.message_dict["domain"])
        assert ".edu.vn" in messages and "binhtan" in messages
        school = school_create(**{**NEW, "domain": "thcsnguyendubinhtan.edu.vn"})
        assert school.domains.get().domain == "thcsnguyendubinhtan.edu.vn"


class CreateSchoolCommandTests:
    def test_command_creates_a_school(self, db):
        call_command(
            "create_school",
            *_args(NEW),
            "--admin-email",
            "ht@thcsnguyendu.edu.vn",
            "--admin-password",
            "MatKhau@Moi2026",
        )
        assert School.objects.filter(slug=NEW["slug"], level="thcs").exists()

    def test_command_reports_errors_without_a_traceback(self, db, school_a):
        with pytest.raises(CommandError, match="đã được dùng"):
            call_command("create_school", *_args({**NEW, "slug": "test-a"}))

    def test_dry_run_creates_nothing(self, db):
        call_command("create_school", *_args(NEW), "--dry-run")
        assert not School.objects.filter(slug=NEW["slug"]).exists()


def _args(data: dict) -> list[str]:
    return [
        "--name",
        data["name"],
        "--slug",
        data["slug"],
        "--domain",
        data["domain"],
        "--level",
        data["level"],
    ]


class FastCloneTests:
    def test_database_wide_catalogue_scans_are_rewritten(self):
        """Without the rewrite each clone scans every school's columns (slower per school)."""
        from schools.clone import fast_clone_function_sql

        sql = fast_clone_function_sql()
        assert sql is not None
        code = "\n".join(line for line in sql.splitlines() if not line.strip().startswith("--"))
        assert "FROM information_schema.columns t WHERE EXISTS" not in code
        assert "FROM information_schema.tables t WHERE EXISTS" not in code
