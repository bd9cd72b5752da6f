"""Fixtures of the online services' tests: Excel files, imported data, campaigns, log-ins."""

from __future__ import annotations

import datetime
import io
import time
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from feedback import security as feedback_security
from tests.feedback.conftest import _celery_eager  # noqa: F401 - shared fixture

RESULTS_URL = "/tra-cuu/ket-qua-hoc-tap/"
DIPLOMAS_URL = "/tra-cuu/van-bang/"
REGISTRATION_URL = "/dang-ky-tuyen-sinh/"
STATUS_URL = "/dang-ky-tuyen-sinh/tra-cuu-ho-so/"
RESULT_HEADINGS = [
    "STT",
    "Mã học sinh",
    "Họ và tên",
    "Ngày sinh",
    "Lớp",
    "Toán",
    "Ngữ văn",
    "Giáo dục thể chất",
    "Kết quả học tập",
    "Kết quả rèn luyện",
    "Danh hiệu",
]
STUDENTS = [
    [
        1,
        "7925031207",
        "Nguyễn Ngọc Bảo Anh",
        datetime.date(2013, 9, 5),
        "7A2",
        9.2,
        8.5,
        "Đ",
        "Tốt",
        "Tốt",
        "Học sinh Xuất sắc",
    ],
    [
        2,
        "7925031208",
        "Trần Gia Huy",
        datetime.date(2013, 2, 14),
        "7A2",
        6.8,
        7,
        "Đ",
        "Khá",
        "Tốt",
        "",
    ],
    [
        3,
        "7925031209",
        "Lê Thị Mỹ Duyên",
        "21/11/2013",
        "7A2",
        "7,75",
        "8,25",
        "CĐ",
        "Đạt",
        "Khá",
        "",
    ],
]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def xlsx(
    rows: list[list], *, title_rows: int = 2, name: str = "ket-qua.xlsx"
) -> SimpleUploadedFile:
    """An Excel file like a school's export: title rows, a blank row, then ``rows``."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for number in range(title_rows):
        sheet.append([f"TRƯỜNG THCS THỬ NGHIỆM A – dòng tiêu đề {number + 1}"])
    if title_rows:
        sheet.append([])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def results_file(students=None, headings=None, **kwargs) -> SimpleUploadedFile:
    return xlsx(
        [headings or RESULT_HEADINGS, *(STUDENTS if students is None else students)], **kwargs
    )


DIPLOMA_HEADINGS = [
    "STT",
    "Số hiệu văn bằng",
    "Số vào sổ cấp bằng",
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Năm tốt nghiệp",
    "Xếp loại",
    "Ngày cấp",
]
DIPLOMAS = [
    [
        1,
        "THCS 0250317",
        "TN-2025/0317",
        "Trần Minh Khôi",
        datetime.date(2010, 6, 21),
        "Nam",
        2025,
        "Khá",
        datetime.date(2025, 7, 20),
    ],
    [
        2,
        "THCS 0250318",
        "TN-2025/0318",
        "Đặng Thị Ánh Tuyết",
        datetime.date(2010, 3, 2),
        "Nữ",
        2025,
        "Giỏi",
        datetime.date(2025, 7, 20),
    ],
]


def diplomas_file(rows=None, **kwargs) -> SimpleUploadedFile:
    return xlsx([DIPLOMA_HEADINGS, *(DIPLOMAS if rows is None else rows)], **kwargs)


@pytest.fixture
def import_results(in_school, school_a):
    """``import_results(school=…, school_year=…)`` stores ``STUDENTS`` as a term's results."""
    from online_services import importers, services
    from online_services.models import Period

    def run(*, school=None, school_year="2025–2026", period=Period.TERM_1, students=None, **kwargs):
        with in_school(school or school_a):
            return services.result_set_import(
                school_year=school_year,
                period=period,
                parsed=importers.results_parse(results_file(students)),
                source_name="ket-qua.xlsx",
                **kwargs,
            )

    return run


@pytest.fixture
def import_diplomas(in_school, school_a):
    from online_services import importers, services
    from online_services.models import DiplomaKind

    def run(*, school=None, title="Bằng tốt nghiệp THCS năm học 2024–2025", **kwargs):
        with in_school(school or school_a):
            return services.diploma_set_import(
                kind=DiplomaKind.LOWER_SECONDARY,
                title=title,
                parsed=importers.diplomas_parse(diplomas_file()),
                source_name="van-bang.xlsx",
                **kwargs,
            )

    return run


@pytest.fixture
def make_campaign(in_school, school_a):
    """``make_campaign(opens=…, closes=…)``: a campaign of school A with two documents."""
    from online_services.models import AdmissionCampaign, CampaignDocument, Grade

    def make(*, opens=None, closes=None, school=None, quota=20, **fields):
        now = timezone.now()
        with in_school(school or school_a):
            campaign = AdmissionCampaign(
                title=fields.pop("title", "Tuyển sinh lớp 6 năm học 2027–2028"),
                school_year="2027–2028",
                grade=Grade.GRADE_6,
                opens_at=opens or now - timedelta(days=1),
                closes_at=closes or now + timedelta(days=10),
                quota=quota,
                **fields,
            )
            campaign.documents.add(
                CampaignDocument(name="Giấy khai sinh", required=True, sort_order=0)
            )
            campaign.documents.add(
                CampaignDocument(name="Giấy xác nhận cư trú", required=False, sort_order=1)
            )
            campaign.save()
            # Read outside the school's schema by the tests, so kept on the instance.
            campaign.document_ids = list(campaign.documents.values_list("pk", flat=True))
            return campaign

    return make


def application_data(campaign, **overrides) -> dict:
    data = {
        "child_name": "Phạm Ngọc Khánh Linh",
        "child_birth_date": "02/11/2016",
        "child_gender": "nu",
        "child_birthplace": "Thành phố Hồ Chí Minh",
        "child_ethnicity": "Kinh",
        "child_personal_id": "079316004521",
        "address": "45 đường số 7, phường An Lạc",
        "previous_school": "Trường Tiểu học Bình Trị 2",
        "parent_name": "Phạm Văn Tâm",
        "parent_relationship": "cha",
        "parent_phone": "0938 552 071",
        "parent_email": "tam.pham@example.com",
        "note": "",
        "consent": "on",
        "website": "",
        "form_token": feedback_security.form_token_issue(),
        f"doc_{campaign.document_ids[0]}": SimpleUploadedFile("khai-sinh.pdf", PDF),
    }
    data.update(overrides)
    return data


@pytest.fixture
def frozen_window(monkeypatch):
    """Keep every request in one fixed window, so a test never straddles a boundary."""
    now = time.time()
    monkeypatch.setattr(feedback_security.time, "time", lambda: now)
