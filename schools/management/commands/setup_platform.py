from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from schools.pool import pool_fill
from schools.services import operator_portal_ensure, schools_sync, template_ensure


class Command(BaseCommand):
    help = (
        "Prepare the database: migrate every schema, create or refresh the template schema "
        "that schools are cloned from, the operator portal, the sections new code adds to "
        "every school, and the spare schemas for new schools. Safe to run again: a deploy "
        "with nothing new skips every school."
    )

    def add_arguments(self, parser):
        parser.add_argument("--demo", action="store_true", help="also load the demo data")
        parser.add_argument(
            "--sync-all",
            action="store_true",
            help="re-run the section sync in every school, even those already in line with "
            "the template (re-creates sections a school deleted)",
        )

    def handle(self, *args, demo: bool = False, sync_all: bool = False, **options):
        verbosity = options["verbosity"]
        call_command("migrate_schemas", shared=True, interactive=False, verbosity=verbosity)
        # The template schema (by migrations) on a fresh database; its content comes after
        # the tenant migrations below.
        template_ensure(verbosity=verbosity, content=False)
        call_command("migrate_schemas", tenant=True, interactive=False, verbosity=verbosity)
        template_ensure(verbosity=verbosity)
        operator_portal_ensure()
        write = self.stdout.write if verbosity >= 1 else (lambda _message: None)
        failed = [result for result in schools_sync(force=sync_all, write=write) if result.error]
        made = pool_fill()
        if made and verbosity >= 1:
            self.stdout.write(f"Spare schemas cloned for new schools: {made}")
        if demo:
            from schools.demo import load_demo

            schools = load_demo()
            self.stdout.write(self.style.SUCCESS(f"Demo data ready: {len(schools)} schools."))
        if failed:
            raise CommandError(
                f"{len(failed)} school(s) failed to sync: "
                + ", ".join(result.schema_name for result in failed)
                + ". Run setup_platform again to finish them."
            )
        self.stdout.write(self.style.SUCCESS("Platform ready."))
