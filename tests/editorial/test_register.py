"""Staff e-mail register: official domains only, export in the annex layout (R10.3)."""

import io

import pytest
from django.core.exceptions import ValidationError
from django_tenants.utils import schema_context
from openpyxl import load_workbook

from editorial.models import EmailAccount
from siteplatform.validators import validate_official_domain_email
from tests.assertions import assert_admin_denied
from tests.editorial.conftest import HEAD, login


class OfficialEmailTests:
    @pytest.mark.parametrize(
        "address", ["lan.thcsa@gmail.com", "minh@yahoo.com.vn", "ha@hotmail.com"]
    )
    def test_free_webmail_is_refused_with_a_clear_message(self, address):
        with pytest.raises(ValidationError) as error:
            validate_official_domain_email(address)
        assert "không dùng Gmail" in error.value.messages[0]

    def test_address_outside_the_official_domains_is_refused(self, settings):
        settings.PORTAL_OFFICIAL_EMAIL_DOMAINS = ["pgdbinhtan.edu.vn"]
        with pytest.raises(ValidationError) as error:
            validate_official_domain_email("lan@thcsa.edu.vn")
        assert "pgdbinhtan.edu.vn" in error.value.messages[0]
        validate_official_domain_email("lannt.thcsa@pgdbinhtan.edu.vn")

    def test_sub_domain_of_an_official_domain_is_accepted(self, settings):
        settings.PORTAL_OFFICIAL_EMAIL_DOMAINS = ["pgdbinhtan.edu.vn", "edu.vn"]
        validate_official_domain_email("lan@thcsa.hcm.edu.vn")
        with pytest.raises(ValidationError):
            validate_official_domain_email("lan@notedu.vn")


class EmailRegisterTests:
    def test_register_form_refuses_gmail(self, client_a):
        login(client_a, HEAD)
        response = client_a.post(
            "/admin/snippets/editorial/emailaccount/add/",
            {
                "full_name": "Nguyễn Thị Lan",
                "title": "Hiệu trưởng",
                "email": "lan.thcsa@gmail.com",
                "status": "requested",
                "sort_order": "1",
            },
        )
        assert response.status_code == 200
        assert "không dùng Gmail" in response.content.decode()

    def test_head_adds_an_official_address_and_exports_the_annex(self, client_a, school_a):
        login(client_a, HEAD)
        response = client_a.post(
            "/admin/snippets/editorial/emailaccount/add/",
            {
                "full_name": "Nguyễn Thị Lan",
                "title": "Hiệu trưởng",
                "unit": "Ban giám hiệu",
                "email": "LanNT.thcsa@pgdbinhtan.edu.vn",
                "phone": "0903 123 456",
                "status": "requested",
                "sort_order": "1",
            },
        )
        assert response.status_code == 302
        with schema_context(school_a.schema_name):
            EmailAccount.objects.create(
                full_name="Trần Văn Minh",
                title="Phó Hiệu trưởng",
                email="minhtv.thcsa@pgdbinhtan.edu.vn",
                sort_order=2,
            )
        index = client_a.get("/admin/snippets/editorial/emailaccount/").content.decode()
        assert "/admin/dang-ky-email/xuat-excel/" in index

        response = client_a.get("/admin/dang-ky-email/xuat-excel/")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        sheet = load_workbook(io.BytesIO(response.content)).active
        cells = [[c for c in row if c is not None] for row in sheet.iter_rows(values_only=True)]
        flat = [str(c) for row in cells for c in row]
        assert "DANH SÁCH ĐĂNG KÝ SỬ DỤNG EMAIL" in flat
        assert f"TRƯỜNG: {school_a.name}" in flat
        header = next(row for row in cells if row and row[0] == "STT")
        assert header[:3] == ["STT", "Họ và tên", "Chức vụ"]
        first = next(row for row in cells if row and row[0] == 1)
        assert first[1:3] == ["Nguyễn Thị Lan", "Hiệu trưởng"]
        assert "lannt.thcsa@pgdbinhtan.edu.vn" in first
        assert any(row and row[0] == 2 and row[1] == "Trần Văn Minh" for row in cells)

    def test_contributor_cannot_export(self, client_a, contributor_a):
        login(client_a, "congtacvien")
        response = client_a.get("/admin/dang-ky-email/xuat-excel/")
        assert_admin_denied(client_a, response)
