"""A parent looks up the demo student on a phone: the answer fits and passes axe (R6.2, R9.1)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import AXE, screenshot

pytestmark = pytest.mark.django_db


class LookupAnswerTests:
    def test_the_answer_fits_a_phone_and_has_no_serious_violations(self, browser, live_url):
        context = browser.new_context(
            viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True, bypass_csp=True
        )
        page = context.new_page()
        page.goto(live_url + "/tra-cuu/ket-qua-hoc-tap/", wait_until="load")
        page.get_by_label("Mã học sinh").fill("7925031207")
        page.get_by_label("Ngày sinh của học sinh").fill("05/09/2013")
        page.get_by_role("button", name="Tra cứu").click()
        page.wait_for_load_state("load")
        assert page.get_by_role("heading", name="Nguyễn Ngọc Bảo Anh").is_visible()
        screenshot(page, "360-tra-cuu-ket-qua")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        if AXE.exists():
            page.evaluate(AXE.read_text())
            result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
            blocking = [
                v["id"] for v in result["violations"] if v["impact"] in {"serious", "critical"}
            ]
            assert not blocking, blocking
        context.close()
