"""The iCal responses of the calendar (routes of the page models)."""

from __future__ import annotations

from html import unescape

from django.http import HttpRequest, HttpResponse
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Site
from wagtail.rich_text import expand_db_html

from events import ical
from events.models import EventIndexPage, EventPage
from events.selectors import feed_events

CONTENT_TYPE = "text/calendar; charset=utf-8"


def school_domain(request: HttpRequest) -> str:
    """The school's own host name, for UIDs that stay the same whatever alias was used."""
    site = Site.find_for_request(request)
    if site is not None and site.hostname and site.hostname != "localhost":
        return site.hostname
    return request.get_host().split(":")[0]


def _plain_text(html: str) -> str:
    """Rich text as plain text for DESCRIPTION: paragraphs and list items on their own lines."""
    if not html:
        return ""
    text = expand_db_html(html)
    for tag in ("</p>", "<br>", "<br/>", "<br />", "</li>"):
        text = text.replace(tag, tag + "\n")
    lines = (line.strip() for line in unescape(strip_tags(text)).splitlines())
    return "\n".join(line for line in lines if line)


def ics_event(event: EventPage, *, request: HttpRequest, domain: str) -> ical.IcsEvent:
    if event.all_day:
        start, end = event.first_day, event.last_day
    else:
        start, end = event.start, event.end
    url = event.get_full_url(request) or ""
    return ical.IcsEvent(
        uid=f"event-{event.pk}@{domain}",
        summary=event.title,
        start=start,
        end=end,
        all_day=event.all_day,
        dtstamp=event.last_published_at or event.latest_revision_created_at,
        description=_plain_text(event.description),
        location=event.location,
        url=url,
        categories=(str(event.get_category_display()),),
    )


def _response(body: str, *, filename: str | None = None) -> HttpResponse:
    response = HttpResponse(body.encode("utf-8"), content_type=CONTENT_TYPE)
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def calendar_feed(request: HttpRequest, *, index: EventIndexPage) -> HttpResponse:
    """``/lich-cong-tac/ical/``: the whole calendar for subscription (webcal)."""
    domain = school_domain(request)
    tenant = getattr(request, "tenant", None)
    school_name = getattr(tenant, "name", "") or index.get_site().site_name or domain
    events = [ics_event(e, request=request, domain=domain) for e in feed_events(index)]
    body = ical.calendar_document(
        events,
        name=f"{index.title} – {school_name}",
        description=_("Lịch công tác và sự kiện của %(school)s") % {"school": school_name},
    )
    return _response(body)


def event_ics(request: HttpRequest, *, event: EventPage) -> HttpResponse:
    """``…/<event>/ics/``: one event as a file to open in a calendar app."""
    domain = school_domain(request)
    tenant = getattr(request, "tenant", None)
    body = ical.calendar_document(
        [ics_event(event, request=request, domain=domain)],
        name=getattr(tenant, "name", "") or domain,
    )
    return _response(body, filename=f"{slugify(event.slug) or 'su-kien'}.ics")
