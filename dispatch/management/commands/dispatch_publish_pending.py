"""``manage.py dispatch_publish_pending``: finish publishing public dispatches (R4.3).

After a worker died in the middle of a fan-out, the schools whose document page was not
created yet get their publication queued again; schools that have it are not touched.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from dispatch.models import DispatchReceipt


class Command(BaseCommand):
    help = "Queue again the publication of public dispatches to schools that lack their page."

    def add_arguments(self, parser):
        parser.add_argument("--dispatch", type=int, help="only this dispatch (its id)")
        parser.add_argument(
            "--dry-run", action="store_true", help="list what would be queued, queue nothing"
        )

    def handle(self, *args, dispatch=None, dry_run=False, **options):
        from dispatch.services import dispatch_publish_pending

        if dry_run:
            receipts = DispatchReceipt.objects.filter(
                dispatch__is_public=True, published_page_id__isnull=True
            )
            if dispatch is not None:
                receipts = receipts.filter(dispatch_id=dispatch)
            for receipt in receipts.select_related("school").order_by("dispatch_id"):
                self.stdout.write(
                    f"would queue dispatch {receipt.dispatch_id} → {receipt.school.slug}"
                )
            return
        queued = dispatch_publish_pending(dispatch_id=dispatch)
        total = sum(queued.values())
        for pk, count in queued.items():
            self.stdout.write(f"dispatch {pk}: queued for {count} schools")
        self.stdout.write(self.style.SUCCESS(f"{total} publications queued"))
