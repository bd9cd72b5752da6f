from django.conf import settings
from django.core.management.base import BaseCommand

from schools.demo import DEMO_PASSWORD, DEMO_USERS, SUPERUSER
from schools.selectors import school_list, school_primary_domain


class Command(BaseCommand):
    help = "Print the URLs of the operator portal and every school, with the demo logins."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args, port: int, **options):
        out = self.stdout
        out.write("")
        out.write(self.style.SUCCESS("School portal platform is running. Ctrl-C stops everything."))
        out.write(f"  Operator portal: http://{settings.PORTAL_PUBLIC_DOMAIN}:{port}/")
        out.write(
            f"    admin: http://{settings.PORTAL_PUBLIC_DOMAIN}:{port}/admin/  "
            f"login {SUPERUSER[0]} / {DEMO_PASSWORD}"
        )
        for school in school_list().order_by("name"):
            domain = school_primary_domain(school)
            out.write(f"  {school.name}: http://{domain}:{port}/  (admin: /admin/)")
        users = ", ".join(f"{u[0]}" for u in DEMO_USERS)
        out.write(f"  Demo school logins (every school): {users} — password {DEMO_PASSWORD}")
        out.write("")
