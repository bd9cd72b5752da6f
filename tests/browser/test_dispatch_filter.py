"""The operator's "chosen schools" list filters as one types (a Sở ticks one school among
2,000): accent-free typing, hidden schools stay ticked, and the form still sends them."""

from __future__ import annotations

import re
import unicodedata

import pytest
from playwright.sync_api import expect

from tests.browser.admin_walk import sign_in
from tests.browser.conftest import PASSWORD, screenshot

pytestmark = pytest.mark.django_db

SEND = "/admin/dieu-hanh/van-ban/gui/"


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).lower().split())


def test_typing_part_of_a_name_without_diacritics_narrows_the_list(
    operator_account, browser, csp_violations
):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = sign_in(context, operator_account, "phonggd", PASSWORD)
    csp_violations(page)
    page.goto(f"{operator_account}{SEND}")
    options = page.locator("#school-list label")
    names = [" ".join(text.split()) for text in options.all_inner_texts()]
    assert len(names) >= 2, names
    wanted = next(name for name in names if _fold(name) != " ".join(name.lower().split()))
    typed = _fold(wanted).split(" ", 1)[-1]  # "thcs nguyen trai" for "Trường THCS Nguyễn Trãi"
    expected = [name for name in names if typed in _fold(name)]
    assert 0 < len(expected) < len(names), (typed, names)

    page.fill("#school-list-filter", typed)
    expect(page.locator("#school-list label:visible")).to_have_count(len(expected))
    assert [
        " ".join(t.split()) for t in page.locator("#school-list label:visible").all_inner_texts()
    ] == expected
    status = page.locator("#school-list-filter + p")
    expect(status).to_have_text(re.compile(rf"{len(expected)}/{len(names)} trường"))
    page.locator("#school-list-filter").scroll_into_view_if_needed()
    screenshot(page, "dispatch-school-filter")

    page.locator("#school-list label:visible input").first.check()
    page.fill("#school-list-filter", "")
    expect(page.locator("#school-list label:visible")).to_have_count(len(names))
    expect(status).to_have_text(re.compile(r"đã chọn 1\."))
    assert page.locator("#school-list input:checked").count() == 1
    page.press("#school-list-filter", "Enter")  # filtering, not sending the form
    assert page.url.endswith(SEND)
    assert not csp_violations.found, csp_violations.found
    context.close()
