"""``manage.py rebuild_school_news_digest [--school SLUG] [--dry-run]`` (R1.5).

Rebuilds the operator portal's copy of every school's live news (``rss.SchoolNewsDigest``)
from the schools' own pages: a backfill after deploying, or a repair after a domain change.
Each school is handled in its own schema and its own transaction.
"""

from __future__ import annotations

from rss.digest import school_news_digest_rebuild
from schools.commands import PerSchoolCommand


class Command(PerSchoolCommand):
    help = "Rebuild the operator portal's digest of schools' news from each school's pages."

    dry_run_help = "Only count the articles, write nothing."

    def handle_school(self, school, *, dry_run: bool) -> int:
        count = school_news_digest_rebuild(dry_run=dry_run)
        self.stdout.write(f"{school.slug}: {count} articles")
        return count

    def finish(self, results: list, *, dry_run: bool) -> None:
        verb = "would be copied" if dry_run else "copied"
        self.stdout.write(f"{sum(results)} articles {verb} to the portal digest")
