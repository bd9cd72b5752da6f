"""Writes of the documents section: counters and default issuers.

Counters are incremented in the database with F() (no read-modify-write), so concurrent
requests never lose a count; the row is created on the first hit.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F

from documents.models import DocumentStats, Issuer, OfficialDocumentPage

# Name, short name, order. The school itself is added with its own name.
DEFAULT_ISSUERS = [
    ("Bộ Giáo dục và Đào tạo", "Bộ GD&ĐT", 10),
    ("Sở Giáo dục và Đào tạo TP. Hồ Chí Minh", "Sở GD&ĐT TP.HCM", 20),
    ("UBND quận Bình Tân", "UBND quận Bình Tân", 30),
    ("Phòng Giáo dục và Đào tạo quận Bình Tân", "Phòng GD&ĐT Bình Tân", 40),
]
OWN_SCHOOL_ORDER = 50


def _increment(*, document: OfficialDocumentPage, field: str) -> None:
    rows = DocumentStats.objects.filter(page_id=document.pk).update(**{field: F(field) + 1})
    if rows:
        return
    try:
        with transaction.atomic():
            DocumentStats.objects.create(page_id=document.pk, **{field: 1})
    except IntegrityError:  # another request created the row first
        DocumentStats.objects.filter(page_id=document.pk).update(**{field: F(field) + 1})


def document_view_count(*, document: OfficialDocumentPage) -> None:
    """Count one view of the document page (every non-preview GET served by Django)."""
    _increment(document=document, field="view_count")


def document_download_count(*, document: OfficialDocumentPage) -> None:
    """Count one download of any of the document's files."""
    _increment(document=document, field="download_count")


def issuers_ensure(*, school_name: str) -> None:
    """The default issuers and the school itself (renamed when the school is renamed)."""
    for name, short_name, order in DEFAULT_ISSUERS:
        Issuer.objects.get_or_create(
            name=name, defaults={"short_name": short_name, "sort_order": order}
        )
    own = Issuer.objects.filter(is_own_school=True).first()
    if own is None:
        own = Issuer.objects.filter(name=school_name).first() or Issuer(
            name=school_name, sort_order=OWN_SCHOOL_ORDER
        )
        own.is_own_school = True
        own.save()
    elif own.name != school_name and not Issuer.objects.filter(name=school_name).exists():
        own.name = school_name
        own.save(update_fields=["name"])
