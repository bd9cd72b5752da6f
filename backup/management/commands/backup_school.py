"""``manage.py backup_school --school SLUG --output FILE``: one school in one archive."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from backup import pgtools
from schools.models import School


class Command(BaseCommand):
    help = (
        "Write one school's archive (its schema via pg_dump, its media, its registry row, "
        "with a manifest and checksums). Restore it with restore_school."
    )

    def add_arguments(self, parser):
        parser.add_argument("--school", required=True, help="the school's slug")
        parser.add_argument("--output", required=True, help="archive to write (.tar.gz)")
        parser.add_argument("--dry-run", action="store_true", help="check, write nothing")

    def handle(self, *args, school, output, dry_run=False, **options):
        from backup.services import school_backup_write

        found = School.objects.filter(slug=school).first()
        if found is None or found.is_template or found.is_operator:
            raise CommandError(f"No school with slug {school!r}")
        path = Path(output)
        if dry_run:
            binary = pgtools.pg_binary("pg_dump")
            self.stdout.write(f"would dump schema {found.schema_name} with {binary} to {path}")
            return
        try:
            manifest = school_backup_write(school=found, output=path, acting_username="manage.py")
        except pgtools.PgToolError as exc:
            raise CommandError(str(exc)) from exc
        media = sum(1 for name in manifest["files"] if name.startswith("media/"))
        self.stdout.write(
            self.style.SUCCESS(
                f"School {found.slug} backed up to {path} ({path.stat().st_size} bytes, "
                f"{media} media files)"
            )
        )
