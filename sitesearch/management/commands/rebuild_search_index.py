"""``manage.py rebuild_search_index [--school SLUG]``: rebuild the public search indexes."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from schools.models import School
from schools.selectors import school_list
from sitesearch.services import school_index_rebuild

BAR_WIDTH = 30


class Command(BaseCommand):
    help = (
        "Rebuild the search index (Whoosh or PostgreSQL, as PORTAL_SEARCH_BACKEND says) of "
        "every school (and of the operator portal) from their live, public pages, or of one "
        "school with --school."
    )

    def add_arguments(self, parser):
        parser.add_argument("--school", metavar="SLUG", help="Only this school (its slug).")
        parser.add_argument(
            "--dry-run", action="store_true", help="List the schools that would be rebuilt."
        )

    def handle(self, *args, school: str | None = None, dry_run: bool = False, **options):
        if school:
            targets = list(school_list().filter(slug=school))
            if not targets:
                raise CommandError(f"No school with slug {school!r}.")
        else:
            operator = School.objects.filter(schema_name=settings.PUBLIC_SCHEMA_NAME).first()
            targets = [*([operator] if operator else []), *school_list().order_by("slug")]
        for target in targets:
            label = target.slug or target.schema_name
            if dry_run:
                self.stdout.write(f"Would rebuild {label} ({target.schema_name})")
                continue
            count = school_index_rebuild(schema_name=target.schema_name, progress=self._bar(label))
            self._draw(label, count, count, end="\n")
            self.stdout.write(self.style.SUCCESS(f"{label}: {count} pages indexed"))

    def _bar(self, label: str):
        def progress(done: int, total: int) -> None:
            if done % 25 == 0 and done < total:
                self._draw(label, done, total)

        return progress

    def _draw(self, label: str, done: int, total: int, end: str = "") -> None:
        filled = BAR_WIDTH if not total else int(BAR_WIDTH * min(done, total) / total)
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        self.stdout.write(f"\r{label:<24} [{bar}] {done}/{total}", ending=end)
        self.stdout.flush()
