from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from schools.models import Ownership, SchoolLevel
from schools.services import school_create


class Command(BaseCommand):
    help = (
        "Create a school with its own schema (cloned from the template), Wagtail site, home "
        "page, required sections and editor groups. Nothing is left behind on error."
    )

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help='e.g. "Trường THCS Nguyễn Du"')
        parser.add_argument("--slug", required=True, help="e.g. thcs-nguyen-du")
        parser.add_argument("--domain", required=True, help="e.g. thcs-nguyen-du.localhost")
        parser.add_argument("--level", required=True, choices=SchoolLevel.values)
        parser.add_argument("--ownership", default=Ownership.PUBLIC, choices=Ownership.values)
        parser.add_argument("--district", default="")
        parser.add_argument("--address", default="")
        parser.add_argument("--phone", default="")
        parser.add_argument("--email", default="", help="the school's official e-mail")
        parser.add_argument("--admin-email", default=None, help="head of the editorial board")
        parser.add_argument("--admin-username", default=None)
        parser.add_argument("--admin-password", default=None)
        parser.add_argument("--dry-run", action="store_true", help="validate only")

    def handle(self, *args, **options):
        fields = {
            key: options[key]
            for key in (
                "name",
                "slug",
                "domain",
                "level",
                "ownership",
                "district",
                "address",
                "phone",
                "email",
                "admin_email",
                "admin_username",
                "admin_password",
            )
        }
        if options["dry_run"]:
            from schools.services import _validate_new_school

            try:
                _validate_new_school(
                    name=fields["name"],
                    slug=fields["slug"],
                    domain=fields["domain"],
                    level=fields["level"],
                    ownership=fields["ownership"],
                )
            except ValidationError as exc:
                raise CommandError(_format(exc)) from exc
            self.stdout.write(self.style.SUCCESS("Valid; nothing created (--dry-run)."))
            return
        try:
            school = school_create(**fields)
        except ValidationError as exc:
            raise CommandError(_format(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {school.name} (schema {school.schema_name}) at {fields['domain']}"
            )
        )


def _format(exc: ValidationError) -> str:
    if hasattr(exc, "message_dict"):
        return "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in exc.message_dict.items())
    return " ".join(exc.messages)
