"""Hostile uploads in the Wagtail admin are refused with a message and nothing is stored (R9.2).

Images: Wagtail compares the decoded format with the extension, keeps SVG out
(``WAGTAILIMAGES_EXTENSIONS``), refuses more than ``WAGTAILIMAGES_MAX_IMAGE_PIXELS`` pixels and
more than ``WAGTAILIMAGES_MAX_UPLOAD_SIZE`` bytes. Documents: the extension list, the size
limit and the content check of ``siteplatform.uploads.DocumentForm``. Public feedback attachments
are covered by tests/feedback/test_attachments.py.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from tests.conftest import PASSWORD
from tests.documents.factories import PDF_BYTES

SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
    b"<script>alert(document.cookie)</script></svg>"
)
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def _image_bytes(fmt: str = "PNG", size=(40, 30), mode: str = "RGB") -> bytes:
    buffer = io.BytesIO()
    PILImage.new(mode, size).save(buffer, fmt)
    return buffer.getvalue()


@pytest.fixture
def editor_a(client_a, school_a):
    response = client_a.post("/admin/login/", {"username": "hieutruong", "password": PASSWORD})
    assert response.status_code == 302
    return client_a


def _stored_files(settings, folder: str) -> set[str]:
    root = Path(settings.MEDIA_ROOT) / "test_a" / folder
    return {str(p) for p in root.rglob("*")} if root.exists() else set()


def _root_collection(school_a, in_school) -> int:
    with in_school(school_a):
        return Collection.get_first_root_node().pk


class ImageUploadTests:
    @pytest.mark.parametrize(
        ("name", "content", "expected"),
        [
            ("anh.png", _image_bytes("JPEG"), "invalid_image_known_format"),
            ("anh.jpg", HTML, "invalid"),
            ("anh.svg", SVG, "invalid_image_extension"),
            ("anh.html", HTML, "invalid_image_extension"),
            ("bom.png", _image_bytes("PNG", size=(8000, 8000), mode="1"), "file_too_many_pixels"),
            ("lon.png", _image_bytes() + b"\0" * (10 * 1024 * 1024 + 1), "file_too_large"),
        ],
        ids=["jpeg-named-png", "html-named-jpg", "svg-with-script", "html", "bomb", "huge"],
    )
    def test_refused_with_a_message_and_nothing_stored(
        self, editor_a, school_a, in_school, settings, name, content, expected
    ):
        before = _stored_files(settings, "original_images")
        with in_school(school_a):
            count = get_image_model().objects.count()
        response = editor_a.post(
            "/admin/images/add/",
            {
                "title": "Ảnh thử",
                "file": SimpleUploadedFile(name, content),
                "collection": _root_collection(school_a, in_school),
            },
        )
        assert response.status_code == 200  # the form again, with its error
        errors = response.context["form"].errors.as_data()["file"]
        assert errors, "no error on the file field"
        if expected != "invalid":
            assert expected in {error.code for error in errors}, errors
        assert str(errors[0].message) in response.content.decode() or errors[0].params
        with in_school(school_a):
            assert get_image_model().objects.count() == count
        assert _stored_files(settings, "original_images") == before

    def test_a_real_image_is_accepted(self, editor_a, school_a, in_school):
        response = editor_a.post(
            "/admin/images/add/",
            {
                "title": "Ảnh thật",
                "file": SimpleUploadedFile("that.png", _image_bytes()),
                "collection": _root_collection(school_a, in_school),
            },
        )
        assert response.status_code == 302
        with in_school(school_a):
            assert get_image_model().objects.filter(title="Ảnh thật").exists()


class DocumentUploadTests:
    @pytest.mark.parametrize(
        ("name", "content", "message"),
        [
            ("van-ban.pdf", HTML, "Nội dung tệp không đúng với phần mở rộng"),
            ("bang-diem.xlsx", PDF_BYTES, "Nội dung tệp không đúng với phần mở rộng"),
            (
                "cong-van.doc",
                b"PK\x03\x04" + b"\0" * 100,
                "Nội dung tệp không đúng với phần mở rộng",
            ),
            ("trang.html", HTML, ""),
            ("hinh.svg", SVG, ""),
            ("lon.pdf", PDF_BYTES + b"\0" * (20 * 1024 * 1024 + 1), ""),
        ],
        ids=["html-named-pdf", "pdf-named-xlsx", "zip-named-doc", "html", "svg", "huge"],
    )
    def test_refused_with_a_message_and_nothing_stored(
        self, editor_a, school_a, in_school, settings, name, content, message
    ):
        before = _stored_files(settings, "documents")
        with in_school(school_a):
            count = get_document_model().objects.count()
        response = editor_a.post(
            "/admin/documents/add/",
            {
                "title": "Văn bản thử",
                "file": SimpleUploadedFile(name, content),
                "collection": _root_collection(school_a, in_school),
            },
        )
        assert response.status_code == 200
        errors = response.context["form"].errors.get("file")
        assert errors, "no error on the file field"
        if message:
            assert message in response.content.decode()
        with in_school(school_a):
            assert get_document_model().objects.count() == count
        assert _stored_files(settings, "documents") == before

    def test_real_documents_are_accepted(self, editor_a, school_a, in_school):
        for name, content in (("that.pdf", PDF_BYTES), ("that.docx", b"PK\x03\x04" + b"\0" * 60)):
            response = editor_a.post(
                "/admin/documents/add/",
                {
                    "title": f"Văn bản {name}",
                    "file": SimpleUploadedFile(name, content),
                    "collection": _root_collection(school_a, in_school),
                },
            )
            assert response.status_code == 302, name
        with in_school(school_a):
            assert (
                get_document_model().objects.filter(title__startswith="Văn bản that").count() == 2
            )
