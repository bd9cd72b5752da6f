"""Small builders for documents tests (run them inside ``in_school(...)``)."""

from __future__ import annotations

import datetime
import itertools

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from documents.models import (
    DocumentIndexPage,
    DocumentKind,
    DocumentRelation,
    Issuer,
    OfficialDocumentFile,
    OfficialDocumentPage,
)

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
_counter = itertools.count(1)


def index_page() -> DocumentIndexPage:
    return DocumentIndexPage.objects.get()


def office() -> Issuer:
    return Issuer.objects.get(name="Phòng Giáo dục và Đào tạo quận Bình Tân")


def pdf_document(title: str = "Tệp văn bản", content: bytes = PDF_BYTES, name: str = "van-ban.pdf"):
    document = get_document_model()(title=title)
    document.file.save(name, ContentFile(content), save=False)
    document.save()
    return document


def make_document(
    *,
    number: str | None = None,
    summary: str = "Về việc tổ chức hoạt động đầu năm học.",
    kind: str = DocumentKind.OFFICIAL_LETTER,
    issuer: Issuer | None = None,
    issue_date: datetime.date = datetime.date(2024, 9, 5),
    effective_date: datetime.date | None = None,
    expiry_date: datetime.date | None = None,
    title: str | None = None,
    files: list = (),
    relations: list[tuple[str, OfficialDocumentPage]] = (),
    live: bool = True,
) -> OfficialDocumentPage:
    number = number or f"{next(_counter)}/GDĐT-TH"
    page = OfficialDocumentPage(
        title=title or f"{DocumentKind(kind).label} {number}",
        slug=f"van-ban-{next(_counter)}",
        kind=kind,
        number=number,
        issuer=issuer or office(),
        issue_date=issue_date,
        effective_date=effective_date,
        expiry_date=expiry_date,
        summary=summary,
        live=live,
    )
    for document in files:
        page.files.add(OfficialDocumentFile(document=document))
    for relation_type, target in relations:
        page.relations.add(DocumentRelation(relation_type=relation_type, target=target))
    index_page().add_child(instance=page)
    return page
