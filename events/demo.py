"""Demo calendar of the four demo schools: this month and next, relative to today.

The weekly work schedule ("lịch công tác tuần") of this week and the next, the term's
tests and parents' meeting, the observances of the school year that fall in the window
(20/11, 22/12, 1/1…), a reading festival — adapted to the school's level.
"""

from __future__ import annotations

import dataclasses
import datetime
import logging

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from core.slugs import slug_from_title
from events.models import EventAudience, EventCategory, EventIndexPage, EventPage

logger = logging.getLogger(__name__)

PRESCHOOL = "mam_non"
PRIMARY = "tieu_hoc"
LOWER_SECONDARY = "thcs"

C = EventCategory
A = EventAudience


@dataclasses.dataclass(frozen=True)
class DemoEvent:
    day: datetime.date
    title: str
    category: str
    audience: str
    start: str = ""  # "HH:MM"; empty for an all-day event
    end: str = ""
    last_day: datetime.date | None = None
    location: str = ""
    text: str = ""


def _slug(title: str, day: datetime.date) -> str:
    base = slug_from_title(title, max_length=60)
    return f"{base}-{day:%Y%m%d}"


def _words(level: str) -> dict[str, str]:
    if level == PRESCHOOL:
        return {"pupils": "trẻ", "parents": "phụ huynh", "class": "nhóm, lớp"}
    return {"pupils": "học sinh", "parents": "cha mẹ học sinh", "class": "lớp"}


def _weekly_schedule(monday: datetime.date, level: str, week_label: str) -> list[DemoEvent]:
    """Items of one week's lịch công tác: the ones every school posts on its gate board."""
    d = [monday + datetime.timedelta(days=n) for n in range(6)]
    w = _words(level)
    items = [
        DemoEvent(
            d[0],
            "Họp giao ban Ban giám hiệu",
            C.WORK_SCHEDULE,
            A.TEACHERS,
            "07:30",
            "09:00",
            location="Phòng Hiệu trưởng",
            text=f"Đánh giá công tác {week_label.lower()} trước, triển khai kế hoạch tuần.",
        ),
        DemoEvent(
            d[2],
            "Sinh hoạt chuyên môn theo nghiên cứu bài học",
            C.WORK_SCHEDULE,
            A.TEACHERS,
            "14:00",
            "16:30",
            location="Phòng họp tổ chuyên môn",
            text="Các tổ chuyên môn dự giờ, phân tích bài học và thống nhất điều chỉnh.",
        ),
        DemoEvent(
            d[3],
            "Kiểm tra nội bộ: hồ sơ chuyên môn giáo viên",
            C.WORK_SCHEDULE,
            A.TEACHERS,
            "08:00",
            "11:00",
            location="Văn phòng nhà trường",
            text="Ban kiểm tra nội bộ kiểm tra kế hoạch bài dạy, sổ theo dõi và đánh giá.",
        ),
        DemoEvent(
            d[4],
            "Họp Hội đồng sư phạm",
            C.WORK_SCHEDULE,
            A.TEACHERS,
            "16:00",
            "17:30",
            location="Phòng Hội đồng",
        ),
    ]
    if level == PRESCHOOL:
        items.insert(
            0,
            DemoEvent(
                d[0],
                "Đón trẻ, thể dục sáng và hoạt động chào cờ đầu tuần",
                C.WORK_SCHEDULE,
                A.EVERYONE,
                "07:00",
                "08:00",
                location="Sân trường",
            ),
        )
        items.append(
            DemoEvent(
                d[1],
                "Kiểm tra bếp ăn bán trú và thực đơn tuần",
                C.WORK_SCHEDULE,
                A.TEACHERS,
                "09:30",
                "10:30",
                location="Bếp ăn",
                text="Kiểm tra quy trình bếp một chiều, lưu mẫu thức ăn, sổ kiểm thực ba bước.",
            )
        )
    else:
        items.insert(
            0,
            DemoEvent(
                d[0],
                "Chào cờ đầu tuần, sinh hoạt dưới cờ",
                C.WORK_SCHEDULE,
                A.EVERYONE,
                "07:00",
                "07:45",
                location="Sân trường",
                text=f"Liên đội nhận xét thi đua tuần trước; tuyên dương {w['pupils']} tiêu biểu.",
            ),
        )
        items.append(
            DemoEvent(
                d[5],
                "Bồi dưỡng học sinh giỏi, phụ đạo học sinh chưa hoàn thành",
                C.WORK_SCHEDULE,
                A.PUPILS,
                "07:30",
                "10:30",
                location="Các phòng học tầng 2",
            )
        )
    return items


def _observances(level: str, first: datetime.date, last: datetime.date) -> list[DemoEvent]:
    """Fixed-date events of the school year that fall between ``first`` and ``last``."""
    w = _words(level)
    events: list[DemoEvent] = []
    for year in range(first.year, last.year + 1):
        events += [
            DemoEvent(
                datetime.date(year, 11, 9),
                "Hội giảng chào mừng Ngày Nhà giáo Việt Nam 20/11",
                C.EVENT,
                A.TEACHERS,
                last_day=datetime.date(year, 11, 18),
                location="Các lớp học",
                text="Mỗi giáo viên đăng ký một tiết dạy tốt; tổ chuyên môn dự giờ, góp ý.",
            ),
            DemoEvent(
                datetime.date(year, 11, 20),
                f"Lễ kỷ niệm {year - 1982} năm Ngày Nhà giáo Việt Nam 20/11",
                C.EVENT,
                A.EVERYONE,
                "07:30",
                "10:00",
                location="Sân trường",
                text=f"Văn nghệ chào mừng của {w['pupils']}, tri ân thầy cô, khen thưởng phong "
                "trào thi đua “Hai tốt”.",
            ),
            DemoEvent(
                datetime.date(year, 12, 22),
                "Ngoại khoá “Uống nước nhớ nguồn” – kỷ niệm ngày thành lập Quân đội nhân dân "
                "Việt Nam 22/12",
                C.EVENT,
                A.PUPILS,
                "08:00",
                "10:00",
                location="Hội trường",
            ),
            DemoEvent(datetime.date(year, 1, 1), "Nghỉ Tết Dương lịch", C.HOLIDAY, A.EVERYONE),
            DemoEvent(
                datetime.date(year, 3, 8),
                "Họp mặt nữ cán bộ, giáo viên, nhân viên nhân Ngày Quốc tế Phụ nữ 8/3",
                C.EVENT,
                A.TEACHERS,
                "15:00",
                "16:30",
                location="Phòng Hội đồng",
            ),
            DemoEvent(
                datetime.date(year, 4, 30),
                "Nghỉ lễ Ngày Giải phóng miền Nam 30/4 và Quốc tế Lao động 1/5",
                C.HOLIDAY,
                A.EVERYONE,
                last_day=datetime.date(year, 5, 1),
            ),
            DemoEvent(
                datetime.date(year, 6, 1),
                "Ngày hội thiếu nhi 1/6" if level != PRESCHOOL else "Bé vui Tết thiếu nhi 1/6",
                C.EVENT,
                A.PUPILS,
                "07:30",
                "10:30",
                location="Sân trường",
            ),
            DemoEvent(datetime.date(year, 9, 2), "Nghỉ lễ Quốc khánh 2/9", C.HOLIDAY, A.EVERYONE),
            DemoEvent(
                datetime.date(year, 9, 5),
                f"Lễ khai giảng năm học {year}–{year + 1}",
                C.EVENT,
                A.EVERYONE,
                "07:00",
                "09:00",
                location="Sân trường",
            ),
        ]
    return [e for e in events if first <= e.day <= last]


def _term_events(level: str, monday: datetime.date) -> list[DemoEvent]:
    """Tests, the parents' meeting and the reading festival, in the coming weeks."""
    w = _words(level)
    month = (monday + datetime.timedelta(days=7)).month
    first_term = month >= 8 or month == 1
    if month in (8, 9, 10):
        meeting = "Họp phụ huynh đầu năm học"
    elif month in (11, 12, 1):
        meeting = "Họp phụ huynh sơ kết học kỳ I" if month == 1 else "Họp phụ huynh giữa học kỳ I"
    else:
        meeting = "Họp phụ huynh cuối năm học" if month >= 4 else "Họp phụ huynh giữa học kỳ II"
    if level != PRESCHOOL:
        meeting = meeting.replace("phụ huynh", "cha mẹ học sinh")
    week = [monday + datetime.timedelta(days=n) for n in range(21)]
    events = [
        DemoEvent(
            week[13],  # Sunday of next week
            meeting,
            C.PARENT_MEETING,
            A.PARENTS,
            "07:30",
            "09:30",
            location=f"Phòng học của từng {w['class'].split(',')[-1].strip()}",
            text=f"Thông báo kết quả học tập, rèn luyện của {w['pupils']}; trao đổi việc phối "
            "hợp giữa gia đình và nhà trường. Kính mong quý phụ huynh đến dự đầy đủ, đúng giờ.",
        ),
        DemoEvent(
            week[10],
            "Ngày hội đọc sách",
            C.EVENT,
            A.PUPILS,
            "07:30",
            "10:30",
            location="Thư viện và sân trường",
            text=(
                "Các bé nghe cô kể chuyện, xem sách tranh và đổi sách cùng bạn."
                if level == PRESCHOOL
                else "Giới thiệu sách hay, thi kể chuyện theo sách, góc đổi sách cũ lấy sách "
                "mới; mỗi lớp góp sách cho tủ sách lớp học."
            ),
        ),
    ]
    term = "I" if first_term else "II"
    if level == PRESCHOOL:
        events.append(
            DemoEvent(
                week[8],
                "Khám sức khoẻ định kỳ và cân đo, theo dõi biểu đồ tăng trưởng cho trẻ",
                C.EVENT,
                A.PARENTS,
                "08:00",
                "10:30",
                location="Phòng y tế",
            )
        )
        events.append(
            DemoEvent(
                week[11],
                "Đánh giá sự phát triển của trẻ cuối chủ đề",
                C.EXAM,
                A.TEACHERS,
                location="Các nhóm, lớp",
            )
        )
    elif level == PRIMARY:
        events.append(
            DemoEvent(
                week[9],
                f"Kiểm tra định kỳ giữa học kỳ {term} môn Toán, Tiếng Việt (khối 4, 5)",
                C.EXAM,
                A.PUPILS,
                last_day=week[10],
                location="Các phòng học khối 4, 5",
                text="Học sinh mang theo bút, thước; có mặt tại lớp lúc 7 giờ 15.",
            )
        )
    else:
        events.append(
            DemoEvent(
                week[7],
                f"Kiểm tra giữa học kỳ {term} các môn Ngữ văn, Toán, Tiếng Anh",
                C.EXAM,
                A.PUPILS,
                last_day=week[11],
                location="Các phòng học",
                text="Lịch kiểm tra theo từng khối lớp được giáo viên chủ nhiệm thông báo; học "
                "sinh có mặt trước giờ kiểm tra 15 phút.",
            )
        )
    return events


def demo_events(level: str, today: datetime.date) -> list[DemoEvent]:
    """Every demo event of a school from the 1st of this month to the end of next month."""
    first = today.replace(day=1)
    last = (first + datetime.timedelta(days=62)).replace(day=1) - datetime.timedelta(days=1)
    monday = today - datetime.timedelta(days=today.weekday())
    events = _weekly_schedule(monday, level, "Tuần") + _weekly_schedule(
        monday + datetime.timedelta(days=7), level, "Tuần"
    )
    events += _observances(level, first, last)
    events += _term_events(level, monday)
    return [e for e in events if first <= e.day <= last]


def _aware(day: datetime.date, hhmm: str) -> datetime.datetime:
    hours, minutes = (int(part) for part in hhmm.split(":"))
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hours, minutes)))


@transaction.atomic
def load_demo_events(school, *, today: datetime.date | None = None) -> list[EventPage]:
    """Create the demo events missing from the current school's calendar (by slug)."""
    index = EventIndexPage.objects.first()
    if index is None:
        logger.warning("School %s has no calendar section; demo events skipped", school.slug)
        return []
    today = today or timezone.localdate()
    owner = get_user_model().objects.filter(username="bientap").first()
    existing = set(EventPage.objects.child_of(index).values_list("slug", flat=True))
    created = []
    for item in demo_events(school.level, today):
        slug = _slug(item.title, item.day)
        if slug in existing:
            continue
        all_day = not item.start
        start = _aware(item.day, item.start or "00:00")
        if all_day:
            end = _aware(item.last_day, "00:00") if item.last_day else None
        else:
            end = _aware(item.last_day or item.day, item.end) if item.end else None
        page = EventPage(
            title=item.title,
            slug=slug,
            start=start,
            end=end,
            all_day=all_day,
            category=item.category,
            audience=item.audience,
            location=item.location,
            description=f"<p>{item.text}</p>" if item.text else "",
            owner=owner,
        )
        index.add_child(instance=page)
        page.save_revision(user=owner).publish()
        existing.add(slug)
        created.append(page)
    if created:
        logger.info("Demo events: %d in %s", len(created), school.slug)
    return created
