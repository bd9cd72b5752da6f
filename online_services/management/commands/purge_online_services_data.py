"""Apply each school's retention settings to the online services' personal data (R6.2)."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django_tenants.utils import schema_context

from online_services.services import personal_data_purge
from schools.selectors import school_list


class Command(BaseCommand):
    help = (
        "Delete look-up log lines and result sets older than each school's retention period, "
        "and erase the personal data and files of admission applications whose campaign "
        "closed longer ago than the period (Cài đặt → Dịch vụ trực tuyến). The Celery beat "
        "entry 'online-services-purge-personal-data' runs the same every night."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count what would go; change nothing."
        )
        parser.add_argument("--school", help="Slug of one school (default: every school).")

    def handle(self, *args, dry_run: bool = False, school: str | None = None, **options) -> None:
        schools = school_list()
        if school:
            schools = schools.filter(slug=school)
        verb = "would remove" if dry_run else "removed"
        for item in schools.order_by("slug"):
            with schema_context(item.schema_name):
                counts = personal_data_purge(dry_run=dry_run)
            self.stdout.write(
                f"{item.slug}: {verb} {counts['log']} look-up log lines, "
                f"{counts['result_sets']} result sets; erased personal data of "
                f"{counts['applications']} applications"
            )
