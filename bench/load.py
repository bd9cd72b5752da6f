"""Mixed read load on 100 schools served by gunicorn (R9.1).

Set-up: the 4 demo schools plus schools ``load-NNN`` provisioned by the real service
(``school_create``, about 1.4 s each, kept between runs) until there are ``SCHOOLS`` schools.
Then ``gunicorn portal.wsgi`` with the production settings (plain HTTP on loopback:
``SECURE_SSL_REDIRECT=false``) and ``WORKERS`` sync workers, warmed up, and ``wrk`` in a second
process for ``DURATION`` seconds: every request picks a random school host and a random public
section (home, news, documents, công khai, thủ tục, góp ý, giới thiệu, contact, RSS). The page
cache is on, as in production; each school's pages are cached after their first request.

Figures: requests per second, latency p50/p95/p99 (ms), errors (socket errors, timeouts and
non-2xx/3xx answers: must be 0), resident memory per worker (MiB, after the run).
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import psutil
from django.conf import settings

from bench import collect_static
from bench.wrk import wrk_available, wrk_run
from schools.models import Domain, School
from schools.services import school_create

SCHOOLS = 100
WORKERS = 4
PORT = int(os.environ.get("BENCH_LOAD_PORT", "8125"))
DURATION = int(os.environ.get("BENCH_LOAD_SECONDS", "20"))
CONNECTIONS = 16
PATHS = [
    "/",
    "/",
    "/tin-tuc/",
    "/van-ban/",
    "/cong-khai/",
    "/thu-tuc-bieu-mau/",
    "/gop-y/",
    "/gioi-thieu/",
    "/lien-he/",
    "/rss/tin-tuc/",
]
ROOT = Path(__file__).resolve().parent.parent


def ensure_schools(schools: int = SCHOOLS) -> tuple[list[str], float]:
    """Hosts of ``schools`` real schools; returns them and the seconds spent provisioning."""
    real = School.objects.filter(is_template=False).exclude(schema_name="public")
    real = real.filter(domains__isnull=False).distinct()
    missing = schools - real.count()
    started = time.perf_counter()
    index = 0
    while missing > 0:
        index += 1
        slug = f"load-{index:03d}"
        if School.objects.filter(slug=slug).exists():
            continue
        school_create(
            name=f"Trường Tiểu học Tải Thử {index:03d}",
            slug=slug,
            domain=f"{slug}.localhost",
            level="tieu_hoc",
        )
        missing -= 1
    spent = time.perf_counter() - started
    hosts = list(
        Domain.objects.filter(tenant__in=real, is_primary=True)
        .order_by("domain")
        .values_list("domain", flat=True)[:schools]
    )
    return hosts, spent


def _wait_until_up(host: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", PORT), timeout=1):
                pass
            request = urllib.request.Request(f"http://127.0.0.1:{PORT}/", headers={"Host": host})
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not come up")


def _warm(hosts: list[str]) -> int:
    """One request per host and path, so the run measures steady state (pages cached)."""
    failures = 0
    for host in hosts:
        for path in set(PATHS):
            request = urllib.request.Request(
                f"http://127.0.0.1:{PORT}{path}", headers={"Host": host}
            )
            try:
                with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                    response.read()
            except OSError:
                failures += 1
    return failures


def _gunicorn_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        SECURE_SSL_REDIRECT="false",
        ALLOWED_HOSTS="*",
        DEBUG="0",
        LOG_LEVEL="WARNING",
        STATIC_ROOT=str(settings.STATIC_ROOT),
        MEDIA_ROOT=str(settings.MEDIA_ROOT),
    )
    return env


def _worker_rss_mib(master: psutil.Process) -> list[float]:
    return [round(child.memory_info().rss / 2**20, 1) for child in master.children()]


def run() -> dict:
    if not wrk_available():
        raise RuntimeError("wrk is not installed (apt-get install wrk)")
    hosts, provision_seconds = ensure_schools()
    gunicorn = str(ROOT / ".venv" / "bin" / "gunicorn")
    collect_static(_gunicorn_env())
    server = subprocess.Popen(
        [
            gunicorn,
            "portal.wsgi",
            "--workers",
            str(WORKERS),
            "--bind",
            f"127.0.0.1:{PORT}",
            "--access-logfile",
            "-" if os.environ.get("BENCH_ACCESS_LOG") else "/dev/null",
            "--error-logfile",
            "-",
        ],
        cwd=ROOT,
        env=_gunicorn_env(),
        stdout=subprocess.DEVNULL,
    )
    try:
        _wait_until_up(hosts[0])
        warm_failures = _warm(hosts)
        data = wrk_run(hosts, PATHS, CONNECTIONS, DURATION, PORT)
        memory = _worker_rss_mib(psutil.Process(server.pid))
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    seconds = data["duration_us"] / 1e6
    return {
        "schools": len(hosts),
        "workers": WORKERS,
        "connections": CONNECTIONS,
        "seconds": round(seconds, 1),
        "requests": data["requests"],
        "requests_per_second": data["requests"] / seconds,
        "latency_p50_ms": data["p50_us"] / 1000,
        "latency_p95_ms": data["p95_us"] / 1000,
        "latency_p99_ms": data["p99_us"] / 1000,
        "latency_max_ms": data["max_us"] / 1000,
        "errors": data["errors"],
        "warm_up_failures": warm_failures,
        "worker_rss_mib_mean": sum(memory) / len(memory) if memory else float("nan"),
        "worker_rss_mib_max": max(memory) if memory else float("nan"),
        "provision_seconds_this_run": provision_seconds,
    }
