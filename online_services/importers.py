"""Reading the board's Excel files: results and diplomas, checked row by row (R6.2).

The layout is the one schools already export from their management software (vnEdu, SMAS
and the like): any title rows, then one header row, then one row per student. Columns are
found by their heading, in any order, whatever the case or diacritics ("Mã HS", "MÃ HỌC
SINH", "ma hoc sinh"). ``RESULT_COLUMNS`` and ``DIPLOMA_COLUMNS`` are the documented layout;
the admin's import page and the downloadable sample are generated from them, so the three
never disagree.

Parsing never writes: it returns every row or every error (row, column, what is wrong), and
the service stores a parsed file in one transaction, so nothing is ever half imported.
The layout and cell values are ``online_services.import_layout``; the workbook container,
``online_services.import_workbook``.
"""

from __future__ import annotations

import datetime
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _

from online_services.import_layout import (
    ACADEMIC_VALUES,
    CLASSIFICATION_VALUES,
    CONDUCT_VALUES,
    DIPLOMA_COLUMNS,
    RESULT_COLUMNS,
    RESULT_IGNORED,
    Column,
    _choice,
    _date,
    _is_blank,
    _number,
    _score,
)
from online_services.import_workbook import (
    MAX_FILE_BYTES as MAX_FILE_BYTES,
)
from online_services.import_workbook import (
    MAX_UNCOMPRESSED_BYTES as MAX_UNCOMPRESSED_BYTES,
)
from online_services.import_workbook import (
    ImportRefused,
    ParsedFile,
    RowError,
    _refuse,
    _sheet_rows,
)
from online_services.text import clean_line, code_key, name_key

logger = logging.getLogger(__name__)

MAX_ROWS = 5000
MAX_ERRORS = 200
HEADER_SEARCH_ROWS = 15
_CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9._\-/]*$")


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
