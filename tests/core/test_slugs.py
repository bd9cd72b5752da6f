"""Page addresses from Vietnamese titles on the server (R9.2; issue 19).

The admin's live slug field is tested in tests/browser/test_admin_vietnamese.py.
"""

import unicodedata

import pytest
from django_tenants.utils import schema_context
from wagtail.models import Page

from core.models import SchoolHomePage
from core.slugs import fold_vietnamese, slug_from_title
from dispatch.services import _ascii_slug

TITLE = "Bé tham gia Ngày hội Đọc sách – Thư viện Xanh tháng 12"
SLUG = "be-tham-gia-ngay-hoi-doc-sach-thu-vien-xanh-thang-12"


class SlugFromTitleTests:
    def test_precomposed_title(self):
        assert slug_from_title(TITLE) == SLUG

    def test_decomposed_and_mixed_titles_give_the_same_slug(self):
        nfd = unicodedata.normalize("NFD", TITLE)
        assert nfd != TITLE
        assert slug_from_title(nfd) == SLUG
        mixed = "Đ" + unicodedata.normalize("NFD", "ọc") + " sách"  # ọ as o + U+0323
        assert slug_from_title(mixed) == "doc-sach"

    @pytest.mark.parametrize(
        ("title", "slug"),
        [
            ("ĐẠI HỘI ĐOÀN TRƯỜNG", "dai-hoi-doan-truong"),
            ("Công văn 2326/GDĐT-THCS", "cong-van-2326-gddt-thcs"),
            ("Kỷ niệm 20/11 – Ngày Nhà giáo Việt Nam", "ky-niem-20-11-ngay-nha-giao-viet-nam"),
            ("Thủy, Thúy, Quý, Khuê, Nguyễn, Ưu, Ơn", "thuy-thuy-quy-khue-nguyen-uu-on"),
        ],
    )
    def test_vietnamese_letters(self, title, slug):
        assert slug_from_title(title) == slug

    def test_cut_at_a_word_boundary(self):
        assert slug_from_title(TITLE, max_length=22) == "be-tham-gia-ngay-hoi"
        assert len(slug_from_title(TITLE, max_length=10)) <= 10

    def test_fallback_for_a_title_without_letters(self):
        assert slug_from_title("– … –", fallback="van-ban") == "van-ban"

    def test_fold_keeps_case_and_spaces(self):
        assert fold_vietnamese("Đọc sách Thư viện") == "Doc sach Thu vien"

    def test_dispatched_documents_use_it(self):
        assert _ascii_slug("Thông báo 12/TB-GDĐT") == "thong-bao-12-tb-gddt"


class PageCreatedByCodeTests:
    def test_a_page_created_with_the_helper_has_a_readable_address(self, school_a):
        with schema_context(school_a.schema_name):
            home = SchoolHomePage.objects.get()
            page = home.add_child(instance=Page(title=TITLE, slug=slug_from_title(TITLE)))
            assert page.url_path.endswith(f"/{SLUG}/")
