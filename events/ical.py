"""A small iCalendar (RFC 5545) writer for the school calendar feed and ``.ics`` downloads.

Written here rather than adding a dependency: the feed needs one component type (VEVENT),
one time zone and a handful of properties. What RFC 5545 requires and clients enforce:

- lines end with CRLF and are folded at 75 octets (§3.1), never inside a UTF-8 sequence;
  a continuation line starts with one space;
- TEXT values escape backslash, semicolon, comma and newlines (§3.3.11);
- a TZID parameter needs a matching VTIMEZONE component (§3.6.5); Viet Nam has kept
  UTC+07:00 without daylight saving since 1975, so one STANDARD sub-component describes it;
- all-day events are ``VALUE=DATE`` with an exclusive DTEND (§3.6.1);
- DTSTAMP is UTC; without METHOD it is when the event was last revised, so using the
  page's last publication keeps the output stable (and cacheable) between requests.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterable
from zoneinfo import ZoneInfo

TZID = "Asia/Ho_Chi_Minh"
VIETNAM_TZ = ZoneInfo(TZID)
MAX_OCTETS = 75
CRLF = "\r\n"

VTIMEZONE = (
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:STANDARD",
    "DTSTART:19750613T000000",
    "TZOFFSETFROM:+0700",
    "TZOFFSETTO:+0700",
    "TZNAME:ICT",
    "END:STANDARD",
    "END:VTIMEZONE",
)


@dataclasses.dataclass(frozen=True)
class IcsEvent:
    """One VEVENT. ``start``/``end`` are aware datetimes, or dates when ``all_day``.

    For all-day events ``end`` is the last day of the event (inclusive), as people say it;
    the writer turns it into RFC 5545's exclusive end.
    """

    uid: str
    summary: str
    start: datetime.datetime | datetime.date
    end: datetime.datetime | datetime.date | None = None
    all_day: bool = False
    dtstamp: datetime.datetime | None = None
    description: str = ""
    location: str = ""
    url: str = ""
    categories: tuple[str, ...] = ()


def escape_text(value: str) -> str:
    """Escape a TEXT value (RFC 5545 §3.3.11): ``\\``, ``;``, ``,`` and newlines."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold_line(line: str) -> str:
    """Fold a content line into chunks of at most 75 octets (continuations start with a space).

    Splits only between characters, so a Vietnamese letter's UTF-8 bytes stay together.
    """
    if len(line.encode("utf-8")) <= MAX_OCTETS:
        return line
    chunks: list[str] = []
    current = ""
    size = 0
    limit = MAX_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            chunks.append(current)
            current, size = "", 0
            limit = MAX_OCTETS - 1  # the leading space of a continuation line counts
        current += char
        size += width
    chunks.append(current)
    return (CRLF + " ").join(chunks)


def format_utc(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def format_local(value: datetime.datetime) -> str:
    return value.astimezone(VIETNAM_TZ).strftime("%Y%m%dT%H%M%S")


def format_date(value: datetime.date) -> str:
    return value.strftime("%Y%m%d")


def _as_date(value: datetime.datetime | datetime.date) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.astimezone(VIETNAM_TZ).date()
    return value


def event_lines(event: IcsEvent, *, now: datetime.datetime | None = None) -> list[str]:
    """The unfolded content lines of one VEVENT."""
    stamp = event.dtstamp or now or datetime.datetime.now(datetime.UTC)
    lines = ["BEGIN:VEVENT", f"UID:{escape_text(event.uid)}", f"DTSTAMP:{format_utc(stamp)}"]
    if event.all_day:
        first = _as_date(event.start)
        last = _as_date(event.end) if event.end else first
        last = max(last, first)
        lines.append(f"DTSTART;VALUE=DATE:{format_date(first)}")
        lines.append(f"DTEND;VALUE=DATE:{format_date(last + datetime.timedelta(days=1))}")
    else:
        if not isinstance(event.start, datetime.datetime):
            raise ValueError("A timed event needs a datetime start")
        lines.append(f"DTSTART;TZID={TZID}:{format_local(event.start)}")
        if isinstance(event.end, datetime.datetime) and event.end >= event.start:
            lines.append(f"DTEND;TZID={TZID}:{format_local(event.end)}")
    lines.append(f"SUMMARY:{escape_text(event.summary)}")
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.location:
        lines.append(f"LOCATION:{escape_text(event.location)}")
    if event.categories:
        lines.append("CATEGORIES:" + ",".join(escape_text(c) for c in event.categories))
    if event.url:
        # A URI value, not TEXT: no escaping (RFC 5545 §3.3.13).
        lines.append(f"URL;VALUE=URI:{event.url}")
    if event.dtstamp:
        lines.append(f"LAST-MODIFIED:{format_utc(event.dtstamp)}")
    lines.append("TRANSP:TRANSPARENT" if event.all_day else "TRANSP:OPAQUE")
    lines.append("END:VEVENT")
    return lines


def calendar_document(
    events: Iterable[IcsEvent],
    *,
    name: str,
    prodid: str = "-//Cong thong tin truong hoc//Lich cong tac//VI",
    description: str = "",
    now: datetime.datetime | None = None,
) -> str:
    """A complete VCALENDAR (METHOD:PUBLISH) with CRLF line ends and folded lines."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{prodid}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
        f"X-WR-TIMEZONE:{TZID}",
    ]
    if description:
        lines.append(f"X-WR-CALDESC:{escape_text(description)}")
    # How often a subscribed client should refresh (RFC 7986 and the older Apple name).
    lines += ["REFRESH-INTERVAL;VALUE=DURATION:PT6H", "X-PUBLISHED-TTL:PT6H"]
    lines += VTIMEZONE
    for event in events:
        lines += event_lines(event, now=now)
    lines.append("END:VCALENDAR")
    return CRLF.join(fold_line(line) for line in lines) + CRLF
