"""The editor's side: the author is pre-filled with the editor's name (R3.4)."""

from django.contrib.auth import get_user_model

from news.models import NewsIndexPage


class NewsAdminTests:
    def test_new_article_form_prefills_author_with_editor_name(self, client_a, school_a, in_school):
        with in_school(school_a):
            user = get_user_model().objects.get(username="hieutruong")
            user.first_name, user.last_name = "Lan", "Nguyễn Thị"
            user.save()
            index_id = NewsIndexPage.objects.get().pk
            client_a.force_login(user)
        response = client_a.get(f"/admin/pages/add/news/newspage/{index_id}/")
        assert response.status_code == 200
        assert 'value="Nguyễn Thị Lan"' in response.content.decode()

    def test_categories_are_editable_snippets(self, client_a, school_a, in_school):
        with in_school(school_a):
            client_a.force_login(get_user_model().objects.get(username="hieutruong"))
        response = client_a.get("/admin/snippets/news/newscategory/")
        assert response.status_code == 200
        assert "Đoàn – Đội" in response.content.decode()

    def test_edit_form_of_a_demo_article_opens(self, client_a, school_a, in_school):
        from news.demo import load_demo_news
        from news.models import NewsPage

        with in_school(school_a):
            load_demo_news(school_a)
            article = NewsPage.objects.get(slug="khai-giang-nam-hoc-2026-2027")
            client_a.force_login(get_user_model().objects.get(username="hieutruong"))
        response = client_a.get(f"/admin/pages/{article.pk}/edit/")
        assert response.status_code == 200
        assert "gallery" in response.content.decode()  # the body with its gallery block
