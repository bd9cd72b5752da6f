"""Erase senders' personal data past each school's retention period (R7.1)."""

from __future__ import annotations

from feedback.services import personal_data_purge
from schools.commands import PerSchoolCommand


class Command(PerSchoolCommand):
    help = (
        "Erase the name, e-mail, phone and attachment of feedback messages and consultation "
        "opinions older than each school's retention period (Cài đặt → Góp ý và lấy ý kiến). "
        "The Celery beat entry 'feedback-purge-personal-data' runs the same every night."
    )

    dry_run_help = "Only count what would be erased; change nothing."

    def handle_school(self, school, *, dry_run: bool) -> None:
        counts = personal_data_purge(dry_run=dry_run)
        verb = "would erase" if dry_run else "erased"
        self.stdout.write(
            f"{school.slug}: {verb} personal data of {counts['feedback']} messages "
            f"and {counts['opinions']} opinions"
        )
