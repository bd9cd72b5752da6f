"""Demo content of the about app for the four demo schools (see ``schools.demo``).

Idempotent: each part is filled only while it is still empty, so a second run changes
nothing and never overwrites what someone edited. The schools are fictional; the names,
numbers and history are plausible for a Quận Bình Tân school of their level.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.db import transaction
from wagtail.models import Site

from about.models import (
    AboutPage,
    InfoPage,
    OrganisationUnit,
    ResourcesPage,
    StaffMember,
    UnitKind,
    YearbookEntry,
    YearbookPage,
)
from about.services import (
    ACCREDITATION_SLUG,
    FUNCTIONS_SLUG,
    HISTORY_SLUG,
    LEGAL_SLUG,
)
from core.models import SchoolProfile
from core.schoolyears import current_school_year, format_school_year, parse_school_year

logger = logging.getLogger(__name__)

MAP_URLS = {
    "mn-hoa-sen": "https://www.openstreetmap.org/?mlat=10.765210&mlon=106.611840#map=17/10.765210/106.611840",
    "th-binh-tri-2": "https://www.openstreetmap.org/?mlat=10.759870&mlon=106.615020#map=17/10.759870/106.615020",
    "thcs-nguyen-trai": "https://www.openstreetmap.org/?mlat=10.724150&mlon=106.615870#map=17/10.724150/106.615870",
    "th-thcs-ngoi-sao-nho": "https://www.openstreetmap.org/?mlat=10.795420&mlon=106.612730#map=17/10.795420/106.612730",
}
OFFICE_HOURS = "Thứ Hai – Thứ Sáu: 7 giờ 00 – 11 giờ 30, 13 giờ 30 – 17 giờ 00; sáng thứ Bảy trực tiếp phụ huynh"


@dataclass
class Person:
    name: str
    title: str
    unit: str
    phone: str = ""
    email: str = ""
    duties: str = ""


@dataclass
class SchoolDemo:
    founded: int
    history: list[tuple[str, str]]  # (heading, paragraph html)
    leaders: list[Person]
    teams: list[str]  # tổ chuyên môn
    associations: list[str]
    people: list[Person] = field(default_factory=list)
    # (classes, teachers, staff, students, female %, classrooms, subject rooms, area) now;
    # earlier years are derived with the yearly growth below.
    yearbook_now: tuple[int, int, int, int, float, int, int, float] = (0, 0, 0, 0, 0, 0, 0, 0)
    growth: float = 0.03
    subjects: list[tuple[str, list[tuple[str, str, str, str]]]] = field(default_factory=list)


def _p(text: str) -> str:
    return f"<p>{text}</p>"


FUNCTIONS_PARAGRAPHS = [
    (
        "Chức năng",
        _p(
            "Nhà trường là cơ sở giáo dục thuộc hệ thống giáo dục quốc dân, có tư cách pháp nhân, "
            "có con dấu và tài khoản riêng; tổ chức các hoạt động giáo dục theo chương trình do "
            "Bộ Giáo dục và Đào tạo ban hành, chịu sự quản lý nhà nước về giáo dục của "
            "Phòng Giáo dục và Đào tạo."
        ),
    ),
    (
        "Nhiệm vụ và quyền hạn",
        "<ul>"
        "<li>Xây dựng chiến lược, kế hoạch phát triển nhà trường; tổ chức thực hiện kế hoạch "
        "giáo dục hằng năm theo chương trình giáo dục phổ thông.</li>"
        "<li>Quản lý giáo viên, nhân viên và người học; tuyển sinh, tiếp nhận học sinh theo "
        "quy định.</li>"
        "<li>Quản lý, sử dụng đất đai, cơ sở vật chất, trang thiết bị và tài chính theo quy "
        "định của pháp luật.</li>"
        "<li>Thực hiện công khai về cam kết chất lượng, điều kiện bảo đảm chất lượng và thu "
        "chi tài chính; tự đánh giá và chịu sự kiểm định chất lượng giáo dục.</li>"
        "<li>Phối hợp với gia đình và xã hội trong hoạt động giáo dục; tổ chức cho giáo viên, "
        "nhân viên và học sinh tham gia các hoạt động xã hội tại địa phương.</li>"
        "</ul>",
    ),
]


def _staff_email(user: str, school_code: str) -> str:
    return f"{user}.{school_code}@pgdbinhtan.edu.vn"


DEMOS: dict[str, SchoolDemo] = {
    "mn-hoa-sen": SchoolDemo(
        founded=1998,
        history=[
            (
                "Những ngày đầu thành lập",
                _p(
                    "Trường được thành lập năm 1998 với tên gọi Trường Mẫu giáo Hoa Sen, thuộc "
                    "huyện Bình Chánh, với 4 lớp mẫu giáo và 120 cháu, học nhờ trong khuôn viên "
                    "nhà văn hoá khu phố."
                ),
            ),
            (
                "Đổi tên và phát triển",
                _p(
                    "Năm 2004, khi quận Bình Tân được thành lập, trường trực thuộc Phòng Giáo "
                    "dục và Đào tạo quận Bình Tân và được đổi tên thành Trường Mầm non Hoa Sen, "
                    "nhận thêm trẻ nhà trẻ từ 18 tháng tuổi. Năm 2012 trường chuyển về cơ sở "
                    "mới tại đường số 7 với 14 phòng nhóm lớp, bếp một chiều và sân chơi rộng."
                ),
            ),
            (
                "Thành tích",
                _p(
                    "Trường được công nhận đạt chuẩn quốc gia mức độ 1 năm 2019 và đạt kiểm "
                    "định chất lượng giáo dục cấp độ 2; nhiều năm liền đạt danh hiệu Tập thể "
                    "Lao động xuất sắc; năm học 2022–2023 được Ủy ban nhân dân Thành phố tặng "
                    "Bằng khen."
                ),
            ),
        ],
        leaders=[
            Person(
                "Nguyễn Thị Thu Hương",
                "Hiệu trưởng",
                "Ban Giám hiệu",
                "(028) 3762 4158",
                _staff_email("huongntt", "mnhoasen"),
                "Phụ trách chung; công tác tổ chức, cán bộ, tài chính, cơ sở vật chất.",
            ),
            Person(
                "Trần Thị Mỹ Linh",
                "Phó Hiệu trưởng",
                "Ban Giám hiệu",
                "(028) 3762 4159",
                _staff_email("linhttm", "mnhoasen"),
                "Phụ trách chuyên môn, chương trình giáo dục mầm non, khối Mẫu giáo.",
            ),
            Person(
                "Lê Thị Ngọc Hân",
                "Phó Hiệu trưởng",
                "Ban Giám hiệu",
                "(028) 3762 4160",
                _staff_email("hanltn", "mnhoasen"),
                "Phụ trách nuôi dưỡng, chăm sóc sức khoẻ, vệ sinh an toàn thực phẩm, khối Nhà trẻ.",
            ),
        ],
        teams=[
            "Tổ Nhà trẻ",
            "Tổ Mẫu giáo bé",
            "Tổ Mẫu giáo nhỡ",
            "Tổ Mẫu giáo lớn",
            "Tổ Nuôi dưỡng",
        ],
        associations=["Chi bộ", "Công đoàn", "Chi đoàn Thanh niên"],
        people=[
            Person("Phạm Thị Kim Oanh", "Tổ trưởng", "Tổ Nhà trẻ"),
            Person("Võ Thị Bích Ngọc", "Tổ trưởng", "Tổ Mẫu giáo bé"),
            Person("Đặng Thị Thanh Thảo", "Tổ trưởng", "Tổ Mẫu giáo nhỡ"),
            Person("Huỳnh Thị Diễm My", "Tổ trưởng", "Tổ Mẫu giáo lớn"),
            Person("Bùi Thị Hồng", "Tổ trưởng, cấp dưỡng", "Tổ Nuôi dưỡng"),
            Person("Nguyễn Thị Thu Hương", "Bí thư Chi bộ", "Chi bộ"),
            Person("Võ Thị Bích Ngọc", "Chủ tịch Công đoàn", "Công đoàn"),
            Person("Đặng Thị Thanh Thảo", "Bí thư Chi đoàn", "Chi đoàn Thanh niên"),
            Person("Trương Thị Lệ", "Kế toán", "Tổ Văn phòng"),
            Person("Ngô Thị Mai", "Văn thư – Thủ quỹ", "Tổ Văn phòng"),
            Person("Phan Thị Yến", "Nhân viên y tế", "Tổ Văn phòng"),
        ],
        yearbook_now=(14, 30, 22, 412, 0.48, 14, 4, 3250),
        growth=0.02,
        subjects=[
            (
                "Phát triển ngôn ngữ",
                [
                    (
                        "Truyện kể cho bé mẫu giáo lớn",
                        "hoc_lieu",
                        "https://igiaoduc.vn",
                        "Truyện tranh, thơ, đồng dao theo chủ đề",
                    ),
                    (
                        "Làm quen chữ cái qua trò chơi",
                        "elearning",
                        "https://igiaoduc.vn",
                        "Bài giảng e-learning cho trẻ 5–6 tuổi",
                    ),
                ],
            ),
            (
                "Phát triển nhận thức",
                [
                    (
                        "Làm quen với Toán – Mẫu giáo lớn",
                        "sach",
                        "https://hanhtrangso.nxbgd.vn",
                        "Sách điện tử bộ Kết nối tri thức với cuộc sống",
                    ),
                ],
            ),
        ],
    ),
    "th-binh-tri-2": SchoolDemo(
        founded=1992,
        history=[
            (
                "Những ngày đầu thành lập",
                _p(
                    "Trường Tiểu học Bình Trị 2 được thành lập năm 1992, tách ra từ Trường Tiểu "
                    "học Bình Trị Đông, với 18 lớp học hai ca và gần 800 học sinh của xã Bình "
                    "Trị Đông, huyện Bình Chánh."
                ),
            ),
            (
                "Đổi mới và phát triển",
                _p(
                    "Từ năm 2004 trường trực thuộc Phòng Giáo dục và Đào tạo quận Bình Tân. Năm "
                    "2010 trường được xây dựng lại thành khối nhà 4 tầng trên đường Lê Văn Quới; "
                    "từ năm học 2015–2016 toàn trường học 2 buổi/ngày; năm học 2020–2021 triển "
                    "khai Chương trình giáo dục phổ thông 2018 từ lớp 1."
                ),
            ),
            (
                "Thành tích",
                _p(
                    "Trường đạt chuẩn quốc gia mức độ 2 năm 2021, đạt kiểm định chất lượng giáo "
                    "dục cấp độ 3; liên tục đạt danh hiệu Tập thể Lao động xuất sắc; nhiều học "
                    "sinh đạt giải Hội khoẻ Phù Đổng và Giao lưu Tiếng Anh cấp quận."
                ),
            ),
        ],
        leaders=[
            Person(
                "Lê Văn Hùng",
                "Hiệu trưởng",
                "Ban Giám hiệu",
                "(028) 3762 0931",
                _staff_email("hunglv", "thbinhtri2"),
                "Phụ trách chung; tổ chức, cán bộ, tài chính, cơ sở vật chất, thi đua.",
            ),
            Person(
                "Nguyễn Thị Bích Thủy",
                "Phó Hiệu trưởng",
                "Ban Giám hiệu",
                "(028) 3762 0932",
                _staff_email("thuyntb", "thbinhtri2"),
                "Phụ trách chuyên môn khối 1, 2, 3; kiểm định chất lượng; công khai.",
            ),
            Person(
                "Phan Minh Tuấn",
                "Phó Hiệu trưởng",
                "Ban Giám hiệu",
                "(028) 3762 0933",
                _staff_email("tuanpm", "thbinhtri2"),
                "Phụ trách chuyên môn khối 4, 5; công nghệ thông tin, thiết bị, bán trú.",
            ),
        ],
        teams=["Tổ khối 1", "Tổ khối 2", "Tổ khối 3", "Tổ khối 4", "Tổ khối 5", "Tổ Bộ môn"],
        associations=[
            "Chi bộ",
            "Công đoàn",
            "Chi đoàn Thanh niên",
            "Liên đội Thiếu niên Tiền phong",
        ],
        people=[
            Person("Trần Thị Ngọc Ánh", "Tổ trưởng", "Tổ khối 1"),
            Person("Võ Thị Hồng Nhung", "Tổ trưởng", "Tổ khối 2"),
            Person("Lâm Thị Thu Trang", "Tổ trưởng", "Tổ khối 3"),
            Person("Nguyễn Văn Bình", "Tổ trưởng", "Tổ khối 4"),
            Person("Đỗ Thị Kim Loan", "Tổ trưởng", "Tổ khối 5"),
            Person("Hồ Quốc Khánh", "Tổ trưởng (Tiếng Anh, Tin học, Thể dục)", "Tổ Bộ môn"),
            Person("Lê Văn Hùng", "Bí thư Chi bộ", "Chi bộ"),
            Person("Lâm Thị Thu Trang", "Chủ tịch Công đoàn", "Công đoàn"),
            Person("Hồ Quốc Khánh", "Bí thư Chi đoàn", "Chi đoàn Thanh niên"),
            Person("Mai Thị Thanh Tâm", "Tổng phụ trách Đội", "Liên đội Thiếu niên Tiền phong"),
            Person("Trịnh Thị Hạnh", "Kế toán", "Tổ Văn phòng"),
            Person("Cao Thị Diệu", "Văn thư", "Tổ Văn phòng"),
            Person("Lý Văn Tài", "Nhân viên thiết bị – thư viện", "Tổ Văn phòng"),
        ],
        yearbook_now=(42, 60, 14, 1742, 0.49, 32, 6, 6480),
        growth=0.025,
        subjects=[
            (
                "Tiếng Việt",
                [
                    (
                        "Tiếng Việt 1 – sách điện tử",
                        "sach",
                        "https://hanhtrangso.nxbgd.vn",
                        "Bộ sách Kết nối tri thức với cuộc sống",
                    ),
                    (
                        "Luyện đọc diễn cảm lớp 3",
                        "elearning",
                        "https://igiaoduc.vn",
                        "Bài giảng e-learning",
                    ),
                ],
            ),
            (
                "Toán",
                [
                    (
                        "Toán 5 – sách điện tử",
                        "sach",
                        "https://hanhtrangso.nxbgd.vn",
                        "Bộ sách Kết nối tri thức với cuộc sống",
                    ),
                    (
                        "Ôn tập phân số lớp 4",
                        "hoc_lieu",
                        "https://igiaoduc.vn",
                        "Phiếu bài tập và video hướng dẫn",
                    ),
                ],
            ),
            (
                "Tiếng Anh",
                [
                    (
                        "Tiếng Anh 3 Global Success",
                        "sach",
                        "https://hanhtrangso.nxbgd.vn",
                        "Sách điện tử và tệp nghe",
                    ),
                ],
            ),
        ],
    ),
    "thcs-nguyen-trai": SchoolDemo(
        founded=1995,
        history=[
            (
                "Những ngày đầu thành lập",
                _p(
                    "Trường được thành lập năm 1995 với tên gọi Trường Phổ thông cơ sở An Lạc, "
                    "thuộc huyện Bình Chánh, gồm 16 lớp và 700 học sinh."
                ),
            ),
            (
                "Đổi tên và phát triển",
                _p(
                    "Năm 2004 trường trực thuộc Phòng Giáo dục và Đào tạo quận Bình Tân và mang "
                    "tên Trường THCS Nguyễn Trãi. Năm 2014 trường được đầu tư xây dựng mới với "
                    "36 phòng học, 10 phòng bộ môn, thư viện và nhà thi đấu đa năng; năm học "
                    "2021–2022 triển khai Chương trình giáo dục phổ thông 2018 từ lớp 6."
                ),
            ),
            (
                "Thành tích",
                _p(
                    "Trường đạt chuẩn quốc gia mức độ 1 năm 2018 và kiểm định chất lượng giáo "
                    "dục cấp độ 2; tỉ lệ học sinh tốt nghiệp THCS hằng năm trên 99%; đội tuyển "
                    "học sinh giỏi cấp thành phố đạt nhiều giải môn Toán, Ngữ văn, Tiếng Anh và "
                    "Khoa học tự nhiên."
                ),
            ),
        ],
        leaders=[
            Person(
                "Trần Quốc Bảo",
                "Hiệu trưởng",
                "Ban Giám hiệu",
                "(028) 3875 2216",
                _staff_email("baotq", "thcsnguyentrai"),
                "Phụ trách chung; tổ chức, cán bộ, tài chính, cơ sở vật chất, tuyển sinh.",
            ),
            Person(
                "Nguyễn Thị Hồng Vân",
                "Phó Hiệu trưởng",
                "Ban Giám hiệu",
                "(028) 3875 2217",
                _staff_email("vannth", "thcsnguyentrai"),
                "Phụ trách chuyên môn, kiểm tra đánh giá, bồi dưỡng học sinh giỏi.",
            ),
            Person(
                "Đỗ Minh Trí",
                "Phó Hiệu trưởng",
                "Ban Giám hiệu",
                "(028) 3875 2218",
                _staff_email("tridm", "thcsnguyentrai"),
                "Phụ trách hoạt động trải nghiệm, hướng nghiệp, công nghệ thông tin, an ninh trường học.",
            ),
        ],
        teams=[
            "Tổ Toán – Tin",
            "Tổ Ngữ văn",
            "Tổ Khoa học tự nhiên",
            "Tổ Lịch sử và Địa lí – Giáo dục công dân",
            "Tổ Ngoại ngữ",
            "Tổ Nghệ thuật – Giáo dục thể chất – Công nghệ",
        ],
        associations=["Chi bộ", "Công đoàn", "Đoàn Thanh niên", "Liên đội Thiếu niên Tiền phong"],
        people=[
            Person("Lê Thanh Phong", "Tổ trưởng", "Tổ Toán – Tin"),
            Person("Phạm Thị Ngọc Diệp", "Tổ trưởng", "Tổ Ngữ văn"),
            Person("Nguyễn Hoàng Long", "Tổ trưởng", "Tổ Khoa học tự nhiên"),
            Person("Trương Thị Mỹ Dung", "Tổ trưởng", "Tổ Lịch sử và Địa lí – Giáo dục công dân"),
            Person("Huỳnh Ngọc Quỳnh", "Tổ trưởng", "Tổ Ngoại ngữ"),
            Person("Vũ Đức Thắng", "Tổ trưởng", "Tổ Nghệ thuật – Giáo dục thể chất – Công nghệ"),
            Person("Trần Quốc Bảo", "Bí thư Chi bộ", "Chi bộ"),
            Person("Phạm Thị Ngọc Diệp", "Chủ tịch Công đoàn", "Công đoàn"),
            Person("Nguyễn Thành Nhân", "Bí thư Đoàn trường", "Đoàn Thanh niên"),
            Person("Lê Thị Kim Chi", "Tổng phụ trách Đội", "Liên đội Thiếu niên Tiền phong"),
            Person("Đinh Thị Hoa", "Kế toán", "Tổ Văn phòng"),
            Person("Tạ Văn Lợi", "Nhân viên công nghệ thông tin", "Tổ Văn phòng"),
            Person("Châu Thị Lan", "Thư viện – thiết bị", "Tổ Văn phòng"),
        ],
        yearbook_now=(46, 94, 16, 2134, 0.48, 36, 10, 9820),
        growth=0.03,
        subjects=[
            (
                "Toán",
                [
                    (
                        "Toán 9 – sách điện tử",
                        "sach",
                        "https://hanhtrangso.nxbgd.vn",
                        "Bộ sách Kết nối tri thức với cuộc sống",
                    ),
                    (
                        "Hệ phương trình bậc nhất hai ẩn",
                        "elearning",
                        "https://igiaoduc.vn",
                        "Bài giảng e-learning ôn thi vào lớp 10",
                    ),
                ],
            ),
            (
                "Ngữ văn",
                [
                    (
                        "Ngữ văn 8 – sách điện tử",
                        "sach",
                        "https://hanhtrangso.nxbgd.vn",
                        "Bộ sách Kết nối tri thức với cuộc sống",
                    ),
                    (
                        "Kĩ năng viết bài văn nghị luận",
                        "hoc_lieu",
                        "https://igiaoduc.vn",
                        "Học liệu số dùng chung",
                    ),
                ],
            ),
            (
                "Khoa học tự nhiên",
                [
                    (
                        "Thí nghiệm ảo: mạch điện đơn giản",
                        "video",
                        "https://igiaoduc.vn",
                        "Video thí nghiệm lớp 8",
                    ),
                ],
            ),
        ],
    ),
    "th-thcs-ngoi-sao-nho": SchoolDemo(
        founded=2012,
        history=[
            (
                "Thành lập",
                _p(
                    "Trường Tiểu học và THCS Ngôi Sao Nhỏ là trường ngoài công lập, được thành "
                    "lập năm 2012 theo quyết định của Ủy ban nhân dân quận Bình Tân, khai giảng "
                    "khoá đầu tiên với 8 lớp tiểu học và 210 học sinh."
                ),
            ),
            (
                "Phát triển",
                _p(
                    "Năm 2016 trường mở cấp trung học cơ sở và đổi tên thành Trường Tiểu học và "
                    "THCS Ngôi Sao Nhỏ; năm 2019 hoàn thành khu nhà B với phòng thí nghiệm, phòng "
                    "máy tính, hồ bơi. Trường dạy chương trình của Bộ Giáo dục và Đào tạo, tăng "
                    "cường tiếng Anh và kĩ năng sống, học sinh học bán trú 2 buổi/ngày."
                ),
            ),
            (
                "Thành tích",
                _p(
                    "Trường đạt kiểm định chất lượng giáo dục cấp độ 2 năm 2022; học sinh đạt "
                    "nhiều giải trong các kì thi Olympic Tiếng Anh, Tin học trẻ và Hội khoẻ Phù "
                    "Đổng cấp quận."
                ),
            ),
        ],
        leaders=[
            Person(
                "Hoàng Thị Minh Châu",
                "Hiệu trưởng",
                "Ban Giám hiệu",
                "(028) 3765 3399",
                _staff_email("chauhtm", "ngoisaonho"),
                "Phụ trách chung; tổ chức, nhân sự, tài chính, quan hệ phụ huynh.",
            ),
            Person(
                "Nguyễn Đức Anh",
                "Phó Hiệu trưởng cấp Tiểu học",
                "Ban Giám hiệu",
                "(028) 3765 3398",
                _staff_email("anhnd", "ngoisaonho"),
                "Phụ trách chuyên môn cấp Tiểu học, bán trú, kĩ năng sống.",
            ),
            Person(
                "Lưu Thị Thanh Hà",
                "Phó Hiệu trưởng cấp THCS",
                "Ban Giám hiệu",
                "(028) 3765 3397",
                _staff_email("haltt", "ngoisaonho"),
                "Phụ trách chuyên môn cấp THCS, tiếng Anh tăng cường, tuyển sinh.",
            ),
        ],
        teams=[
            "Tổ Tiểu học khối 1 – 2",
            "Tổ Tiểu học khối 3 – 5",
            "Tổ Khoa học tự nhiên – Toán",
            "Tổ Khoa học xã hội",
            "Tổ Tiếng Anh",
        ],
        associations=["Công đoàn", "Chi đoàn Thanh niên", "Liên đội Thiếu niên Tiền phong"],
        people=[
            Person("Phạm Thị Thảo Vy", "Tổ trưởng", "Tổ Tiểu học khối 1 – 2"),
            Person("Trần Minh Khoa", "Tổ trưởng", "Tổ Tiểu học khối 3 – 5"),
            Person("Lê Hữu Nghĩa", "Tổ trưởng", "Tổ Khoa học tự nhiên – Toán"),
            Person("Đoàn Thị Mai Anh", "Tổ trưởng", "Tổ Khoa học xã hội"),
            Person("Nguyễn Thị Phương Thảo", "Tổ trưởng", "Tổ Tiếng Anh"),
            Person("Trần Minh Khoa", "Chủ tịch Công đoàn", "Công đoàn"),
            Person("Võ Thanh Sơn", "Bí thư Chi đoàn", "Chi đoàn Thanh niên"),
            Person("Dương Thị Ngọc Bích", "Tổng phụ trách Đội", "Liên đội Thiếu niên Tiền phong"),
            Person("Kiều Thị Hằng", "Kế toán", "Tổ Văn phòng"),
            Person("Lạc Thị Tuyết", "Tuyển sinh – văn thư", "Tổ Văn phòng"),
        ],
        yearbook_now=(26, 58, 24, 742, 0.47, 28, 8, 7200),
        growth=0.06,
        subjects=[
            (
                "Tiếng Anh",
                [
                    (
                        "Tiếng Anh 6 Global Success",
                        "sach",
                        "https://hanhtrangso.nxbgd.vn",
                        "Sách điện tử và tệp nghe",
                    ),
                    (
                        "Luyện nghe – nói theo chủ đề",
                        "elearning",
                        "https://igiaoduc.vn",
                        "Bài giảng e-learning",
                    ),
                ],
            ),
            (
                "Tin học",
                [
                    (
                        "Tin học 7 – sách điện tử",
                        "sach",
                        "https://hanhtrangso.nxbgd.vn",
                        "Bộ sách Kết nối tri thức với cuộc sống",
                    ),
                ],
            ),
            (
                "Toán",
                [
                    (
                        "Toán 2 – sách điện tử",
                        "sach",
                        "https://hanhtrangso.nxbgd.vn",
                        "Bộ sách Kết nối tri thức với cuộc sống",
                    ),
                ],
            ),
        ],
    ),
}

LEGAL_BODY = [
    ("heading", "Kế hoạch tuyên truyền, phổ biến, giáo dục pháp luật năm học"),
    (
        "paragraph",
        _p(
            "Nhà trường tổ chức tuyên truyền, phổ biến pháp luật cho cán bộ, giáo viên, nhân "
            "viên, học sinh và cha mẹ học sinh qua sinh hoạt dưới cờ, tiết sinh hoạt lớp, tủ sách "
            "pháp luật và trang thông tin điện tử của trường."
        ),
    ),
    (
        "paragraph",
        "<ul><li>Luật Giáo dục năm 2019</li><li>Luật Trẻ em năm 2016</li>"
        "<li>Luật Giao thông đường bộ; Luật Trật tự, an toàn giao thông đường bộ</li>"
        "<li>Luật Phòng, chống ma tuý; phòng, chống bạo lực học đường</li></ul>",
    ),
]
ACCREDITATION_BODY = [
    ("heading", "Kiểm định chất lượng giáo dục"),
    (
        "paragraph",
        _p(
            "Nhà trường thực hiện tự đánh giá hằng năm theo bộ tiêu chuẩn đánh giá chất lượng "
            "giáo dục của Bộ Giáo dục và Đào tạo; báo cáo tự đánh giá và kết quả đánh giá ngoài "
            "được công khai tại chuyên mục Công khai."
        ),
    ),
    ("heading", "Phổ cập giáo dục"),
    (
        "paragraph",
        _p(
            "Nhà trường phối hợp với Ủy ban nhân dân phường điều tra, cập nhật số liệu phổ cập "
            "giáo dục, xoá mù chữ hằng năm và huy động trẻ trong độ tuổi đến trường."
        ),
    ),
]


def _fill_body(page, blocks: list[tuple[str, str]]) -> None:
    if page is None or page.body:
        return
    page.body = blocks
    page.save_revision().publish()


def _people(demo: SchoolDemo) -> None:
    if StaffMember.objects.exists():
        return
    units = {unit.name: unit for unit in OrganisationUnit.objects.all()}

    def unit(name: str, kind: str, order: int) -> OrganisationUnit:
        if name not in units:
            units[name] = OrganisationUnit.objects.create(name=name, kind=kind, sort_order=order)
        return units[name]

    unit("Ban Giám hiệu", UnitKind.LEADERSHIP, 0)
    for order, name in enumerate(demo.associations, start=10):
        unit(name, UnitKind.ASSOCIATION, order)
    for order, name in enumerate(demo.teams, start=30):
        unit(name, UnitKind.SUBJECT_TEAM, order)
    unit("Tổ Văn phòng", UnitKind.OFFICE, 90)
    members = [
        StaffMember(
            full_name=person.name,
            title=person.title,
            unit=units[person.unit],
            phone=person.phone,
            email=person.email,
            duties=person.duties,
            sort_order=order,
        )
        for order, person in enumerate(demo.leaders + demo.people)
    ]
    for member in members:
        member.full_clean()
    StaffMember.objects.bulk_create(members)


def _yearbook(demo: SchoolDemo) -> None:
    page = YearbookPage.objects.first()
    if page is None or page.entries.exists():
        return
    classes, teachers, staff, students, female, rooms, subject_rooms, area = demo.yearbook_now
    start = parse_school_year(current_school_year())
    for back in range(5):
        factor = (1 + demo.growth) ** -back
        total = round(students * factor)
        YearbookEntry.objects.create(
            page=page,
            sort_order=back,
            school_year=format_school_year(start - back),
            classes=max(1, round(classes * factor)),
            teachers=max(1, round(teachers * factor)),
            staff=staff - (1 if back >= 3 else 0),
            students=total,
            students_female=round(total * female),
            classrooms=rooms - (2 if back >= 3 else 0),
            subject_rooms=subject_rooms - (1 if back >= 2 else 0),
            area=area,
        )


def _resources(demo: SchoolDemo) -> None:
    page = ResourcesPage.objects.first()
    if page is None or page.resources:
        return
    page.intro = (
        "<p>Học liệu số, bài giảng e-learning và sách điện tử do giáo viên nhà trường chọn lọc "
        "theo từng môn học, cùng liên kết tới các kho học liệu của ngành.</p>"
    )
    page.resources = [
        (
            "subject",
            {
                "subject": subject,
                "resources": [
                    {
                        "title": title,
                        "kind": kind,
                        "url": url,
                        "document": None,
                        "description": note,
                    }
                    for title, kind, url, note in items
                ],
            },
        )
        for subject, items in demo.subjects
    ]
    page.save_revision().publish()


def _profile(school) -> None:
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return
    profile = SchoolProfile.for_site(site)
    changed = False
    if not profile.map_url and school.slug in MAP_URLS:
        profile.map_url = MAP_URLS[school.slug]
        changed = True
    if not profile.office_hours:
        profile.office_hours = OFFICE_HOURS
        changed = True
    if changed:
        profile.save()


@transaction.atomic
def about_demo_load(school) -> None:
    """Fill the about pages of a demo school (run inside the school's schema)."""
    demo = DEMOS.get(school.slug)
    if demo is None:
        return
    history = AboutPage.objects.filter(slug=HISTORY_SLUG).first()
    if history is not None and not history.intro:
        history.intro = f"Chặng đường từ năm {demo.founded} đến nay của {school.name}."
    _fill_body(
        history,
        [
            block
            for heading, text in demo.history
            for block in (("heading", heading), ("paragraph", text))
        ],
    )
    _fill_body(
        AboutPage.objects.filter(slug=FUNCTIONS_SLUG).first(),
        [
            block
            for heading, text in FUNCTIONS_PARAGRAPHS
            for block in (("heading", heading), ("paragraph", text))
        ],
    )
    _fill_body(InfoPage.objects.filter(slug=LEGAL_SLUG).first(), LEGAL_BODY)
    _fill_body(InfoPage.objects.filter(slug=ACCREDITATION_SLUG).first(), ACCREDITATION_BODY)
    _people(demo)
    _yearbook(demo)
    _resources(demo)
    _profile(school)
    logger.info("Loaded about demo content for %s", school.slug)
