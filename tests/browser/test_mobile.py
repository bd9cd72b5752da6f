"""Public pages on phones: no sideways scrolling, nothing overlaps, the menu opens (R9.1).

Screenshots of every page at every size are kept in test-artifacts/browser/.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import PAGES, PORT, screenshot

# The test database is set up only for sessions with tests marked so.
pytestmark = pytest.mark.django_db

VIEWPORTS = {"360x740": (360, 740), "390x844": (390, 844)}

# Elements sticking out of the screen, outside horizontal scrollers (.table-wrap and the like).
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === "auto" || o === "scroll" || o === "hidden") return true;
    }
    return false;
  };
  return [...document.body.querySelectorAll("*")]
    .filter((el) => {
      const r = el.getBoundingClientRect();
      // Partly on screen and sticking out; wholly off-screen elements (skip links) are hidden
      // on purpose, and anything far right would show in scrollWidth anyway.
      const out = (r.left < width && r.right > width + 1) || (r.right > 0 && r.left < -1);
      return r.width > 0 && r.height > 0 && out && !scrolls(el);
    })
    .map((el) => el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ").join(".") : ""))
    .slice(0, 10);
}"""

# Visible header pieces that intersect each other (brand, menu button).
OVERLAPS = """() => {
  const boxes = [".brand", ".menu-toggle"].map((s) => document.querySelector(s))
    .filter(Boolean).map((el) => el.getBoundingClientRect());
  const [a, b] = boxes;
  if (!a || !b) return "missing";
  return a.right > b.left + 1 && b.right > a.left + 1 && a.bottom > b.top + 1 && b.bottom > a.top + 1;
}"""


# Visible links and controls outside running text less than 44 px tall (WCAG 2.5.5), as
# "tag.class text (w×h)". Links inside a paragraph or list item of prose are exempt (WCAG's
# inline exception), like the skip link that only shows on focus.
SMALL_TARGETS = """() => {
  const inline = (el) => el.tagName === "A" && el.closest("p, .lead, .richtext, td, dd, .meta, address, .intro");
  return [...document.querySelectorAll("a[href], button, input:not([type=hidden]), select, summary")]
    // A check box is activated through its label too: the label is the target measured.
    .map((el) => (el.matches("input[type=checkbox], input[type=radio]") && el.labels && el.labels[0]) || el)
    .filter((el) => {
      const r = el.getBoundingClientRect();
      if (!r.width || !r.height || el.classList.contains("skip-link") || inline(el)) return false;
      return r.height < 43.5;
    })
    .map((el) => `${el.tagName.toLowerCase()}.${el.className} ${el.textContent.trim().slice(0, 30)} (${Math.round(el.getBoundingClientRect().width)}×${Math.round(el.getBoundingClientRect().height)})`)
    .slice(0, 10);
}"""


@pytest.fixture(scope="module")
def phone_pages(browser):
    contexts = {}
    for name, (width, height) in VIEWPORTS.items():
        contexts[name] = browser.new_context(
            viewport={"width": width, "height": height},
            device_scale_factor=2,
            is_mobile=True,
            has_touch=True,
            locale="vi-VN",
        )
    yield contexts
    for context in contexts.values():
        context.close()


class PhoneLayoutTests:
    @pytest.mark.parametrize("viewport", list(VIEWPORTS))
    @pytest.mark.parametrize("name", PAGES)
    def test_page_fits_the_phone(
        self, phone_pages, live_url, public_paths, csp_violations, viewport, name
    ):
        page = phone_pages[viewport].new_page()
        csp_violations(page)
        response = page.goto(live_url + public_paths[name], wait_until="load")
        assert response.status == 200, public_paths[name]
        screenshot(page, f"{viewport}-{name}")
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        width = page.evaluate("document.documentElement.clientWidth")
        assert scroll_width <= width, f"{name}: {scroll_width}px wide on a {width}px screen"
        assert page.evaluate(OVERFLOWING) == [], name
        assert page.evaluate(OVERLAPS) is False, name
        assert csp_violations.found == [], csp_violations.found
        page.close()

    def test_operator_portal_fits_the_phone(self, phone_pages, live_url, csp_violations):
        page = phone_pages["360x740"].new_page()
        csp_violations(page)
        response = page.goto(f"http://localhost:{PORT}/", wait_until="load")
        assert response.status == 200
        screenshot(page, "360x740-operator")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        assert page.evaluate(OVERFLOWING) == []
        assert csp_violations.found == [], csp_violations.found
        page.close()

    @pytest.mark.parametrize("name", ["home", "gop-y", "cong-khai"])
    def test_tap_targets_are_at_least_44px(self, phone_pages, live_url, public_paths, name):
        page = phone_pages["360x740"].new_page()
        page.goto(live_url + public_paths[name], wait_until="load")
        small = page.evaluate(SMALL_TARGETS)
        assert small == [], f"{name}: tap targets under 44 px: {small}"
        page.close()

    @pytest.mark.parametrize("viewport", list(VIEWPORTS))
    def test_menu_opens_and_closes(self, phone_pages, live_url, viewport):
        page = phone_pages[viewport].new_page()
        page.goto(live_url + "/", wait_until="load")
        toggle = page.locator(".menu-toggle")
        menu = page.locator("#menu-chinh")
        assert toggle.is_visible()
        assert not menu.is_visible()
        toggle.click()
        assert menu.is_visible()
        assert toggle.get_attribute("aria-expanded") == "true"
        assert menu.locator("a", has_text="Tin tức").first.is_visible()
        screenshot(page, f"{viewport}-menu-open")
        assert page.evaluate("document.documentElement.scrollWidth") <= page.evaluate(
            "document.documentElement.clientWidth"
        )
        toggle.click()
        assert not menu.is_visible()
        assert toggle.get_attribute("aria-expanded") == "false"
        page.close()
