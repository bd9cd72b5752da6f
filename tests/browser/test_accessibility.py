"""axe-core on every public page: no serious or critical violations (R9.1).

axe-core comes from npm (tests/browser/package.json, ``npm ci`` in .ci/run). It is injected
with the page's CSP bypassed in this browser context only: the portal's policy rightly refuses
foreign inline script, which is what an injected checker is.
"""

from __future__ import annotations

import os

import pytest

from tests.browser.conftest import AXE, PAGES

pytestmark = pytest.mark.django_db

BLOCKING = {"serious", "critical"}


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        message = "axe-core is not installed: run `npm ci` in tests/browser"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return AXE.read_text()


@pytest.fixture(scope="module")
def axe_context(browser):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, bypass_csp=True, locale="vi-VN"
    )
    yield context
    context.close()


def _describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        targets = [", ".join(node["target"]) for node in violation["nodes"][:3]]
        lines.append(f"{violation['impact']} {violation['id']}: {violation['help']} → {targets}")
    return "\n".join(lines)


class AccessibilityTests:
    @pytest.mark.parametrize("name", PAGES)
    def test_no_serious_or_critical_violations(
        self, axe_context, axe_source, live_url, public_paths, name
    ):
        page = axe_context.new_page()
        response = page.goto(live_url + public_paths[name], wait_until="load")
        assert response.status == 200
        page.evaluate(axe_source)
        result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
        blocking = [v for v in result["violations"] if v["impact"] in BLOCKING]
        assert not blocking, f"{name}:\n{_describe(blocking)}"
        page.close()
