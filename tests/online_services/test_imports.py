"""Excel imports: the documented layout, row-by-row errors, nothing half imported (R6.2)."""

from __future__ import annotations

import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from online_services import import_layout, importers
from online_services.importers import ImportRefused
from online_services.models import Period, ResultSet, StudentResult
from tests.online_services.conftest import (
    DIPLOMA_HEADINGS,
    RESULT_HEADINGS,
    STUDENTS,
    diplomas_file,
    results_file,
    xlsx,
)

ADD_URL = "/admin/snippets/online_services/resultset/add/"


def _errors(upload) -> list[tuple[int, str, str]]:
    with pytest.raises(ImportRefused) as refused:
        importers.results_parse(upload)
    return [(e.row, e.column, e.message) for e in refused.value.errors]


class ResultParsingTests:
    def test_a_school_export_is_read_whatever_the_title_rows_and_heading_case(self):
        headings = [
            "stt",
            "MÃ HS",
            "Họ và tên đệm",
            "Tên",
            "ngay sinh",
            "LỚP",
            "Toán",
            "Tiếng Anh",
            "Học lực",
            "Hạnh kiểm",
        ]
        rows = [[1, 7925031207, "Nguyễn Ngọc Bảo", "Anh", "05/09/2013", "7A2", 9, "8.25", "G", "T"]]
        parsed = importers.results_parse(xlsx([headings, *rows], title_rows=4))
        row = parsed.rows[0]
        assert row["student_code"] == "7925031207" and row["full_name"] == "Nguyễn Ngọc Bảo Anh"
        assert row["birth_date"] == datetime.date(2013, 9, 5)
        assert row["scores"] == [["Toán", "9"], ["Tiếng Anh", "8,25"]]
        assert (row["academic_result"], row["conduct"]) == ("Giỏi", "Tốt")
        assert parsed.subjects == ["Toán", "Tiếng Anh"]

    def test_every_bad_cell_is_reported_with_row_column_and_reason(self):
        rows = [
            [
                1,
                "7925031207",
                "Nguyễn Ngọc Bảo Anh",
                "31/02/2013",
                "7A2",
                11,
                "tám",
                "Đ",
                "Giỏi lắm",
                "Tốt",
                "",
            ],
            [2, "7925031207", "", "05/09/2013", "", 7, 8, "X", "Khá", "Tốt", ""],
            [
                3,
                "79 2503 12@8",
                "Trần Gia Huy",
                "05/09/2099",
                "7A2",
                "7,255",
                8,
                "Đ",
                "Khá",
                "Tốt",
                "",
            ],
        ]
        errors = _errors(results_file(rows))
        first = 5  # two title rows, a blank row, the header row
        expected = [
            (first, "D – Ngày sinh", "“31/02/2013” không phải là ngày hợp lệ (dd/mm/yyyy)."),
            (first, "F – Toán", "Điểm 11 nằm ngoài khoảng 0 – 10."),
            (first, "G – Ngữ văn", "“tám” không phải là điểm (số từ 0 đến 10, hoặc Đ, CĐ, M)."),
            (
                first,
                "I – Kết quả học tập",
                "“Giỏi lắm” không hợp lệ cho kết quả học tập; chỉ nhận: Tốt, Khá, Đạt, Chưa đạt, Giỏi, Trung bình, Yếu, Kém.",
            ),
            (
                first + 1,
                "H – Giáo dục thể chất",
                "“X” không phải là điểm (số từ 0 đến 10, hoặc Đ, CĐ, M).",
            ),
            (first + 1, "C – Họ và tên", "Bắt buộc, đang để trống."),
            (first + 1, "E – Lớp", "Bắt buộc, đang để trống."),
            (first + 1, "B – Mã học sinh", f"Trùng với dòng {first}: “7925031207”."),
            (first + 2, "F – Toán", "Điểm chỉ có tối đa hai chữ số thập phân."),
            (first + 2, "B – Mã học sinh", "Chỉ gồm chữ không dấu, chữ số và các dấu - . / _"),
            (first + 2, "D – Ngày sinh", "Ngày 05/09/2099 không hợp lý."),
        ]
        assert sorted(errors) == sorted(expected)

    def test_missing_required_columns_are_named(self):
        errors = _errors(xlsx([["STT", "Mã học sinh", "Toán"], [1, "7925031207", 8]]))
        messages = [message for _row, _col, message in errors]
        assert messages == [
            "Thiếu cột bắt buộc “Họ và tên”.",
            "Thiếu cột bắt buộc “Ngày sinh”.",
            "Thiếu cột bắt buộc “Lớp”.",
        ]

    def test_no_header_row_and_empty_files_are_explained(self):
        assert (
            "Không tìm thấy dòng tiêu đề có cột “Mã học sinh”"
            in _errors(xlsx([["Họ tên", "Điểm"], ["A", 1]]))[0][2]
        )
        assert _errors(results_file([]))[0][2] == "Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."

    def test_files_that_are_not_xlsx_are_refused_by_content(self):
        fake = SimpleUploadedFile("ket-qua.xlsx", b"<html><script>alert(1)</script></html>")
        assert _errors(fake)[0][2] == "Tệp không phải là tệp Excel .xlsx hợp lệ."
        old = SimpleUploadedFile("ket-qua.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"0" * 100)
        assert "Chỉ nhận tệp Excel dạng .xlsx" in _errors(old)[0][2]
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("xl/workbook.xml", b"<workbook/>")
            archive.writestr(
                "xl/worksheets/sheet1.xml", b"0" * (importers.MAX_UNCOMPRESSED_BYTES + 1)
            )
        bomb = SimpleUploadedFile("bom.xlsx", buffer.getvalue())
        assert bomb.size < importers.MAX_FILE_BYTES
        assert "quá lớn khi giải nén" in _errors(bomb)[0][2]

    def test_the_sample_file_documents_the_layout_and_imports_as_it_is(self):
        for kind, parse in (
            ("results", importers.results_parse),
            ("diplomas", importers.diplomas_parse),
        ):
            content = import_layout.sample_workbook(kind)
            workbook = load_workbook(io.BytesIO(content))
            assert workbook.sheetnames == ["Du lieu", "Huong dan"]
            guide = [row[0] for row in workbook["Huong dan"].iter_rows(values_only=True)]
            assert "Ngày sinh" in guide
            parsed = parse(SimpleUploadedFile("mau.xlsx", content))
            assert len(parsed.rows) == 1


class DiplomaParsingTests:
    def test_rows_are_read_and_keys_folded(self):
        parsed = importers.diplomas_parse(diplomas_file())
        first = parsed.rows[1]
        assert first["number_key"] == "THCS0250318"
        assert first["holder_name_key"] == "dang thi anh tuyet"
        assert first["graduation_year"] == 2025 and first["classification"] == "Giỏi"

    def test_errors_name_the_cell(self):
        rows = [
            [1, "THCS 1", "", "Lê Văn Tám", "01/01/2010", "Không rõ", 1890, "Xuất sắc lắm", ""],
            [2, "thcs 1", "", "Lê Văn Bảy", "", "Nam", "", "Khá", ""],
        ]
        with pytest.raises(ImportRefused) as refused:
            importers.diplomas_parse(xlsx([DIPLOMA_HEADINGS, *rows]))
        found = {(e.row, e.column.split(" – ")[-1]) for e in refused.value.errors}
        assert found == {
            (5, "Giới tính"),
            (5, "Năm tốt nghiệp"),
            (5, "Xếp loại"),
            (6, "Ngày sinh"),
            (6, "Năm tốt nghiệp"),
            (6, "Số hiệu văn bằng"),
        }


class ImportTransactionTests:
    def test_a_failed_reimport_keeps_the_old_data_whole(
        self, client_a, school_a, in_school, board_login, import_results
    ):
        result_set = import_results()
        bad = [
            *STUDENTS,
            [4, "7925031210", "Hồ Văn Nam", "32/13/2013", "7A2", 5, 5, "Đ", "Đạt", "Đạt", ""],
        ]
        board_login(client_a)
        response = client_a.post(
            ADD_URL,
            {
                "school_year": "2025–2026",
                "period": Period.TERM_1,
                "exam_name": "",
                "published": "on",
                "replace": "on",
                "file": results_file(bad),
            },
        )
        body = response.content.decode()
        assert response.status_code == 200
        assert "Tệp có 1 lỗi (liệt kê bên dưới). Chưa nhập dòng nào" in body
        assert "D – Ngày sinh" in body and "“32/13/2013” không phải là ngày hợp lệ" in body
        with in_school(school_a):
            assert list(ResultSet.objects.values_list("pk", "row_count")) == [(result_set.pk, 3)]
            assert StudentResult.objects.count() == 3

    def test_reimport_needs_replace_then_replaces_the_set_whole(
        self, client_a, school_a, in_school, board_login, import_results
    ):
        import_results()
        board_login(client_a)
        data = {
            "school_year": "2025–2026",
            "period": Period.TERM_1,
            "exam_name": "",
            "published": "on",
        }
        response = client_a.post(ADD_URL, {**data, "file": results_file(STUDENTS[:1])})
        assert "Chọn “Thay thế dữ liệu đã nhập”" in response.content.decode()
        response = client_a.post(
            ADD_URL, {**data, "replace": "on", "file": results_file(STUDENTS[:1])}
        )
        assert response.status_code == 302
        with in_school(school_a):
            assert ResultSet.objects.get().row_count == 1
            assert list(StudentResult.objects.values_list("full_name", flat=True)) == [
                "Nguyễn Ngọc Bảo Anh"
            ]

    def test_the_import_page_shows_the_layout_and_the_sample(self, client_a, board_login):
        board_login(client_a)
        body = client_a.get(ADD_URL).content.decode()
        assert (
            "Cách chuẩn bị tệp Excel" in body
            and "Mã học sinh" in body
            and "Các cột môn học" in body
        )
        sample = client_a.get("/admin/dich-vu-truc-tuyen/tep-mau/ket-qua-hoc-tap/")
        assert sample.status_code == 200 and sample.content.startswith(b"PK")
        assert "mau-ket-qua-hoc-tap.xlsx" in sample["Content-Disposition"]

    def test_an_exam_needs_its_name(self, client_a, board_login):
        board_login(client_a)
        response = client_a.post(
            ADD_URL,
            {
                "school_year": "2025–2026",
                "period": Period.EXAM,
                "exam_name": "",
                "file": results_file(),
            },
        )
        assert "Hãy ghi tên kỳ thi." in response.content.decode()


def test_headings_of_the_fixture_are_the_documented_ones():
    documented = {column.label for column in importers.RESULT_COLUMNS}
    assert {"Mã học sinh", "Họ và tên", "Ngày sinh", "Lớp"} <= documented & set(RESULT_HEADINGS)
