"""The documented column layout of result and diploma imports, the values a cell may hold, and the sample workbook.

``RESULT_COLUMNS`` and ``DIPLOMA_COLUMNS`` are the layout ``online_services.importers`` reads;
the admin's import page (``layout_rows``) and the downloadable sample (``sample_workbook``) are
generated from them, so the three never disagree.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from online_services.text import clean_line, name_key, parse_date


@dataclass(frozen=True)
class Column:
    field: str
    label: str  # the heading as written in the sample file
    aliases: tuple[str, ...]  # folded headings (name_key) that mean this column
    required: bool
    description: object  # lazy Vietnamese text for the admin's layout table
    example: str = ""


def _c(field_name, label, aliases, required, description, example="") -> Column:
    return Column(field_name, label, tuple(aliases), required, description, example)


_NAME_COLUMNS = (
    _c(
        "full_name",
        "Họ và tên",
        ["ho va ten", "ho ten", "ho va ten hoc sinh", "ho ten hoc sinh", "ho va ten nguoi hoc"],
        True,
        gettext_lazy("Họ và tên đầy đủ. Có thể tách thành hai cột “Họ và tên đệm” và “Tên”."),
        "Nguyễn Ngọc Bảo Anh",
    ),
    _c("last_names", "Họ và tên đệm", ["ho va ten dem", "ho dem", "ho va dem", "ho"], False, ""),
    _c("first_name", "Tên", ["ten"], False, ""),
    _c(
        "birth_date",
        "Ngày sinh",
        ["ngay sinh", "ngay thang nam sinh"],
        True,
        gettext_lazy("Ô ngày của Excel, hoặc chữ dạng dd/mm/yyyy (ví dụ 05/09/2012)."),
        "05/09/2012",
    ),
)

RESULT_COLUMNS: tuple[Column, ...] = (
    _c(
        "student_code",
        "Mã học sinh",
        ["ma hoc sinh", "ma hs", "ma so hoc sinh", "ma dinh danh hoc sinh"],
        True,
        gettext_lazy(
            "Mã học sinh trên cơ sở dữ liệu ngành; chữ và số, tối đa 20 ký tự. Nên định "
            "dạng cột là Văn bản (Text) để giữ số 0 ở đầu."
        ),
        "7926012345",
    ),
    *_NAME_COLUMNS,
    _c(
        "class_name",
        "Lớp",
        ["lop"],
        True,
        gettext_lazy("Tên lớp, ví dụ 7A2."),
        "7A2",
    ),
    _c(
        "average",
        "Điểm trung bình",
        ["diem trung binh", "dtb", "diem tb", "dtb cac mon", "dtb ca nam", "dtb mon hoc"],
        False,
        gettext_lazy("Số từ 0 đến 10, tối đa hai chữ số thập phân (dấu phẩy hoặc dấu chấm)."),
        "8,6",
    ),
    _c(
        "total",
        "Tổng điểm",
        ["tong diem", "tong diem xet tuyen", "tong"],
        False,
        gettext_lazy("Cho kỳ thi: số từ 0 đến 100."),
        "",
    ),
    _c(
        "academic_result",
        "Kết quả học tập",
        ["ket qua hoc tap", "hoc luc", "kqht", "muc dat duoc", "xep loai hoc tap"],
        False,
        gettext_lazy("Tốt, Khá, Đạt, Chưa đạt (hoặc Giỏi, Trung bình, Yếu, Kém của năm cũ)."),
        "Tốt",
    ),
    _c(
        "conduct",
        "Kết quả rèn luyện",
        ["ket qua ren luyen", "ren luyen", "hanh kiem", "kqrl", "xep loai ren luyen"],
        False,
        gettext_lazy("Tốt, Khá, Đạt, Chưa đạt (hoặc Trung bình, Yếu)."),
        "Tốt",
    ),
    _c(
        "award",
        "Danh hiệu",
        ["danh hieu", "khen thuong", "danh hieu thi dua"],
        False,
        gettext_lazy("Ví dụ: Học sinh Xuất sắc, Học sinh Giỏi. Để trống nếu không có."),
        "Học sinh Giỏi",
    ),
    _c("note", "Ghi chú", ["ghi chu"], False, gettext_lazy("Tối đa 255 ký tự."), ""),
)
# Headings read and dropped (common in exported files, not shown to parents).
RESULT_IGNORED = ("stt", "so thu tu", "tt", "gioi tinh", "dan toc", "noi sinh")
SUBJECT_EXAMPLES = (
    ("Toán", "8,5"),
    ("Ngữ văn", "7,8"),
    ("Tiếng Anh", "9"),
    ("Giáo dục thể chất", "Đ"),
)

DIPLOMA_COLUMNS: tuple[Column, ...] = (
    _c(
        "number",
        "Số hiệu văn bằng",
        [
            "so hieu van bang",
            "so hieu",
            "so hieu bang",
            "so hieu chung chi",
            "so hieu vb",
            "so hieu van bang chung chi",
        ],
        True,
        gettext_lazy("Số hiệu in trên văn bằng, tối đa 30 ký tự; không trùng trong tệp."),
        "THCS 0123456",
    ),
    _c(
        "register_number",
        "Số vào sổ cấp bằng",
        ["so vao so cap bang", "so vao so", "so vao so goc", "so vao so cap chung chi"],
        False,
        gettext_lazy("Số vào sổ gốc cấp văn bằng."),
        "TN-2024/0317",
    ),
    *_NAME_COLUMNS,
    _c("birthplace", "Nơi sinh", ["noi sinh"], False, gettext_lazy("Tỉnh, thành phố."), ""),
    _c("gender", "Giới tính", ["gioi tinh", "phai"], False, gettext_lazy("Nam hoặc Nữ."), "Nữ"),
    _c(
        "graduation_year",
        "Năm tốt nghiệp",
        ["nam tot nghiep", "nam tn", "khoa thi", "nam cap", "nam"],
        True,
        gettext_lazy("Năm bốn chữ số, ví dụ 2024."),
        "2024",
    ),
    _c(
        "classification",
        "Xếp loại",
        ["xep loai", "xep loai tot nghiep", "loai tot nghiep", "loai"],
        False,
        gettext_lazy("Xuất sắc, Giỏi, Khá, Trung bình hoặc Đạt."),
        "Khá",
    ),
    _c(
        "issued_on",
        "Ngày cấp",
        ["ngay cap", "ngay ky", "ngay cap bang"],
        False,
        gettext_lazy("Ngày ký cấp văn bằng (dd/mm/yyyy)."),
        "20/07/2024",
    ),
)

_GRADES = {
    key: label
    for label in ("Xuất sắc", "Tốt", "Giỏi", "Khá", "Đạt", "Chưa đạt", "Trung bình", "Yếu", "Kém")
    for key in (name_key(label),)
}
# The abbreviations of management software exports (vnEdu: T, K, Đ, CĐ).
_GRADES.update(
    {
        "t": "Tốt",
        "k": "Khá",
        "d": "Đạt",
        "cd": "Chưa đạt",
        "g": "Giỏi",
        "tb": "Trung bình",
        "y": "Yếu",
    }
)
ACADEMIC_VALUES = ("Tốt", "Khá", "Đạt", "Chưa đạt", "Giỏi", "Trung bình", "Yếu", "Kém")
CONDUCT_VALUES = ("Tốt", "Khá", "Đạt", "Chưa đạt", "Trung bình", "Yếu")
CLASSIFICATION_VALUES = ("Xuất sắc", "Giỏi", "Khá", "Trung bình", "Đạt")
_PASS_MARKS = {"d": "Đ", "dat": "Đ", "cd": "CĐ", "chua dat": "CĐ", "m": "Miễn", "mien": "Miễn"}


# --- Cells -----------------------------------------------------------------------------------


def _is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _number(value) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return Decimal(str(value))
    text = clean_line(value).replace(",", ".")
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def format_number(value: Decimal) -> str:
    """``Decimal("8.50")`` → ``"8,5"``; ``Decimal("9.0")`` → ``"9"`` (Vietnamese comma)."""
    text = f"{value.quantize(Decimal('0.01')):f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _score(value, maximum: int) -> str:
    """A score as shown to parents; raises ``ValueError`` with the Vietnamese reason."""
    mark = _PASS_MARKS.get(name_key(value)) if isinstance(value, str) else None
    if mark:
        return mark
    number = _number(value)
    if number is None or not number.is_finite():
        raise ValueError(
            _("“%(value)s” không phải là điểm (số từ 0 đến %(max)s, hoặc Đ, CĐ, M).")
            % {"value": clean_line(value), "max": maximum}
        )
    if not 0 <= number <= maximum:
        raise ValueError(
            _("Điểm %(value)s nằm ngoài khoảng 0 – %(max)s.")
            % {"value": format_number(number), "max": maximum}
        )
    if number != number.quantize(Decimal("0.01")):
        raise ValueError(_("Điểm chỉ có tối đa hai chữ số thập phân."))
    return format_number(number)


def _date(value) -> datetime.date | None:
    if isinstance(value, int | float) and not isinstance(value, bool) and 10000 < value < 80000:
        from openpyxl.utils.datetime import from_excel

        return from_excel(value).date()  # a date cell formatted as a number
    return parse_date(value)


def _choice(value, allowed: Iterable[str], label: str) -> str:
    found = _GRADES.get(name_key(value))
    if found is None or found not in allowed:
        raise ValueError(
            _("“%(value)s” không hợp lệ cho %(label)s; chỉ nhận: %(allowed)s.")
            % {"value": clean_line(value), "label": label, "allowed": ", ".join(allowed)}
        )
    return found


# --- Sample files ----------------------------------------------------------------------------


def _documented(columns: tuple[Column, ...]) -> list[Column]:
    """The columns of the sample: the split-name alternatives are described, not shown."""
    return [column for column in columns if column.field not in {"last_names", "first_name"}]


def layout_rows(columns: tuple[Column, ...]) -> list[dict]:
    """The documented layout, for the admin's import page."""
    return [
        {
            "label": column.label,
            "required": column.required,
            "description": column.description,
            "example": column.example,
        }
        for column in _documented(columns)
    ]


def sample_workbook(kind: str) -> bytes:
    """The downloadable sample (``kind`` is ``"results"`` or ``"diplomas"``): a title row,
    the header row, example rows and a second sheet that explains each column."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    results = kind == "results"
    columns = _documented(RESULT_COLUMNS if results else DIPLOMA_COLUMNS)
    headings = [column.label for column in columns]
    example = [column.example for column in columns]
    if results:
        headings[4:4] = [subject for subject, _value in SUBJECT_EXAMPLES]
        example[4:4] = [value for _subject, value in SUBJECT_EXAMPLES]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Du lieu"
    title = (
        _("KẾT QUẢ HỌC TẬP – tệp mẫu để nhập vào cổng thông tin")
        if results
        else _("DANH SÁCH CẤP VĂN BẰNG, CHỨNG CHỈ – tệp mẫu để nhập vào cổng thông tin")
    )
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(headings)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    sheet.append(example)
    for index in range(1, len(headings) + 1):
        sheet.column_dimensions[sheet.cell(row=2, column=index).column_letter].width = 18
    guide = workbook.create_sheet("Huong dan")
    guide.append([_("Cột"), _("Bắt buộc"), _("Cách ghi")])
    for cell in guide[1]:
        cell.font = Font(bold=True)
    for column in columns:
        guide.append([column.label, _("Có") if column.required else "", str(column.description)])
    if results:
        guide.append(
            [
                _("Các cột môn học"),
                "",
                _(
                    "Mỗi cột còn lại là một môn, tiêu đề là tên môn. Điểm từ 0 đến 10 (tối đa "
                    "hai chữ số thập phân); môn đánh giá bằng nhận xét ghi Đ (Đạt) hoặc CĐ "
                    "(Chưa đạt); M là miễn học; để trống nếu học sinh không học môn đó."
                ),
            ]
        )
    guide.append(
        [
            _("Lưu ý"),
            "",
            _(
                "Dữ liệu đọc từ trang tính thứ nhất. Có thể có các dòng tiêu đề phía trên; dòng "
                "tiêu đề cột phải nằm trong 15 dòng đầu. Tối đa 5.000 dòng, 5 MB."
            ),
        ]
    )
    guide.column_dimensions["A"].width = 24
    guide.column_dimensions["C"].width = 90
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
