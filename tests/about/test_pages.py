"""Page tree and rendering of the about pages (R2.1–R2.5, R9.7, R9.8)."""

from __future__ import annotations

import pytest
from wagtail.models import Page

from about.models import (
    AboutIndexPage,
    AboutPage,
    ContactPage,
    InfoPage,
    OrganisationPage,
    ResourcesPage,
    YearbookPage,
)
from core.models import SchoolHomePage

SECTION_URLS = [
    "/gioi-thieu/",
    "/gioi-thieu/qua-trinh-hinh-thanh-va-phat-trien/",
    "/gioi-thieu/chuc-nang-nhiem-vu-quyen-han/",
    "/gioi-thieu/co-cau-to-chuc/",
    "/gioi-thieu/nien-giam-thong-ke/",
    "/lien-he/",
    "/hoc-lieu/",
    "/tuyen-truyen-phap-luat/",
    "/kiem-dinh-chat-luong/",
]


class PageTreeTests:
    def test_sections_exist_under_home_in_menu_order(self, school_b, in_school):
        with in_school(school_b):
            home = SchoolHomePage.objects.get()
            slugs = [p.slug for p in home.get_children().order_by("path")]
            ours = [
                s
                for s in slugs
                if s
                in {
                    "gioi-thieu",
                    "hoc-lieu",
                    "tuyen-truyen-phap-luat",
                    "kiem-dinh-chat-luong",
                    "lien-he",
                }
            ]
            assert ours == [
                "gioi-thieu",
                "hoc-lieu",
                "tuyen-truyen-phap-luat",
                "kiem-dinh-chat-luong",
                "lien-he",
            ]
            about = AboutIndexPage.objects.get()
            assert [p.slug for p in about.get_children().order_by("path")] == [
                "qua-trinh-hinh-thanh-va-phat-trien",
                "chuc-nang-nhiem-vu-quyen-han",
                "co-cau-to-chuc",
                "nien-giam-thong-ke",
            ]

    def test_ensuring_sections_twice_creates_nothing(self, school_a, in_school):
        from siteplatform.provisioning import school_sections_ensure

        with in_school(school_a):
            before = Page.objects.count()
            school_sections_ensure()
            assert Page.objects.count() == before

    def test_index_pages_only_once_under_home(self, school_a, in_school):
        with in_school(school_a):
            home = SchoolHomePage.objects.get()
            for model in (AboutIndexPage, ContactPage, ResourcesPage):
                assert not model.can_create_at(home), model
            assert InfoPage.can_create_at(home)

    def test_pages_cannot_be_placed_elsewhere(self, school_a, in_school):
        with in_school(school_a):
            home = SchoolHomePage.objects.get()
            about = AboutIndexPage.objects.get()
            for model in (AboutPage, OrganisationPage, YearbookPage):
                assert not model.can_create_at(home), model
            assert AboutPage.can_create_at(about)
            assert InfoPage.can_create_at(about)
            assert not OrganisationPage.can_create_at(about)  # one already exists
            assert not ContactPage.can_create_at(about)
            history = AboutPage.objects.get(slug="qua-trinh-hinh-thanh-va-phat-trien")
            assert not InfoPage.can_create_at(history)

    def test_info_pages_stay_out_of_the_main_menu(self, client_b):
        body = client_b.get("/").content.decode()
        menu = body.split('id="menu-chinh"', 1)[1].split("</nav>", 1)[0]
        assert "Giới thiệu" in menu and "Liên hệ" in menu
        assert "Tuyên truyền pháp luật" not in menu
        assert "Tuyên truyền pháp luật" in body  # listed in the home page's sections


EMPTY_STATES = {
    "/gioi-thieu/qua-trinh-hinh-thanh-va-phat-trien/": "Nội dung này đang được nhà trường cập nhật",
    "/gioi-thieu/chuc-nang-nhiem-vu-quyen-han/": "Nội dung này đang được nhà trường cập nhật",
    "/gioi-thieu/co-cau-to-chuc/": "Nhà trường đang cập nhật cơ cấu tổ chức",
    "/gioi-thieu/nien-giam-thong-ke/": "Nhà trường đang cập nhật niên giám thống kê",
    "/hoc-lieu/": "Nhà trường đang cập nhật học liệu số",
    "/tuyen-truyen-phap-luat/": "Nội dung này đang được nhà trường cập nhật",
    "/kiem-dinh-chat-luong/": "Nội dung này đang được nhà trường cập nhật",
}


class EmptySchoolRenderingTests:
    @pytest.mark.parametrize("url", SECTION_URLS)
    def test_every_page_renders_for_a_new_school(self, client_b, url):
        response = client_b.get(url)
        assert response.status_code == 200
        main = response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]
        if url in EMPTY_STATES:
            assert EMPTY_STATES[url] in main
        elif url == "/gioi-thieu/":
            assert 'href="/gioi-thieu/co-cau-to-chuc/"' in main
        else:  # the contact page shows what the registry seeded
            assert "34 đường số 2, phường Bình Trị Đông" in main

    def test_organisation_page_with_default_units_and_no_people(self, client_b):
        body = client_b.get("/gioi-thieu/co-cau-to-chuc/").content.decode()
        assert "Nhà trường đang cập nhật cơ cấu tổ chức" in body
        assert "Ban Giám hiệu" not in body.split("<main", 1)[1]

    def test_resources_page_links_ministry_libraries_by_default(self, client_b):
        body = client_b.get("/hoc-lieu/").content.decode()
        assert "Nhà trường đang cập nhật học liệu số" in body
        for url in (
            "https://igiaoduc.vn",
            "https://hanhtrangso.nxbgd.vn",
            "https://taphuan.csdl.edu.vn",
            "https://csdl.moet.gov.vn",
        ):
            assert f'href="{url}"' in body


class FilledSchoolRenderingTests:
    def test_history_page_shows_its_body(self, school_a, client_a, in_school):
        with in_school(school_a):
            page = AboutPage.objects.get(slug="qua-trinh-hinh-thanh-va-phat-trien")
            page.body = [
                ("heading", "Những ngày đầu thành lập"),
                ("paragraph", "<p>Trường được thành lập năm 1995.</p>"),
            ]
            page.save_revision().publish()
        body = client_a.get("/gioi-thieu/qua-trinh-hinh-thanh-va-phat-trien/").content.decode()
        assert "<h2>Những ngày đầu thành lập</h2>" in body
        assert "Trường được thành lập năm 1995." in body
        assert 'class="empty"' not in body

    def test_about_index_lists_its_children(self, client_a):
        body = client_a.get("/gioi-thieu/").content.decode()
        for title in ("Quá trình hình thành và phát triển", "Cơ cấu tổ chức", "Niên giám thống kê"):
            assert title in body

    def test_resources_page_shows_links_and_files_by_subject(self, school_a, client_a, in_school):
        from django.core.files.base import ContentFile
        from wagtail.documents import get_document_model

        with in_school(school_a):
            document = get_document_model().objects.create(
                title="Đề cương ôn tập Toán 9",
                file=ContentFile(b"%PDF-1.4\n", name="de-cuong-toan-9.pdf"),
            )
            page = ResourcesPage.objects.get()
            page.resources = [
                (
                    "subject",
                    {
                        "subject": "Toán",
                        "resources": [
                            {
                                "title": "Toán 9 – sách điện tử",
                                "kind": "sach",
                                "url": "https://hanhtrangso.nxbgd.vn",
                                "document": None,
                                "description": "",
                            },
                            {
                                "title": "Đề cương ôn tập",
                                "kind": "hoc_lieu",
                                "url": "",
                                "document": document,
                                "description": "Học kỳ I",
                            },
                        ],
                    },
                )
            ]
            page.save_revision().publish()
        body = client_a.get("/hoc-lieu/").content.decode()
        assert "<h3>Toán</h3>" in body
        assert "Sách điện tử" in body and "Toán 9 – sách điện tử" in body
        assert f'href="{document.url}"' in body
        assert "Nhà trường đang cập nhật học liệu số" not in body

    def test_resource_item_needs_exactly_one_of_link_or_file(self):
        from django.core.exceptions import ValidationError

        from about.blocks import ResourceItemBlock

        block = ResourceItemBlock()
        with pytest.raises(ValidationError):
            block.clean(
                block.to_python({"title": "Trống", "kind": "hoc_lieu", "url": "", "document": None})
            )
        assert block.clean(
            block.to_python(
                {"title": "Có", "kind": "sach", "url": "https://igiaoduc.vn", "document": None}
            )
        )["url"]
