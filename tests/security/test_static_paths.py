"""``/static/`` under ``make run``: a path escaping the static directories is a 404, not a 500."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.db import connection

from tests.conftest import SCHOOL_A

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _status(port: int, path: str) -> int:
    request = urllib.request.Request(  # noqa: S310 - a local test server
        f"http://127.0.0.1:{port}{path}", headers={"Host": SCHOOL_A["domain"]}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.fixture
def dev_server(school_a):
    """``manage.py runserver`` with the development settings, as ``make run`` starts it."""
    port = _free_port()
    parts = urlsplit(os.environ["DATABASE_URL"])
    env = dict(
        os.environ,
        DATABASE_URL=urlunsplit(parts._replace(path=f"/{connection.settings_dict['NAME']}")),
        DJANGO_SETTINGS_MODULE="portal.settings.dev",
        PORT=str(port),
    )
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                _status(port, "/healthz")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("the development server did not start", pytrace=False)
                time.sleep(0.3)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=15)


class StaticPathTests:
    def test_escaping_path_is_not_found_and_real_file_is_served(self, dev_server):
        assert _status(dev_server, "/static/css/portal.css") == 200
        for path in (
            "/static/..%2fportal%2fsettings%2fbase.py",
            "/static/..%2f..%2fetc%2fpasswd",
            "/static/css/..%2f..%2f..%2fmanage.py",
        ):
            assert _status(dev_server, path) == 404, path
