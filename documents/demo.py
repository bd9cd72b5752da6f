"""Demo documents for the demo schools: real guidance of the sector and the school's own
papers, each with a small generated PDF so downloads and the inline viewer really work; a
few also carry their full text as DOCX, whose words the public search finds.

Idempotent: a document whose number already exists is left alone. Dates of the school's own
"not yet in force" document are relative to today so that the demo always shows one. The
documents are in ``documents/demo_data/documents.yaml`` and ``admission.yaml``.
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
from documents.services import issuers_ensure
from documents.validity import today_in_vietnam
from schools.demo_loader import DemoDataError, demo_data

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Relation:
    type: RelationType
    target: str  # the number of a document listed earlier


@dataclass(frozen=True)
class DemoDocument:
    kind: DocumentKind
    number: str
    issue_date: datetime.date
    summary: str
    title: str
    field: DocumentField
    issuer: str = ""  # an issuer name, or "" for the school itself
    signer: str = ""
    effective_date: datetime.date | None = None
    expiry_date: datetime.date | None = None
    body: list[str] = dataclass_field(default_factory=list)
    relations: list[Relation] = dataclass_field(default_factory=list)
    # Paragraphs of a DOCX "toàn văn" attached beside the PDF: text only found in the file,
    # so the public search shows that attachments are searched (R4.2, R9.3).
    full_text: list[str] = dataclass_field(default_factory=list)


@dataclass(frozen=True)
class Grade:
    grade: str
    who: str


@dataclass(frozen=True)
class DemoDocuments:
    documents: list[DemoDocument]
    admission_grades: list[Grade]


def school_code(slug: str) -> str:
    """ "thcs-nguyen-trai" → "THCSNT": the school's part of its own document symbols."""
    levels = {"mn", "mg", "th", "thcs", "thpt"}
    parts = [p for p in slug.split("-") if p]
    return (
        "".join(p.upper() if p in levels or p.isdigit() else p[0].upper() for p in parts)
        or "TRUONG"
    )


def demo_documents(school, *, today: datetime.date) -> list[DemoDocument]:
    year = current_school_year(today)
    start = parse_school_year(year)
    level = getattr(school, "level", "")
    context = {
        "code": school_code(school.slug),
        "year": year,
        "previous": f"{start - 1}\u2013{start}",
        "soon": f"{today + datetime.timedelta(days=30):%d/%m/%Y}",
        "birth_year": start - 6,
        "today": today,
        "school_year_start": start,
    }
    data = demo_data("documents", "documents", DemoDocuments, level=level, context=context)
    admission = [
        demo_data(
            "documents",
            "admission",
            DemoDocument,
            level=level,
            context={**context, "number": number, "grade": grade.grade, "who": grade.who},
        )
        for number, grade in enumerate(data.admission_grades, start=41)
    ]
    return data.documents + admission


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
    from siteplatform.docx import NATIONAL_HEADING, Paragraph, render_docx

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
        issuer = issuers.get(item.issuer) if item.issuer else own
        if issuer is None:
            raise DemoDataError(
                f"documents/demo_data/documents.yaml: {item.number}: unknown issuer {item.issuer!r}"
            )
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
        for relation in item.relations:
            target = pages.get(relation.target)
            if target is not None:
                page.relations.add(DocumentRelation(relation_type=relation.type, target=target))
        index_page.add_child(instance=page)
        page.save_revision().publish()
        pages[item.number] = page
        created += 1
    logger.info("Demo documents for %s: %d created", school.slug, created)
    return created
