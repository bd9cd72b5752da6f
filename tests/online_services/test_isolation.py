"""Nothing of one school reachable from another; nothing in search or the sitemap (R1.1)."""

from __future__ import annotations

from online_services.models import AdmissionApplication, ResultSet
from tests.assertions import assert_not_found
from tests.online_services.conftest import DIPLOMAS_URL, RESULTS_URL, STATUS_URL

APPLICATIONS_URL = "/admin/snippets/online_services/admissionapplication/"


class SchoolIsolationTests:
    def test_results_of_school_a_are_not_found_on_school_b(
        self, client_a, client_b, school_b, in_school, import_results, import_diplomas
    ):
        import_results()
        import_diplomas()
        data = {"student_code": "7925031207", "birth_date": "05/09/2013"}
        assert "Nguyễn Ngọc Bảo Anh" in client_a.post(RESULTS_URL, data).content.decode()
        body = client_b.post(RESULTS_URL, data).content.decode()
        assert "Nguyễn Ngọc Bảo Anh" not in body and "Không tìm thấy kết quả" in body
        body = client_b.post(DIPLOMAS_URL, {"number": "THCS 0250317", "birth_date": "21/06/2010"})
        assert "Không tìm thấy văn bằng" in body.content.decode()
        with in_school(school_b):
            assert not ResultSet.objects.exists()

    def test_an_application_to_school_a_is_invisible_to_school_b(
        self, client_a, client_b, school_a, in_school, make_campaign, board_login
    ):
        from tests.online_services.conftest import application_data

        campaign = make_campaign()
        client_a.post(f"/dang-ky-tuyen-sinh/dot/{campaign.pk}/", application_data(campaign))
        with in_school(school_a):
            application = AdmissionApplication.objects.get()
        status = {"reference": application.reference, "phone": "0938552071"}
        assert "Phạm Ngọc Khánh Linh" in client_a.post(STATUS_URL, status).content.decode()
        assert "Không tìm thấy hồ sơ" in client_b.post(STATUS_URL, status).content.decode()
        # School B's campaign URL with A's campaign id is not A's campaign.
        assert client_b.get(f"/dang-ky-tuyen-sinh/dot/{campaign.pk}/").status_code == 404
        board_login(client_b)
        listing = client_b.get(APPLICATIONS_URL).content.decode()
        assert application.reference not in listing and "Phạm Ngọc Khánh Linh" not in listing
        assert_not_found(client_b.get(f"{APPLICATIONS_URL}edit/{application.pk}/"))


class NotPublishedTests:
    def test_no_personal_data_in_the_sitemap_or_the_search(
        self, client_a, school_a, in_school, import_results, import_diplomas
    ):
        from sitesearch.services import school_index_rebuild

        import_results()
        import_diplomas()
        school_index_rebuild(schema_name=school_a.schema_name)
        sitemap = client_a.get("/sitemap.xml").content.decode()
        assert "/tra-cuu/" in sitemap and "/dang-ky-tuyen-sinh/" in sitemap
        assert "ket-qua-hoc-tap" not in sitemap and "da-nop" not in sitemap
        for query in ("Nguyễn Ngọc Bảo Anh", "7925031207", "Trần Minh Khôi", "THCS 0250317"):
            body = client_a.get("/tim-kiem/", {"q": query}).content.decode()
            assert "Không tìm thấy kết quả nào cho" in body and "search-hit" not in body, query
        # The section itself is found, as any page.
        assert "/tra-cuu/" in client_a.get("/tim-kiem/", {"q": "tra cuu"}).content.decode()
