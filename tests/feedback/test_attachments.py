"""Attachments: size limits and type checks by content, never by name (R7.3)."""

from __future__ import annotations

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from feedback.models import FeedbackMessage
from feedback.validators import MAX_ATTACHMENT_BYTES
from tests.feedback.conftest import FEEDBACK_URL, feedback_data


def _image(fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, format=fmt)
    return buffer.getvalue()


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class AttachmentTests:
    @pytest.mark.parametrize(
        ("filename", "content", "content_type", "extension"),
        [
            ("anh-phong-hoc.PNG", _image("PNG"), "image/png", "png"),
            ("quat-hong.jpeg", _image("JPEG"), "image/jpeg", "jpg"),
            ("don-de-nghi.pdf", PDF, "application/pdf", "pdf"),
            # The name lies, the bytes tell: a real PNG sent as "file.pdf" is a PNG.
            ("file.pdf", _image("PNG"), "image/png", "png"),
        ],
    )
    def test_images_and_pdf_are_stored_under_a_random_name(
        self, client_a, school_a, in_school, filename, content, content_type, extension
    ):
        upload = SimpleUploadedFile(filename, content, content_type="application/octet-stream")
        response = client_a.post(FEEDBACK_URL, {**feedback_data(), "attachment": upload})
        assert response.status_code == 302
        with in_school(school_a):
            feedback = FeedbackMessage.objects.get()
            assert feedback.attachment_type == content_type
            assert feedback.attachment_name == filename
            assert feedback.attachment.name.endswith(f".{extension}")
            assert filename not in feedback.attachment.name
            with default_storage.open(feedback.attachment.name) as stored:
                assert stored.read() == content
            default_storage.delete(feedback.attachment.name)

    @pytest.mark.parametrize(
        ("filename", "content", "message"),
        [
            ("anh.png", b"<html><script>alert(1)</script></html>", "Chỉ nhận tệp ảnh JPEG, PNG"),
            ("baocao.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200, "Chỉ nhận tệp ảnh JPEG, PNG"),
            ("anh.jpg", b"GIF89a" + b"\x00" * 100, "Chỉ nhận tệp ảnh JPEG, PNG"),
            ("anh.png", b"\x89PNG\r\n\x1a\n" + b"\x00garbage" * 50, "bị hỏng"),
            ("rong.pdf", b"", "rỗng"),
        ],
    )
    def test_disguised_or_broken_files_are_refused_and_nothing_is_stored(
        self, client_a, school_a, in_school, filename, content, message
    ):
        upload = SimpleUploadedFile(filename, content, content_type="image/png")
        response = client_a.post(FEEDBACK_URL, {**feedback_data(), "attachment": upload})
        assert response.status_code == 400
        assert message in response.content.decode()
        with in_school(school_a):
            assert not FeedbackMessage.objects.exists()

    def test_file_over_two_megabytes_is_refused_in_vietnamese(self, client_a, school_a, in_school):
        content = PDF + b"0" * (MAX_ATTACHMENT_BYTES + 1 - len(PDF))
        upload = SimpleUploadedFile("du-thao.pdf", content, content_type="application/pdf")
        response = client_a.post(FEEDBACK_URL, {**feedback_data(), "attachment": upload})
        assert response.status_code == 400
        assert "Tệp đính kèm quá lớn: tối đa 2 MB." in response.content.decode()
        with in_school(school_a):
            assert not FeedbackMessage.objects.exists()

    def test_oversized_request_is_refused_before_it_is_read(self, client_a, school_a, in_school):
        content = PDF + b"0" * (3 * 1024 * 1024)
        upload = SimpleUploadedFile("lon.pdf", content, content_type="application/pdf")
        response = client_a.post(FEEDBACK_URL, {**feedback_data(), "attachment": upload})
        assert response.status_code == 413
        assert "tối đa 2 MB" in response.content.decode()
        with in_school(school_a):
            assert not FeedbackMessage.objects.exists()
