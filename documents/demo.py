"""Demo documents for the demo schools: real guidance of the sector and the school's own
papers, each with a small generated PDF so downloads and the inline viewer really work; a
few also carry their full text as DOCX, whose words the public search finds.

Idempotent: a document whose number already exists is left alone. Dates of the school's own
"not yet in force" document are relative to today so that the demo always shows one.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.documents import get_document_model

from core.schoolyears import current_school_year, parse_school_year
from documents.models import (
    DocumentField,
    DocumentIndexPage,
    DocumentKind,
    DocumentRelation,
    Issuer,
    OfficialDocumentFile,
    OfficialDocumentPage,
    RelationType,
)
from documents.pdf import render_pdf
from documents.services import DEFAULT_ISSUERS, issuers_ensure
from documents.validity import today_in_vietnam

logger = logging.getLogger(__name__)

MINISTRY, DEPARTMENT, DISTRICT, OFFICE = (name for name, _short, _order in DEFAULT_ISSUERS)


@dataclass
class DemoDocument:
    kind: str
    number: str
    issuer: str  # an issuer name, or "" for the school itself
    issue_date: datetime.date
    summary: str
    title: str
    signer: str = ""
    effective_date: datetime.date | None = None
    expiry_date: datetime.date | None = None
    field: str = ""
    body: list[str] = dataclass_field(default_factory=list)
    relations: list[tuple[str, str]] = dataclass_field(
        default_factory=list
    )  # (type, target number)
    # Paragraphs of a DOCX "toàn văn" attached beside the PDF: text only found in the file,
    # so the public search shows that attachments are searched (R4.2, R9.3).
    full_text: list[str] = dataclass_field(default_factory=list)


def school_code(slug: str) -> str:
    """ "thcs-nguyen-trai" → "THCSNT": the school's part of its own document symbols."""
    levels = {"mn", "mg", "th", "thcs", "thpt"}
    parts = [p for p in slug.split("-") if p]
    return (
        "".join(p.upper() if p in levels or p.isdigit() else p[0].upper() for p in parts)
        or "TRUONG"
    )


def _admission_documents(school, code: str, year: str, start: int) -> list[DemoDocument]:
    level = getattr(school, "level", "")
    grades = {
        "mam_non": [("mầm non", "nhà trẻ, mẫu giáo 3–5 tuổi")],
        "tieu_hoc": [("lớp 1", "trẻ sinh năm " + str(start - 6))],
        "thcs": [("lớp 6", "học sinh đã hoàn thành chương trình tiểu học")],
        "th_thcs": [
            ("lớp 1", "trẻ sinh năm " + str(start - 6)),
            ("lớp 6", "học sinh đã hoàn thành chương trình tiểu học"),
        ],
    }.get(level, [("đầu cấp", "học sinh trong độ tuổi theo quy định")])
    documents = []
    for number, (grade, who) in enumerate(grades, start=41):
        documents.append(
            DemoDocument(
                kind=DocumentKind.NOTICE,
                number=f"{number}/TB-{code}",
                issuer="",
                issue_date=datetime.date(start, 5, 20),
                title=f"Thông báo tuyển sinh {grade} năm học {year}",
                summary=(
                    f"Thông báo tuyển sinh {grade} năm học {year}: chỉ tiêu, đối tượng "
                    f"({who}), hồ sơ, thời gian và địa điểm nhận hồ sơ."
                ),
                signer="Hiệu trưởng",
                field=DocumentField.ADMISSION,
                body=[
                    f"Nhà trường thông báo kế hoạch tuyển sinh {grade} năm học {year}.",
                    f"Đối tượng: {who}, cư trú trên địa bàn được phân tuyến.",
                    "Hồ sơ gồm: đơn đăng ký nhập học, bản sao giấy khai sinh, "
                    "giấy xác nhận thông tin về cư trú.",
                    "Thời gian nhận hồ sơ: từ ngày 01/7 đến ngày 15/7, trong giờ hành chính, "
                    "tại văn phòng nhà trường.",
                ],
            )
        )
    return documents


def demo_documents(school, *, today: datetime.date) -> list[DemoDocument]:
    code = school_code(school.slug)
    year = current_school_year(today)
    start = parse_school_year(year)
    previous = f"{start - 1}\u2013{start}"
    soon = today + datetime.timedelta(days=30)
    documents = [
        DemoDocument(
            kind=DocumentKind.CIRCULAR,
            number="36/2017/TT-BGDĐT",
            issuer=MINISTRY,
            issue_date=datetime.date(2017, 12, 28),
            effective_date=datetime.date(2018, 2, 12),
            title="Thông tư 36/2017/TT-BGDĐT",
            summary=(
                "Ban hành Quy chế thực hiện công khai đối với cơ sở giáo dục và đào tạo "
                "thuộc hệ thống giáo dục quốc dân."
            ),
            signer="Thứ trưởng",
            field=DocumentField.DISCLOSURE,
        ),
        DemoDocument(
            kind=DocumentKind.CIRCULAR,
            number="09/2024/TT-BGDĐT",
            issuer=MINISTRY,
            issue_date=datetime.date(2024, 6, 3),
            effective_date=datetime.date(2024, 7, 19),
            title="Thông tư 09/2024/TT-BGDĐT",
            summary=(
                "Quy định về công khai trong hoạt động của các cơ sở giáo dục thuộc hệ thống "
                "giáo dục quốc dân."
            ),
            signer="Thứ trưởng",
            field=DocumentField.DISCLOSURE,
            relations=[(RelationType.REPLACES, "36/2017/TT-BGDĐT")],
        ),
        DemoDocument(
            kind=DocumentKind.CIRCULAR,
            number="37/2020/TT-BGDĐT",
            issuer=MINISTRY,
            issue_date=datetime.date(2020, 10, 5),
            title="Thông tư 37/2020/TT-BGDĐT",
            summary=(
                "Quy định về tổ chức hoạt động, sử dụng thư điện tử và cổng thông tin điện tử "
                "tại sở giáo dục và đào tạo, phòng giáo dục và đào tạo và các cơ sở giáo dục "
                "mầm non, giáo dục phổ thông và giáo dục thường xuyên."
            ),
            signer="Thứ trưởng",
            field=DocumentField.IT,
        ),
        DemoDocument(
            kind=DocumentKind.OFFICIAL_LETTER,
            number="4210/GDĐT-TTTT",
            issuer=DEPARTMENT,
            issue_date=datetime.date(2020, 12, 16),
            title="Công văn 4210/GDĐT-TTTT",
            summary=(
                "Về hướng dẫn tổ chức, xây dựng, vận hành trang thông tin điện tử và hệ thống "
                "thư điện tử của đơn vị giáo dục."
            ),
            field=DocumentField.IT,
            relations=[(RelationType.GUIDES, "37/2020/TT-BGDĐT")],
        ),
        DemoDocument(
            kind=DocumentKind.OFFICIAL_LETTER,
            number="2326/GDĐT-THCS",
            issuer=OFFICE,
            issue_date=datetime.date(2023, 10, 6),
            title="Công văn 2326/GDĐT-THCS",
            summary=(
                "Về hướng dẫn cập nhật nội dung và hoạt động cổng thông tin điện tử của đơn vị "
                "giáo dục năm học 2023–2024."
            ),
            field=DocumentField.IT,
            body=[
                "Kính gửi: Hiệu trưởng các trường mầm non, tiểu học, THCS (CL, NCL); "
                "Thủ trưởng các đơn vị trực thuộc.",
                "Tên miền đúng theo quy định: bao gồm tên trường, tên thành phố, “…edu.vn”.",
                "Các website cần có giao diện dành riêng cho thiết bị di động; hệ thống đọc "
                "tin tự động RSS hiển thị tin tức, thông báo, văn bản của Sở và Phòng.",
                "Xây dựng chuyên mục “3 Công khai” và chuyên mục “Cải cách hành chính”.",
            ],
            relations=[(RelationType.BASED_ON, "37/2020/TT-BGDĐT")],
            full_text=[
                "Căn cứ Thông tư 37/2020/TT-BGDĐT ngày 05/10/2020 của Bộ Giáo dục và Đào tạo; "
                "căn cứ Công văn 4210/GDĐT-TTTT ngày 16/12/2020 của Sở Giáo dục và Đào tạo, "
                "Phòng Giáo dục và Đào tạo hướng dẫn các đơn vị như sau.",
                "1. Mỗi đơn vị phân công ít nhất một cán bộ phụ trách quản trị cổng thông tin "
                "điện tử, có quyết định thành lập Ban biên tập và quy chế hoạt động.",
                "2. Tin bài đăng tải phải được Trưởng ban biên tập kiểm duyệt; hình ảnh học "
                "sinh chỉ đăng khi có sự đồng ý của cha mẹ học sinh.",
                "3. Các đơn vị rà soát, hoàn thành việc cập nhật và báo cáo kết quả về Phòng "
                "Giáo dục và Đào tạo trước ngày 30/10/2023 qua hộp thư điện tử công vụ.",
                "Nơi nhận: Như trên; Lưu: VT, THCS.",
            ],
        ),
        DemoDocument(
            kind=DocumentKind.DECISION,
            number=f"15/QĐ-{code}",
            issuer="",
            issue_date=datetime.date(start, 9, 8),
            title=f"Quyết định thành lập Ban biên tập cổng thông tin điện tử năm học {year}",
            summary=(
                "Quyết định thành lập Ban biên tập cổng thông tin điện tử của nhà trường "
                f"năm học {year}."
            ),
            signer="Hiệu trưởng",
            field=DocumentField.IT,
            body=[
                "Điều 1. Thành lập Ban biên tập cổng thông tin điện tử của nhà trường gồm: "
                "Trưởng ban, biên tập viên và quản trị viên.",
                "Điều 2. Ban biên tập có nhiệm vụ kiểm duyệt, đăng tải thông tin theo "
                "Thông tư 37/2020/TT-BGDĐT.",
                "Điều 3. Quyết định có hiệu lực kể từ ngày ký.",
            ],
            relations=[(RelationType.BASED_ON, "2326/GDĐT-THCS")],
        ),
        DemoDocument(
            kind=DocumentKind.PLAN,
            number=f"20/KH-{code}",
            issuer="",
            issue_date=datetime.date(start - 1, 9, 15),
            expiry_date=datetime.date(start, 9, 1),
            title=f"Kế hoạch năm học {previous}",
            summary=f"Kế hoạch thực hiện nhiệm vụ năm học {previous} của nhà trường.",
            signer="Hiệu trưởng",
            field=DocumentField.ADMINISTRATION,
        ),
        DemoDocument(
            kind=DocumentKind.PLAN,
            number=f"25/KH-{code}",
            issuer="",
            issue_date=datetime.date(start, 9, 15),
            expiry_date=datetime.date(start + 1, 9, 1),
            title=f"Kế hoạch năm học {year}",
            summary=(
                f"Kế hoạch thực hiện nhiệm vụ năm học {year}: mục tiêu, chỉ tiêu, giải pháp và "
                "lịch hoạt động của nhà trường."
            ),
            signer="Hiệu trưởng",
            field=DocumentField.ADMINISTRATION,
            body=[
                "Căn cứ hướng dẫn nhiệm vụ năm học của Phòng Giáo dục và Đào tạo;",
                "Nhà trường xây dựng kế hoạch với các mục tiêu: nâng cao chất lượng giáo dục "
                "toàn diện, đẩy mạnh chuyển đổi số, thực hiện tốt công khai theo "
                "Thông tư 09/2024/TT-BGDĐT.",
            ],
            relations=[(RelationType.BASED_ON, "09/2024/TT-BGDĐT")],
            full_text=[
                "I. Đặc điểm tình hình: nhà trường có đội ngũ cán bộ, giáo viên, nhân viên "
                "đạt chuẩn; cơ sở vật chất đáp ứng yêu cầu dạy học hai buổi mỗi ngày.",
                "II. Nhiệm vụ trọng tâm: thực hiện chương trình giáo dục phổ thông; tăng "
                "cường giáo dục kỹ năng sống, phòng chống đuối nước và an toàn giao thông.",
                "III. Lịch hoạt động: tháng 9 khai giảng và hội nghị viên chức; tháng 11 "
                "hội thi giáo viên dạy giỏi cấp trường; tháng 3 ngày hội đọc sách.",
                "IV. Tổ chức thực hiện: các tổ chuyên môn xây dựng kế hoạch chi tiết, báo cáo "
                "sơ kết học kỳ I trước ngày 15 tháng 1.",
            ],
        ),
        DemoDocument(
            kind=DocumentKind.DECISION,
            number=f"31/QĐ-{code}",
            issuer="",
            issue_date=today - datetime.timedelta(days=5),
            effective_date=soon,
            title="Quyết định ban hành Quy chế chi tiêu nội bộ",
            summary=(
                "Quyết định ban hành Quy chế chi tiêu nội bộ của nhà trường, có hiệu lực từ "
                f"ngày {soon:%d/%m/%Y}."
            ),
            signer="Hiệu trưởng",
            field=DocumentField.FINANCE,
        ),
    ]
    documents += _admission_documents(school, code, year, start)
    return documents


def _pdf_for(item: DemoDocument, issuer_name: str) -> bytes:
    return render_pdf(
        header_left=[issuer_name.upper()[:42], f"Số: {item.number}"],
        title=item.title,
        lines=[item.summary, *item.body, f"Ngày ban hành: {item.issue_date:%d/%m/%Y}."],
    )


def _ascii_slug(text: str) -> str:
    """ "Công văn 2326/GDĐT-THCS" → "cong-van-2326-gddt-thcs" (đ has no decomposition)."""
    return slugify(text.replace("Đ", "D").replace("đ", "d"))


def _filename(number: str, extension: str = "pdf") -> str:
    return f"{_ascii_slug(number.replace('/', '-'))}.{extension}"


def _full_text_document(item: DemoDocument, issuer_name: str, document_model):
    """The DOCX "toàn văn" of a demo document (issuer, number, title, then its text)."""
    from core.docx import NATIONAL_HEADING, Paragraph, render_docx

    content = render_docx(
        [
            Paragraph(issuer_name.upper(), bold=True),
            Paragraph(f"Số: {item.number}"),
            *NATIONAL_HEADING,
            Paragraph(item.title, bold=True, align="center", size=14),
            Paragraph(item.summary, align="center"),
            *item.full_text,
        ]
    )
    file = document_model(title=f"{item.title} (toàn văn)", file_size=len(content))
    file.file.save(_filename(item.number, "docx"), ContentFile(content), save=False)
    file.save()
    return file


@transaction.atomic
def load_demo_documents(school, *, today: datetime.date | None = None) -> int:
    """Create the demo documents missing in the current school's schema; returns how many."""
    today = today or today_in_vietnam()
    index_page = DocumentIndexPage.objects.first()
    if index_page is None:
        logger.warning("No documents section in %s: demo documents skipped", school.slug)
        return 0
    issuers_ensure(school_name=school.name)
    issuers = {i.name: i for i in Issuer.objects.all()}
    own = Issuer.objects.get(is_own_school=True)
    document_model = get_document_model()
    items = demo_documents(school, today=today)
    created = 0
    pages: dict[str, OfficialDocumentPage] = {
        p.number: p
        for p in OfficialDocumentPage.objects.filter(number__in=[i.number for i in items])
    }
    for item in items:
        if item.number in pages:
            continue
        issuer = issuers[item.issuer] if item.issuer else own
        content = _pdf_for(item, issuer.name)
        file = document_model(title=item.title, file_size=len(content))
        file.file.save(_filename(item.number), ContentFile(content), save=False)
        file.save()
        page = OfficialDocumentPage(
            title=item.title,
            slug=_ascii_slug(f"{DocumentKind(item.kind).label} {item.number.replace('/', '-')}"),
            kind=item.kind,
            number=item.number,
            issuer=issuer,
            signer=item.signer,
            issue_date=item.issue_date,
            effective_date=item.effective_date,
            expiry_date=item.expiry_date,
            summary=item.summary,
            field=item.field,
            body="".join(f"<p>{escape(line)}</p>" for line in item.body),
        )
        page.files.add(OfficialDocumentFile(document=file, sort_order=0))
        if item.full_text:
            full_text = _full_text_document(item, issuer.name, document_model)
            page.files.add(
                OfficialDocumentFile(document=full_text, label="Toàn văn (bản Word)", sort_order=1)
            )
        for relation_type, target_number in item.relations:
            target = pages.get(target_number)
            if target is not None:
                page.relations.add(DocumentRelation(relation_type=relation_type, target=target))
        index_page.add_child(instance=page)
        page.save_revision().publish()
        pages[item.number] = page
        created += 1
    logger.info("Demo documents for %s: %d created", school.slug, created)
    return created
