"""Demo data of the online services for THCS Nguyễn Trãi (idempotent).

Results and diplomas go through the real path: an Excel workbook laid out like a school's
export (title rows, then the header) is built in memory, parsed by ``importers`` and stored
by ``services``. A parent can then look up the student named in the README:
mã học sinh ``7925031207``, ngày sinh ``05/09/2013``; diploma ``THCS 0250317`` of
``Trần Minh Khôi``, born ``21/06/2010``.
"""

from __future__ import annotations

import datetime
import io
import random
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from core.schoolyears import current_school_year, format_school_year, parse_school_year
from feedback.services import insert_with_reference
from online_services import importers, services
from online_services.models import (
    AdmissionApplication,
    AdmissionCampaign,
    ApplicationStatus,
    CampaignDocument,
    DiplomaKind,
    DiplomaSet,
    Grade,
    Period,
    ResultSet,
)
from online_services.text import phone_key

DEMO_SCHOOL = "thcs-nguyen-trai"
STUDENT_CODE = "7925031207"
STUDENT_BIRTH = datetime.date(2013, 9, 5)
STUDENT_NAME = "Nguyễn Ngọc Bảo Anh"
DIPLOMA_NUMBER = "THCS 0250317"
DIPLOMA_HOLDER = ("Trần Minh Khôi", datetime.date(2010, 6, 21))

_FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Trương",
    "Đinh",
    "Lâm",
    "Mai",
    "Tô",
]
_MIDDLE_F = [
    "Thị",
    "Ngọc",
    "Thị Thu",
    "Ngọc Bảo",
    "Thùy",
    "Khánh",
    "Minh",
    "Gia",
    "Phương",
    "Tường",
]
_MIDDLE_M = ["Văn", "Minh", "Gia", "Hoàng", "Quốc", "Đức", "Thanh", "Tuấn", "Nhật", "Anh"]
_GIVEN_F = [
    "Anh",
    "Châu",
    "Hân",
    "Linh",
    "My",
    "Ngân",
    "Nhi",
    "Quỳnh",
    "Thư",
    "Trâm",
    "Vy",
    "Yến",
    "Hà",
    "Thảo",
    "Uyên",
    "Trinh",
]
_GIVEN_M = [
    "An",
    "Bảo",
    "Duy",
    "Huy",
    "Khang",
    "Khoa",
    "Khôi",
    "Long",
    "Minh",
    "Nam",
    "Phát",
    "Phúc",
    "Quân",
    "Tài",
    "Thịnh",
    "Tín",
    "Vinh",
]
_SUBJECTS = [
    "Ngữ văn",
    "Toán",
    "Tiếng Anh",
    "Giáo dục công dân",
    "Lịch sử và Địa lí",
    "Khoa học tự nhiên",
    "Công nghệ",
    "Tin học",
]
_PASS_SUBJECTS = [
    "Giáo dục thể chất",
    "Nghệ thuật",
    "Hoạt động trải nghiệm, hướng nghiệp",
    "Nội dung giáo dục của địa phương",
]
_MIDTERM_SUBJECTS = ["Ngữ văn", "Toán", "Tiếng Anh", "Khoa học tự nhiên", "Lịch sử và Địa lí"]


def _name(rng: random.Random) -> tuple[str, str]:
    if rng.random() < 0.5:
        return f"{rng.choice(_FAMILY)} {rng.choice(_MIDDLE_F)} {rng.choice(_GIVEN_F)}", "Nữ"
    return f"{rng.choice(_FAMILY)} {rng.choice(_MIDDLE_M)} {rng.choice(_GIVEN_M)}", "Nam"


def _students(birth_year: int, count: int = 36) -> list[dict]:
    """One class, the README's student first; the same people every run."""
    rng = random.Random(birth_year * 31 + 7)
    students = [{"code": STUDENT_CODE, "name": STUDENT_NAME, "birth": STUDENT_BIRTH, "level": 0.9}]
    while len(students) < count:
        name, _gender = _name(rng)
        birth = datetime.date(birth_year, 1, 1) + timedelta(days=rng.randrange(365))
        code = f"79250{rng.randrange(10000, 99999)}"
        if all(s["code"] != code for s in students):
            students.append({"code": code, "name": name, "birth": birth, "level": rng.random()})
    return students


def _mark(rng: random.Random, level: float) -> float:
    score = 5.0 + 4.6 * level + rng.uniform(-1.3, 1.0)
    return round(min(10.0, max(3.5, score)) * 10) / 10


def _grades(level: float) -> tuple[str, str, str]:
    if level > 0.75:
        return "Tốt", "Tốt", "Học sinh Xuất sắc" if level > 0.88 else "Học sinh Giỏi"
    if level > 0.4:
        return "Khá", "Tốt", ""
    if level > 0.12:
        return "Đạt", "Khá", ""
    return "Chưa đạt", "Đạt", ""


def _workbook(title_lines: list[str], headings: list[str], rows: list[list]) -> SimpleUploadedFile:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for line in title_lines:
        sheet.append([line])
    sheet.append([])
    sheet.append(headings)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("demo.xlsx", buffer.getvalue())


def _results_file(
    school_year: str,
    class_name: str,
    title: str,
    students,
    subjects,
    *,
    pass_subjects,
    seed: int,
    summary: bool,
):
    rng = random.Random(seed)
    headings = ["STT", "Mã học sinh", "Họ và tên", "Ngày sinh", "Lớp", *subjects, *pass_subjects]
    if summary:
        headings += ["Kết quả học tập", "Kết quả rèn luyện", "Danh hiệu"]
    rows = []
    for number, student in enumerate(students, start=1):
        row = [number, student["code"], student["name"], student["birth"], class_name]
        row += [_mark(rng, student["level"]) for _subject in subjects]
        row += ["Đ" for _subject in pass_subjects]
        if summary:
            row += list(_grades(student["level"]))
        rows.append(row)
    return _workbook(
        [
            "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO QUẬN BÌNH TÂN",
            "TRƯỜNG THCS NGUYỄN TRÃI",
            f"{title} – LỚP {class_name} – NĂM HỌC {school_year}",
        ],
        headings,
        rows,
    )


def _load_results(user=None) -> None:
    current = parse_school_year(current_school_year())
    previous = format_school_year(current - 1)
    grade = (current - 1) - STUDENT_BIRTH.year - 5  # a 2013-born child is in grade 7 in 2025–2026
    grade = grade if 6 <= grade <= 9 else 7
    students = _students(STUDENT_BIRTH.year)
    sets = [
        (
            previous,
            Period.TERM_1,
            "",
            "BẢNG TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ HỌC KỲ I",
            f"{grade}A2",
            True,
        ),
        (
            previous,
            Period.TERM_2,
            "",
            "BẢNG TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ HỌC KỲ II",
            f"{grade}A2",
            True,
        ),
        (previous, Period.YEAR, "", "BẢNG TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ CẢ NĂM", f"{grade}A2", True),
    ]
    if grade < 9:
        sets.append(
            (
                format_school_year(current),
                Period.EXAM,
                "Kiểm tra giữa học kỳ I",
                "ĐIỂM KIỂM TRA GIỮA HỌC KỲ I",
                f"{grade + 1}A2",
                False,
            )
        )
    for seed, (school_year, period, exam, title, class_name, summary) in enumerate(sets, start=1):
        if ResultSet.objects.filter(
            school_year=school_year, period=period, exam_name=exam
        ).exists():
            continue
        subjects = _SUBJECTS if summary else _MIDTERM_SUBJECTS
        upload = _results_file(
            school_year,
            class_name,
            title,
            students,
            subjects,
            pass_subjects=_PASS_SUBJECTS if summary else [],
            seed=seed,
            summary=summary,
        )
        services.result_set_import(
            school_year=school_year,
            period=period,
            exam_name=exam,
            parsed=importers.results_parse(upload),
            source_name=f"ket-qua-{class_name.lower()}-{period}.xlsx",
            acting_user=user,
        )


def _load_diplomas(user=None) -> None:
    current = parse_school_year(current_school_year())
    year = current  # graduates of the school year that ended last summer
    title = f"Bằng tốt nghiệp THCS năm học {format_school_year(current - 1)}"
    if DiplomaSet.objects.filter(title=title).exists():
        return
    rng = random.Random(year)
    holder, born = DIPLOMA_HOLDER
    rows = [
        [
            1,
            DIPLOMA_NUMBER,
            f"TN-{year}/0317",
            holder,
            born,
            "Thành phố Hồ Chí Minh",
            "Nam",
            year,
            "Khá",
            datetime.date(year, 7, 20),
        ]
    ]
    for number in range(2, 41):
        name, gender = _name(rng)
        birth = datetime.date(born.year, 1, 1) + timedelta(days=rng.randrange(365))
        classification = rng.choice(["Giỏi", "Khá", "Khá", "Trung bình"])
        place = rng.choice(
            ["Thành phố Hồ Chí Minh"] * 4 + ["Long An", "Tiền Giang", "Bến Tre", "Đồng Tháp"]
        )
        rows.append(
            [
                number,
                f"THCS 0250{317 + number:03d}",
                f"TN-{year}/{316 + number:04d}",
                name,
                birth,
                place,
                gender,
                year,
                classification,
                datetime.date(year, 7, 20),
            ]
        )
    upload = _workbook(
        ["TRƯỜNG THCS NGUYỄN TRÃI", f"DANH SÁCH CẤP BẰNG TỐT NGHIỆP THCS NĂM {year}"],
        [
            "STT",
            "Số hiệu văn bằng",
            "Số vào sổ cấp bằng",
            "Họ và tên",
            "Ngày sinh",
            "Nơi sinh",
            "Giới tính",
            "Năm tốt nghiệp",
            "Xếp loại",
            "Ngày cấp",
        ],
        rows,
    )
    services.diploma_set_import(
        kind=DiplomaKind.LOWER_SECONDARY,
        title=title,
        parsed=importers.diplomas_parse(upload),
        source_name=f"bang-tot-nghiep-thcs-{year}.xlsx",
        acting_user=user,
    )


_TRANSFER_DOCUMENTS = [
    ("Đơn xin chuyển trường (có xác nhận của trường đang học)", True, ""),
    ("Học bạ", True, "Ảnh chụp các trang đã có kết quả hoặc bản PDF."),
    ("Giấy giới thiệu chuyển trường", True, ""),
    ("Giấy xác nhận thông tin về cư trú", False, "Bản in từ ứng dụng VNeID cũng được nhận."),
]
_GRADE6_DOCUMENTS = [
    ("Giấy khai sinh", True, ""),
    ("Học bạ cấp tiểu học", True, ""),
    ("Giấy xác nhận thông tin về cư trú", True, "Bản in từ ứng dụng VNeID cũng được nhận."),
]


def _campaign(title: str, **fields) -> AdmissionCampaign:
    campaign = AdmissionCampaign.objects.filter(title=title).first()
    if campaign is not None:
        return campaign
    documents = fields.pop("documents")
    campaign = AdmissionCampaign(title=title, **fields)
    for order, (name, required, help_text) in enumerate(documents):
        campaign.documents.add(
            CampaignDocument(name=name, required=required, help_text=help_text, sort_order=order)
        )
    campaign.save()
    return campaign


def _load_campaigns() -> None:
    now = timezone.now()
    start = parse_school_year(current_school_year())
    transfer = _campaign(
        f"Tiếp nhận học sinh chuyển đến năm học {format_school_year(start)}",
        school_year=format_school_year(start),
        grade=Grade.OTHER,
        opens_at=now - timedelta(days=3),
        closes_at=now + timedelta(days=45),
        quota=24,
        birth_date_from=datetime.date(start - 14, 1, 1),
        birth_date_to=datetime.date(start - 11, 12, 31),
        description=(
            "<p>Nhà trường tiếp nhận học sinh chuyển đến các khối 6, 7, 8, 9 còn chỉ tiêu, ưu "
            "tiên học sinh cư trú tại phường An Lạc. Sau khi hồ sơ được tiếp nhận, cha mẹ mang "
            "bản chính các giấy tờ đến văn phòng nhà trường (giờ hành chính, từ thứ Hai đến "
            "thứ Sáu) để đối chiếu.</p>"
        ),
        documents=_TRANSFER_DOCUMENTS,
    )
    next_year = start + 1
    _campaign(
        f"Tuyển sinh lớp 6 năm học {format_school_year(next_year)}",
        school_year=format_school_year(next_year),
        grade=Grade.GRADE_6,
        opens_at=timezone.make_aware(datetime.datetime(next_year, 7, 1, 7, 30)),
        closes_at=timezone.make_aware(datetime.datetime(next_year, 7, 15, 17, 0)),
        quota=540,
        birth_date_from=datetime.date(next_year - 11, 1, 1),
        birth_date_to=datetime.date(next_year - 11, 12, 31),
        description=(
            "<p>Tuyển 12 lớp 6 (540 học sinh) theo phương thức xét tuyển, học sinh hoàn thành "
            "chương trình tiểu học, cư trú trên địa bàn phường An Lạc theo phân tuyến của "
            "Phòng Giáo dục và Đào tạo.</p>"
        ),
        documents=_GRADE6_DOCUMENTS,
    )
    if transfer.applications.exists():
        return
    samples = [
        (
            "Lê Hoàng Gia Bảo",
            datetime.date(start - 13, 4, 18),
            "nam",
            "Trần Thị Thu Hà",
            "me",
            "0903 418 226",
            "thuha.tran82@gmail.com",
            "Trường THCS Lê Lợi, tỉnh Quảng Ngãi",
            ApplicationStatus.ACCEPTED,
            "Mời phụ huynh mang bản chính hồ sơ đến văn phòng nhà trường trong tuần này để hoàn tất thủ tục.",
        ),
        (
            "Phạm Ngọc Khánh Linh",
            datetime.date(start - 12, 11, 2),
            "nu",
            "Phạm Văn Tâm",
            "cha",
            "0938 552 071",
            "",
            "Trường THCS Trần Phú, thành phố Đà Nẵng",
            ApplicationStatus.REVIEWING,
            "",
        ),
        (
            "Võ Minh Nhật",
            datetime.date(start - 14, 1, 27),
            "nam",
            "Võ Thị Mỹ Lệ",
            "me",
            "0977 130 645",
            "myle.vo@yahoo.com",
            "Trường THCS Nguyễn Du, tỉnh Bình Dương",
            ApplicationStatus.SUBMITTED,
            "",
        ),
    ]
    for days, (
        child,
        birth,
        gender,
        parent,
        relation,
        phone,
        email,
        school,
        status,
        note,
    ) in enumerate(samples, start=1):
        application = AdmissionApplication(
            campaign=transfer,
            child_name=child,
            child_birth_date=birth,
            child_gender=gender,
            child_birthplace="Thành phố Hồ Chí Minh",
            child_ethnicity="Kinh",
            address=f"{20 + days * 7} đường Kinh Dương Vương, phường An Lạc, Thành phố Hồ Chí Minh",
            previous_school=school,
            parent_name=parent,
            parent_relationship=relation,
            parent_phone=phone,
            parent_phone_key=phone_key(phone),
            parent_email=email,
            status=status,
            decision_note=note,
            created_at=now - timedelta(days=days),
            # Demo rows: no acknowledgement or decision mail to send.
            ack_sent_at=now,
            board_notified_at=now,
            decision_sent_at=now if status == ApplicationStatus.ACCEPTED else None,
        )
        insert_with_reference(application, "TS")


def demo_load(school) -> None:
    """Results, diplomas and admission campaigns for the demo THCS (other schools: none)."""
    if school.slug != DEMO_SCHOOL:
        return
    _load_results()
    _load_diplomas()
    _load_campaigns()
