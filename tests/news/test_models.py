"""Page-tree rules and the provisioned news section (R1.4, R3.1)."""

from core.models import SchoolHomePage
from news.models import NewsCategory, NewsIndexPage, NewsPage
from news.services import DEFAULT_CATEGORIES, news_index_ensure
from tests.news.helpers import add_article


class NewsPageTreeTests:
    def test_index_only_under_home_and_only_once(self, school_a, in_school):
        with in_school(school_a):
            home = SchoolHomePage.objects.get()
            index = NewsIndexPage.objects.get()
            # The provisioned section already uses the one allowed slot.
            assert not NewsIndexPage.can_create_at(home)
            assert not NewsIndexPage.can_create_at(index)
            assert NewsIndexPage.parent_page_types == ["core.SchoolHomePage"]

    def test_article_only_under_news_index(self, school_a, in_school):
        with in_school(school_a):
            home = SchoolHomePage.objects.get()
            index = NewsIndexPage.objects.get()
            assert NewsPage.can_create_at(index)
            assert not NewsPage.can_create_at(home)
            article = add_article("Bài thử")
            assert not NewsPage.can_create_at(article)
            assert not NewsIndexPage.can_create_at(article)


class NewsSectionProvisioningTests:
    def test_new_school_has_news_section_and_default_categories(self, school_b, in_school):
        with in_school(school_b):
            index = NewsIndexPage.objects.get()
            assert index.live and index.show_in_menus
            assert index.slug == "tin-tuc"
            assert index.title == "Tin tức – Sự kiện"
            assert set(NewsCategory.objects.values_list("slug", flat=True)) >= {
                slug for _name, slug in DEFAULT_CATEGORIES
            }
            assert NewsCategory.objects.get(slug="doan-doi").name == "Đoàn – Đội"

    def test_ensure_is_idempotent(self, school_a, in_school):
        with in_school(school_a):
            home = SchoolHomePage.objects.get()
            first = NewsIndexPage.objects.get()
            assert news_index_ensure(home).pk == first.pk
            assert NewsIndexPage.objects.count() == 1


class NewsAuthorTests:
    def test_author_defaults_to_owner_full_name(self, school_a, in_school):
        from django.contrib.auth import get_user_model

        with in_school(school_a):
            owner = get_user_model().objects.create(
                username="gv-lan", first_name="Lan", last_name="Nguyễn Thị"
            )
            article = add_article("Bài có chủ sở hữu", owner=owner)
            assert article.author_name == "Nguyễn Thị Lan"
            article.author = "Tổ Ngữ văn"
            assert article.author_name == "Tổ Ngữ văn"
