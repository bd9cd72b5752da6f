"""The page-context registry: what a page's ``get_context`` adds, and in which order (#18)."""

from __future__ import annotations

from core.page_context import PageContextMixin, page_context, page_context_functions


class _Base:
    def get_context(self, request, *args, **kwargs):
        return {"page": self}


class _Section(PageContextMixin, _Base):
    pass


class _News(_Section):
    pass


class _Other(_Section):
    pass


@page_context(_Section)
def _section_context(page, request):
    return {"section": True, "title": "section"}


@page_context(_News)
def _news_context(page, request):
    return {"title": f"news for {request}"}


class PageContextTests:
    def test_a_page_gets_its_class_and_base_functions_bases_first(self):
        context = _News().get_context("rq")
        # The subclass's function runs after the base's, so its value wins.
        assert context["title"] == "news for rq"
        assert context["section"] is True
        assert isinstance(context["page"], _News)

    def test_a_sibling_class_does_not_get_another_class_function(self):
        assert _Other().get_context("rq")["title"] == "section"
        assert page_context_functions(_Other) == [_section_context]

    def test_registering_twice_adds_the_function_once(self):
        page_context(_News)(_news_context)
        assert page_context_functions(_News) == [_section_context, _news_context]

    def test_every_app_registers_its_pages(self):
        from about.models import ContactPage
        from core.models import SchoolHomePage
        from news.models import NewsIndexPage
        from rss.school.models import FeedItemsPage

        for page_class in (ContactPage, SchoolHomePage, NewsIndexPage, FeedItemsPage):
            assert page_context_functions(page_class), page_class.__name__
