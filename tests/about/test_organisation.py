"""Organisation page and staff snippet (R2.1, R2.3, R1.1)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from about.models import OrganisationUnit, StaffMember, UnitKind

URL = "/gioi-thieu/co-cau-to-chuc/"


class OrganisationPageTests:
    def test_groups_people_by_kind_with_contacts(self, school_a, client_a, in_school, add_staff):
        with in_school(school_a):
            add_staff(2, prefix="Lê Văn")
            add_staff(1, unit_name="Tổ Toán – Tin", kind=UnitKind.SUBJECT_TEAM, prefix="Phạm Thị")
            add_staff(1, unit_name="Công đoàn", kind=UnitKind.ASSOCIATION, prefix="Võ Thị")
        body = client_a.get(URL).content.decode()
        main = body.split("<main", 1)[1]
        order = [
            main.index(label)
            for label in (
                'id="nhom-ban_giam_hieu"',
                'id="nhom-doan_the"',
                'id="nhom-to_chuyen_mon"',
            )
        ]
        assert order == sorted(order)
        assert "Lê Văn Số0" in main and "Phạm Thị Số2" in main and "Võ Thị Số3" in main
        assert "<h3>Tổ Toán – Tin</h3>" in main
        assert 'href="tel:02837621000"' in main
        assert 'href="mailto:gv0@pgdbinhtan.edu.vn"' in main
        assert 'class="person-avatar" aria-hidden="true">LS<' in main  # initials, no photo
        assert 'class="org-chart"' in main  # drawn from the units when no chart image
        assert "Tổ Văn phòng" not in main  # a unit with nobody is not shown

    def test_query_count_does_not_grow_with_the_number_of_people(
        self, school_a, client_a, in_school, add_staff
    ):
        with in_school(school_a):
            add_staff(3)
        client_a.get(URL)  # warm Wagtail's per-process caches
        with CaptureQueriesContext(connection) as few:
            assert client_a.get(URL).status_code == 200
        with in_school(school_a):
            add_staff(27, unit_name="Tổ Ngữ văn", kind=UnitKind.SUBJECT_TEAM)
        with CaptureQueriesContext(connection) as many:
            body = client_a.get(URL).content.decode()
        assert body.count('class="person"') == 30
        assert len(many) == len(few), [q["sql"] for q in many.captured_queries]

    def test_bounded_queries(
        self, school_a, client_a, in_school, add_staff, django_assert_max_num_queries
    ):
        with in_school(school_a):
            add_staff(30)
        client_a.get(URL)
        # About 17 SELECTs, each after a SET search_path from django-tenants; 2 are ours.
        with django_assert_max_num_queries(40):
            client_a.get(URL)

    def test_one_schools_staff_is_not_shown_on_another_schools_site(
        self, school_a, client_b, in_school, add_staff
    ):
        with in_school(school_a):
            add_staff(2, prefix="Chỉ Trường A")
        for url in (URL, "/lien-he/"):
            body = client_b.get(url).content.decode()
            assert "Chỉ Trường A" not in body, url
        assert "Nhà trường đang cập nhật cơ cấu tổ chức" in client_b.get(URL).content.decode()


class StaffMemberTests:
    def test_refuses_free_mail_with_a_vietnamese_message(self, school_a, in_school):
        with in_school(school_a):
            unit = OrganisationUnit.objects.get(name="Ban Giám hiệu")
            member = StaffMember(full_name="Nguyễn Văn A", unit=unit, email="hieutruong@gmail.com")
            with pytest.raises(ValidationError) as caught:
                member.full_clean()
        messages = caught.value.message_dict["email"]
        assert any("không dùng Gmail" in message for message in messages)

    def test_accepts_an_official_address(self, school_a, client_a, in_school):
        with in_school(school_a):
            unit = OrganisationUnit.objects.get(name="Ban Giám hiệu")
            member = StaffMember(
                full_name="Nguyễn Văn A", unit=unit, email="anv.thcsa@pgdbinhtan.edu.vn"
            )
            member.full_clean()
            member.save()
        body = client_a.get(URL).content.decode()
        assert "Nguyễn Văn A" in body
        assert "anv.thcsa@pgdbinhtan.edu.vn" in body

    def test_admin_form_refuses_gmail(self, school_a, client_a, in_school):
        from django.contrib.auth import get_user_model

        with in_school(school_a):
            user = get_user_model().objects.get(username="hieutruong")
            unit = OrganisationUnit.objects.get(name="Ban Giám hiệu")
            client_a.force_login(user)
        response = client_a.post(
            "/admin/snippets/about/staffmember/add/",
            {
                "full_name": "Nguyễn Văn A",
                "title": "Hiệu trưởng",
                "unit": unit.pk,
                "email": "a@gmail.com",
                "sort_order": 0,
            },
        )
        assert response.status_code == 200
        assert "không dùng Gmail" in response.content.decode()
        with in_school(school_a):
            assert not StaffMember.objects.filter(full_name="Nguyễn Văn A").exists()

    def test_initials(self):
        assert StaffMember(full_name="Nguyễn Thị Lan").initials == "NL"
        assert StaffMember(full_name="Hà").initials == "H"
        assert StaffMember(full_name="").initials == ""


class StaffAdminTests:
    def test_school_head_manages_people_and_units_in_the_admin(
        self, school_a, client_a, in_school, add_staff
    ):
        from django.contrib.auth import get_user_model

        with in_school(school_a):
            add_staff(2, prefix="Đỗ Minh")
            client_a.force_login(get_user_model().objects.get(username="hieutruong"))
        listing = client_a.get("/admin/snippets/about/staffmember/")
        assert listing.status_code == 200
        assert "Đỗ Minh Số0" in listing.content.decode()
        assert client_a.get("/admin/snippets/about/organisationunit/").status_code == 200
