from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET


@require_GET
@cache_control(max_age=3600, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Each site's own robots.txt, pointing at its own sitemap."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def portal_directory(request: HttpRequest, page) -> HttpResponse:
    """``/truong-hoc/`` of the operator portal: every active school, searched by name and
    filtered like the home page, a page at a time (R1.5)."""
    from core.selectors import school_directory_search

    directory = school_directory_search(
        level=request.GET.get("cap", ""),
        district=request.GET.get("quan", ""),
        query=request.GET.get("q", ""),
        page_number=request.GET.get("trang"),
    )
    return page.render(
        request,
        template="core/portal_directory.html",
        context_overrides={"directory": directory, "schools": directory["page"]},
    )
