"""Pages are sent gzip-compressed to clients that accept it (issue 19)."""

from __future__ import annotations

import gzip


class PageCompressionTests:
    def test_home_page_is_gzipped(self, client_a):
        response = client_a.get("/", headers={"accept-encoding": "gzip, br"})
        assert response.status_code == 200
        assert response["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in response["Vary"]
        assert "<!DOCTYPE html>" in gzip.decompress(response.content).decode()

    def test_plain_client_gets_plain_page(self, client_a):
        response = client_a.get("/")
        assert not response.has_header("Content-Encoding")
        assert b"<!DOCTYPE html>" in response.content
