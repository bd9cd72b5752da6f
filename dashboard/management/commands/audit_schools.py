import sys

from django.core.management.base import BaseCommand

from dashboard import exports
from dashboard.selectors import dashboard_schools
from dashboard.services import metrics_refresh


class Command(BaseCommand):
    help = (
        "Audit every school against the regulations' checklist (R10.2) and export the yearly "
        "evaluation as JSON, CSV or XLSX."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json", "csv", "xlsx"], default="json")
        parser.add_argument("--output", help="file to write (default: standard output)")
        parser.add_argument(
            "--no-refresh",
            action="store_true",
            help="export the stored metrics without gathering them again",
        )

    def handle(self, *args, **options):
        schools = list(dashboard_schools())
        if not options["no_refresh"]:
            for school in schools:
                metrics_refresh(school=school)
            schools = list(dashboard_schools())
        body = {"json": exports.to_json, "csv": exports.to_csv, "xlsx": exports.to_xlsx}[
            options["format"]
        ](schools)
        if options["output"]:
            with open(options["output"], "wb") as handle:
                handle.write(body)
            self.stderr.write(f"Wrote {len(schools)} schools to {options['output']}")
        elif options["format"] == "xlsx":
            sys.stdout.buffer.write(body)
        else:
            self.stdout.write(body.decode("utf-8"))
