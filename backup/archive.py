"""The archive of one school: one ``.tar.gz`` with a manifest and checksums.

Members: ``schema.sql`` (``pg_dump`` of the school's schema, plain SQL), ``media/<path>``
(every file of the school's media storage) and, last, ``manifest.json``::

    {"format": "portal-school-backup", "version": 1, "created_at": "…",
     "school": {registry row and domains}, "schema_name": "…",
     "migrations": [[app, name], …], "content_types": {"12": "news.newspage", …},
     "files": {"schema.sql": {"sha256": "…", "size": …}, "media/…": {…}}}

Reading verifies every checksum and refuses unsafe member names, so a corrupt or tampered
archive is rejected before anything is changed.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from django.utils.translation import gettext as _

FORMAT = "portal-school-backup"
VERSION = 1
MANIFEST = "manifest.json"
SCHEMA_SQL = "schema.sql"
MEDIA_PREFIX = "media/"
_CHUNK = 1024 * 1024


class ArchiveError(Exception):
    """An archive that cannot be restored; ``str()`` is a Vietnamese message for the operator.

    ``detail`` is the English reason for the log.
    """

    def __init__(self, message: str, *, detail: str = ""):
        super().__init__(message)
        self.detail = detail or message


def sha256_of(handle: BinaryIO) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    while chunk := handle.read(_CHUNK):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


class ArchiveWriter:
    """Adds members to a new archive and records their checksums for the manifest."""

    def __init__(self, path: Path):
        self.path = path
        self.files: dict[str, dict] = {}
        self._tar = tarfile.open(path, "w:gz")  # noqa: SIM115 - closed in close()

    def add(self, name: str, handle: BinaryIO) -> None:
        start = handle.tell() if handle.seekable() else None
        if start is None:  # storages that cannot seek: read once into a spooled file
            spooled = tempfile.SpooledTemporaryFile(max_size=32 * _CHUNK)  # noqa: SIM115
            shutil.copyfileobj(handle, spooled)
            handle, start = spooled, 0
            handle.seek(0)
        checksum, size = sha256_of(handle)
        handle.seek(start)
        info = tarfile.TarInfo(name)
        info.size = size
        info.mode = 0o644
        self._tar.addfile(info, handle)
        self.files[name] = {"sha256": checksum, "size": size}

    def close(self, manifest: dict) -> None:
        body = json.dumps({**manifest, "files": self.files}, ensure_ascii=False, indent=1)
        data = body.encode("utf-8")
        info = tarfile.TarInfo(MANIFEST)
        info.size = len(data)
        info.mode = 0o644
        import io

        self._tar.addfile(info, io.BytesIO(data))
        self._tar.close()

    def abort(self) -> None:
        self._tar.close()
        self.path.unlink(missing_ok=True)


@dataclass
class OpenedArchive:
    """An archive unpacked into ``directory`` and verified; ``cleanup()`` removes it."""

    manifest: dict
    directory: Path

    @property
    def schema_sql(self) -> Path:
        return self.directory / SCHEMA_SQL

    def media(self) -> Iterator[tuple[str, Path]]:
        """(path inside the school's storage, unpacked file) for every media file."""
        for name in sorted(self.manifest["files"]):
            if name.startswith(MEDIA_PREFIX):
                yield name[len(MEDIA_PREFIX) :], self.directory / name

    def cleanup(self) -> None:
        shutil.rmtree(self.directory, ignore_errors=True)


def _safe_name(name: str) -> bool:
    path = PurePosixPath(name)
    return (
        bool(name)
        and not path.is_absolute()
        and ".." not in path.parts
        and "\\" not in name
        and (name in (MANIFEST, SCHEMA_SQL) or name.startswith(MEDIA_PREFIX))
    )


def archive_open(path: Path, *, work_dir: Path | None = None) -> OpenedArchive:
    """Unpack and verify an archive; raises ``ArchiveError`` on anything wrong."""
    corrupt = _("Tệp sao lưu bị hỏng hoặc không phải bản sao lưu của cổng trường học.")
    directory = Path(tempfile.mkdtemp(prefix="restore-", dir=work_dir))
    try:
        try:
            with tarfile.open(path, "r:*") as tar:
                for member in tar:
                    if not member.isfile() or not _safe_name(member.name):
                        raise ArchiveError(corrupt, detail=f"unexpected member {member.name!r}")
                    target = directory / member.name
                    target.parent.mkdir(parents=True, exist_ok=True)
                    source = tar.extractfile(member)
                    with target.open("wb") as out:
                        shutil.copyfileobj(source, out)
        except (tarfile.TarError, EOFError, OSError) as exc:
            raise ArchiveError(corrupt, detail=f"unreadable archive: {exc}") from exc
        try:
            manifest = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ArchiveError(corrupt, detail=f"no readable manifest: {exc}") from exc
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise ArchiveError(corrupt, detail="manifest of another format")
        if manifest.get("version") != VERSION:
            raise ArchiveError(
                _("Bản sao lưu có định dạng phiên bản %(v)s, hệ thống này đọc phiên bản %(ours)s.")
                % {"v": manifest.get("version"), "ours": VERSION},
                detail=f"archive format version {manifest.get('version')!r}",
            )
        _verify_files(directory, manifest, corrupt)
        return OpenedArchive(manifest=manifest, directory=directory)
    except BaseException:
        shutil.rmtree(directory, ignore_errors=True)
        raise


def _verify_files(directory: Path, manifest: dict, corrupt: str) -> None:
    files = manifest.get("files")
    if not isinstance(files, dict) or SCHEMA_SQL not in files:
        raise ArchiveError(corrupt, detail="manifest lists no schema dump")
    present = {str(p.relative_to(directory)) for p in directory.rglob("*") if p.is_file()} - {
        MANIFEST
    }
    if present != set(files):
        missing, extra = sorted(set(files) - present), sorted(present - set(files))
        raise ArchiveError(corrupt, detail=f"members differ: missing {missing}, extra {extra}")
    for name, expected in files.items():
        if not _safe_name(name):
            raise ArchiveError(corrupt, detail=f"unsafe name {name!r} in manifest")
        with (directory / name).open("rb") as handle:
            checksum, size = sha256_of(handle)
        if checksum != expected.get("sha256") or size != expected.get("size"):
            raise ArchiveError(corrupt, detail=f"checksum mismatch for {name}")


_COPY_START = re.compile(r"^COPY .* FROM stdin;$")


def rewrite_schema(source: Path, target: Path, *, old: str, new: str) -> None:
    """Copy a plain ``pg_dump`` of schema ``old`` to ``target`` as schema ``new``.

    Only SQL statements are rewritten (whole identifiers, quoted or not); the rows of
    ``COPY … FROM stdin`` blocks are copied byte for byte, so content that happens to
    mention the schema's name is never changed.
    """
    bare = re.compile(r'(?<![\w$."])' + re.escape(old) + r"(?![\w$])")
    quoted = f'"{old}"'
    in_copy = False
    with (
        source.open("r", encoding="utf-8", newline="") as src,
        target.open("w", encoding="utf-8", newline="") as out,
    ):
        for line in src:
            if in_copy:
                out.write(line)
                if line.rstrip("\r\n") == "\\.":
                    in_copy = False
                continue
            line = bare.sub(new, line.replace(quoted, f'"{new}"'))
            if _COPY_START.match(line.rstrip("\r\n")):
                in_copy = True
            out.write(line)
