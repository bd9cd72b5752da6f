"""Every school gets the sections, the board its rights, the operator its checklist items;
the demo school its realistic data (R1.4, R6.2, R10.1, R10.2)."""

from __future__ import annotations

from django.contrib.auth.models import Group
from wagtail.models import Page

from core.models import SchoolHomePage
from dashboard.services import metrics_refresh
from online_services.models import (
    AdmissionCampaign,
    AdmissionRegistrationPage,
    DiplomaSet,
    LookupPage,
    ResultSet,
    StudentResult,
)
from siteplatform.provisioning import ROLE_GROUPS
from tests.assertions import assert_admin_denied


class SectionTests:
    def test_both_sections_exist_in_every_school_next_to_tuyen_sinh(
        self, school_a, school_b, in_school
    ):
        for school in (school_a, school_b):
            with in_school(school):
                home = SchoolHomePage.objects.get()
                slugs = list(home.get_children().live().in_menu().values_list("slug", flat=True))
                position = slugs.index("tuyen-sinh")
                assert slugs[position + 1 : position + 3] == ["dang-ky-tuyen-sinh", "tra-cuu"]
                assert LookupPage.objects.live().count() == 1
                assert AdmissionRegistrationPage.objects.live().count() == 1

    def test_an_existing_school_gets_them_on_sync_in_place(self, school_a, in_school):
        from schools.services import school_sync

        with in_school(school_a):
            for model in (LookupPage, AdmissionRegistrationPage):
                model.objects.get().delete()
        school_sync(school=school_a)
        with in_school(school_a):
            slugs = list(SchoolHomePage.objects.get().get_children().values_list("slug", flat=True))
            assert slugs[slugs.index("tuyen-sinh") + 1] == "dang-ky-tuyen-sinh"
            assert slugs[slugs.index("dang-ky-tuyen-sinh") + 1] == "tra-cuu"

    def test_both_public_pages_answer(self, client_a):
        index = client_a.get("/tra-cuu/").content.decode()
        assert "Tra cứu kết quả học tập, điểm thi" in index and "Tra cứu văn bằng" in index
        empty = client_a.get("/dang-ky-tuyen-sinh/").content.decode()
        assert "chưa mở đợt tuyển sinh trực tuyến" in empty


class PermissionTests:
    def test_roles_get_what_their_work_needs(self, school_a, in_school):
        with in_school(school_a):

            def codenames(role):
                group = Group.objects.get(name=ROLE_GROUPS[role])
                return set(
                    group.permissions.filter(content_type__app_label="online_services").values_list(
                        "codename", flat=True
                    )
                )

            assert {
                "add_resultset",
                "delete_resultset",
                "change_admissionapplication",
                "add_admissioncampaign",
                "view_lookuplog",
            } <= codenames("head")
            editor = codenames("editor")
            assert {"add_resultset", "change_admissionapplication"} <= editor
            assert "delete_resultset" not in editor and "view_lookuplog" not in editor
            assert codenames("contributor") == set()
            assert codenames("administrator") == {"view_lookuplog", "change_onlineservicessettings"}

    def test_a_contributor_cannot_open_the_applications(
        self, client_a, school_a, in_school, board_login
    ):
        from schools.services import school_user_create
        from siteplatform.provisioning import ROLE_CONTRIBUTOR
        from tests.conftest import PASSWORD

        with in_school(school_a):
            school_user_create(
                username="giaovien",
                email="giaovien@thcsa.edu.vn",
                password=PASSWORD,
                role=ROLE_CONTRIBUTOR,
                first_name="Hà",
                last_name="Lê Thu",
            )
        board_login(client_a, "giaovien")
        for url in (
            "/admin/snippets/online_services/admissionapplication/",
            "/admin/snippets/online_services/resultset/add/",
            "/admin/snippets/online_services/lookuplog/",
        ):
            assert_admin_denied(client_a, client_a.get(url))

    def test_nobody_adds_an_application_or_a_log_line_by_hand(self, client_a, board_login):
        board_login(client_a)
        assert client_a.get("/admin/snippets/online_services/lookuplog/").status_code == 200
        for model in ("admissionapplication", "lookuplog"):
            response = client_a.get(f"/admin/snippets/online_services/{model}/add/")
            assert_admin_denied(client_a, response)


class ChecklistTests:
    def test_the_dashboard_lists_the_sections_and_the_data(self, school_a, import_results):
        checks = {c["code"]: c for c in metrics_refresh(school=school_a).checks}
        assert checks["section:tra-cuu"]["ok"] is True
        assert checks["section:dang-ky-tuyen-sinh"]["ok"] is True
        assert checks["online_results"]["ok"] is False
        assert checks["online_results"]["detail"] == "Chưa nhập kết quả để tra cứu"
        from core.schoolyears import current_school_year

        import_results(school_year=current_school_year())
        checks = {c["code"]: c for c in metrics_refresh(school=school_a).checks}
        assert checks["online_results"]["ok"] is True


class DemoTests:
    def test_demo_data_is_realistic_and_idempotent(self, school_a, in_school):
        from online_services import demo

        with in_school(school_a):
            for _run in range(2):
                demo._load_results()
                demo._load_diplomas()
                demo._load_campaigns()
            assert ResultSet.objects.count() == 4 and DiplomaSet.objects.count() == 1
            assert AdmissionCampaign.objects.count() == 2
            featured = StudentResult.objects.filter(student_code=demo.STUDENT_CODE)
            assert featured.count() == 4
            assert {row.birth_date for row in featured} == {demo.STUDENT_BIRTH}
            assert StudentResult.objects.values("student_code").distinct().count() == 36
            open_campaigns = [c for c in AdmissionCampaign.objects.all() if c.is_open()]
            assert len(open_campaigns) == 1 and open_campaigns[0].applications.count() == 3

    def test_demo_student_is_found_as_the_readme_says(self, client_a, school_a, in_school):
        from online_services import demo

        with in_school(school_a):
            demo._load_results()
            demo._load_diplomas()
        body = client_a.post(
            "/tra-cuu/ket-qua-hoc-tap/", {"student_code": "7925031207", "birth_date": "05/09/2013"}
        ).content.decode()
        assert "Nguyễn Ngọc Bảo Anh" in body and "Cả năm" in body
        body = client_a.post(
            "/tra-cuu/van-bang/", {"number": "THCS 0250317", "holder_name": "tran minh khoi"}
        ).content.decode()
        assert "21/06/2010" in body

    def test_only_the_demo_thcs_gets_data(self, school_a, in_school):
        from online_services.demo import demo_load

        with in_school(school_a):
            demo_load(school_a)
            assert not ResultSet.objects.exists()
            assert Page.objects.filter(slug="tra-cuu").exists()
