"""Demo procedures (the six forms of seed 001, as relevant to the level) and admissions.

Idempotent: a procedure is created only when its slug is missing; the admission page is
filled only while it is still empty.
"""

from __future__ import annotations

import datetime
import uuid

from admin_procedures.models import AdmissionDate, ProcedureForm, ProcedurePage
from admin_procedures.pdf import document_from_lines, docx_document_from_lines
from admin_procedures.services import admission_page_ensure, procedure_section_ensure
from schools.models import SchoolLevel

PRESCHOOL = {SchoolLevel.PRESCHOOL}
PRIMARY = {SchoolLevel.PRIMARY, SchoolLevel.PRIMARY_LOWER_SECONDARY}
SECONDARY = {SchoolLevel.LOWER_SECONDARY, SchoolLevel.PRIMARY_LOWER_SECONDARY}
ALL = PRESCHOOL | PRIMARY | SECONDARY

SIGNATURE = [
    "",
    ">……………, ngày …… tháng …… năm 20……",
    ">Người làm đơn",
    ">(Ký và ghi rõ họ tên)",
]


def _steps(*steps: tuple[str, str]) -> list[dict]:
    return [
        {"type": "step", "value": {"title": title, "detail": detail}, "id": str(uuid.uuid4())}
        for title, detail in steps
    ]


def _ul(*items: str) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def _procedures(school) -> list[dict]:
    name = school.name
    office = f"Văn phòng {name}, {school.address}. Sáng 7g30–11g00, chiều 13g30–16g30, thứ Hai đến thứ Sáu."
    preschool = school.level == SchoolLevel.PRESCHOOL
    pupil = "trẻ" if preschool else "học sinh"
    return [
        {
            "slug": "don-xin-nghi-hoc",
            "levels": ALL,
            "title": "Xin phép nghỉ học",
            "summary": f"Cha mẹ xin phép cho {pupil} nghỉ học có lý do.",
            "applicant": "Cha mẹ hoặc người giám hộ",
            "steps": _steps(
                ("Tải và điền đơn xin nghỉ học", "Ghi rõ thời gian nghỉ và lý do."),
                (
                    "Gửi đơn cho giáo viên chủ nhiệm",
                    "Trước ngày nghỉ; trường hợp đột xuất, báo qua điện thoại và bổ sung đơn khi đi học lại.",
                ),
                ("Giáo viên chủ nhiệm ghi nhận", "Nghỉ quá 3 ngày, giáo viên báo Ban Giám hiệu."),
            ),
            "dossier": _ul(
                "Đơn xin nghỉ học (01 bản)",
                "Giấy xác nhận của cơ sở y tế (nếu nghỉ ốm từ 3 ngày trở lên)",
            ),
            "time_limit": "Ngay trong ngày nhận đơn",
            "where": "Giáo viên chủ nhiệm lớp hoặc văn phòng trường.",
            "legal": "Thông tư 52/2020/TT-BGDĐT (Điều lệ trường mầm non)"
            if preschool
            else "Thông tư 28/2020/TT-BGDĐT (Điều lệ trường tiểu học); Thông tư 32/2020/TT-BGDĐT (Điều lệ trường trung học cơ sở)",
            "form": (
                "Đơn xin nghỉ học",
                [
                    f"Kính gửi: Giáo viên chủ nhiệm lớp …… – {name}",
                    "Họ và tên cha/mẹ (người giám hộ)…",
                    f"Là phụ huynh của {pupil}…",
                    "Lớp…",
                    "Xin phép cho con được nghỉ học từ ngày ……/……/20…… đến ngày ……/……/20……",
                    "Lý do…",
                    "Tôi xin cam kết giúp con học bù kiến thức trong những ngày nghỉ.",
                    "Số điện thoại liên hệ…",
                    *SIGNATURE,
                ],
            ),
        },
        {
            "slug": "don-xin-phuc-khao",
            "levels": PRIMARY | SECONDARY,
            "title": "Phúc khảo bài kiểm tra, bài thi",
            "summary": "Đề nghị chấm lại bài kiểm tra định kỳ hoặc bài thi khi chưa đồng ý với kết quả.",
            "applicant": "Học sinh, cha mẹ học sinh",
            "steps": _steps(
                ("Nộp đơn phúc khảo", "Trong 03 ngày làm việc kể từ ngày công bố điểm."),
                (
                    "Nhà trường thành lập tổ phúc khảo",
                    "Hai giáo viên chấm lại độc lập, không chấm lần đầu.",
                ),
                ("Thông báo kết quả phúc khảo", "Bằng văn bản cho cha mẹ học sinh."),
            ),
            "dossier": _ul("Đơn xin phúc khảo (01 bản)"),
            "time_limit": "05 ngày làm việc kể từ ngày nhận đơn",
            "where": office,
            "legal": "Thông tư 27/2020/TT-BGDĐT; Thông tư 22/2021/TT-BGDĐT về đánh giá học sinh",
            "form": (
                "Đơn xin phúc khảo bài kiểm tra, bài thi",
                [
                    f"Kính gửi: Hiệu trưởng {name}",
                    "Họ và tên học sinh…",
                    "Lớp…",
                    "Môn học đề nghị phúc khảo…",
                    "Bài kiểm tra/bài thi (giữa kỳ, cuối kỳ, học kỳ)…",
                    "Điểm (mức đạt) đã công bố…",
                    "Lý do đề nghị phúc khảo…",
                    "Tôi cam đoan những thông tin trên là đúng sự thật.",
                    *SIGNATURE,
                ],
            ),
        },
        {
            "slug": "xet-tuyen-dau-cap",
            "levels": ALL,
            "title": "Đăng ký xét tuyển đầu cấp"
            + (
                " (trẻ mầm non)"
                if preschool
                else " (lớp 1, lớp 6)"
                if school.level == SchoolLevel.PRIMARY_LOWER_SECONDARY
                else " (lớp 6)"
                if school.level == SchoolLevel.LOWER_SECONDARY
                else " (lớp 1)"
            ),
            "summary": "Thông tin và phiếu đăng ký xét tuyển học sinh đầu cấp. Kế hoạch chi tiết xem tại mục Tuyển sinh.",
            "applicant": "Cha mẹ có con trong độ tuổi vào học đầu cấp, cư trú trên địa bàn",
            "steps": _steps(
                (
                    "Kiểm tra thông tin và đăng ký trực tuyến",
                    "Trên hệ thống tuyển sinh đầu cấp của Thành phố, bằng mã định danh cá nhân của con.",
                ),
                ("Nộp hồ sơ nhập học", "Tại trường, theo lịch trong mục Tuyển sinh."),
                (
                    "Nhận kết quả",
                    "Danh sách trúng tuyển niêm yết tại trường và đăng trên trang này.",
                ),
            ),
            "dossier": _ul(
                "Phiếu thông tin xét tuyển (01 bản)",
                "Bản sao giấy khai sinh hợp lệ",
                "Học bạ hoặc giấy xác nhận hoàn thành chương trình tiểu học (tuyển sinh lớp 6)"
                if not preschool
                else "Sổ theo dõi tiêm chủng của trẻ",
            ),
            "time_limit": "Theo kế hoạch tuyển sinh hằng năm",
            "where": office,
            "legal": "Kế hoạch tuyển sinh đầu cấp của Ủy ban nhân dân Thành phố Hồ Chí Minh; Thông tư 30/2024/TT-BGDĐT (Quy chế tuyển sinh trung học cơ sở và trung học phổ thông)",
            "form": (
                "Phiếu thông tin xét tuyển học sinh đầu cấp",
                [
                    f"Kính gửi: Hội đồng tuyển sinh {name}",
                    "Họ và tên học sinh (chữ in hoa)…",
                    "Ngày sinh……/……/……    Giới tính…",
                    "Mã định danh cá nhân…",
                    "Nơi cư trú…",
                    "Trường mầm non/tiểu học đã học…",
                    "Họ tên cha…",
                    "Họ tên mẹ…",
                    "Số điện thoại liên hệ…",
                    *SIGNATURE,
                ],
            ),
        },
        {
            "slug": "don-xin-chuyen-truong",
            "levels": ALL,
            "title": "Chuyển trường",
            "summary": f"Xin chuyển {pupil} đi hoặc tiếp nhận {pupil} từ trường khác đến.",
            "applicant": "Cha mẹ hoặc người giám hộ",
            "steps": _steps(
                (
                    "Nộp đơn xin chuyển trường",
                    "Có ý kiến đồng ý tiếp nhận của trường nơi chuyển đến.",
                ),
                ("Hiệu trưởng xem xét, giải quyết", "Nhà trường trả học bạ và hồ sơ học sinh."),
                ("Nộp hồ sơ tại trường chuyển đến", ""),
            ),
            "dossier": _ul(
                "Đơn xin chuyển trường (01 bản)",
                "Học bạ (bản chính)" if not preschool else "Phiếu theo dõi sức khỏe của trẻ",
                "Giấy giới thiệu chuyển trường do Hiệu trưởng trường nơi đi cấp",
            ),
            "time_limit": "03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
            "where": office,
            "legal": "Thông tư 50/2021/TT-BGDĐT (chuyển trường học sinh trung học cơ sở, trung học phổ thông); Thông tư 28/2020/TT-BGDĐT (Điều lệ trường tiểu học)",
            "form": (
                "Đơn xin chuyển trường",
                [
                    f"Kính gửi: Hiệu trưởng {name}",
                    "Họ và tên cha/mẹ (người giám hộ)…",
                    f"Xin cho {pupil}…",
                    "Ngày sinh……/……/……    Lớp…",
                    "Được chuyển đến trường…",
                    "Thuộc phường/xã, tỉnh/thành phố…",
                    "Lý do chuyển trường…",
                    *SIGNATURE,
                ],
            ),
        },
        {
            "slug": "cap-ban-sao-bang-tot-nghiep-thcs",
            "levels": SECONDARY,
            "title": "Cấp bản sao bằng tốt nghiệp THCS từ sổ gốc",
            "summary": "Người đã được cấp bằng tốt nghiệp trung học cơ sở đề nghị cấp bản sao từ sổ gốc.",
            "applicant": "Người được cấp bằng hoặc người đại diện theo pháp luật",
            "steps": _steps(
                ("Nộp đơn đề nghị cấp bản sao", "Trực tiếp hoặc qua bưu chính."),
                ("Nhà trường đối chiếu sổ gốc cấp bằng", ""),
                ("Nhận bản sao", "Ký nhận tại văn phòng trường."),
            ),
            "dossier": _ul(
                "Đơn đề nghị cấp bản sao bằng tốt nghiệp THCS (01 bản)",
                "Căn cước hoặc giấy tờ tùy thân còn giá trị (xuất trình)",
            ),
            "time_limit": "Trong ngày tiếp nhận; nộp sau 15 giờ thì trả trong ngày làm việc tiếp theo",
            "where": office,
            "legal": "Nghị định 23/2015/NĐ-CP về cấp bản sao từ sổ gốc; Thông tư 21/2019/TT-BGDĐT (Quy chế quản lý bằng tốt nghiệp THCS, THPT, văn bằng giáo dục đại học và chứng chỉ)",
            "form": (
                "Đơn đề nghị cấp bản sao bằng tốt nghiệp THCS",
                [
                    f"Kính gửi: Hiệu trưởng {name}",
                    "Họ và tên người đề nghị…",
                    "Ngày sinh……/……/……    Nơi sinh…",
                    "Số căn cước…",
                    "Năm tốt nghiệp THCS……    Số hiệu bằng…",
                    "Số vào sổ gốc cấp bằng…",
                    "Số lượng bản sao đề nghị cấp…",
                    "Lý do…",
                    *SIGNATURE,
                ],
            ),
        },
        {
            "slug": "chinh-sua-van-bang-tot-nghiep-thcs",
            "levels": SECONDARY,
            "title": "Chỉnh sửa nội dung văn bằng tốt nghiệp THCS",
            "summary": "Đề nghị chỉnh sửa họ tên, ngày sinh… trên bằng tốt nghiệp THCS khi đã được cải chính hộ tịch.",
            "applicant": "Người được cấp bằng",
            "steps": _steps(
                ("Nộp hồ sơ đề nghị chỉnh sửa tại trường", ""),
                (
                    "Nhà trường chuyển hồ sơ đến cơ quan đã cấp văn bằng",
                    "Cơ quan quản lý giáo dục xem xét, ra quyết định chỉnh sửa.",
                ),
                ("Nhận văn bằng đã chỉnh sửa và quyết định chỉnh sửa", ""),
            ),
            "dossier": _ul(
                "Đơn đề nghị chỉnh sửa nội dung văn bằng (01 bản)",
                "Văn bằng đề nghị chỉnh sửa (bản chính)",
                "Quyết định cho phép thay đổi, cải chính hộ tịch (bản sao)",
                "Giấy khai sinh (bản sao)",
                "Căn cước hoặc giấy tờ tùy thân (bản sao)",
            ),
            "time_limit": "05 ngày làm việc kể từ ngày cơ quan cấp văn bằng nhận đủ hồ sơ hợp lệ",
            "where": office,
            "legal": "Thông tư 21/2019/TT-BGDĐT, Điều 22–23 (chỉnh sửa nội dung văn bằng, chứng chỉ)",
            "form": (
                "Đơn đề nghị chỉnh sửa nội dung văn bằng tốt nghiệp THCS",
                [
                    "Kính gửi: Cơ quan cấp văn bằng (qua nhà trường)",
                    "Họ và tên người đề nghị…",
                    "Ngày sinh……/……/……    Nơi sinh…",
                    "Năm tốt nghiệp THCS……    Trường…",
                    "Số hiệu văn bằng……    Số vào sổ gốc…",
                    "Nội dung ghi trên văn bằng…",
                    "Nội dung đề nghị chỉnh sửa…",
                    "Lý do (căn cứ quyết định cải chính hộ tịch số)…",
                    *SIGNATURE,
                ],
            ),
        },
    ]


def _admission(school) -> dict:
    level = school.level
    if level == SchoolLevel.PRESCHOOL:
        grade, quota, detail = "trẻ mầm non", 370, "3 nhóm nhà trẻ, 9 lớp mẫu giáo"
        who = "Trẻ từ 18 tháng đến 5 tuổi (sinh từ năm 2021 đến tháng 3/2025), cư trú trên địa bàn phường."
    elif level == SchoolLevel.PRIMARY:
        grade, quota, detail = "lớp 1", 315, "9 lớp 1, tối đa 35 học sinh/lớp"
        who = "Trẻ sinh năm 2020 (6 tuổi), cư trú trên địa bàn phường theo phân tuyến của Ủy ban nhân dân phường."
    elif level == SchoolLevel.LOWER_SECONDARY:
        grade, quota, detail = "lớp 6", 540, "12 lớp 6, 45 học sinh/lớp"
        who = "Học sinh hoàn thành chương trình tiểu học, sinh năm 2015, cư trú trên địa bàn được phân tuyến."
    else:
        grade, quota, detail = (
            "lớp 1 và lớp 6",
            240,
            "4 lớp 1 (120 học sinh), 4 lớp 6 (120 học sinh)",
        )
        who = "Trẻ sinh năm 2020 vào lớp 1; học sinh hoàn thành chương trình tiểu học vào lớp 6. Trường ngoài công lập tuyển sinh không phân tuyến."
    return {
        "grade": grade,
        "quota": quota,
        "detail": detail,
        "who": who,
    }


def _candidate_table(grade: str) -> list[dict]:
    born = {"lớp 6": 2015, "trẻ mầm non": 2022}.get(grade, 2020)
    rows = [
        ["STT", "Họ và tên", "Ngày sinh", "Kết quả"],
        ["1", "Nguyễn Minh Anh", f"12/03/{born}", "Trúng tuyển"],
        ["2", "Trần Gia Bảo", f"05/07/{born}", "Trúng tuyển"],
        ["3", "Lê Ngọc Hân", f"21/09/{born}", "Trúng tuyển"],
        ["4", "Phạm Đức Huy", f"30/11/{born}", "Trúng tuyển"],
    ]
    return [
        {
            "type": "table",
            "value": {
                "data": rows,
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "table_caption": f"Danh sách trúng tuyển {grade} (trích)",
            },
            "id": str(uuid.uuid4()),
        }
    ]


def load_demo_content(school) -> None:
    """The level's procedures with their forms (PDF to print, DOCX to fill in), and the admission page (school schema)."""
    from core.models import SchoolHomePage

    home = SchoolHomePage.objects.first()
    if home is None:
        return
    index = procedure_section_ensure(home=home)
    existing = set(ProcedurePage.objects.child_of(index).values_list("slug", flat=True))
    for data in _procedures(school):
        if school.level not in data["levels"] or data["slug"] in existing:
            continue
        form_title, form_lines = data["form"]
        document = document_from_lines(title=form_title, lines=form_lines)
        # The same form as Word, as schools hand it out: filled in on a computer, searchable.
        docx = docx_document_from_lines(title=form_title, lines=form_lines)
        page = index.add_child(
            instance=ProcedurePage(
                title=data["title"],
                slug=data["slug"],
                summary=data["summary"],
                applicant=data["applicant"],
                steps=data["steps"],
                dossier=data["dossier"],
                time_limit=data["time_limit"],
                fee="Không thu phí",
                where_to_submit=data["where"],
                legal_basis=f"<p>{data['legal']}</p>",
                forms=[
                    ProcedureForm(document=document, sort_order=0),
                    ProcedureForm(
                        document=docx, caption=f"{form_title} (điền trên máy tính)", sort_order=1
                    ),
                ],
            )
        )
        page.save_revision().publish()

    admission = admission_page_ensure(home=home)
    if admission.plan:
        return
    info = _admission(school)
    admission.school_year = "2026–2027"
    admission.plan = (
        f"<p>Thực hiện kế hoạch tuyển sinh đầu cấp năm học 2026–2027 của Ủy ban nhân dân "
        f"Thành phố Hồ Chí Minh, {school.name} thông báo tuyển sinh {info['grade']} như sau.</p>"
    )
    admission.quota = info["quota"]
    admission.quota_detail = info["detail"]
    admission.conditions = f"<p>{info['who']}</p>"
    admission.dossier = _ul(
        "Phiếu thông tin xét tuyển (tải tại mục Thủ tục – Biểu mẫu)",
        "Bản sao giấy khai sinh hợp lệ",
        "Học bạ tiểu học (đối với lớp 6)" if "lớp 6" in info["grade"] else "Sổ theo dõi tiêm chủng",
    )
    admission.venue = f"Văn phòng {school.name}, {school.address}."
    admission.dates = [
        AdmissionDate(
            label="Kiểm tra thông tin, đăng ký trực tuyến",
            start=datetime.date(2026, 6, 1),
            end=datetime.date(2026, 6, 10),
        ),
        AdmissionDate(
            label="Nộp hồ sơ nhập học tại trường",
            start=datetime.date(2026, 7, 1),
            end=datetime.date(2026, 7, 31),
        ),
        AdmissionDate(label="Công bố danh sách trúng tuyển", start=datetime.date(2026, 8, 5)),
    ]
    admission.candidate_table = _candidate_table(info["grade"])
    admission.save_revision().publish()
