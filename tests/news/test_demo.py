"""Demo articles: realistic, adapted to the school's level, idempotent."""

from types import SimpleNamespace

from news.demo import demo_articles, load_demo_news
from news.models import NewsPage


class DemoNewsTests:
    def test_loads_eight_articles_with_pictures_once(self, client_a, school_a, in_school):
        with in_school(school_a):
            created = load_demo_news(school_a)
            assert len(created) == 8
            assert load_demo_news(school_a) == []  # idempotent
            articles = NewsPage.objects.live()
            assert articles.count() == 8
            assert articles.filter(featured=True).count() == 1
            assert articles.filter(categories__slug="thong-bao").count() >= 3
            assert not articles.filter(image__isnull=True).exists()
            assert articles.exclude(source_url="").exists()  # R3.4 example
            urls = [a.url for a in articles]
        assert "khai giảng năm học 2026–2027" in client_a.get("/").content.decode()
        for url in urls:
            assert client_a.get(url).status_code == 200, url

    def test_texts_follow_the_school_level(self):
        preschool = demo_articles(SimpleNamespace(name="Trường Mầm non Hoa Sen", level="mam_non"))
        text = " ".join(a.title + " ".join(a.paragraphs) for a in preschool)
        assert "các bé" in text
        assert "Liên đội" not in text
        assert "Trường Mầm non Hoa Sen tổ chức" in text  # {name} filled
        assert all("doan-doi" not in a.categories for a in preschool)
        secondary = demo_articles(SimpleNamespace(name="Trường THCS Nguyễn Trãi", level="thcs"))
        assert any("doan-doi" in a.categories for a in secondary)
        assert all(a.title for a in secondary)
