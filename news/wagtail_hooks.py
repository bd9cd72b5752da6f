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
    """``/rss/tin-tuc/``: the school's latest articles (R8.2)."""
    from news.models import NEWS_INDEX_SLUG
    from rss.feeds import FeedSpec
    from rss.outgoing import news_entries, on_school_site

    if not on_school_site():
        return None
    return FeedSpec(
        slug="tin-tuc",
        title=_("Tin tức"),
        description=_("Tin tức – sự kiện mới nhất của nhà trường"),
        items=news_entries,
        link=f"/{NEWS_INDEX_SLUG}/",
    )


@hooks.register("portal_feeds", order=20)
def notices_feed():
    """``/rss/thong-bao/``: the school's latest notices (category "Thông báo")."""
    from news.models import CATEGORY_PARAM, NEWS_INDEX_SLUG, NOTICE_CATEGORY_SLUG
    from rss.feeds import FeedSpec
    from rss.outgoing import notice_entries, on_school_site

    if not on_school_site():
        return None
    return FeedSpec(
        slug="thong-bao",
        title=_("Thông báo"),
        description=_("Thông báo mới nhất của nhà trường"),
        items=notice_entries,
        link=f"/{NEWS_INDEX_SLUG}/?{CATEGORY_PARAM}={NOTICE_CATEGORY_SLUG}",
    )
