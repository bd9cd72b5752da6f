"""Apply each school's retention settings to the online services' personal data (R6.2)."""

from __future__ import annotations

from online_services.services import personal_data_purge
from schools.commands import PerSchoolCommand


class Command(PerSchoolCommand):
    help = (
        "Delete look-up log lines and result sets older than each school's retention period, "
        "and erase the personal data and files of admission applications whose campaign "
        "closed longer ago than the period (Cài đặt → Dịch vụ trực tuyến). The Celery beat "
        "entry 'online-services-purge-personal-data' runs the same every night."
    )

    dry_run_help = "Only count what would go; change nothing."

    def handle_school(self, school, *, dry_run: bool) -> None:
        counts = personal_data_purge(dry_run=dry_run)
        verb = "would remove" if dry_run else "removed"
        self.stdout.write(
            f"{school.slug}: {verb} {counts['log']} look-up log lines, "
            f"{counts['result_sets']} result sets; erased personal data of "
            f"{counts['applications']} applications"
        )
