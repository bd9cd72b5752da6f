"""The portal speaks Vietnamese whatever the browser's language (R9.2)."""


class LanguageTests:
    def test_public_pages_are_vietnamese_for_an_english_browser(self, client_a):
        body = client_a.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
        assert "Chuyên mục" in body and 'lang="vi"' in body

    def test_admin_login_is_vietnamese_for_an_english_browser(self, client_a):
        body = client_a.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
        # The Vietnamese locale is active whatever the browser asks for.
        assert "Tên đăng nhập" in body and 'lang="vi"' in body
