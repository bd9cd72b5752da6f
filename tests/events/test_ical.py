"""iCalendar output (RFC 5545): escaping, folding, the feed and the per-event file."""

import datetime

from events import ical
from events.models import EventCategory
from tests.events.helpers import add_event, at

LONG_TITLE = (
    "Hội nghị cha mẹ học sinh, giáo viên chủ nhiệm; tổng kết phong trào thi đua "
    "“Dạy tốt, học tốt” chào mừng Ngày Nhà giáo Việt Nam 20/11 \\ năm học 2026–2027"
)


def unfold(text: str) -> list[str]:
    """Content lines of an iCalendar text (RFC 5545 §3.1), after checking line ends."""
    assert text.endswith("\r\n")
    raw = text.split("\r\n")[:-1]
    assert all("\n" not in line and "\r" not in line for line in raw)
    lines: list[str] = []
    for line in raw:
        assert len(line.encode("utf-8")) <= 75, line
        if line.startswith(" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    return lines


def unescape(value: str) -> str:
    out, chars = [], iter(value)
    for char in chars:
        if char == "\\":
            nxt = next(chars)
            out.append("\n" if nxt in "nN" else nxt)
        else:
            out.append(char)
    return "".join(out)


def vevents(lines: list[str]) -> list[dict[str, str]]:
    events, current = [], None
    for line in lines:
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None:
            name, _sep, value = line.partition(":")
            current[name] = value
    return events


class IcalWriterTests:
    def test_escape_text(self):
        assert ical.escape_text("a,b;c\\d\ne\r\nf") == "a\\,b\\;c\\\\d\\ne\\nf"

    def test_folding_keeps_utf8_characters_whole(self):
        line = "SUMMARY:" + ical.escape_text(LONG_TITLE)
        folded = ical.fold_line(line)
        parts = folded.split("\r\n")
        assert len(parts) > 2
        assert all(len(p.encode("utf-8")) <= 75 for p in parts)
        assert all(p.startswith(" ") for p in parts[1:])
        assert "".join([parts[0]] + [p[1:] for p in parts[1:]]) == line

    def test_document_round_trip(self):
        event = ical.IcsEvent(
            uid="event-7@thcs-a.edu.vn",
            summary=LONG_TITLE,
            start=at(datetime.date(2026, 11, 20), 7, 30),
            end=at(datetime.date(2026, 11, 20), 10),
            dtstamp=datetime.datetime(2026, 11, 1, 2, 3, 4, tzinfo=datetime.UTC),
            description="Dòng 1\nDòng 2; có dấu, phẩy",
            location="Sân trường, cơ sở 1",
        )
        lines = unfold(ical.calendar_document([event], name="Lịch; thử"))
        assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
        assert "VERSION:2.0" in lines and "TZID:Asia/Ho_Chi_Minh" in lines
        (parsed,) = vevents(lines)
        assert unescape(parsed["SUMMARY"]) == LONG_TITLE
        assert parsed["DESCRIPTION"] == "Dòng 1\\nDòng 2\\; có dấu\\, phẩy"
        assert unescape(parsed["LOCATION"]) == "Sân trường, cơ sở 1"
        assert parsed["DTSTART;TZID=Asia/Ho_Chi_Minh"] == "20261120T073000"
        assert parsed["DTEND;TZID=Asia/Ho_Chi_Minh"] == "20261120T100000"
        assert parsed["DTSTAMP"] == "20261101T020304Z"

    def test_all_day_event_has_exclusive_date_end(self):
        event = ical.IcsEvent(
            uid="u",
            summary="Hội giảng",
            start=datetime.date(2026, 11, 9),
            end=datetime.date(2026, 11, 18),
            all_day=True,
        )
        (parsed,) = vevents(unfold(ical.calendar_document([event], name="x")))
        assert parsed["DTSTART;VALUE=DATE"] == "20261109"
        assert parsed["DTEND;VALUE=DATE"] == "20261119"


class IcalFeedTests:
    def test_feed_is_a_calendar_with_stable_uids(self, client_a, school_a, in_school):
        with in_school(school_a):
            timed = add_event(
                LONG_TITLE,
                at(datetime.date(2026, 11, 20), 7, 30),
                at(datetime.date(2026, 11, 20), 10),
                location="Sân trường",
                description="<p>Đến sớm; mặc đồng phục.</p><p>Dòng hai</p>",
            )
            holiday = add_event(
                "Nghỉ Tết Dương lịch",
                at(datetime.date(2027, 1, 1)),
                all_day=True,
                category=EventCategory.HOLIDAY,
            )
        response = client_a.get("/lich-cong-tac/ical/")
        assert response.status_code == 200
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        lines = unfold(response.content.decode("utf-8"))
        events = {e["UID"]: e for e in vevents(lines)}
        first = events[f"event-{timed.pk}@test-a.localhost"]
        assert unescape(first["SUMMARY"]) == LONG_TITLE
        assert unescape(first["DESCRIPTION"]) == "Đến sớm; mặc đồng phục.\nDòng hai"
        assert first["DTSTART;TZID=Asia/Ho_Chi_Minh"] == "20261120T073000"
        assert first["URL;VALUE=URI"].startswith("http://test-a.localhost")
        assert first["DTSTAMP"].endswith("Z")
        second = events[f"event-{holiday.pk}@test-a.localhost"]
        assert second["DTSTART;VALUE=DATE"] == "20270101"
        assert second["DTEND;VALUE=DATE"] == "20270102"
        # Same content on the next request: a client does not see duplicates or changes.
        assert client_a.get("/lich-cong-tac/ical/").content == response.content

    def test_event_ics_download(self, client_a, school_a, in_school):
        with in_school(school_a):
            event = add_event("Ngày hội đọc sách", at(datetime.date(2026, 12, 3), 7, 30))
            url = event.url
        response = client_a.get(f"{url}ics/")
        assert response.status_code == 200
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        assert "attachment" in response["Content-Disposition"]
        assert ".ics" in response["Content-Disposition"]
        (parsed,) = vevents(unfold(response.content.decode("utf-8")))
        assert parsed["UID"] == f"event-{event.pk}@test-a.localhost"
        assert parsed["SUMMARY"] == "Ngày hội đọc sách"

    def test_empty_feed_is_still_valid(self, client_b):
        lines = unfold(client_b.get("/lich-cong-tac/ical/").content.decode("utf-8"))
        assert lines[0] == "BEGIN:VCALENDAR" and not vevents(lines)
