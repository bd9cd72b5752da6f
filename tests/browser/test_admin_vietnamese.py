"""The whole Wagtail admin in Vietnamese, for every role (R9.2, R10.1, R10.2; issue 15).

Chromium signs in as each of the four school roles and as the operator, walks every admin URL
of their menus (listings, and from listings their add, edit, delete and history screens),
the page editor's screens and the account settings, opens the editor's menus, side panels,
block picker, date picker and image chooser, renders each with JavaScript and fails on
visible English outside ``admin_walk.ALLOWED``. The report, by screen, is written to
``test-artifacts/browser/admin-english.md``. A URL checked for one role is not checked again
for the next on the same site, which keeps the walk near two minutes on the 2-core machine.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.admin_walk import (
    ARTIFACTS_REPORT,
    Walk,
    editor_dialogs,
    english_in,
    report,
    sign_in,
    walk,
)
from tests.browser.conftest import ARTIFACTS, PASSWORD, screenshot

pytestmark = pytest.mark.django_db

SCHOOL_ROLES = ("quantri", "hieutruong", "bientap", "congtacvien")
OPERATOR = "phonggd"


@pytest.fixture(scope="package")
def school_admin_paths(live_url, django_db_blocker) -> list[str]:
    """Screens of the page editor and of the news section that no menu links directly."""
    from django.db import connection
    from django_tenants.utils import schema_context

    from news.models import NewsIndexPage, NewsPage
    from schools.models import School
    from tests.browser.conftest import SLUG

    with django_db_blocker.unblock():
        connection.set_schema_to_public()
        school = School.objects.get(slug=SLUG)
        with schema_context(school.schema_name):
            index = NewsIndexPage.objects.get()
            article = NewsPage.objects.child_of(index).live().order_by("-date").first()
            home_id = index.get_parent().pk
        connection.set_schema_to_public()
    page = f"/admin/pages/{article.pk}"
    return [
        f"/admin/pages/{home_id}/",
        f"/admin/pages/{index.pk}/",
        f"/admin/pages/{index.pk}/add_subpage/",
        f"/admin/pages/add/news/newspage/{index.pk}/",
        f"{page}/edit/",
        f"{page}/history/",
        f"{page}/delete/",
        f"{page}/unpublish/",
        f"{page}/move/",
        f"{page}/copy/",
        f"{page}/workflow_history/",
        f"{page}/usage/",
        "/admin/pages/search/?q=tuy%E1%BB%83n+sinh",
        "/admin/images/add/",
        "/admin/documents/add/",
    ]


class AdminVietnameseTests:
    def test_every_admin_screen_of_every_role_is_vietnamese(
        self, school_admin_paths, operator_account, browser, live_url
    ):
        walks, seen = [], set()
        for role in SCHOOL_ROLES:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            walks.append(
                walk(context, live_url, role, PASSWORD, extra=school_admin_paths, seen=seen)
            )
            context.close()
        # The page editor's menus, side panels, block picker, date picker and image chooser.
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = sign_in(context, live_url, "hieutruong", PASSWORD)
        edit = next(p for p in school_admin_paths if p.endswith("/edit/"))
        add = next(p for p in school_admin_paths if "/add/news/newspage/" in p)
        dialogs = Walk(role="hieutruong: editor dialogs")
        dialogs.screens = editor_dialogs(page, live_url, edit, shots=ARTIFACTS)
        # The image chooser opens from an empty image field: the new article's.
        dialogs.screens += editor_dialogs(
            page, live_url, add, names={"image-chooser"}, shots=ARTIFACTS
        )
        walks.append(dialogs)
        context.close()
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        walks.append(walk(context, operator_account, OPERATOR, PASSWORD))
        context.close()
        report(walks, ARTIFACTS_REPORT)

        opened = [s.title for s in dialogs.screens if s.status == 200]
        assert {"image-chooser", "date-picker", "panel-comments", "streamfield-blocks"} <= set(
            opened
        ), opened

        checked = {w.role: len(w.screens) for w in walks}
        assert checked["quantri"] > 10 and checked[OPERATOR] > 10, checked
        assert all(s.status == 200 for w in walks for s in w.screens if "/edit/" in s.url)
        failures = [
            f"{w.role} {s.url} ({s.status}): {s.english}" for w in walks for s in w.failures
        ]
        assert not failures, f"see {ARTIFACTS_REPORT}:\n" + "\n".join(failures)

    def test_the_walk_recognises_english(self):
        """The detector itself: the issue's English fragments are found, Vietnamese is not."""
        for english in (
            "Requested by",
            "Incomplete task",
            "By task",
            "15 images",
            "88 pages",
            "2 hours trước",
            "Action\tUser",
        ):
            assert english_in(english), english
        vietnamese = (
            "Người gửi duyệt: Lan Nguyễn Thị lúc 03/12/2026 14:05\n"
            "Ban Giám hiệu tin tức HĐND in đậm do Phòng GD&ĐT ban hành 15 hình ảnh\n"
            "ngay-hoi-doc-sach.jpg Asia/Ho_Chi_Minh hieutruong@pgdbinhtan.edu.vn Wagtail PDF"
        )
        assert english_in(vietnamese) == []


class AdminSlugTests:
    """The live slug field of the page editor folds Vietnamese titles (R9.2, issue 19)."""

    TITLE = "Bé tham gia Ngày hội Đọc sách – Thư viện Xanh tháng 12"
    SLUG = "be-tham-gia-ngay-hoi-doc-sach-thu-vien-xanh-thang-12"

    def _editor(self, browser, live_url, school_admin_paths):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(f"{live_url}/admin/login/")
        page.fill("#id_username", "congtacvien")
        page.fill("#id_password", PASSWORD)
        page.press("#id_password", "Enter")
        page.wait_for_url(re.compile(r"/admin/$"))
        add = next(p for p in school_admin_paths if "/add/news/newspage/" in p)
        page.goto(live_url + add)
        return context, page

    def test_typed_title_gives_folded_slug(self, school_admin_paths, browser, live_url):
        context, page = self._editor(browser, live_url, school_admin_paths)
        page.locator("#id_title").press_sequentially(self.TITLE)
        page.locator("#id_title").blur()
        expect(page.locator("#id_slug")).to_have_value(self.SLUG)  # synced after a debounce
        screenshot(page, "admin-slug-typed")
        context.close()

    def test_decomposed_title_and_typed_slug_are_folded(
        self, school_admin_paths, browser, live_url
    ):
        import unicodedata

        context, page = self._editor(browser, live_url, school_admin_paths)
        page.fill("#id_title", unicodedata.normalize("NFD", self.TITLE))
        page.locator("#id_title").blur()
        expect(page.locator("#id_slug")).to_have_value(self.SLUG)
        # An editor who types the address with marks gets it folded when leaving the field.
        page.evaluate(
            """() => {
                const panel = document.getElementById("id_slug").closest('[role="tabpanel"]');
                document.querySelector(`a[href="#${panel.id}"]`).click();
            }"""
        )
        page.fill("#id_slug", "Đọc sách Thư viện")
        page.locator("#id_slug").blur()
        expect(page.locator("#id_slug")).to_have_value("doc-sach-thu-vien")
        context.close()
