"""Public pages of the công khai section: the 3-year grid, the year page, bounded queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.schoolyears import current_school_year, recent_school_years
from tests.disclosure.factories import add_item, year_page

CATEGORIES = ["cam_ket", "chat_luong", "dieu_kien", "tai_chinh", "thong_tin_chung"]


def _grid(body: str) -> str:
    """The wide-screen grid of the công khai page (phones get the same cells as lists)."""
    start = body.index('<table class="disclosure-grid">')
    return body[start : body.index("</table>", start)]


class DisclosureGridTests:
    def test_grid_shows_three_years_and_marks_what_is_missing(self, school_a, in_school, client_a):
        current, previous, oldest = recent_school_years(3)
        with in_school(school_a):
            year = year_page(current)
            add_item(year, title="Cam kết", category="cam_ket")
            add_item(year, title="Học phí", category="tai_chinh")
            add_item(year, title="Các khoản thu", category="tai_chinh")
            add_item(year_page(previous), title="Đội ngũ", category="dieu_kien")
        response = client_a.get("/cong-khai/")
        body = response.content.decode()
        assert response.status_code == 200
        for school_year in (current, previous, oldest):
            assert f"Năm học {school_year}" in body
        # 3 years × 5 categories, 3 cells published: 12 "Chưa công bố", in the wide grid
        # and again in the phones' list per year.
        assert _grid(body).count("Chưa công bố") == 12
        assert body.count("Chưa công bố") == 2 * 12
        assert "2 nội dung" in body
        assert f'href="/cong-khai/{current.replace("–", "-")}/#muc-d"' in body
        assert "30/6" in body and "10 ngày làm việc" in body and "5 năm" in body

    @pytest.mark.parametrize("path", ["/cong-khai/", "/cong-khai/{year}/"])
    def test_query_count_does_not_grow_with_items(self, school_a, in_school, client_a, path):
        current = current_school_year()
        url = path.format(year=current.replace("–", "-"))

        def queries_with(count: int) -> int:
            with in_school(school_a):
                year = year_page(current)
                for number in range(count):
                    add_item(
                        year,
                        title=f"Nội dung {number}",
                        category=CATEGORIES[number % len(CATEGORIES)],
                    )
            client_a.get(url)  # warm the site cache
            with CaptureQueriesContext(connection) as captured:
                response = client_a.get(url)
            assert response.status_code == 200
            return len(captured)

        few = queries_with(3)
        many = queries_with(27)  # 30 in all
        assert many == few
        # django-tenants sends "SET search_path" before each statement: ~2 per query.
        assert few <= 40


class DisclosureYearPageTests:
    def test_items_grouped_by_category_with_checklist_for_lower_secondary(
        self, school_a, in_school, client_a
    ):
        current = current_school_year()
        with in_school(school_a):
            year = year_page(current)
            add_item(year, title="Danh mục SGK lớp 6", category="cam_ket", kind="sach_giao_khoa")
            url = year.url
        body = client_a.get(url).content.decode()
        assert "Danh mục SGK lớp 6" in body
        assert "Danh mục sách giáo khoa được phê duyệt" in body  # checklist, published
        assert "Tự đánh giá và kiểm định chất lượng" in body  # checklist, missing
        assert "Thực đơn hằng ngày" not in body

    def test_new_preschool_has_friendly_empty_state_and_menu_in_checklist(self, db):
        from django.db import connection
        from django.test import Client

        from schools.services import school_create

        connection.set_schema_to_public()
        school_create(
            name="Trường Mầm non Thử Nghiệm",
            slug="test-mn",
            domain="test-mn.localhost",
            level="mam_non",
        )
        client = Client(HTTP_HOST="test-mn.localhost")
        grid = client.get("/cong-khai/").content.decode()
        assert _grid(grid).count("Chưa công bố") == 15
        year_url = f"/cong-khai/{current_school_year().replace('–', '-')}/"
        response = client.get(year_url)
        body = response.content.decode()
        assert response.status_code == 200
        assert "chưa công bố nội dung nào" in body
        assert "Thực đơn hằng ngày" in body
        assert "Danh mục sách giáo khoa" not in body
        # The other two sections of this worktree, empty but friendly.
        assert (
            "đang cập nhật thủ tục và biểu mẫu" in client.get("/thu-tuc-bieu-mau/").content.decode()
        )
        assert "chưa công bố kế hoạch tuyển sinh" in client.get("/tuyen-sinh/").content.decode()
