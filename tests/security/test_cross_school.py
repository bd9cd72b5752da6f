"""School B's host, session, CSRF token and domain get nothing of school A (R1.1, R9.2).

Schemas are clones, so object ids of A often exist in B too: the assertions look for A's
unique content and A's unchanged rows, not only for status codes.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.test import Client
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from news.models import NewsPage
from tests.conftest import PASSWORD, SCHOOL_A, SCHOOL_B
from tests.feedback.factories import FeedbackMessageFactory
from tests.news.helpers import add_article

SECRET_TITLE = "Bí mật riêng của trường A 7731"
SECRET_BYTES = b"%PDF-1.4\n% noi dung rieng truong A 7731\n%%EOF\n"


def _png() -> ImageFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", (48, 32), (10, 120, 200)).save(buffer, "PNG")
    return ImageFile(buffer, name="anh-rieng-a.png")


@pytest.fixture
def a_objects(school_a, in_school):
    """An article, an image (and a rendition), a document and a feedback attachment in A."""
    with in_school(school_a):
        image = get_image_model().objects.create(title=SECRET_TITLE, file=_png())
        rendition = image.get_rendition("fill-20x20")
        article = add_article(SECRET_TITLE, image=image, intro=SECRET_TITLE)
        document = get_document_model()(title=SECRET_TITLE)
        document.file.save("rieng-a.pdf", ContentFile(SECRET_BYTES), save=False)
        document.save()
        message = FeedbackMessageFactory(
            name="Phụ huynh A",
            subject=SECRET_TITLE,
            message="Nội dung riêng",
        )
        message.attachment.save("a7731.pdf", ContentFile(SECRET_BYTES), save=True)
        return {
            "article": article,
            "image": image,
            "rendition_url": rendition.url,
            "original_url": image.file.url,
            "document": document,
            "message": message,
        }


def _signed_in(host: str) -> Client:
    client = Client(HTTP_HOST=host, enforce_csrf_checks=True)
    page = client.get("/admin/login/")
    token = page.cookies["csrftoken"].value
    response = client.post(
        "/admin/login/",
        {"username": "hieutruong", "password": PASSWORD, "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302, response.status_code
    assert client.get("/admin/").status_code == 200
    return client


def _admin_urls(objects: dict) -> list[str]:
    article, image, document = objects["article"], objects["image"], objects["document"]
    return [
        "/admin/",
        f"/admin/pages/{article.pk}/edit/",
        f"/admin/pages/{article.get_parent().pk}/",
        f"/admin/pages/{article.pk}/history/",
        f"/admin/images/{image.pk}/",
        f"/admin/documents/edit/{document.pk}/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/users/",
        f"/admin/gop-y/tep/gop-y/{objects['message'].pk}/",
    ]


def _body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


class AdminCrossSchoolTests:
    def test_b_session_on_a_host_is_sent_to_the_login_page(self, a_objects, school_b):
        client = _signed_in(SCHOOL_B["domain"])
        for url in _admin_urls(a_objects):
            response = client.get(url, HTTP_HOST=SCHOOL_A["domain"])
            assert response.status_code == 302, url
            assert "/admin/login/" in response["Location"], url

    def test_b_session_and_csrf_token_cannot_change_a(self, a_objects, school_a, in_school):
        client = _signed_in(SCHOOL_B["domain"])
        token = client.cookies["csrftoken"].value
        article, image, document = a_objects["article"], a_objects["image"], a_objects["document"]
        posts = {
            f"/admin/pages/{article.pk}/edit/": {"title": "Bị sửa", "slug": "bi-sua"},
            f"/admin/pages/{article.pk}/delete/": {},
            f"/admin/pages/{article.pk}/unpublish/": {},
            f"/admin/images/{image.pk}/delete/": {},
            f"/admin/documents/delete/{document.pk}/": {},
        }
        for url, data in posts.items():
            response = client.post(
                url,
                {**data, "csrfmiddlewaretoken": token},
                HTTP_HOST=SCHOOL_A["domain"],
                HTTP_X_CSRFTOKEN=token,
            )
            assert response.status_code in {302, 403}, url
            if response.status_code == 302:
                assert "/admin/login/" in response["Location"], url
        with in_school(school_a):
            kept = NewsPage.objects.get(pk=article.pk)
            assert kept.title == SECRET_TITLE and kept.live
            assert get_image_model().objects.filter(pk=image.pk).exists()
            assert get_document_model().objects.filter(pk=document.pk).exists()

    def test_b_admin_on_its_own_host_never_shows_a_objects(self, a_objects, school_a, in_school):
        client = _signed_in(SCHOOL_B["domain"])
        for url in _admin_urls(a_objects):
            response = client.get(url)
            assert response.status_code in {200, 302, 404}, url
            assert SECRET_TITLE.encode() not in _body(response), url
        # Deleting "A's ids" on B's host can only touch B's own rows (if the id exists there).
        token = client.cookies["csrftoken"].value
        client.post(
            f"/admin/pages/{a_objects['article'].pk}/delete/",
            {"csrfmiddlewaretoken": token},
        )
        client.post(
            f"/admin/images/{a_objects['image'].pk}/delete/", {"csrfmiddlewaretoken": token}
        )
        with in_school(school_a):
            assert NewsPage.objects.filter(pk=a_objects["article"].pk, live=True).exists()
            assert get_image_model().objects.filter(pk=a_objects["image"].pk).exists()

    def test_login_form_of_b_does_not_sign_in_to_a(self, school_a, school_b):
        # Same username and password exist in both schools; the session stays per school.
        client = _signed_in(SCHOOL_B["domain"])
        assert client.get("/admin/", HTTP_HOST=SCHOOL_A["domain"]).status_code == 302


class PublicCrossSchoolTests:
    def test_a_public_pages_are_not_served_on_b(self, a_objects, client_a, client_b):
        article = a_objects["article"]
        path = "/tin-tuc/" + article.slug + "/"
        assert client_a.get(path).status_code == 200
        assert client_b.get(path).status_code == 404
        for shared in ("/", "/tin-tuc/", "/rss/tin-tuc/", "/sitemap.xml"):
            assert SECRET_TITLE.encode() not in _body(client_b.get(shared)), shared
        assert SECRET_TITLE.encode() in _body(client_a.get("/rss/tin-tuc/"))

    def test_a_document_is_not_served_through_b(self, a_objects, client_a, client_b):
        document = a_objects["document"]
        url = f"/documents/{document.pk}/{document.filename}"
        assert _body(client_a.get(url)) == SECRET_BYTES
        response = client_b.get(url)
        assert response.status_code == 404 or _body(response) != SECRET_BYTES

    def test_a_images_and_renditions_are_not_served_through_b(self, a_objects, client_a, client_b):
        for url in (a_objects["original_url"], a_objects["rendition_url"]):
            assert url.startswith("/media/test_a/")
            assert client_a.get(url).status_code == 200, url
            assert client_b.get(url).status_code == 404, url
            assert client_b.get(url.replace("/test_a/", "/test_b/")).status_code == 404, url

    @pytest.mark.parametrize(
        "path",
        [
            "/media/test_b/images/../../test_a/original_images/x.png",
            "/media/test_b/images/%2e%2e/%2e%2e/test_a/original_images/x.png",
            "/media/test_b/..%2ftest_a/original_images/x.png",
            "/media/test_b/images/..%5c..%5ctest_a/original_images/x.png",
            "/media/test_b//etc/passwd",
            "/media/test_b/images/../../../../../../etc/passwd",
            "/media/test_b/%00/etc/passwd",
        ],
    )
    def test_path_traversal_through_b_is_refused(self, a_objects, client_b, path):
        response = client_b.get(path)
        assert response.status_code == 404, path

    def test_private_media_folders_are_never_served_by_path(self, a_objects, client_a, settings):
        message = a_objects["message"]
        document = a_objects["document"]
        assert (Path(settings.MEDIA_ROOT) / "test_a" / message.attachment.name).exists()
        for name in (message.attachment.name, document.file.name):
            assert client_a.get(f"/media/test_a/{name}").status_code == 404, name
            # Through an image folder and back up: normalised before the folder check.
            assert client_a.get(f"/media/test_a/images/../{name}").status_code == 404, name
