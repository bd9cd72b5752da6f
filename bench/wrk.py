"""One ``wrk`` run over random school hosts and paths, its figures read from a Lua report.

Used by ``bench.load`` and ``bench.scale_http``: each request picks a random host (sent as
the ``Host`` header) and a random path; ``done`` writes one JSON line with the request
count, latency percentiles and errors.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import tempfile

SCRIPT = """
local hosts = {%(hosts)s}
local paths = {%(paths)s}
math.randomseed(%(seed)d)
request = function()
  return wrk.format("GET", paths[math.random(#paths)], {["Host"] = hosts[math.random(#hosts)]})
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %%d, "duration_us": %%d, "p50_us": %%d, "p95_us": %%d, "p99_us": %%d, ' ..
    '"max_us": %%d, "errors": %%d}\\n', summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    e.connect + e.read + e.write + e.status + e.timeout))
end
"""


def wrk_available() -> bool:
    return shutil.which("wrk") is not None


def wrk_run(hosts: list[str], paths: list[str], connections: int, seconds: int, port: int) -> dict:
    """wrk (1 thread) against 127.0.0.1:``port``; returns ``requests``, ``duration_us``,
    ``p50_us``, ``p95_us``, ``p99_us``, ``max_us`` and ``errors`` (socket errors, timeouts and
    answers other than 2xx/3xx)."""
    wrk = shutil.which("wrk")
    if not wrk:
        raise RuntimeError("wrk is not installed (apt-get install wrk)")
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(
            SCRIPT
            % {
                "hosts": ", ".join(json.dumps(h) for h in hosts),
                "paths": ", ".join(json.dumps(p) for p in paths),
                "seed": random.randint(1, 10**6),
            }
        )
    try:
        result = subprocess.run(
            [
                wrk,
                "--threads",
                "1",
                "--connections",
                str(connections),
                "--duration",
                f"{seconds}s",
                "--timeout",
                "10s",
                "--script",
                script.name,
                f"http://127.0.0.1:{port}/",
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=seconds + 60,
        )
    finally:
        os.unlink(script.name)
    return json.loads(result.stdout.strip().splitlines()[-1])
