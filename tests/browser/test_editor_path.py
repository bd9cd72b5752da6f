"""The editor's path in the real Wagtail admin (R3.3, R8.2, R9.1).

A contributor signs in to the school, writes a news article and uploads its image through the
image chooser, submits it for approval; it is not public yet. The head signs in, approves it;
the article is then on the public site, with its image, and in the school's RSS feed.
"""

from __future__ import annotations

import io
import random
import re
import xml.etree.ElementTree as ET

import pytest
from PIL import Image as PILImage

from tests.browser.conftest import PASSWORD, screenshot

pytestmark = pytest.mark.django_db

TITLE = "Học sinh THCS Nguyễn Trãi tham gia ngày hội đọc sách"
SLUG = "ngay-hoi-doc-sach-kiem-thu"
INTRO = "Sáng 20/11, hơn 300 học sinh khối 6 và khối 7 đã tham gia ngày hội đọc sách."


def _photo(path) -> None:
    colour = tuple(random.randrange(256) for _ in range(3))  # unique: no duplicate warning
    buffer = io.BytesIO()
    PILImage.new("RGB", (640, 360), colour).save(buffer, "JPEG", quality=85)
    path.write_bytes(buffer.getvalue())


def _sign_in(context, live_url: str, username: str):
    page = context.new_page()
    page.goto(f"{live_url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_url(re.compile(r"/admin/$"))
    return page


def _click_hidden(page, selector: str) -> None:
    """Buttons of the footer's dropdown menu: clicked as the menu item would be."""
    page.locator(selector).first.dispatch_event("click")


class EditorPathTests:
    def test_write_submit_approve_publish(self, browser, live_url, public_paths, tmp_path):
        photo = tmp_path / "ngay-hoi-doc-sach.jpg"
        _photo(photo)
        editor_context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = _sign_in(editor_context, live_url, "congtacvien")

        # Write: title, summary, slug; the image uploaded through the chooser.
        index_id = public_paths["news_index_id"]
        page.goto(f"{live_url}/admin/pages/add/news/newspage/{index_id}/")
        page.fill("#id_title", TITLE)
        page.fill("#id_intro", INTRO)
        page.locator("#id_image-chooser [data-chooser-action-choose]").first.click()
        modal = page.locator(".modal")
        modal.locator('a[href="#tab-upload"], [role="tab"]:has-text("Tải lên")').first.click()
        modal.locator('input[type="file"]').set_input_files(str(photo))
        title_input = modal.locator('input[name$="title"]').first
        if not title_input.input_value():
            title_input.fill("Ngày hội đọc sách")
        modal.locator('form button[type="submit"]').first.click()
        page.wait_for_selector(".modal", state="detached", timeout=15000)
        assert page.locator("#id_image").input_value(), "no image chosen"
        # The tab holding the slug (its id follows the translated heading, so find it by panel).
        page.evaluate(
            """() => {
                const panel = document.getElementById("id_slug").closest('[role="tabpanel"]');
                document.querySelector(`a[href="#${panel.id}"]`).click();
            }"""
        )
        page.fill("#id_slug", SLUG)
        screenshot(page, "editor-1-written")

        # Submit for approval.
        _click_hidden(page, 'button[name="action-submit"]')
        page.wait_for_url(re.compile(r"/admin/pages/\d+/(edit/)?$"), timeout=20000)
        screenshot(page, "editor-2-submitted")
        editor_context.close()
        # Chromium, not Playwright's own HTTP client, resolves *.localhost: fetch with pages.
        public_context = browser.new_context(viewport={"width": 390, "height": 844})
        public = public_context.new_page()
        assert public.goto(f"{live_url}/tin-tuc/{SLUG}/").status == 404  # not public yet

        # The head approves.
        head_context = browser.new_context(viewport={"width": 1280, "height": 900})
        head = _sign_in(head_context, live_url, "hieutruong")
        head.goto(f"{live_url}/admin/pages/{index_id}/")
        head.get_by_role("link", name=TITLE).first.click()
        head.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
        _click_hidden(
            head,
            'button[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])',
        )
        head.wait_for_load_state("load")
        head.wait_for_timeout(500)
        screenshot(head, "editor-3-approved")
        head_context.close()

        # Public: the article with its image, and the RSS item.
        response = public.goto(f"{live_url}/tin-tuc/{SLUG}/")
        assert response.status == 200
        assert public.locator("h1").first.inner_text().strip() == TITLE
        image = public.locator("main img").first
        assert image.is_visible()
        assert public.evaluate("(img) => img.naturalWidth > 0", image.element_handle())
        screenshot(public, "editor-4-public")
        listing = public.goto(f"{live_url}/tin-tuc/")
        assert listing.status == 200 and TITLE in public.content()
        feed = public.goto(f"{live_url}/rss/tin-tuc/")
        assert feed.status == 200
        items = ET.fromstring(feed.body()).findall("./channel/item")
        assert items[0].findtext("title") == TITLE
        assert items[0].findtext("link").endswith(f"/tin-tuc/{SLUG}/")
        public_context.close()
