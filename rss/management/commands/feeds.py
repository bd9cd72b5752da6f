"""``manage.py feeds add|list|fetch``: the operator's feed sources from a shell (R8.1)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from rss.models import FeedSource
from rss.services import feed_source_create, feed_source_fetch


class Command(BaseCommand):
    help = "Manage the Sở/Phòng feed sources shown on every school site: add, list, fetch."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="Add a source (RSS 2.0, RSS 1.0 or Atom URL).")
        add.add_argument("url", help="Feed URL (http or https).")
        add.add_argument("--name", required=True, help="Name shown to schools and readers.")
        add.add_argument(
            "--interval", type=int, default=30, help="Minutes between fetches (default 30)."
        )
        sub.add_parser("list", help="List sources with their health.")
        fetch = sub.add_parser("fetch", help="Fetch now (every active source, or one).")
        fetch.add_argument("--source", type=int, help="Id of the one source to fetch.")
        fetch.add_argument(
            "--dry-run", action="store_true", help="Only say which sources would be fetched."
        )

    def handle(self, *args, action: str, **options):
        connection.set_schema_to_public()  # sources live in the public schema only
        getattr(self, f"handle_{action}")(**options)

    def handle_add(self, *, url: str, name: str, interval: int, **_options):
        try:
            source = feed_source_create(url=url, name=name, interval_minutes=interval)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(f"Added source {source.pk}: {source.name} <{source.url}>")

    def handle_list(self, **_options):
        for source in FeedSource.objects.order_by("pk"):
            state = "active" if source.is_active else "inactive"
            success = source.last_success_at.isoformat() if source.last_success_at else "never"
            self.stdout.write(
                f"{source.pk}\t{source.name}\t{source.url}\t{state}\t"
                f"every {source.interval_minutes} min\tlast success {success}\t"
                f"failures {source.consecutive_failures}\titems seen {source.items_seen}\t"
                f"items stored {source.items.count()}"
                + (f"\terror: {source.last_error}" if source.consecutive_failures else "")
            )

    def handle_fetch(self, *, source: int | None, dry_run: bool, **_options):
        sources = FeedSource.objects.filter(is_active=True).order_by("pk")
        if source is not None:
            sources = FeedSource.objects.filter(pk=source)
            if not sources.exists():
                raise CommandError(f"No source with id {source}.")
        failures = 0
        for feed in sources:
            if dry_run:
                self.stdout.write(f"Would fetch {feed.pk}: {feed.url}")
                continue
            outcome = feed_source_fetch(source=feed)
            if outcome.ok:
                detail = (
                    "not modified"
                    if outcome.not_modified
                    else (
                        f"{outcome.created} new, {outcome.updated} updated, "
                        f"{outcome.unchanged} unchanged"
                    )
                )
                self.stdout.write(f"{feed.pk} {feed.name}: ok, {detail}")
            else:
                failures += 1
                self.stderr.write(f"{feed.pk} {feed.name}: failed: {outcome.error}")
        if failures:
            raise CommandError(f"{failures} source(s) failed; see `feeds list`.")
