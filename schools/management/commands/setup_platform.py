from django.core.management import call_command
from django.core.management.base import BaseCommand

from schools.selectors import school_list
from schools.services import operator_portal_ensure, school_sync, template_ensure


class Command(BaseCommand):
    help = (
        "Prepare the database: migrate every schema, create or refresh the template schema "
        "that schools are cloned from, and the operator portal. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--demo", action="store_true", help="also load the demo data")

    def handle(self, *args, demo: bool = False, **options):
        verbosity = options["verbosity"]
        call_command("migrate_schemas", shared=True, interactive=False, verbosity=verbosity)
        # The template schema (by migrations) on a fresh database; its content comes after
        # the tenant migrations below.
        template_ensure(verbosity=verbosity, content=False)
        call_command("migrate_schemas", tenant=True, interactive=False, verbosity=verbosity)
        template_ensure(verbosity=verbosity)
        operator_portal_ensure()
        for school in school_list():
            school_sync(school=school)
        if demo:
            from schools.demo import load_demo

            schools = load_demo()
            self.stdout.write(self.style.SUCCESS(f"Demo data ready: {len(schools)} schools."))
        self.stdout.write(self.style.SUCCESS("Platform ready."))
