"""Procedures with downloadable forms (R6.1) and the admission page (R6.2)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from admin_procedures.models import (
    AdmissionDate,
    AdmissionPage,
    ProcedureForm,
    ProcedureIndexPage,
    ProcedurePage,
)
from admin_procedures.pdf import document_from_lines
from core.models import SchoolHomePage


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


def add_procedure(index, title: str, *, forms=()) -> ProcedurePage:
    page = ProcedurePage(
        title=title,
        summary="Tóm tắt",
        time_limit="05 ngày làm việc",
        forms=[ProcedureForm(document=document) for document in forms],
    )
    return index.add_child(instance=page)


class ProcedurePageTreeTests:
    def test_sections_exist_in_the_menu_of_every_school(self, school_a, in_school):
        with in_school(school_a):
            home = SchoolHomePage.objects.get()
            index = ProcedureIndexPage.objects.child_of(home).get()
            admission = AdmissionPage.objects.child_of(home).get()
            assert (index.slug, index.title) == ("thu-tuc-bieu-mau", "Thủ tục – Biểu mẫu")
            assert (admission.slug, admission.title) == ("tuyen-sinh", "Tuyển sinh")
            assert index.live and index.show_in_menus and admission.live

    def test_pages_only_go_where_they_belong(self, school_a, in_school):
        with in_school(school_a):
            home = SchoolHomePage.objects.get()
            index = ProcedureIndexPage.objects.get()
            assert not ProcedureIndexPage.can_create_at(home)  # max one
            assert not AdmissionPage.can_create_at(home)  # max one
            assert not ProcedurePage.can_create_at(home)
            assert ProcedurePage.can_create_at(index)
            assert not AdmissionPage.can_create_at(index)


class ProcedurePageTests:
    def test_forms_are_listed_and_download_only_on_the_owning_school(
        self, school_a, in_school, client_a, client_b, media
    ):
        with in_school(school_a):
            document = document_from_lines(
                title="Đơn xin chuyển trường",
                lines=["Kính gửi: Hiệu trưởng", "Họ và tên học sinh…"],
            )
            page = add_procedure(
                ProcedureIndexPage.objects.get(), "Chuyển trường", forms=[document]
            )
            url, doc_url = page.url, document.url
        body = client_a.get(url).content.decode()
        assert "Đơn xin chuyển trường" in body and doc_url in body
        assert "Không thu phí" in body and "05 ngày làm việc" in body
        download = client_a.get(doc_url)
        assert download.status_code == 200
        assert b"".join(download.streaming_content).startswith(b"%PDF")
        assert client_b.get(doc_url).status_code == 404
        assert "thu-tuc-bieu-mau" in client_a.get("/thu-tuc-bieu-mau/").content.decode()

    def test_index_query_count_does_not_grow_with_procedures(
        self, school_a, in_school, client_a, media
    ):
        with in_school(school_a):
            document = document_from_lines(title="Đơn xin nghỉ học", lines=["Lý do…"])

        def queries_with(count: int) -> int:
            with in_school(school_a):
                index = ProcedureIndexPage.objects.get()
                for number in range(count):
                    add_procedure(index, f"Thủ tục {number}", forms=[document])
            client_a.get("/thu-tuc-bieu-mau/")
            with CaptureQueriesContext(connection) as captured:
                response = client_a.get("/thu-tuc-bieu-mau/")
            assert response.status_code == 200
            assert response.content.decode().count("Đơn xin nghỉ học") >= count
            return len(captured)

        few = queries_with(3)
        assert queries_with(27) == few
        assert few <= 40  # ~2 statements per query (django-tenants' SET search_path)


class AdmissionPageTests:
    def test_dates_and_statuses_are_shown(self, school_a, in_school, client_a):
        today = datetime.date.today()
        with in_school(school_a):
            page = AdmissionPage.objects.get()
            page.quota = 540
            page.quota_detail = "12 lớp 6"
            page.plan = "<p>Kế hoạch tuyển sinh lớp 6</p>"
            page.dates = [
                AdmissionDate(
                    label="Đăng ký trực tuyến",
                    start=datetime.date(2020, 6, 1),
                    end=datetime.date(2020, 6, 10),
                ),
                AdmissionDate(
                    label="Nộp hồ sơ",
                    start=today - datetime.timedelta(days=1),
                    end=today + datetime.timedelta(days=3),
                ),
                AdmissionDate(label="Công bố kết quả", start=today + datetime.timedelta(days=30)),
            ]
            page.save_revision().publish()
        body = client_a.get("/tuyen-sinh/").content.decode()
        assert "540 học sinh" in body and "12 lớp 6" in body
        assert "01/06/2020" in body and "10/06/2020" in body
        assert "Đã kết thúc" in body and "Đang diễn ra" in body and "Sắp diễn ra" in body

    def test_school_year_refuses_free_text(self, school_a, in_school):
        with in_school(school_a):
            page = AdmissionPage.objects.get()
            page.school_year = "năm sau"
            with pytest.raises(ValidationError) as error:
                page.full_clean()
            assert "school_year" in error.value.message_dict

    def test_end_before_start_is_refused(self):
        date = AdmissionDate(
            label="x", start=datetime.date(2026, 7, 2), end=datetime.date(2026, 7, 1)
        )
        with pytest.raises(ValidationError):
            date.clean()
