"""Two web hosts that share only PostgreSQL, Redis and the configured storage (R1.1 at scale).

Two gunicorn processes, each with its own data directory (``PORTAL_DATA_DIR``: what a
second machine would have of its own), and one Celery worker, all pointed at the test
database, the test Redis and one shared media and search location. Through host 1 a head
logs in, publishes an article and uploads an image; host 2 then serves the article (its
page cache invalidated through Redis), finds it in search (indexed by the worker into the
shared index, while host 2 keeps its own open searcher), accepts the session made on
host 1, and serves the image and renditions that host 1 stored, and host 1 the renditions
host 2 made.
"""

from __future__ import annotations

import io
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django_tenants.utils import schema_context
from PIL import Image as PILImage

from tests.conftest import PASSWORD, SCHOOL_A

ROOT = Path(__file__).resolve().parents[2]
HOST = SCHOOL_A["domain"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _database_url() -> str:
    db = settings.DATABASES["default"]
    auth = f"{db['USER'] or 'postgres'}:{db['PASSWORD']}@"
    if db["HOST"].startswith("/"):
        return f"postgresql://{auth}/{db['NAME']}?host={db['HOST']}"
    return f"postgresql://{auth}{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


class Hosts:
    def __init__(self, tmp: Path) -> None:
        self.shared = tmp / "shared"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
            "DEBUG": "0",
            "LOG_LEVEL": "WARNING",
            "DATABASE_URL": _database_url(),
            "REDIS_URL": os.environ["REDIS_URL"],
            "CACHE_KEY_PREFIX": f"two-hosts-{secrets.token_hex(4)}",
            "MEDIA_ROOT": str(self.shared / "media"),
            "SEARCH_INDEX_ROOT": str(self.shared / "search"),
            "PORTAL_PAGE_CACHE_ENABLED": "true",
            "PORTAL_SCHEMA_POOL_SIZE": "0",
        }
        self.ports = [_free_port(), _free_port()]
        self.processes: list[subprocess.Popen] = []
        self.tmp = tmp

    def start(self) -> None:
        bin_dir = Path(sys.executable).parent
        for number, port in enumerate(self.ports, start=1):
            env = {**self.env, "PORTAL_DATA_DIR": str(self.tmp / f"host{number}")}
            self.processes.append(
                subprocess.Popen(
                    [str(bin_dir / "gunicorn"), "portal.wsgi", "--workers", "1", "--bind",
                     f"127.0.0.1:{port}", "--access-logfile", "/dev/null"],
                    cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                )
            )  # fmt: skip
        env = {**self.env, "PORTAL_DATA_DIR": str(self.tmp / "worker")}
        self.processes.append(
            subprocess.Popen(
                [str(bin_dir / "celery"), "-A", "portal", "worker", "--pool", "solo",
                 "--loglevel", "WARNING", "--without-heartbeat", "--without-gossip",
                 "--without-mingle"],
                cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )
        )  # fmt: skip
        deadline = time.monotonic() + 90
        for port in self.ports:
            while True:
                try:
                    if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=30).ok:
                        break
                except requests.RequestException:
                    pass
                assert time.monotonic() < deadline, f"gunicorn on port {port} did not start"
                time.sleep(0.3)

    def stop(self) -> None:
        for process in self.processes:
            process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()

    def url(self, number: int, path: str) -> str:
        return f"http://127.0.0.1:{self.ports[number - 1]}{path}"


def _get(session: requests.Session, hosts: Hosts, number: int, path: str, **kwargs):
    return session.get(hosts.url(number, path), headers={"Host": HOST}, timeout=30, **kwargs)


def _post(session: requests.Session, hosts: Hosts, number: int, path: str, data, **kwargs):
    token = session.cookies.get("csrftoken")
    return session.post(
        hosts.url(number, path),
        data={"csrfmiddlewaretoken": token, **data},
        headers={"Host": HOST, "Referer": f"http://{HOST}{path}"},
        allow_redirects=False,
        timeout=60,
        **kwargs,
    )


@pytest.fixture
def draft(django_db_setup, django_db_blocker, school_a_committed):
    """A news draft in school A, committed (the hosts are other processes)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    from news.models import NewsIndexPage, NewsPage

    token = secrets.token_hex(3)
    title = f"Ngày hội Rung chuông vàng khối 9 lần thứ {token}"
    with django_db_blocker.unblock(), schema_context(school_a_committed.schema_name):
        # The hosts run the real settings: a hash they know, not the test settings' MD5.
        head = get_user_model().objects.get(username="hieutruong")
        test_hash = head.password
        head.password = PBKDF2PasswordHasher().encode(PASSWORD, secrets.token_hex(8))
        head.save(update_fields=["password"])
        parent = NewsIndexPage.objects.get()
        page = parent.add_child(
            instance=NewsPage(
                title=title,
                slug=f"rung-chuong-vang-{token}",
                intro="Học sinh khối 9 tranh tài kiến thức tại sân trường.",
                live=False,
            )
        )
        page.save_revision()
        from wagtail.models import Collection

        collection = Collection.get_first_root_node().pk
    yield page, title, collection
    with django_db_blocker.unblock(), schema_context(school_a_committed.schema_name):
        from wagtail.images import get_image_model

        NewsPage.objects.filter(pk=page.pk).delete()
        get_user_model().objects.filter(username="hieutruong").update(password=test_hash)
        get_image_model().objects.filter(title__startswith="Ảnh hai máy chủ").delete()


@pytest.fixture
def school_a_committed(django_db_setup, django_db_blocker):
    from schools.models import School

    with django_db_blocker.unblock():
        return School.objects.get(slug=SCHOOL_A["slug"])


@pytest.fixture
def hosts(tmp_path):
    started = Hosts(tmp_path)
    try:
        started.start()
        yield started
    finally:
        started.stop()


def _png() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (320, 200), (20, 90, 160)).save(buffer, "PNG")
    return buffer.getvalue()


class TwoHostsTests:
    def test_publish_search_session_and_media_cross_hosts(self, hosts, draft):
        page, title, collection = draft
        browser = requests.Session()
        # Both hosts cache the home page (second request: a hit).
        for number in (1, 2):
            _get(browser, hosts, number, "/")
            home = _get(browser, hosts, number, "/")
            assert home.status_code == 200 and title not in home.text
            assert home.headers.get("X-Page-Cache") == "hit"
        browser.cookies.clear()
        # Host 1: the head logs in and publishes the draft.
        assert _get(browser, hosts, 1, "/admin/login/").status_code == 200
        login = _post(
            browser, hosts, 1, "/admin/login/", {"username": "hieutruong", "password": PASSWORD}
        )
        assert login.status_code == 302, login.text[:500]
        publish = f"/admin/bulk/wagtailcore/page/publish/?id={page.pk}"
        assert _get(browser, hosts, 1, publish).status_code == 200
        assert _post(browser, hosts, 1, publish, {}).status_code == 302
        # Host 2 serves it at once: the page cache generation lives in Redis.
        home = _get(requests.Session(), hosts, 2, "/")
        assert title in home.text, "host 2 still served its cached home page"
        article = _get(requests.Session(), hosts, 2, "/" + page.url_path.split("/", 2)[2])
        assert article.status_code == 200 and title in article.text
        # Host 2 finds it: the worker indexed it into the shared index.
        words = title.split()[-1]
        deadline = time.monotonic() + 60
        while True:
            found = _get(requests.Session(), hosts, 2, "/tim-kiem/", params={"q": words})
            if title in found.text:
                break
            assert time.monotonic() < deadline, "host 2's search never found the article"
            time.sleep(0.5)
        # Host 1 uploads an image; the session made on host 1 is valid on host 2.
        assert _get(browser, hosts, 1, "/admin/images/add/").status_code == 200
        upload = _post(
            browser,
            hosts,
            1,
            "/admin/images/add/",
            {"title": "Ảnh hai máy chủ", "collection": collection},
            files={"file": ("hai-may-chu.png", _png(), "image/png")},
        )
        assert upload.status_code == 302, upload.text[:500]
        listing = _get(browser, hosts, 2, "/admin/images/")
        assert listing.status_code == 200 and "Ảnh hai máy chủ" in listing.text
        renditions = re.findall(r'src="(/media/test_a/images/[^"]+)"', listing.text)
        assert renditions, "host 2 rendered no thumbnail"
        for url in renditions[:3]:
            served = _get(requests.Session(), hosts, 1, url)
            assert served.status_code == 200 and served.content[:4] in (b"\x89PNG", b"RIFF")
        originals = list((hosts.shared / "media" / "test_a" / "original_images").glob("hai-may*"))
        assert originals, "host 1 did not store the upload in the shared media"
        original = f"/media/test_a/original_images/{originals[0].name}"
        assert _get(requests.Session(), hosts, 2, original).status_code == 200
