"""Erase senders' personal data past each school's retention period (R7.1)."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django_tenants.utils import schema_context

from feedback.services import personal_data_purge
from schools.selectors import school_list


class Command(BaseCommand):
    help = (
        "Erase the name, e-mail, phone and attachment of feedback messages and consultation "
        "opinions older than each school's retention period (Cài đặt → Góp ý và lấy ý kiến). "
        "The Celery beat entry 'feedback-purge-personal-data' runs the same every night."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only count what would be erased; change nothing.",
        )
        parser.add_argument(
            "--school",
            help="Slug of one school (default: every school).",
        )

    def handle(self, *args, dry_run: bool = False, school: str | None = None, **options) -> None:
        schools = school_list()
        if school:
            schools = schools.filter(slug=school)
        verb = "would erase" if dry_run else "erased"
        for item in schools.order_by("slug"):
            with schema_context(item.schema_name):
                counts = personal_data_purge(dry_run=dry_run)
            self.stdout.write(
                f"{item.slug}: {verb} personal data of {counts['feedback']} messages "
                f"and {counts['opinions']} opinions"
            )
