"""``manage.py rebuild_school_news_digest [--school SLUG] [--dry-run]`` (R1.5).

Rebuilds the operator portal's copy of every school's live news (``rss.SchoolNewsDigest``)
from the schools' own pages: a backfill after deploying, or a repair after a domain change.
Each school is handled in its own schema and its own transaction.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django_tenants.utils import schema_context

from rss.digest import school_news_digest_rebuild
from schools.selectors import school_list


class Command(BaseCommand):
    help = "Rebuild the operator portal's digest of schools' news from each school's pages."

    def add_arguments(self, parser):
        parser.add_argument("--school", metavar="SLUG", help="Only this school (its slug).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count the articles, write nothing."
        )

    def handle(self, *args, school: str | None = None, dry_run: bool = False, **options):
        schools = school_list().order_by("slug")
        if school:
            schools = schools.filter(slug=school)
            if not schools.exists():
                raise CommandError(f"No school with slug {school!r}")
        total = 0
        for item in schools:
            with schema_context(item.schema_name):
                count = school_news_digest_rebuild(dry_run=dry_run)
            total += count
            self.stdout.write(f"{item.slug}: {count} articles")
        verb = "would be copied" if dry_run else "copied"
        self.stdout.write(f"{total} articles {verb} to the portal digest")
