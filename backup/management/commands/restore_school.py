"""``manage.py restore_school FILE``: restore one school's archive.

* ``--replace --yes``: over the school of the same slug (its pages, media and registry
  data are replaced by the archive's); without ``--yes`` nothing is done.
* ``--as-new-slug S --domain D``: as a new school (here, beside the original).
* neither, where no school has the archive's slug (another deployment): as a new school
  with the archive's slug and primary domain (``--domain`` overrides it).
"""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from backup.archive import ArchiveError
from schools.models import School


class Command(BaseCommand):
    help = "Restore one school's archive: over the same school (--replace --yes) or as a new one."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="archive written by backup_school")
        parser.add_argument("--replace", action="store_true", help="replace the same school")
        parser.add_argument("--yes", action="store_true", help="confirm --replace")
        parser.add_argument("--as-new-slug", dest="new_slug", help="restore as a new school")
        parser.add_argument("--domain", help="the new school's domain")
        parser.add_argument(
            "--dry-run", action="store_true", help="verify the archive and say what would happen"
        )

    def handle(self, *args, archive, replace, yes, new_slug, domain, dry_run, **options):
        from backup.selectors import archive_inspect
        from backup.services import school_restore

        path = Path(archive)
        if not path.is_file():
            raise CommandError(f"No such archive: {path}")
        if replace and new_slug:
            raise CommandError("Choose --replace or --as-new-slug, not both")
        try:
            manifest = archive_inspect(path)
        except ArchiveError as exc:
            raise CommandError(f"{exc} ({exc.detail})") from exc
        slug = manifest["school"]["slug"]
        existing = School.objects.filter(slug=slug).first()
        target = None
        if replace:
            if existing is None:
                raise CommandError(f"No school {slug!r} to replace; restore it as a new school")
            target = existing
        elif not new_slug and existing is not None:
            raise CommandError(
                f"School {slug!r} exists: pass --replace --yes to overwrite it, or "
                "--as-new-slug SLUG --domain DOMAIN to restore beside it"
            )
        what = (
            f"replace school {slug}"
            if target
            else f"create school {new_slug or slug} ({domain or 'the archive domain'})"
        )
        if dry_run:
            self.stdout.write(
                f"Archive of {slug} from {manifest['created_at']} is valid: would {what}"
            )
            return
        if target is not None and not yes:
            raise CommandError(
                f"This would replace every page, file and setting of {slug} with the archive's "
                f"of {manifest['created_at']}. Run again with --yes to confirm."
            )
        try:
            result = school_restore(
                archive_path=path,
                replace=target,
                new_slug=new_slug,
                new_domain=domain,
                acting_username="manage.py",
            )
        except ArchiveError as exc:
            raise CommandError(f"{exc} ({exc.detail})") from exc
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        for warning in result.warnings:
            self.stderr.write(f"warning: {warning}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored: {what} — {result.media_files} media files, "
                f"{result.indexed_pages} pages indexed"
            )
        )
