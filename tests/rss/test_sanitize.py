"""The whitelist sanitiser and the text normaliser used on everything stored (R8.1, R9.2)."""

from __future__ import annotations

import unicodedata

import pytest

from rss.sanitize import html_to_text, safe_url, sanitise_html
from rss.text import ascii_fold, decode_feed, looks_like_tcvn3, normalise_text


class SanitiseTests:
    @pytest.mark.parametrize(
        "dirty",
        [
            "<script>alert(1)</script>",
            "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
            "<iframe src='https://evil.example'></iframe>",
            "<style>body{display:none}</style>",
            "<svg onload=alert(1)>",
            "<object data='x.swf'></object>",
            "<form action='https://evil.example'><input name=p></form>",
        ],
    )
    def test_dangerous_elements_disappear_with_their_content(self, dirty):
        assert sanitise_html(f"<p>An toàn</p>{dirty}") == "<p>An toàn</p>"

    def test_attributes_outside_the_whitelist_are_removed(self):
        html = sanitise_html(
            '<p style="color:red" onclick="x()" class="c">Chữ <strong onmouseover="y()">đậm</strong></p>'
        )
        assert html == "<p>Chữ <strong>đậm</strong></p>"

    @pytest.mark.parametrize(
        "href",
        [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "java\tscript:alert(1)",
            " javascript:x",
            "data:text/html,x",
            "vbscript:x",
        ],
    )
    def test_script_urls_lose_their_href(self, href):
        assert sanitise_html(f'<a href="{href}">bấm</a>') == "<a>bấm</a>"

    def test_links_and_images_become_absolute(self):
        html = sanitise_html(
            '<a href="/tin/1">Tin</a><img src="anh.png" alt="Ảnh" onerror="x()">',
            "https://so.example/rss/",
        )
        assert html == (
            '<a href="https://so.example/tin/1" rel="nofollow noopener">Tin</a>'
            '<img alt="Ảnh" src="https://so.example/rss/anh.png"/>'
        ) or html == (
            '<a href="https://so.example/tin/1" rel="nofollow noopener">Tin</a>'
            '<img src="https://so.example/rss/anh.png" alt="Ảnh"/>'
        )

    def test_unknown_tags_keep_their_text(self):
        assert sanitise_html("<div><span>Nội dung</span> <b>B</b> <i>I</i></div>") == (
            "Nội dung <strong>B</strong> <em>I</em>"
        )

    def test_plain_text(self):
        assert html_to_text("<p>Một</p><script>x()</script><p>Hai   ba</p>") == "Một Hai ba"
        assert html_to_text("Tin " * 100, limit=20).endswith("…")

    def test_safe_url(self):
        assert safe_url("/a", "https://so.example/b/") == "https://so.example/a"
        assert safe_url("ftp://so.example/a") == ""
        assert safe_url("mailto:a@b.vn", schemes=("mailto",)) == "mailto:a@b.vn"


class TextTests:
    def test_nfd_becomes_nfc(self):
        nfd = unicodedata.normalize("NFD", "Tiếng Việt")
        assert normalise_text(nfd) == "Tiếng Việt"

    def test_tcvn3_is_detected_and_converted(self):
        assert looks_like_tcvn3("Tr\xadêng TiÓu häc")
        assert normalise_text("Tr\xadêng TiÓu häc B×nh TrÞ") == "Trường Tiểu học Bình Trị"

    @pytest.mark.parametrize(
        "text",
        ["Café crème brûlée", "«Bonjour»", "© 2025 Sở GD&ĐT", "Plain ASCII", "Trường học"],
    )
    def test_ordinary_text_is_not_taken_for_tcvn3(self, text):
        assert not looks_like_tcvn3(text)
        assert normalise_text(text) == unicodedata.normalize("NFC", text)

    def test_http_charset_wins_over_the_xml_declaration(self):
        data = '<?xml version="1.0" encoding="iso-8859-1"?><a>Đ</a>'.encode()
        text, how = decode_feed(data, "text/xml; charset=utf-8")
        assert "Đ" in text and how == "utf-8"

    def test_utf16_with_bom(self):
        text, _how = decode_feed('<?xml version="1.0"?><a>Hà Nội</a>'.encode("utf-16"))
        assert "Hà Nội" in text

    def test_ascii_fold(self):
        assert ascii_fold("Phòng GD&ĐT Bình Tân") == "Phong GD&DT Binh Tan"
