"""Management commands that run in each school's schema, or in one school's (``--school``)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db.models import QuerySet
from django_tenants.utils import schema_context

from schools.models import School
from schools.selectors import school_list


class PerSchoolCommand(BaseCommand):
    """``--school SLUG`` (default: every school, by slug) and ``--dry-run``.

    Subclasses implement ``handle_school(school, dry_run=...)``, called inside that school's
    schema, and may sum up in ``finish(results, dry_run=...)``.
    """

    dry_run_help = "Only count what would change; change nothing."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help=self.dry_run_help)
        parser.add_argument(
            "--school", metavar="SLUG", help="Slug of one school (default: every school)."
        )

    def schools(self, slug: str | None) -> QuerySet[School]:
        schools = school_list().order_by("slug")
        if slug:
            schools = schools.filter(slug=slug)
            if not schools.exists():
                raise CommandError(f"No school with slug {slug!r}")
        return schools

    def handle(self, *args, school: str | None = None, dry_run: bool = False, **options) -> None:
        results = []
        for item in self.schools(school):
            with schema_context(item.schema_name):
                results.append(self.handle_school(item, dry_run=dry_run))
        self.finish(results, dry_run=dry_run)

    def handle_school(self, school: School, *, dry_run: bool) -> Any:
        raise NotImplementedError

    def finish(self, results: list, *, dry_run: bool) -> None:
        """After every school (nothing by default)."""
