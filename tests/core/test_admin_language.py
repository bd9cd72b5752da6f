"""The Wagtail admin speaks Vietnamese: the project catalogue (locale/vi) fills Wagtail's gaps."""

import json
import re

from tests.conftest import PASSWORD


def _sidebar_labels(body: str) -> str:
    """The sidebar is rendered from JSON (non-ASCII escaped): decode it to plain text."""
    match = re.search(r'<script[^>]*id="wagtail-sidebar-props"[^>]*>(.*?)</script>', body, re.S)
    return json.dumps(json.loads(match.group(1)), ensure_ascii=False) if match else ""


class AdminLanguageTests:
    def test_login_page_is_vietnamese(self, client_a):
        body = client_a.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
        assert "Đăng nhập vào trang quản trị" in body  # "Sign in to Wagtail"
        assert "Quên mật khẩu?" in body  # "Forgotten password?"
        assert "Ghi nhớ đăng nhập" in body  # "Remember me"
        assert "Sign in to Wagtail" not in body and "Forgotten password?" not in body

    def test_page_explorer_and_sidebar_are_vietnamese(self, client_a):
        response = client_a.post("/admin/login/", {"username": "hieutruong", "password": PASSWORD})
        assert response.status_code == 302
        response = client_a.get("/admin/pages/", follow=True)
        assert response.status_code == 200
        body = response.content.decode()
        assert "Thêm trang con" in body  # "Add child page"
        assert "Add child page" not in body
        sidebar = _sidebar_labels(body)
        assert "Hình ảnh" in sidebar and "Tài liệu" in sidebar  # "Images", "Documents"
        assert "Đăng xuất" in sidebar  # "Log out"

    def test_the_admin_sends_nobody_to_gravatar(self, client_a):
        client_a.post("/admin/login/", {"username": "hieutruong", "password": PASSWORD})
        body = client_a.get("/admin/account/").content.decode()
        sidebar = _sidebar_labels(client_a.get("/admin/").content.decode())
        assert "Đăng xuất" in sidebar, "signed in: the sidebar shows the account menu"
        assert "gravatar" not in body.lower() and "gravatar" not in sidebar.lower()
