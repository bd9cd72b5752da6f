"""Metadata for search and sharing (R8.3), breadcrumbs, the 404 page with the site chrome."""

import json
import re

from tests.news.helpers import add_article


def _json_ld(body: str) -> list[dict]:
    return [
        json.loads(m)
        for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)
    ]


class SitemapTests:
    def test_sitemap_lists_news_on_the_school_own_domain(self, client_a, school_a, in_school):
        with in_school(school_a):
            add_article("Tin cho sơ đồ trang", slug="tin-cho-so-do-trang")
        response = client_a.get("/sitemap.xml")
        body = response.content.decode()
        assert response.status_code == 200
        assert "<loc>http://test-a.localhost/tin-tuc/</loc>" in body
        assert "<loc>http://test-a.localhost/tin-tuc/tin-cho-so-do-trang/</loc>" in body
        assert "localhost/tin-tuc" not in body.replace("test-a.localhost", "")

    def test_sitemap_of_another_school_does_not_list_it(self, client_b, school_a, in_school):
        with in_school(school_a):
            add_article("Tin riêng trường A")
        body = client_b.get("/sitemap.xml").content.decode()
        assert "tin-rieng-truong-a" not in body
        assert "<loc>http://test-b.localhost/tin-tuc/</loc>" in body

    def test_robots_points_at_the_school_sitemap(self, client_a):
        body = client_a.get("/robots.txt").content.decode()
        assert "Sitemap: http://test-a.localhost/sitemap.xml" in body


class HomeMetadataTests:
    def test_home_describes_the_school_as_an_educational_organization(self, client_a):
        body = client_a.get("/").content.decode()
        data = next(d for d in _json_ld(body) if "EducationalOrganization" in d["@type"])
        assert "MiddleSchool" in data["@type"]  # school A is a THCS
        assert data["name"] == "Trường THCS Thử Nghiệm A"
        assert data["url"] == "http://test-a.localhost/"
        assert data["address"]["streetAddress"] == "12 đường số 1, phường An Lạc"
        assert data["telephone"] == "(028) 3875 0001"
        assert data["email"] == "thcsa@pgdbinhtan.edu.vn"
        assert '<link rel="canonical" href="http://test-a.localhost/">' in body
        assert '<meta property="og:site_name" content="Trường THCS Thử Nghiệm A">' in body

    def test_json_ld_cannot_break_out_of_its_script(self, client_a, school_a, in_school):
        with in_school(school_a):
            article = add_article("Tiêu đề </script><script>alert(1)</script>")
            url = article.url
        body = client_a.get(url).content.decode()
        assert "</script><script>alert(1)" not in body
        data = next(d for d in _json_ld(body) if d["@type"] == "NewsArticle")
        assert data["headline"].startswith("Tiêu đề </script>")


class BreadcrumbTests:
    def test_article_breadcrumbs_lead_home_through_the_section(self, client_a, school_a, in_school):
        with in_school(school_a):
            article = add_article("Tin có đường dẫn")
            url = article.url
        body = client_a.get(url).content.decode()
        crumbs = body[body.index('class="breadcrumbs"') :]
        crumbs = crumbs[: crumbs.index("</nav>")]
        assert crumbs.index(">Trang chủ<") < crumbs.index(">Tin tức – Sự kiện<")
        assert '<li aria-current="page">Tin có đường dẫn</li>' in crumbs

    def test_home_has_no_breadcrumbs(self, client_a):
        assert 'class="breadcrumbs"' not in client_a.get("/").content.decode()


class NotFoundPageTests:
    def test_404_on_a_school_domain_has_the_school_chrome(self, client_a):
        response = client_a.get("/khong-ton-tai/")
        body = response.content.decode()
        assert response.status_code == 404
        assert "Không tìm thấy trang" in body
        assert '<span class="brand-name">Trường THCS Thử Nghiệm A</span>' in body
        assert "12 đường số 1, phường An Lạc" in body  # footer contact (R2.4)
        assert 'href="/tin-tuc/"' in body  # the menu
