"""Demo công khai content for the demo schools: three school years, items by level.

Idempotent: an item is created only when its slug is missing under its year page.
The current year deliberately lacks some items at the private school (actual results
are published at the end of a year), so the grid shows what "Chưa công bố" looks like.
"""

from __future__ import annotations

import datetime
import uuid

from django.utils import timezone
from django.utils.text import slugify

from core.schoolyears import format_school_year
from disclosure.kinds import Category, Kind
from disclosure.models import DisclosureAttachment, DisclosureIndexPage, DisclosureItemPage
from disclosure.services import disclosure_section_ensure, disclosure_year_ensure
from schools.models import Ownership, SchoolLevel

DEMO_START_YEARS = (2024, 2025, 2026)


def _table(rows: list[list[str]], caption: str = "") -> dict:
    return {
        "type": "table",
        "value": {
            "data": rows,
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_caption": caption,
        },
        "id": str(uuid.uuid4()),
    }


def _text(html: str) -> dict:
    return {"type": "paragraph", "value": html, "id": str(uuid.uuid4())}


def _money(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")


def _is_preschool(school) -> bool:
    return school.level == SchoolLevel.PRESCHOOL


def _grades(school) -> str:
    return {
        SchoolLevel.PRESCHOOL: "nhà trẻ và mẫu giáo",
        SchoolLevel.PRIMARY: "lớp 1 đến lớp 5",
        SchoolLevel.LOWER_SECONDARY: "lớp 6 đến lớp 9",
        SchoolLevel.PRIMARY_LOWER_SECONDARY: "lớp 1 đến lớp 9",
    }.get(school.level, "các khối lớp")


def _general_info(school, year: str) -> dict:
    return {
        "title": f"Thông tin chung về nhà trường năm học {year}",
        "category": Category.GENERAL,
        "kind": Kind.GENERAL_INFO,
        "summary": "Tên trường, địa chỉ, loại hình, cơ quan quản lý, sứ mạng và tầm nhìn.",
        "body": [
            _table(
                [
                    ["Thông tin", "Nội dung"],
                    ["Tên trường", school.name],
                    ["Loại hình", Ownership(school.ownership).label],
                    ["Địa chỉ", school.address],
                    ["Điện thoại", school.phone],
                    ["Thư điện tử", school.email],
                    ["Cơ quan quản lý trực tiếp", f"Ủy ban nhân dân {school.district}"],
                    ["Quy mô", f"Các khối {_grades(school)}"],
                ]
            ),
            _text(
                "<p>Sứ mạng: xây dựng môi trường học tập an toàn, thân thiện, "
                "giúp mỗi học sinh phát triển toàn diện về phẩm chất và năng lực.</p>"
            ),
        ],
    }


def _commitment(school, year: str) -> dict:
    if _is_preschool(school):
        rows = [
            ["Nội dung", "Nhà trẻ", "Mẫu giáo"],
            [
                "Chương trình giáo dục",
                "Chương trình giáo dục mầm non",
                "Chương trình giáo dục mầm non",
            ],
            [
                "Kết quả nuôi dưỡng, chăm sóc",
                "100% trẻ được theo dõi sức khỏe bằng biểu đồ tăng trưởng",
                "Giảm tỷ lệ trẻ suy dinh dưỡng, thừa cân so với đầu năm",
            ],
            [
                "Phối hợp với gia đình",
                "Trao đổi hằng ngày qua sổ liên lạc và giờ đón trả trẻ",
                "Họp phụ huynh 3 lần/năm, trao đổi qua sổ liên lạc điện tử",
            ],
            ["Kết quả dự kiến", "Trẻ mạnh dạn, tự tin", "98% trẻ 5 tuổi hoàn thành chương trình"],
        ]
    else:
        rows = [
            ["Nội dung", "Cam kết của nhà trường"],
            ["Điều kiện tuyển sinh", "Theo kế hoạch tuyển sinh của Ủy ban nhân dân phường"],
            ["Chương trình giáo dục", "Chương trình giáo dục phổ thông 2018"],
            [
                "Yêu cầu phối hợp giữa nhà trường và gia đình",
                "Họp cha mẹ học sinh 3 lần/năm; sổ liên lạc điện tử",
            ],
            ["Hoạt động hỗ trợ học tập", "Thư viện, câu lạc bộ, phụ đạo học sinh chưa đạt"],
            [
                "Kết quả dự kiến",
                "Trên 98% học sinh hoàn thành chương trình lớp học; 100% học sinh được rèn "
                "luyện phẩm chất",
            ],
        ]
    return {
        "title": f"Thông báo cam kết chất lượng giáo dục năm học {year}",
        "category": Category.COMMITMENT,
        "kind": Kind.QUALITY_COMMITMENT,
        "summary": "Cam kết của nhà trường về chương trình, điều kiện và kết quả giáo dục.",
        "body": [_table(rows, caption=f"Cam kết chất lượng giáo dục năm học {year}")],
        "attachment": f"Thông báo cam kết chất lượng giáo dục năm học {year}",
    }


def _level_commitment(school, year: str, start: int) -> dict:
    if _is_preschool(school):
        return {
            "title": f"Kế hoạch tuyển sinh trẻ mầm non năm học {year}",
            "category": Category.COMMITMENT,
            "kind": Kind.ENROLMENT,
            "summary": "Đối tượng, chỉ tiêu, thời gian nhận hồ sơ và kết quả tuyển sinh.",
            "body": [
                _table(
                    [
                        ["Độ tuổi", "Số nhóm/lớp", "Chỉ tiêu"],
                        [f"Nhà trẻ 18–36 tháng (sinh năm {start - 2}–{start - 1})", "3", "75"],
                        [f"Mẫu giáo 3 tuổi (sinh năm {start - 3})", "3", "90"],
                        [f"Mẫu giáo 4 tuổi (sinh năm {start - 4})", "3", "100"],
                        [f"Mẫu giáo 5 tuổi (sinh năm {start - 5})", "3", "105"],
                    ]
                ),
                _text(f"<p>Thời gian nhận hồ sơ: từ 01/07/{start} đến 31/07/{start}.</p>"),
            ],
        }
    return {
        "title": f"Danh mục sách giáo khoa sử dụng năm học {year}",
        "category": Category.COMMITMENT,
        "kind": Kind.TEXTBOOKS,
        "summary": "Sách giáo khoa đã được Ủy ban nhân dân Thành phố phê duyệt lựa chọn.",
        "body": [
            _table(
                [
                    ["Môn học", "Tên sách", "Bộ sách", "Nhà xuất bản"],
                    [
                        "Tiếng Việt / Ngữ văn",
                        "Tiếng Việt 1, Ngữ văn 6",
                        "Kết nối tri thức với cuộc sống",
                        "Giáo dục Việt Nam",
                    ],
                    ["Toán", "Toán 1, Toán 6", "Chân trời sáng tạo", "Giáo dục Việt Nam"],
                    [
                        "Tiếng Anh",
                        "i-Learn Smart Start, Global Success",
                        "—",
                        "Đại học Sư phạm TP.HCM",
                    ],
                    ["Khoa học tự nhiên", "Khoa học tự nhiên 6", "Cánh Diều", "Đại học Sư phạm"],
                    [
                        "Lịch sử và Địa lí",
                        "Lịch sử và Địa lí 6",
                        "Kết nối tri thức với cuộc sống",
                        "Giáo dục Việt Nam",
                    ],
                ]
            )
        ],
    }


def _quality(school, year: str, start: int) -> dict:
    previous = format_school_year(start - 1)
    if _is_preschool(school):
        rows = [
            ["Nội dung", "Nhà trẻ", "Mẫu giáo"],
            ["Tổng số trẻ", "72", "288"],
            ["Trẻ được ăn bán trú tại trường", "72 (100%)", "288 (100%)"],
            ["Trẻ có cân nặng bình thường", "68 (94,4%)", "271 (94,1%)"],
            ["Trẻ suy dinh dưỡng thể nhẹ cân", "1 (1,4%)", "4 (1,4%)"],
            ["Trẻ thừa cân, béo phì", "3 (4,2%)", "13 (4,5%)"],
            ["Trẻ 5 tuổi hoàn thành chương trình", "—", "102/104 (98,1%)"],
        ]
        title = f"Chất lượng nuôi dưỡng, chăm sóc và giáo dục trẻ năm học {previous}"
    elif school.level == SchoolLevel.PRIMARY:
        rows = [
            ["Mức đạt được", "Số học sinh", "Tỷ lệ"],
            ["Hoàn thành xuất sắc", "412", "27,1%"],
            ["Hoàn thành tốt", "598", "39,3%"],
            ["Hoàn thành", "503", "33,1%"],
            ["Chưa hoàn thành", "8", "0,5%"],
            ["Hoàn thành chương trình tiểu học (lớp 5)", "301/301", "100%"],
        ]
        title = f"Chất lượng giáo dục thực tế năm học {previous}"
    else:
        rows = [
            ["Kết quả học tập", "Số học sinh", "Tỷ lệ"],
            ["Tốt", "538", "31,6%"],
            ["Khá", "702", "41,3%"],
            ["Đạt", "441", "25,9%"],
            ["Chưa đạt", "20", "1,2%"],
            ["Học sinh lớp 9 được công nhận tốt nghiệp THCS", "418/420", "99,5%"],
        ]
        title = f"Chất lượng giáo dục thực tế năm học {previous}"
    return {
        "title": title,
        "category": Category.QUALITY,
        "kind": Kind.QUALITY_RESULTS,
        "summary": f"Kết quả đánh giá cuối năm học {previous}, công bố đầu năm học {year}.",
        "body": [_table(rows)],
    }


def _level_quality(school, year: str, start: int) -> dict:
    if _is_preschool(school):
        return {
            "title": f"Thực đơn tuần 1 tháng 11/{start}",
            "category": Category.QUALITY,
            "kind": Kind.DAILY_MENU,
            "summary": "Thực đơn bán trú hằng ngày của trẻ nhà trẻ và mẫu giáo.",
            "body": [
                _table(
                    [
                        ["Ngày", "Bữa sáng", "Bữa trưa", "Bữa xế"],
                        [
                            "Thứ Hai",
                            "Cháo thịt bằm cà rốt",
                            "Cơm, thịt kho trứng cút, canh bí đỏ nấu tôm",
                            "Sữa chua, bánh bông lan",
                        ],
                        [
                            "Thứ Ba",
                            "Bún bò Huế",
                            "Cơm, cá basa sốt cà, canh cải ngọt thịt bằm",
                            "Chè đậu xanh phổ tai",
                        ],
                        [
                            "Thứ Tư",
                            "Hủ tiếu Nam Vang",
                            "Cơm, gà kho gừng, canh rau ngót nấu thịt",
                            "Sữa tươi, chuối",
                        ],
                        [
                            "Thứ Năm",
                            "Bánh canh cua",
                            "Cơm, bò xào đậu que, canh khoai mỡ tôm",
                            "Bánh flan",
                        ],
                        [
                            "Thứ Sáu",
                            "Nui xào thịt bò",
                            "Cơm, tôm rim thịt, canh bầu nấu tôm",
                            "Sữa chua uống, thanh long",
                        ],
                    ],
                    caption=f"Thực đơn tuần 1 tháng 11/{start}",
                )
            ],
            "published_on": datetime.date(start, 10, 30),
        }
    return {
        "title": "Kết quả tự đánh giá và kiểm định chất lượng giáo dục",
        "category": Category.QUALITY,
        "kind": Kind.SELF_EVALUATION,
        "summary": "Nhà trường đạt kiểm định chất lượng giáo dục cấp độ 2 và chuẩn quốc gia mức độ 1.",
        "body": [
            _table(
                [
                    ["Nội dung", "Kết quả", "Năm công nhận"],
                    ["Kiểm định chất lượng giáo dục", "Cấp độ 2", "2023"],
                    ["Trường đạt chuẩn quốc gia", "Mức độ 1", "2023"],
                    ["Tự đánh giá năm học", f"Hoàn thành báo cáo tự đánh giá {year}", str(start)],
                ]
            )
        ],
    }


def _staff(school, year: str) -> dict:
    preschool = _is_preschool(school)
    rows = [
        ["Nội dung", "Tổng số", "Thạc sĩ", "Đại học", "Cao đẳng", "Trung cấp"],
        ["Cán bộ quản lý", "3", "1", "2", "0", "0"],
        [
            "Giáo viên",
            "32" if preschool else "68",
            "0" if preschool else "6",
            "24" if preschool else "60",
            "8" if preschool else "2",
            "0",
        ],
        ["Nhân viên", "14" if preschool else "12", "0", "3", "2", "4"],
    ]
    return {
        "title": f"Công khai đội ngũ cán bộ quản lý, giáo viên, nhân viên năm học {year}",
        "category": Category.CONDITIONS,
        "kind": Kind.STAFF,
        "summary": "Số lượng và trình độ đào tạo của đội ngũ.",
        "body": [_table(rows)],
    }


def _facilities(school, year: str) -> list[dict]:
    if _is_preschool(school):
        rows = [
            ["Nội dung", "Số lượng", "Bình quân"],
            ["Phòng sinh hoạt chung", "12", "2,1 m²/trẻ"],
            ["Phòng ngủ", "12", "1,6 m²/trẻ"],
            ["Bếp ăn một chiều", "1", "—"],
            ["Sân chơi ngoài trời", "1.200 m²", "3,3 m²/trẻ"],
        ]
        return [
            {
                "title": f"Công khai cơ sở vật chất năm học {year}",
                "category": Category.CONDITIONS,
                "kind": Kind.FACILITIES,
                "summary": "Phòng học, phòng chức năng, bếp ăn và sân chơi.",
                "body": [_table(rows)],
            }
        ]
    return [
        {
            "title": f"Công khai cơ sở vật chất năm học {year}",
            "category": Category.CONDITIONS,
            "kind": Kind.FACILITIES,
            "summary": "Phòng học, phòng bộ môn, thư viện, thiết bị dạy học.",
            "body": [
                _table(
                    [
                        ["Nội dung", "Số lượng"],
                        ["Phòng học", "36"],
                        ["Phòng học bộ môn", "6"],
                        ["Thư viện", "1 (đạt chuẩn mức độ 1)"],
                        ["Máy chiếu, tivi trong lớp học", "42"],
                    ]
                )
            ],
        },
        {
            "title": f"Diện tích đất, phòng học so với mức tối thiểu năm học {year}",
            "category": Category.CONDITIONS,
            "kind": Kind.LAND_AND_ROOMS,
            "summary": "So sánh với tiêu chuẩn cơ sở vật chất tối thiểu của Bộ GD&ĐT.",
            "body": [
                _table(
                    [
                        ["Nội dung", "Thực tế", "Mức tối thiểu", "Đánh giá"],
                        ["Diện tích đất bình quân", "8,2 m²/học sinh", "6 m²/học sinh", "Đạt"],
                        ["Số phòng học / số lớp", "36/36", "1 phòng/lớp", "Đạt"],
                    ]
                )
            ],
        },
    ]


def _finance(school, year: str, start: int) -> list[dict]:
    public = school.ownership == Ownership.PUBLIC
    total = 18_640_000_000 if public else 42_300_000_000
    items = [
        {
            "title": f"Công khai thu chi tài chính năm {start - 1}",
            "category": Category.FINANCE,
            "kind": Kind.REVENUE_SPENDING,
            "summary": f"Quyết toán thu chi năm tài chính {start - 1}.",
            "body": [
                _table(
                    [
                        ["Nội dung", "Số tiền (đồng)"],
                        ["Tổng thu", _money(total)],
                        [
                            "  Ngân sách nhà nước cấp" if public else "  Học phí",
                            _money(total * 82 // 100),
                        ],
                        ["  Thu dịch vụ hỗ trợ giáo dục", _money(total * 18 // 100)],
                        ["Tổng chi", _money(total * 97 // 100)],
                        ["  Chi lương và phụ cấp", _money(total * 68 // 100)],
                        ["  Chi hoạt động chuyên môn", _money(total * 19 // 100)],
                        ["  Chi mua sắm, sửa chữa", _money(total * 10 // 100)],
                    ]
                )
            ],
            "published_on": datetime.date(start, 6, 25),
        }
    ]
    if public:
        tuition = (
            "Miễn học phí"
            if start >= 2025 or school.level == SchoolLevel.PRIMARY
            else "Theo nghị quyết của HĐND Thành phố"
        )
    else:
        tuition = _money(4_500_000 + (start - 2024) * 250_000) + " đồng/tháng"
    rows = [
        ["Khoản thu", "Mức thu", "Căn cứ"],
        [
            "Học phí",
            tuition,
            "Nghị quyết 217/2025/QH15"
            if public and start >= 2025
            else "Quyết định của nhà trường"
            if not public
            else "Luật Giáo dục 2019",
        ],
        [
            "Tiền ăn bán trú",
            _money(35_000 + (start - 2024) * 2_000) + " đồng/ngày",
            "Thỏa thuận với cha mẹ học sinh",
        ],
        [
            "Dịch vụ tổ chức bán trú",
            _money(250_000) + " đồng/tháng",
            "Nghị quyết của HĐND Thành phố",
        ],
        ["Bảo hiểm y tế học sinh", _money(884_520) + " đồng/12 tháng", "Luật Bảo hiểm y tế"],
    ]
    items.append(
        {
            "title": f"Mức thu học phí và các khoản thu năm học {year}",
            "category": Category.FINANCE,
            "kind": Kind.FEES,
            "summary": "Học phí và mọi khoản thu của năm học, công bố trước khi tuyển sinh.",
            "body": [
                _table(rows),
                _text(
                    "<p>Nhà trường không thu bất kỳ khoản nào ngoài các khoản đã công khai. "
                    "Mọi thắc mắc xin liên hệ văn phòng trường.</p>"
                ),
            ],
            "published_on": datetime.date(start, 6, 20),
        }
    )
    return items


def _items_for(school, start: int) -> list[dict]:
    year = format_school_year(start)
    items = [
        _general_info(school, year),
        _commitment(school, year),
        _level_commitment(school, year, start),
        _level_quality(school, year, start),
        _staff(school, year),
        *_facilities(school, year),
        *_finance(school, year, start),
    ]
    # Actual results are not yet published for the current year at the private school.
    if not (start == DEMO_START_YEARS[-1] and school.ownership == Ownership.PRIVATE):
        items.append(_quality(school, year, start))
    return items


def _attachment(title: str):
    from admin_procedures.pdf import document_from_lines

    return document_from_lines(
        title=title,
        lines=[
            title.upper(),
            "",
            "Nhà trường thông báo công khai nội dung trên theo Thông tư 09/2024/TT-BGDĐT.",
            "Bản có chữ ký và đóng dấu được lưu tại văn phòng trường.",
        ],
    )


def load_demo_content(school) -> None:
    """Three school years of công khai for one demo school (inside its schema)."""
    from wagtail.models import Page

    from core.models import SchoolHomePage

    home = SchoolHomePage.objects.first()
    if home is None:
        return
    index = DisclosureIndexPage.objects.child_of(home).first() or disclosure_section_ensure(
        home=home
    )
    for start in DEMO_START_YEARS:
        year_page = disclosure_year_ensure(index=index, school_year=format_school_year(start))
        existing = set(Page.objects.child_of(year_page).values_list("slug", flat=True))
        for data in _items_for(school, start):
            slug = slugify(data["title"].replace("đ", "d").replace("Đ", "D").replace("–", "-"))[:80]
            if slug in existing:
                continue
            published_on = data.get("published_on") or datetime.date(start, 9, 5)
            attachments = (
                [DisclosureAttachment(document=_attachment(data["attachment"]))]
                if data.get("attachment")
                else []
            )
            item = year_page.add_child(
                instance=DisclosureItemPage(
                    title=data["title"],
                    slug=slug,
                    category=data["category"],
                    kind=data["kind"],
                    summary=data["summary"],
                    body=data["body"],
                    published_on=published_on,
                    attachments=attachments,
                )
            )
            item.save_revision().publish()
            # Back-dated like the real notices, so "Cập nhật" is not today's date.
            moment = timezone.make_aware(
                datetime.datetime.combine(published_on, datetime.time(8, 0))
            )
            DisclosureItemPage.objects.filter(pk=item.pk).update(
                first_published_at=moment, last_published_at=moment
            )
