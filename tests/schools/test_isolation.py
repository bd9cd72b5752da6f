"""Nothing of one school is visible or editable from another (R1.1)."""

import io
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.test import Client
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.models import Page

from core.models import SchoolHomePage
from tests.conftest import PASSWORD, SCHOOL_A, SCHOOL_B


def _png() -> ImageFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), (200, 30, 30)).save(buffer, "PNG")
    return ImageFile(buffer, name="anh-truong-a.png")


class PageIsolationTests:
    def test_page_of_school_a_is_not_served_on_school_b(
        self, in_school, school_a, client_a, client_b
    ):
        with in_school(school_a):
            home = SchoolHomePage.objects.get()
            home.add_child(
                instance=Page(title="Lịch công tác tuần 12", slug="lich-cong-tac-tuan-12")
            )
        assert client_a.get("/lich-cong-tac-tuan-12/").status_code == 200
        assert client_b.get("/lich-cong-tac-tuan-12/").status_code == 404

    def test_each_school_sees_only_its_own_page_tree(self, in_school, school_a, school_b):
        with in_school(school_a):
            titles_a = set(Page.objects.values_list("title", flat=True))
        with in_school(school_b):
            titles_b = set(Page.objects.values_list("title", flat=True))
        assert SCHOOL_A["name"] in titles_a and SCHOOL_A["name"] not in titles_b
        assert SCHOOL_B["name"] in titles_b and SCHOOL_B["name"] not in titles_a


class UserIsolationTests:
    def test_user_of_school_a_cannot_sign_in_to_school_b(self, in_school, school_a, school_b):
        with in_school(school_a):
            get_user_model().objects.create_user("chi-o-a", password=PASSWORD, is_staff=True)
        client = Client(HTTP_HOST=SCHOOL_B["domain"])
        response = client.post("/admin/login/", {"username": "chi-o-a", "password": PASSWORD})
        assert response.status_code == 200  # the form again, with an error
        assert "_auth_user_id" not in client.session
        client_a = Client(HTTP_HOST=SCHOOL_A["domain"])
        response = client_a.post("/admin/login/", {"username": "chi-o-a", "password": PASSWORD})
        assert response.status_code == 302

    def test_session_of_school_a_means_nothing_on_school_b(self, school_a, school_b):
        client = Client(HTTP_HOST=SCHOOL_A["domain"])
        assert (
            client.post(
                "/admin/login/", {"username": "hieutruong", "password": PASSWORD}
            ).status_code
            == 302
        )
        assert client.get("/admin/").status_code == 200
        # Same cookie jar, other host: B's admin does not know this session.
        response = client.get("/admin/", HTTP_HOST=SCHOOL_B["domain"])
        assert response.status_code == 302 and "/admin/login/" in response["Location"]

    def test_operator_superuser_is_not_a_school_user(self, db, in_school, school_a):
        from django.db import connection

        connection.set_schema_to_public()
        get_user_model().objects.create_superuser("nhanvienphong", password=PASSWORD)
        client = Client(HTTP_HOST=SCHOOL_A["domain"])
        client.post("/admin/login/", {"username": "nhanvienphong", "password": PASSWORD})
        assert "_auth_user_id" not in client.session


class MediaIsolationTests:
    def test_image_of_school_a_is_not_served_through_school_b(
        self, in_school, school_a, client_a, client_b, settings
    ):
        with in_school(school_a):
            image = Image.objects.create(title="Ảnh khai giảng", file=_png())
            url = image.file.url
            rendition_url = image.get_rendition("width-100").url
            assert (Path(settings.MEDIA_ROOT) / "test_a" / image.file.name).exists()
        assert url.startswith("/media/test_a/")
        response = client_a.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content)[:4] == b"\x89PNG"
        # Pictures are public and their URLs do not change content: cacheable for a day.
        assert "public" in response["Cache-Control"]
        assert "max-age=86400" in response["Cache-Control"]
        revalidated = client_a.get(url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
        assert revalidated.status_code == 304
        rendition = client_a.get(rendition_url)
        assert rendition.status_code == 200
        assert "max-age=2592000" in rendition["Cache-Control"]
        assert client_b.get(url).status_code == 404
        # The same file name under B's own prefix does not exist either.
        assert client_b.get(url.replace("/test_a/", "/test_b/")).status_code == 404

    def test_path_traversal_in_media_urls_is_refused(self, school_a, client_a, settings):
        secret = Path(settings.MEDIA_ROOT) / "test_b" / "bi-mat.txt"
        secret.parent.mkdir(parents=True, exist_ok=True)
        secret.write_text("của trường B")
        for path in (
            "/media/test_a/../test_b/bi-mat.txt",
            "/media/test_a/%2e%2e/test_b/bi-mat.txt",
            "/media/test_a/..%2ftest_b/bi-mat.txt",
        ):
            response = client_a.get(path)
            assert response.status_code == 404, path
