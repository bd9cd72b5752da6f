"""Backup and restore of one school (R9.5, R10.4): nothing lost after a wrong deletion.

These tests commit (``psql`` and ``pg_dump`` are other connections and must see the rows),
so they create their own school and delete it afterwards; schools A and B are only read,
to check that a restore leaves other schools untouched.
"""

from __future__ import annotations

import gzip
import io
import json
import tarfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django_tenants.utils import schema_context

from backup.archive import ArchiveError
from backup.services import school_backup_write, school_restore
from schools.models import School
from tests.backup.conftest import (
    ARTICLE,
    SOURCE,
    content_of,
    counts_of,
    temporary_schemas,
    wreck,
)
from tests.documents.factories import PDF_BYTES


class RestoreTests:
    def test_replace_brings_back_pages_images_documents_and_feedback(self, source_school, tmp_path):
        school_a, school_b = School.objects.get(slug="test-a"), School.objects.get(slug="test-b")
        others = {s.slug: counts_of(s) for s in (school_a, school_b)}
        before = content_of(source_school)
        assert before == {
            "article_live": True,
            "image_file": True,
            "document_bytes": PDF_BYTES,
            "feedback": 1,
        }
        archive = tmp_path / "bk-src.tar.gz"
        manifest = school_backup_write(school=source_school, output=archive)
        assert manifest["school"]["slug"] == "bk-src"
        assert any(name.startswith("media/original_images/") for name in manifest["files"])

        wreck(source_school)
        source_school.name = "Tên sai"
        source_school.save(update_fields=["name"])
        assert content_of(source_school)["feedback"] == 0

        result = school_restore(archive_path=archive, replace=source_school)
        assert result.replaced and not result.warnings
        source_school.refresh_from_db()
        assert source_school.name == SOURCE["name"], "registry data restored too"
        assert content_of(source_school) == before, "pages, images, documents, feedback are back"
        with schema_context(source_school.schema_name):
            from wagtail.models import PageLogEntry

            assert PageLogEntry.objects.filter(action="wagtail.delete", label=ARTICLE).exists(), (
                "the audit trail keeps the deletion made after the backup (R10.4)"
            )

        client = Client(HTTP_HOST=SOURCE["domain"])
        listing = client.get("/tin-tuc/")
        assert listing.status_code == 200 and ARTICLE in listing.content.decode()
        search = client.get("/tim-kiem/", {"q": "le khai giang"})
        assert ARTICLE in search.content.decode(), "the search index was rebuilt"
        assert {s.slug: counts_of(s) for s in (school_a, school_b)} == others

    def test_restore_as_a_new_school_beside_the_original(self, source_school, tmp_path):
        archive = tmp_path / "bk-src.tar.gz"
        call_command("backup_school", "--school", "bk-src", "--output", str(archive))
        call_command(
            "restore_school",
            str(archive),
            "--as-new-slug",
            "bk-copy",
            "--domain",
            "bk-copy.localhost",
        )
        copy = School.objects.get(slug="bk-copy")
        assert copy.schema_name == "bk_copy" and copy.name == SOURCE["name"]
        assert content_of(copy) == content_of(source_school)
        page = Client(HTTP_HOST="bk-copy.localhost").get("/tin-tuc/")
        assert page.status_code == 200 and ARTICLE in page.content.decode()
        with schema_context("bk_copy"):
            from wagtail.models import Site

            assert Site.objects.get(is_default_site=True).hostname == "bk-copy.localhost"

    def test_replace_needs_confirmation(self, source_school, tmp_path):
        archive = tmp_path / "bk-src.tar.gz"
        school_backup_write(school=source_school, output=archive)
        wreck(source_school)
        with pytest.raises(CommandError, match="--yes"):
            call_command("restore_school", str(archive), "--replace")
        assert content_of(source_school)["feedback"] == 0, "nothing restored without --yes"
        call_command("restore_school", str(archive), "--replace", "--yes")
        assert content_of(source_school)["feedback"] == 1


def _repack(archive: Path, target: Path, change) -> None:
    """Copy an archive, letting ``change(name, data)`` alter members."""
    with tarfile.open(archive) as src, tarfile.open(target, "w:gz") as out:
        for member in src:
            data = change(member.name, src.extractfile(member).read())
            info = tarfile.TarInfo(member.name)
            info.size = len(data)
            out.addfile(info, io.BytesIO(data))


class RefusedArchiveTests:
    def test_a_corrupt_or_incompatible_archive_changes_nothing(self, source_school, tmp_path):
        archive = tmp_path / "good.tar.gz"
        school_backup_write(school=source_school, output=archive)
        wreck(source_school)
        wrecked = content_of(source_school)

        corrupt = tmp_path / "corrupt.tar.gz"
        _repack(
            archive,
            corrupt,
            lambda name, data: (
                data.replace(b"CREATE TABLE", b"CREATE TABLX", 1) if name == "schema.sql" else data
            ),
        )
        with pytest.raises(ArchiveError, match="bị hỏng"):
            school_restore(archive_path=corrupt, replace=source_school)

        def older(name: str, data: bytes) -> bytes:
            if name != "manifest.json":
                return data
            manifest = json.loads(data)
            manifest["migrations"] = manifest["migrations"][:-1]
            return json.dumps(manifest).encode()

        incompatible = tmp_path / "older.tar.gz"
        _repack(archive, incompatible, older)
        with pytest.raises(ArchiveError, match="không tương thích"):
            school_restore(archive_path=incompatible, replace=source_school)

        not_an_archive = tmp_path / "photo.tar.gz"
        not_an_archive.write_bytes(gzip.compress(b"not a tar"))
        with pytest.raises(ArchiveError):
            school_restore(archive_path=not_an_archive, replace=source_school)

        assert content_of(source_school) == wrecked, "a refused archive changed nothing"
        assert temporary_schemas() == [], "no temporary schema left behind"


class PgToolsTests:
    """Also makes pytest-django set up the test database for this module's committed tests."""

    def test_finds_client_programs_for_the_server(self, db):
        from backup import pgtools

        for name in ("pg_dump", "psql"):
            binary = pgtools.pg_binary(name)
            assert Path(binary).is_file()
            assert pgtools._major_version(binary) >= pgtools.server_major_version()

    def test_rewrite_renames_the_schema_but_never_the_rows(self, tmp_path):
        from backup.archive import rewrite_schema

        source = tmp_path / "in.sql"
        source.write_text(
            "CREATE SCHEMA bk_src;\n"
            "CREATE TABLE bk_src.news (id integer, body text);\n"
            "COPY bk_src.news (id, body) FROM stdin;\n"
            "1\tbk_src.news is a name in a sentence\n"
            "\\.\n"
            "SELECT pg_catalog.setval('bk_src.news_id_seq', 1, true);\n"
            'ALTER TABLE ONLY "bk_src".news ADD CONSTRAINT x FOREIGN KEY (id) '
            "REFERENCES public.django_content_type(id);\n",
            encoding="utf-8",
        )
        target = tmp_path / "out.sql"
        rewrite_schema(source, target, old="bk_src", new="restore_1")
        text = target.read_text(encoding="utf-8")
        assert "CREATE SCHEMA restore_1;" in text
        assert "COPY restore_1.news" in text and "'restore_1.news_id_seq'" in text
        assert '"restore_1".news' in text and "public.django_content_type" in text
        assert "1\tbk_src.news is a name in a sentence" in text, "rows are copied unchanged"
