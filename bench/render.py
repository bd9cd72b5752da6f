"""Requests per second of a school's busiest public pages, beside the framework's ceiling.

One school holds 1,000 articles and 1,000 official documents. Home (``/``), the news list
(``/tin-tuc/``) and the document list (``/van-ban/``) are requested with Django's test
``Client`` in this process (the full middleware stack: tenant lookup, school status, page
cache, Wagtail), uncached (``PORTAL_PAGE_CACHE_ENABLED`` off) and cached (on, after one
warming request). A trivial view (``HttpResponse("ok")``, registered only here) is served
the same way on the same host: its rate is the ceiling of this stack on this machine, and
each page is reported as a ratio to it. Single process, single thread, URLs interleaved
over a few rounds (medians): the ratios mean more than the absolute numbers.

A cached page can beat the trivial view (ratio above 1): the page cache answers from
``siteplatform.cache.PageCacheMiddleware``, before the session, authentication and message
middleware that the trivial view still goes through.

Filling 2,000 pages with ``add_child`` and revisions would take minutes, so the pages are
written in bulk: treebeard paths computed once, base ``wagtailcore_page`` rows with
``bulk_create``, each specific row with ``save_base(raw=True)`` (its own table only). They
are live and public like published pages, without revisions or search-index entries, which
the measured pages do not read. One image and one file are shared by every page.
"""

from __future__ import annotations

import datetime
import io
import statistics
import time
import uuid

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import connection, transaction
from django.db.models import F
from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import include, path
from django.utils import timezone
from django_tenants.utils import schema_context
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from schools.models import School
from schools.services import school_create

SLUG = "bench-render"
DOMAIN = f"{SLUG}.localhost"
ARTICLES = 1000
DOCUMENTS = 1000
SECONDS_PER_URL = 4.5  # per URL and mode, split over ROUNDS interleaved rounds
ROUNDS = 3
MIN_REQUESTS = 10
TRIVIAL_PATH = "/bench-trivial/"
PAGES = {"home": "/", "news_list": "/tin-tuc/", "document_list": "/van-ban/"}


def trivial(request) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


# The project's URLs plus the trivial view; used as ROOT_URLCONF while measuring.
urlpatterns = [path(TRIVIAL_PATH.strip("/") + "/", trivial), path("", include("portal.urls"))]


def _child_pages(parent: Page, model, rows: list[dict], *, slug_prefix: str) -> list[int]:
    """Insert ``rows`` (specific field values) as live children of ``parent``; returns ids."""
    from django.contrib.contenttypes.models import ContentType

    parent.refresh_from_db()
    content_type = ContentType.objects.get_for_model(model)
    locale = Locale.get_default()
    now = timezone.now()
    start = parent.numchild
    base = []
    for offset, row in enumerate(rows, start=1):
        slug = f"{slug_prefix}-{start + offset}"
        base.append(
            Page(
                title=row.pop("title"),
                draft_title="",
                slug=slug,
                content_type=content_type,
                path=model._get_path(parent.path, parent.depth + 1, start + offset),
                depth=parent.depth + 1,
                numchild=0,
                url_path=f"{parent.url_path}{slug}/",
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
                live_revision=None,
                locale=locale,
                translation_key=uuid.uuid4(),
                owner=None,
            )
        )
    for page in base:
        page.draft_title = page.title
    created = Page.objects.bulk_create(base, batch_size=500)
    for page, row in zip(created, rows, strict=True):
        specific = model(page_ptr_id=page.pk, **row)
        # Copy the parent fields so the instance is consistent, then write its table only.
        for field in Page._meta.concrete_fields:
            setattr(specific, field.attname, getattr(page, field.attname))
        specific.save_base(raw=True, force_insert=True)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(created))
    return [page.pk for page in created]


def _fill(school: School) -> dict:
    from documents.models import (
        DocumentIndexPage,
        DocumentKind,
        Issuer,
        OfficialDocumentFile,
        OfficialDocumentPage,
    )
    from news.models import NewsCategory, NewsIndexPage, NewsPage

    with schema_context(school.schema_name), transaction.atomic():
        from core.demo_images import demo_picture_bytes

        image = get_image_model()(
            title="Ảnh dùng chung",
            file=ImageFile(io.BytesIO(demo_picture_bytes(1, size=(800, 450))), name="chung.jpg"),
        )
        image.save()
        file = get_document_model()(title="Tệp dùng chung")
        file.file.save("van-ban-chung.pdf", ContentFile(b"%PDF-1.4\n%bench\n"), save=False)
        file.save()

        today = timezone.localdate()
        news_index = NewsIndexPage.objects.get()
        body = [
            {
                "type": "paragraph",
                "value": "<p>Sáng nay, nhà trường tổ chức hoạt động chào mừng với sự tham gia "
                "của đông đảo giáo viên và học sinh.</p>",
                "id": str(uuid.uuid4()),
            }
        ]
        articles = [
            {
                "title": f"Hoạt động chào mừng ngày hội số {n} của nhà trường",
                "date": today - datetime.timedelta(days=n // 3),
                "intro": "Một, hai câu tóm tắt nội dung bài viết hiện ở danh sách tin.",
                "image_id": image.pk,
                "body": body,
                "featured": n % 97 == 0,
                "author": "Trần Văn Minh",
            }
            for n in range(1, ARTICLES + 1)
        ]
        article_ids = _child_pages(news_index, NewsPage, articles, slug_prefix="tin")
        categories = list(NewsCategory.objects.all())
        through = NewsPage.categories.through
        through.objects.bulk_create(
            [
                through(newspage_id=pk, newscategory_id=categories[n % len(categories)].pk)
                for n, pk in enumerate(article_ids)
            ],
            batch_size=1000,
        )

        doc_index = DocumentIndexPage.objects.get()
        issuer = Issuer.objects.order_by("sort_order").first()
        kinds = [k for k, _label in DocumentKind.choices]
        documents = [
            {
                "title": f"Kế hoạch thực hiện nhiệm vụ số {n}",
                "kind": kinds[n % len(kinds)],
                "number": f"{n}/KH-BENCH",
                "issuer_id": issuer.pk,
                "issue_date": today - datetime.timedelta(days=n // 2),
                "summary": f"Kế hoạch số {n} về việc tổ chức các hoạt động giáo dục trong năm học.",
            }
            for n in range(1, DOCUMENTS + 1)
        ]
        document_ids = _child_pages(doc_index, OfficialDocumentPage, documents, slug_prefix="vb")
        OfficialDocumentFile.objects.bulk_create(
            [OfficialDocumentFile(page_id=pk, document=file, sort_order=0) for pk in document_ids],
            batch_size=1000,
        )
    return {"articles": len(article_ids), "documents": len(document_ids)}


def _school() -> School:
    existing = School.objects.filter(slug=SLUG).first()
    if existing is not None:
        existing.delete(force_drop=True)
    return school_create(
        name="Trường THCS Đo Tốc Độ Hiển Thị",
        slug=SLUG,
        domain=DOMAIN,
        level="thcs",
    )


def _rate(client: Client, url: str, seconds: float) -> tuple[float, str]:
    """Requests per second over about ``seconds`` (at least ``MIN_REQUESTS``)."""
    count = 0
    status = ""
    started = time.perf_counter()
    while True:
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
        status = response.headers.get("X-Page-Cache", "")
        count += 1
        elapsed = time.perf_counter() - started
        if count >= MIN_REQUESTS and elapsed >= seconds:
            return count / elapsed, status


def _measure(client: Client, urls: dict[str, str]) -> dict[str, tuple[float, str]]:
    """Median rate of each URL over ``ROUNDS`` interleaved rounds.

    Interleaving the URLs (the trivial view included) spreads any background load of a
    shared machine over all of them, so the ratios stay meaningful.
    """
    for url in urls.values():
        client.get(url)  # warm: renditions, per-process caches, the cached copy
    samples: dict[str, list[float]] = {name: [] for name in urls}
    statuses: dict[str, str] = {}
    for _round in range(ROUNDS):
        for name, url in urls.items():
            rps, statuses[name] = _rate(client, url, SECONDS_PER_URL / ROUNDS)
            samples[name].append(rps)
    return {name: (statistics.median(values), statuses[name]) for name, values in samples.items()}


def run() -> dict:
    filling_started = time.perf_counter()
    school = _school()
    counts = _fill(school)
    fill_seconds = time.perf_counter() - filling_started
    connection.set_schema_to_public()
    client = Client(HTTP_HOST=DOMAIN)
    figures: dict = {
        "articles": counts["articles"],
        "documents": counts["documents"],
        "fill_seconds": round(fill_seconds, 1),
    }
    urls = {"trivial": TRIVIAL_PATH, **PAGES}
    with override_settings(ROOT_URLCONF=__name__, DEBUG=False):
        for mode, enabled in (("uncached", False), ("cached", True)):
            with override_settings(PORTAL_PAGE_CACHE_ENABLED=enabled):
                cache.clear()
                rates = _measure(client, urls)
            ceiling = rates["trivial"][0]
            figures[f"trivial_view_rps_{mode}_phase"] = round(ceiling, 1)
            for name in PAGES:
                rps, status = rates[name]
                figures[f"{name}_{mode}_rps"] = round(rps, 1)
                figures[f"{name}_{mode}_ratio"] = round(rps / ceiling, 4)
                if enabled:
                    # "hit" when the page cache served it; anything else means it rendered.
                    figures[f"{name}_cached_served_from_cache"] = status == "hit"
    connection.set_schema_to_public()
    School.objects.get(slug=SLUG).delete(force_drop=True)
    return figures
