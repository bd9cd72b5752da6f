"""A real Chromium against a real server on the test database (R9.1).

Playwright drives Debian's ``chromium`` (Playwright may not download its own browser here), so
``.ci/run`` installs ``chromium`` and runs ``npm ci`` for axe-core. Without Chromium the
browser tests are skipped with the reason, unless ``CI`` is set: then they fail.

Data: the demo school "THCS Nguyễn Trãi" (realistic content of every section) is provisioned
once for this package, committed, served by ``manage.py runserver`` in a subprocess on the
test database, and dropped when the package is done, so other tests never see it. Chromium
resolves ``*.localhost`` to loopback, so ``http://thcs-nguyen-trai.localhost:<port>/`` reaches
the server and the school is found by its host name, as in production.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "browser"
AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
SLUG = "thcs-nguyen-trai"
HOST = f"{SLUG}.localhost"
PORT = int(os.environ.get("BROWSER_TEST_PORT", "8122"))
PASSWORD = "TruongDemo@2026"  # schools.demo.DEMO_PASSWORD
CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome")
# The public pages checked on phones and by axe (names of ``public_paths``).
PAGES = [
    "home",
    "news",
    "article",
    "document",
    "cong-khai",
    "thu-tuc",
    "gop-y",
    "tra-cuu",
    "dang-ky",
    "search",
]


def _ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def chromium_path() -> str | None:
    explicit = os.environ.get("CHROMIUM_PATH")
    if explicit:
        return explicit if Path(explicit).exists() else None
    return next((found for name in CHROMIUM_CANDIDATES if (found := shutil.which(name))), None)


def _missing(reason: str) -> None:
    if _ci():
        pytest.fail(f"{reason} (CI is set: browser tests must run)", pytrace=False)
    pytest.skip(f"{reason}; install it to run the browser tests")


@pytest.fixture(scope="package")
def chromium_executable() -> str:
    path = chromium_path()
    if path is None:
        _missing("Chromium is not installed (apt-get install chromium chromium-driver)")
    try:
        import playwright  # noqa: F401
    except ImportError:
        _missing("Playwright for Python is not installed (pip install playwright)")
    return path


def _free(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


def _demo_school_ensure():
    """Provision the demo school with its users and content (idempotent)."""
    from django.contrib.auth import get_user_model
    from django_tenants.utils import schema_context
    from wagtail import hooks

    from schools.demo import DEMO_SCHOOLS, DEMO_USERS, demo_domain
    from schools.models import School
    from schools.services import school_create, school_user_create

    data = next(d for d in DEMO_SCHOOLS if d["slug"] == SLUG)
    school = School.objects.filter(slug=SLUG).first()
    if school is None:
        school = school_create(domain=demo_domain(SLUG), city="Thành phố Hồ Chí Minh", **data)
    with schema_context(school.schema_name):
        for username, first, last, role in DEMO_USERS:
            if not get_user_model().objects.filter(username=username).exists():
                school_user_create(
                    username=username,
                    email=f"{username}.{SLUG.replace('-', '')}@pgdbinhtan.edu.vn",
                    password=PASSWORD,
                    role=role,
                    first_name=first,
                    last_name=last,
                )
        for load_content in hooks.get_hooks("portal_load_demo_content"):
            load_content(school)
    return school


@pytest.fixture(scope="package")
def live_url(chromium_executable, django_db_setup, django_db_blocker):
    """Base URL of a server for the demo school, on the committed test database."""
    from django.db import connection

    from dispatch.models import Dispatch
    from rss.models import FeedSource
    from schools.services import school_delete

    with django_db_blocker.unblock():
        connection.set_schema_to_public()
        # Demo content also adds shared feed sources (public schema): removed afterwards.
        sources_before = set(FeedSource.objects.values_list("pk", flat=True))
        dispatches_before = set(Dispatch.objects.values_list("pk", flat=True))
        # Absolute URLs stored by the demo (the operator portal's news digest) carry the port.
        from django.test import override_settings

        with override_settings(PORTAL_PUBLIC_PORT=PORT):
            school = _demo_school_ensure()
        connection.set_schema_to_public()
        database = connection.settings_dict["NAME"]
    if not _free(PORT):
        pytest.fail(f"port {PORT} is busy (set BROWSER_TEST_PORT)", pytrace=False)
    parts = urlsplit(os.environ["DATABASE_URL"])
    env = dict(os.environ)
    env.update(
        DATABASE_URL=urlunsplit(parts._replace(path=f"/{database}")),
        DJANGO_SETTINGS_MODULE="tests.browser.server_settings",
        STATIC_ROOT=str(ROOT / ".data" / "test" / "static-browser"),
        PORTAL_PUBLIC_PORT=str(PORT),
        PYTHONUNBUFFERED="1",
    )
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log = (ARTIFACTS / "server.log").open("w")
    # Static files as in production (tests/browser/server_settings.py), served by WhiteNoise.
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        check=True,
    )
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{PORT}", "--noreload", "--nostatic"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://{HOST}:{PORT}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                request = urllib.request.Request(
                    f"http://127.0.0.1:{PORT}/", headers={"Host": HOST}
                )
                with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
                    if response.status == 200:
                        break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("the test server did not start: see server.log", pytrace=False)
                time.sleep(0.3)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
        with django_db_blocker.unblock():
            connection.set_schema_to_public()
            school_delete(school=school)
            FeedSource.objects.exclude(pk__in=sources_before).delete()
            # The demo's operator dispatches are shared rows too: leave none behind.
            Dispatch.objects.exclude(pk__in=dispatches_before).delete()


@pytest.fixture(scope="package")
def public_paths(live_url, django_db_blocker) -> dict[str, str]:
    """The public pages checked on phones and by axe, by name."""
    from django.db import connection
    from django_tenants.utils import schema_context

    from documents.models import OfficialDocumentPage
    from news.models import NewsIndexPage, NewsPage
    from online_services.selectors import campaign_open_now
    from schools.models import School

    def relative(page) -> str:
        return "/" + page.url_path.split("/", 2)[2]

    with django_db_blocker.unblock():
        connection.set_schema_to_public()
        school = School.objects.get(slug=SLUG)
        with schema_context(school.schema_name):
            article = NewsPage.objects.live().exclude(image=None).order_by("-date").first()
            document = OfficialDocumentPage.objects.live().order_by("-issue_date").first()
            paths = {
                "article": relative(article),
                "document": relative(document),
                "news_index_id": str(NewsIndexPage.objects.get().pk),
                # The demo's open admission campaign (online_services.demo).
                "dang-ky": f"/dang-ky-tuyen-sinh/dot/{campaign_open_now().pk}/",
            }
        connection.set_schema_to_public()
    return {
        "home": "/",
        "news": "/tin-tuc/",
        **paths,
        "cong-khai": "/cong-khai/",
        "thu-tuc": "/thu-tuc-bieu-mau/",
        "gop-y": "/gop-y/",
        "tra-cuu": "/tra-cuu/ket-qua-hoc-tap/",
        "search": "/van-ban/?q=tuy%E1%BB%83n+sinh",
    }


@pytest.fixture(scope="package")
def browser(chromium_executable, public_paths):
    """Chromium, started after every database set-up of the package.

    Playwright's sync API runs an event loop in the main thread, and Django refuses ORM calls
    while one runs, so data is prepared first and torn down after the browser is closed.
    """
    from playwright.sync_api import sync_playwright

    # The per-test transactions of pytest-django (which sets the test database up only for
    # tests marked django_db) would otherwise be refused inside that loop; the ORM is not
    # used concurrently here. Playwright's documented way for Django test suites.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        # --no-sandbox: CI containers run as root, where Chromium's sandbox cannot start.
        instance = playwright.chromium.launch(
            executable_path=chromium_executable, args=["--no-sandbox"], headless=True
        )
        yield instance
        instance.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def csp_violations():
    """Collects console messages about the Content-Security-Policy of pages it is given."""
    found: list[str] = []

    def watch(page) -> None:
        page.on(
            "console",
            lambda message: (
                found.append(message.text) if "Content Security Policy" in message.text else None
            ),
        )

    watch.found = found
    return watch


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture(scope="package")
def operator_account(live_url, django_db_blocker) -> str:
    """The operator's superuser in the public schema (as the demo creates it)."""
    from django.contrib.auth import get_user_model
    from django.db import connection

    from schools.demo import SUPERUSER

    username, email = SUPERUSER
    with django_db_blocker.unblock():
        connection.set_schema_to_public()
        user_model = get_user_model()
        created = not user_model.objects.filter(username=username).exists()
        if created:
            user_model.objects.create_superuser(
                username=username,
                email=email,
                password=PASSWORD,
                first_name="Tiến",
                last_name="Lê Minh",
            )
    yield f"http://localhost:{PORT}"
    if created:
        with django_db_blocker.unblock():
            connection.set_schema_to_public()
            user_model.objects.filter(username=username).delete()
