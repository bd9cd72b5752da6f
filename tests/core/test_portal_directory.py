"""The operator portal's school directory at thousands of schools (R1.5).

The home lists the schools themselves only while they are few; above
``DIRECTORY_ON_HOME_MAX`` it shows counts per level linking to ``/truong-hoc/``, which
searches by name (with or without diacritics) and paginates.
"""

from __future__ import annotations

import pytest

from core import selectors
from schools.services import school_set_status

DIRECTORY = "/truong-hoc/"


class PortalHomeDirectoryTests:
    def test_few_schools_are_listed_on_the_home_page(self, public_client, school_a, school_b):
        body = public_client.get("/").content.decode()
        assert 'class="school-list"' in body
        assert school_a.name in body and school_b.name in body
        assert "Cổng thông tin điện tử các trường học" in body, "the hero names the portal"

    def test_many_schools_give_counts_per_level_and_a_link(
        self, public_client, school_a, school_b, monkeypatch
    ):
        monkeypatch.setattr(selectors, "DIRECTORY_ON_HOME_MAX", 1)
        body = public_client.get("/").content.decode()
        assert 'class="school-list"' not in body
        assert f'href="{DIRECTORY}?cap=thcs"' in body and "(1 trường)" in body
        assert f'href="{DIRECTORY}?cap=tieu_hoc"' in body
        assert "Xem danh bạ đầy đủ" in body


class DirectoryPageTests:
    def test_search_by_name_without_diacritics(self, public_client, school_a, school_b):
        body = public_client.get(DIRECTORY, {"q": "thu nghiem a"}).content.decode()
        assert school_a.name in body and school_b.name not in body
        assert "http://test-a.localhost/" in body
        assert 'name="q" value="thu nghiem a"' in body and 'name="cap"' in body
        tieu_hoc = public_client.get(DIRECTORY, {"q": "TIỂU HỌC"}).content.decode()
        assert school_b.name in tieu_hoc and school_a.name not in tieu_hoc

    def test_nothing_found_says_so_in_vietnamese(self, public_client, school_a):
        response = public_client.get(DIRECTORY, {"q": "Lê Quý Đôn"})
        assert response.status_code == 200
        assert "Không có trường nào có tên chứa “Lê Quý Đôn”" in response.content.decode()

    def test_level_filter_and_pages(self, public_client, school_a, school_b, monkeypatch):
        monkeypatch.setattr(selectors, "DIRECTORY_PER_PAGE", 1)
        first = public_client.get(DIRECTORY).content.decode()
        second = public_client.get(DIRECTORY, {"trang": 2}).content.decode()
        # By level then name: THCS ("thcs") sorts before tiểu học ("tieu_hoc").
        assert school_a.name in first and school_b.name not in first
        assert school_b.name in second and school_a.name not in second
        only_b = public_client.get(DIRECTORY, {"cap": "tieu_hoc"}).content.decode()
        assert school_b.name in only_b and school_a.name not in only_b

    def test_a_suspended_school_is_not_listed(self, public_client, school_a, school_b):
        school_set_status(school=school_a, status="suspended")
        try:
            body = public_client.get(DIRECTORY).content.decode()
            assert school_a.name not in body and school_b.name in body
        finally:
            school_set_status(school=school_a, status="active")

    @pytest.mark.parametrize("query", ["%", "' OR 1=1 --", "x" * 500])
    def test_hostile_queries_are_just_text(self, public_client, school_a, query):
        response = public_client.get(DIRECTORY, {"q": query})
        assert response.status_code == 200
        assert school_a.name not in response.content.decode()
