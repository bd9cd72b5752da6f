"""``portal.embedded exec`` beside a running ``make run`` / ``exec`` on the same data directory.

Killed: nothing; a second ``exec`` starts and exits while the first is serving. Survived:
the first keeps its PostgreSQL and its Redis (the same servers, with the data it wrote)
while the second runs and after it exits; the last one to exit stops both servers.
"""

from __future__ import annotations

import os
import subprocess
import sys

from portal.embedded import _postmaster_running, _redis_answers
from tests.faults.conftest import FAULTS_DIR, wait_until

CHECK = """
import os, sys, time, pathlib, psycopg, redis
r = redis.Redis.from_url(os.environ["REDIS_URL"], socket_timeout=5)
def check(label):
    with psycopg.connect(os.environ["DATABASE_URL"], connect_timeout=5) as db:
        db.execute("SELECT 1")
    print(label, r.get("owner"), flush=True)
mode, flag = sys.argv[1], pathlib.Path(sys.argv[2])
if mode == "first":
    r.set("owner", "first")
    check("first-before")
    flag.with_suffix(".ready").write_text("ready")
    while not flag.exists():
        time.sleep(0.1)
    check("first-after")
else:
    check("second")
"""


def _exec(data_dir, *args: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "portal.embedded",
        "exec",
        "--data-dir",
        str(data_dir),
        "--",
        sys.executable,
        "-c",
        CHECK,
        *args,
    ]


class ExecBesideRunTests:
    def test_a_second_exec_reuses_the_servers_and_never_breaks_the_first(self):
        data_dir = FAULTS_DIR / "exec"
        flag = data_dir / "go"
        flag.unlink(missing_ok=True)
        flag.with_suffix(".ready").unlink(missing_ok=True)
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
        first = subprocess.Popen(
            _exec(data_dir, "first", str(flag)),
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            wait_until(
                lambda: flag.with_suffix(".ready").exists() or first.poll() is not None,
                timeout=90,
                what="the first exec to be serving",
            )
            assert first.poll() is None, first.stdout.read()
            second = subprocess.run(
                _exec(data_dir, "second", str(flag)),
                env=env,
                capture_output=True,
                text=True,
                timeout=90,
            )
            assert second.returncode == 0, second.stdout + second.stderr
            assert "reusing it" in second.stdout, "the second exec must reuse the servers"
            assert "second b'first'" in second.stdout, "the second sees the first's Redis data"
            assert _redis_answers(data_dir / "redis" / "redis.sock"), (
                "after the second exec exited, the first's Redis must still answer"
            )
            flag.write_text("go")
            output, _ = first.communicate(timeout=60)
        finally:
            if first.poll() is None:
                first.kill()
        assert first.returncode == 0, output
        assert "first-after b'first'" in output, (
            f"the first exec lost its Redis or PostgreSQL while the second ran:\n{output}"
        )
        assert not _redis_answers(data_dir / "redis" / "redis.sock"), "last user stops Redis"
        assert not _postmaster_running(data_dir / "pg"), "last user stops PostgreSQL"
