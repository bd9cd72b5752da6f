"""Admin and portal hooks of the news app."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from news.models import NewsCategory


class NewsCategoryViewSet(SnippetViewSet):
    model = NewsCategory
    icon = "tag"
    menu_label = _("Chuyên mục tin")
    list_display = ["name", "slug", "sort_order"]
    ordering = ["sort_order", "name"]


register_snippet(NewsCategoryViewSet)


@hooks.register("portal_ensure_school_sections", order=20)
def ensure_news_section(home) -> None:
    from news.services import news_categories_ensure, news_index_ensure, news_permissions_ensure

    news_categories_ensure()
    news_permissions_ensure()
    news_index_ensure(home)


@hooks.register("portal_load_demo_content")
def load_demo_news(school) -> None:
    from news.demo import load_demo_news as load

    load(school)


@hooks.register("portal_home_panels", order=20)
def latest_news_panel(request, home) -> dict:
    """ "Tin mới": the 6 latest articles, featured first (an empty state when none)."""
    from news.selectors import latest_news, news_index

    return {
        "template": "news/includes/home_latest.html",
        "context": {"articles": latest_news(limit=6), "index": news_index()},
    }


@hooks.register("portal_home_panels", order=30)
def notices_panel(request, home) -> dict | None:
    """ "Thông báo": the 5 latest notices; hidden when the school has none."""
    from news.models import CATEGORY_PARAM, NOTICE_CATEGORY_SLUG
    from news.selectors import latest_notices, news_index

    notices = latest_notices(limit=5)
    if not notices:
        return None
    return {
        "template": "news/includes/home_notices.html",
        "context": {
            "articles": notices,
            "index": news_index(),
            "filter_query": f"?{CATEGORY_PARAM}={NOTICE_CATEGORY_SLUG}",
        },
    }


@hooks.register("portal_feeds", order=10)
def news_feed():
    """``/rss/tin-tuc/`` (RSS 2.0) and ``/rss/tin-tuc/atom/`` of every school (R8.2)."""
    from news.selectors import news_feed_entries
    from rss.feeds import FeedSpec

    return FeedSpec(
        slug="tin-tuc",
        title=_("Tin tức – Sự kiện"),
        items=news_feed_entries,
        description=_("Tin tức, sự kiện và thông báo mới nhất của nhà trường."),
        link="/tin-tuc/",
    )
