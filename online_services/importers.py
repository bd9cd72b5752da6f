"""Reading the board's Excel files: results and diplomas, checked row by row (R6.2).

The layout is the one schools already export from their management software (vnEdu, SMAS
and the like): any title rows, then one header row, then one row per student. Columns are
found by their heading, in any order, whatever the case or diacritics ("Mã HS", "MÃ HỌC
SINH", "ma hoc sinh"). ``RESULT_COLUMNS`` and ``DIPLOMA_COLUMNS`` are the documented layout;
the admin's import page and the downloadable sample are generated from them, so the three
never disagree.

Parsing never writes: it returns every row or every error (row, column, what is wrong), and
the service stores a parsed file in one transaction, so nothing is ever half imported.
"""

from __future__ import annotations

import datetime
import io
import logging
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from online_services.text import clean_line, code_key, name_key, parse_date
from siteplatform.uploads import has_signature

logger = logging.getLogger(__name__)

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 80 * 1024 * 1024  # a zip bomb is refused before openpyxl reads it
MAX_ROWS = 5000
MAX_COLUMNS = 60
MAX_ERRORS = 200
HEADER_SEARCH_ROWS = 15
_CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9._\-/]*$")


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


@dataclass(frozen=True)
class RowError:
    row: int  # the spreadsheet's row number; 0 for the file as a whole
    column: str  # "C – Ngày sinh", or "" for the whole row
    message: str


class ImportRefused(Exception):
    """The file cannot be imported; ``errors`` says where and why, in Vietnamese."""

    def __init__(self, errors: list[RowError], *, truncated: bool = False) -> None:
        super().__init__(f"{len(errors)} import errors")
        self.errors = errors
        self.truncated = truncated


@dataclass
class ParsedFile:
    rows: list[dict]
    subjects: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)


# --- The workbook ----------------------------------------------------------------------------


def _refuse(message: str) -> ImportRefused:
    return ImportRefused([RowError(0, "", message)])


def _check_container(upload: UploadedFile) -> None:
    name = (upload.name or "").lower()
    if name.endswith(".xls") or name.endswith(".csv"):
        raise _refuse(
            _(
                "Chỉ nhận tệp Excel dạng .xlsx. Hãy mở tệp bằng Excel, chọn Lưu thành "
                "(Save As) → Sổ làm việc Excel (.xlsx) rồi nhập lại."
            )
        )
    if upload.size is None or upload.size > MAX_FILE_BYTES:
        raise _refuse(_("Tệp quá lớn: tối đa 5 MB. Hãy tách thành nhiều tệp (mỗi khối một tệp)."))
    if not has_signature(upload, "xlsx"):
        raise _refuse(_("Tệp không phải là tệp Excel .xlsx hợp lệ."))
    try:
        with zipfile.ZipFile(upload) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            uncompressed = sum(info.file_size for info in infos)
    except zipfile.BadZipFile as exc:
        raise _refuse(_("Tệp Excel bị hỏng, không mở được.")) from exc
    finally:
        upload.seek(0)
    if "xl/workbook.xml" not in names:
        raise _refuse(_("Tệp không phải là tệp Excel .xlsx hợp lệ."))
    if uncompressed > MAX_UNCOMPRESSED_BYTES:
        raise _refuse(_("Tệp Excel quá lớn khi giải nén. Hãy tách thành nhiều tệp nhỏ hơn."))


def _sheet_rows(upload: UploadedFile) -> Iterator[tuple]:
    from openpyxl import load_workbook

    _check_container(upload)
    try:
        workbook = load_workbook(io.BytesIO(upload.read()), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds on a damaged file
        logger.info("Could not open an uploaded workbook: %s", exc)
        raise _refuse(_("Tệp Excel bị hỏng, không mở được.")) from exc
    finally:
        upload.seek(0)
    try:
        sheet = workbook.worksheets[0]
        yield from sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
    finally:
        workbook.close()


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


# --- Headers ---------------------------------------------------------------------------------


@dataclass
class _Layout:
    header_row: int
    fields: dict[str, int]  # field -> column index
    extra: dict[int, str]  # column index -> heading (subjects, or ignored columns)


def _find_layout(
    rows: Iterator[tuple], columns: tuple[Column, ...], anchor: str
) -> tuple[_Layout, Iterator[tuple]]:
    alias_to_field = {alias: column.field for column in columns for alias in column.aliases}
    anchor_aliases = next(column.aliases for column in columns if column.field == anchor)
    anchor_label = next(column.label for column in columns if column.field == anchor)
    for number, row in enumerate(rows, start=1):
        keys = [name_key(cell) if isinstance(cell, str) else "" for cell in row]
        if any(key in anchor_aliases for key in keys):
            layout = _Layout(number, {}, {})
            for index, (cell, key) in enumerate(zip(row, keys, strict=False)):
                if not key:
                    continue
                target = alias_to_field.get(key)
                if target and target not in layout.fields:
                    layout.fields[target] = index
                else:
                    layout.extra[index] = clean_line(cell)
            return layout, rows
        if number >= HEADER_SEARCH_ROWS:
            break
    raise _refuse(
        _(
            "Không tìm thấy dòng tiêu đề có cột “%(label)s” trong %(n)s dòng đầu của trang "
            "tính thứ nhất. Hãy dùng tệp mẫu."
        )
        % {"label": anchor_label, "n": HEADER_SEARCH_ROWS}
    )


def _column_name(index: int, heading: str) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(index + 1)} – {heading}"


def _missing_columns(layout: _Layout, columns: tuple[Column, ...]) -> list[RowError]:
    errors = []
    has_split_name = "last_names" in layout.fields and "first_name" in layout.fields
    for column in columns:
        if not column.required or column.field in layout.fields:
            continue
        if column.field == "full_name" and has_split_name:
            continue
        errors.append(
            RowError(
                layout.header_row,
                "",
                _("Thiếu cột bắt buộc “%(label)s”.") % {"label": column.label},
            )
        )
    return errors


class _RowReader:
    """Reads one data row, collecting every error of the row instead of stopping at one."""

    def __init__(self, number: int, row: tuple, layout: _Layout, labels: dict[str, str]) -> None:
        self.number, self.row, self.layout, self.labels = number, row, layout, labels
        self.errors: list[RowError] = []

    def raw(self, field_name: str):
        index = self.layout.fields.get(field_name)
        if index is None or index >= len(self.row):
            return None
        return self.row[index]

    def error(self, field_name: str, message: str) -> None:
        index = self.layout.fields.get(field_name)
        column = _column_name(index, self.labels[field_name]) if index is not None else ""
        self.errors.append(RowError(self.number, column, message))

    def text(self, field_name: str, *, max_length: int, required: bool = False) -> str:
        value = clean_line(self.raw(field_name))
        if required and not value:
            self.error(field_name, _("Bắt buộc, đang để trống."))
        elif len(value) > max_length:
            self.error(field_name, _("Dài quá %(n)s ký tự.") % {"n": max_length})
        return value[:max_length]

    def name(self) -> str:
        if "full_name" in self.layout.fields:
            return self.text("full_name", max_length=120, required=True)
        parts = [clean_line(self.raw("last_names")), clean_line(self.raw("first_name"))]
        value = " ".join(part for part in parts if part)
        if not clean_line(self.raw("first_name")):
            self.error("first_name", _("Bắt buộc, đang để trống."))
        return value[:120]

    def code(self, field_name: str, *, max_length: int) -> str:
        value = code_key(self.raw(field_name))
        if not value:
            self.error(field_name, _("Bắt buộc, đang để trống."))
        elif len(value) > max_length:
            self.error(field_name, _("Dài quá %(n)s ký tự.") % {"n": max_length})
        elif not _CODE_RE.match(value):
            self.error(field_name, _("Chỉ gồm chữ không dấu, chữ số và các dấu - . / _"))
        return value

    def date(
        self, field_name: str, *, required: bool, earliest: int = 1950
    ) -> datetime.date | None:
        raw = self.raw(field_name)
        if _is_blank(raw):
            if required:
                self.error(field_name, _("Bắt buộc, đang để trống."))
            return None
        value = _date(raw)
        if value is None:
            self.error(
                field_name,
                _("“%(value)s” không phải là ngày hợp lệ (dd/mm/yyyy).")
                % {"value": clean_line(raw)},
            )
        elif not earliest <= value.year or value > timezone.localdate():
            self.error(
                field_name,
                _("Ngày %(value)s không hợp lý.") % {"value": value.strftime("%d/%m/%Y")},
            )
            return None
        return value

    def checked(self, field_name: str, check, *args) -> str:
        raw = self.raw(field_name)
        if _is_blank(raw):
            return ""
        try:
            return check(raw, *args)
        except ValueError as exc:
            self.error(field_name, str(exc))
            return ""


def _data_rows(rows: Iterator[tuple], start: int) -> Iterator[tuple[int, tuple]]:
    for number, row in enumerate(rows, start=start):
        if all(_is_blank(cell) for cell in row):
            continue
        yield number, row


def _parse(
    upload: UploadedFile,
    columns: tuple[Column, ...],
    anchor: str,
    read_row,
    *,
    key_field: str,
    key_column: str = "",
    extra_kind: str,
) -> ParsedFile:
    rows = _sheet_rows(upload)
    layout, rows = _find_layout(rows, columns, anchor)
    errors = _missing_columns(layout, columns)
    if errors:
        raise ImportRefused(errors)
    labels = {column.field: column.label for column in columns}
    subjects: dict[int, str] = {}
    ignored: list[str] = []
    for index, heading in layout.extra.items():
        if extra_kind == "subjects" and name_key(heading) not in RESULT_IGNORED:
            subjects[index] = heading
        else:
            ignored.append(heading)
    if len(subjects) > 30:
        raise _refuse(_("Tệp có hơn 30 cột môn học; hãy kiểm tra lại dòng tiêu đề."))
    parsed = ParsedFile(rows=[], subjects=list(subjects.values()), ignored_columns=ignored)
    seen: dict[str, int] = {}
    errors = []
    for count, (number, row) in enumerate(_data_rows(rows, layout.header_row + 1), start=1):
        if count > MAX_ROWS:
            raise _refuse(
                _("Tệp có hơn %(n)s dòng dữ liệu; hãy tách thành nhiều tệp.") % {"n": MAX_ROWS}
            )
        reader = _RowReader(number, row, layout, labels)
        item = read_row(reader, subjects)
        key = item[key_field]
        if key and key in seen:
            reader.error(
                key_column or key_field,
                _("Trùng với dòng %(row)s: “%(value)s”.") % {"row": seen[key], "value": key},
            )
        elif key:
            seen[key] = number
        errors.extend(reader.errors)
        if len(errors) >= MAX_ERRORS:
            raise ImportRefused(errors[:MAX_ERRORS], truncated=True)
        parsed.rows.append(item)
    if errors:
        raise ImportRefused(errors)
    if not parsed.rows:
        raise _refuse(_("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."))
    return parsed


# --- Results ---------------------------------------------------------------------------------


def _result_row(reader: _RowReader, subjects: dict[int, str]) -> dict:
    scores = []
    for index, subject in subjects.items():
        raw = reader.row[index] if index < len(reader.row) else None
        if _is_blank(raw):
            continue
        try:
            scores.append([subject, _score(raw, 10)])
        except ValueError as exc:
            reader.errors.append(RowError(reader.number, _column_name(index, subject), str(exc)))
    return {
        "student_code": reader.code("student_code", max_length=20),
        "full_name": reader.name(),
        "birth_date": reader.date("birth_date", required=True),
        "class_name": reader.text("class_name", max_length=20, required=True),
        "scores": scores,
        "average": reader.checked("average", _score, 10),
        "total": reader.checked("total", _score, 100),
        "academic_result": reader.checked(
            "academic_result", _choice, ACADEMIC_VALUES, _("kết quả học tập")
        ),
        "conduct": reader.checked("conduct", _choice, CONDUCT_VALUES, _("kết quả rèn luyện")),
        "award": reader.text("award", max_length=100),
        "note": reader.text("note", max_length=255),
    }


def results_parse(upload: UploadedFile) -> ParsedFile:
    """Every student row of a results file, or ``ImportRefused`` with every error found."""
    return _parse(
        upload,
        RESULT_COLUMNS,
        "student_code",
        _result_row,
        key_field="student_code",
        extra_kind="subjects",
    )


# --- Diplomas --------------------------------------------------------------------------------


def _gender(value) -> str:
    key = name_key(value)
    if key in {"nam", "m"}:
        return "Nam"
    if key in {"nu", "f"}:
        return "Nữ"
    raise ValueError(_("Giới tính chỉ nhận Nam hoặc Nữ."))


def _year(value) -> int:
    number = _number(value)
    this_year = timezone.localdate().year
    if number is None or number != number.to_integral_value() or not 1975 <= number <= this_year:
        raise ValueError(
            _("“%(value)s” không phải là năm hợp lệ (1975 – %(year)s).")
            % {"value": clean_line(value), "year": this_year}
        )
    return int(number)


def _diploma_row(reader: _RowReader, subjects: dict[int, str]) -> dict:
    number = reader.text("number", max_length=30, required=True)
    year = reader.checked("graduation_year", _year)
    if _is_blank(reader.raw("graduation_year")):
        reader.error("graduation_year", _("Bắt buộc, đang để trống."))
    name = reader.name()
    return {
        "number": number,
        "number_key": code_key(number),
        "register_number": reader.text("register_number", max_length=30),
        "holder_name": name,
        "holder_name_key": name_key(name),
        "birth_date": reader.date("birth_date", required=True),
        "birthplace": reader.text("birthplace", max_length=120),
        "gender": reader.checked("gender", _gender),
        "graduation_year": year or None,
        "classification": reader.checked(
            "classification", _choice, CLASSIFICATION_VALUES, _("xếp loại")
        ),
        "issued_on": reader.date("issued_on", required=False),
    }


def diplomas_parse(upload: UploadedFile) -> ParsedFile:
    """Every diploma row of a file, or ``ImportRefused`` with every error found."""
    return _parse(
        upload,
        DIPLOMA_COLUMNS,
        "number",
        _diploma_row,
        key_field="number_key",
        key_column="number",
        extra_kind="ignored",
    )


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
