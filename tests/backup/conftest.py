"""Fixtures of the backup tests: a committed school with content, and what a board wrecks.

The restore runs ``psql`` and ``pg_dump`` on other connections, which must see the rows: so
these fixtures commit, create their own school and delete it afterwards.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.db import connection
from django_tenants.utils import schema_context
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from documents.models import OfficialDocumentFile
from feedback.models import FeedbackMessage
from news.models import NewsPage
from schools.models import School
from schools.services import school_create, school_delete
from tests.documents.factories import make_document, pdf_document
from tests.feedback.factories import FeedbackMessageFactory
from tests.news.helpers import add_article, tiny_image

SOURCE = {
    "name": "Trường THCS Sao Lưu",
    "slug": "bk-src",
    "domain": "bk-src.localhost",
    "level": "thcs",
    "address": "5 đường số 9, phường Bình Hưng Hòa",
}
ARTICLE = "Lễ khai giảng năm học 2025–2026"
DOC_NUMBER = "15/KH-THCS"
FEEDBACK_SUBJECT = "Đề nghị mở thêm lớp bơi buổi chiều"


def temporary_schemas() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nspname FROM pg_namespace WHERE nspname ~ '^(restore|replaced)_[0-9a-f]+$'"
        )
        return [name for (name,) in cursor.fetchall()]


def _drop(slug: str) -> None:
    """Delete a school made here, its media and search index folders too."""
    connection.set_schema_to_public()
    school = School.objects.filter(slug=slug).first()
    if school is not None:
        school_delete(school=school)
    schema = slug.replace("-", "_")
    for root in (settings.MEDIA_ROOT, settings.SEARCH_INDEX_ROOT):
        shutil.rmtree(Path(root) / schema, ignore_errors=True)


@pytest.fixture
def committed(django_db_setup, django_db_blocker):
    """The database without a test transaction; schools made here are deleted after."""
    with django_db_blocker.unblock():
        for slug in ("bk-src", "bk-copy"):
            _drop(slug)
        for name in temporary_schemas():  # left by an interrupted run
            connection.cursor().execute(f'DROP SCHEMA "{name}" CASCADE')
        yield
        for slug in ("bk-src", "bk-copy"):
            _drop(slug)
        connection.set_schema_to_public()


@pytest.fixture
def source_school(committed, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    school = school_create(**SOURCE)
    with schema_context(school.schema_name):
        image = tiny_image("Ảnh lễ khai giảng")
        add_article(ARTICLE, image=image, intro="Sáng 5/9, thầy trò nhà trường dự lễ khai giảng.")
        make_document(number=DOC_NUMBER, files=[pdf_document("Kế hoạch năm học")])
        FeedbackMessageFactory(
            name="Lê Văn Minh",
            email="minh.ph@example.com",
            subject=FEEDBACK_SUBJECT,
            message="Kính gửi nhà trường, phụ huynh lớp 8A1 đề nghị mở thêm lớp bơi.",
        )
    connection.set_schema_to_public()
    return school


def content_of(school: School) -> dict:
    with schema_context(school.schema_name):
        article = NewsPage.objects.filter(title=ARTICLE).first()
        image = get_image_model().objects.filter(title__startswith="Ảnh lễ khai giảng").first()
        files = OfficialDocumentFile.objects.filter(page__number=DOC_NUMBER)
        document = files.first().document if files.exists() else None
        return {
            "article_live": bool(article and article.live),
            "image_file": bool(image and default_storage.exists(image.file.name)),
            "document_bytes": (
                document.file.open("rb").read()
                if document and default_storage.exists(document.file.name)
                else b""
            ),
            "feedback": FeedbackMessage.objects.filter(subject=FEEDBACK_SUBJECT).count(),
        }


def wreck(school: School) -> None:
    """What a board does by mistake: delete the article, the image, the document, the feedback."""
    with schema_context(school.schema_name):
        NewsPage.objects.get(title=ARTICLE).delete()
        for image in get_image_model().objects.filter(title__startswith="Ảnh lễ khai giảng"):
            image.delete()
        for document in get_document_model().objects.all():
            document.delete()
        FeedbackMessage.objects.filter(subject=FEEDBACK_SUBJECT).delete()
    connection.set_schema_to_public()


def counts_of(school: School) -> tuple[int, int]:
    with schema_context(school.schema_name):
        return NewsPage.objects.count(), FeedbackMessage.objects.count()
