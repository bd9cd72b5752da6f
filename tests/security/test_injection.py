"""Script in anything that reaches a public page renders inert (R9.2).

Payloads go into titles, rich text (through Wagtail's editor converter, as the admin stores
it), published feedback answers, shared feed items (through the fetcher's sanitiser),
document metadata and search queries. Each rendered page is parsed: no inline script, no
event-handler attribute, no ``javascript:`` URL may appear, and feeds stay well-formed XML.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape

from django.utils import timezone
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

from documents.models import Issuer
from news.blocks import NewsBodyBlock
from rss.models import FeedItem, FeedSource
from rss.parsing import parse_feed
from rss.sanitize import sanitise_html
from tests.documents.factories import make_document
from tests.feedback.factories import FeedbackMessageFactory
from tests.news.helpers import add_article
from tests.security.helpers import active_content

PAYLOADS = [
    '<script>alert("xss-1")</script>',
    '"><img src=x onerror=alert("xss-2")>',
    "'><svg onload=alert('xss-3')>",
    '</script><script>alert("xss-4")</script>',
    "<a href=\"javascript:alert('xss-5')\">bấm</a>",
    "<iframe src=javascript:alert('xss-6')></iframe>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(7)">',
]
PAYLOAD = " ".join(PAYLOADS)
# Well-formed markup for the rich-text converter (it parses HTML and needs balanced tags).
RICH_PAYLOAD = (
    '<p>Mở đầu <script>alert("xss-1")</script>'
    '<a href="javascript:alert(\'xss-5\')">bấm</a> <b onmouseover="alert(3)">đậm</b></p>'
    '<p><img src="x" onerror="alert(2)"/></p>'
    '<iframe src="javascript:alert(\'xss-6\')"></iframe><svg onload="alert(4)"></svg>'
)
SHORT = '"><svg onload=alert(1)><script>alert(2)</script>'


def _assert_inert(html: str, where: str) -> None:
    problems = active_content(html)
    assert not problems, f"{where}: {problems}"


def _editor_html(html: str) -> str:
    """What the admin stores for rich text typed or pasted as ``html``.

    The Draftail widget posts contentstate; Wagtail turns it into HTML with its whitelist.
    Contentstate built from the payload is as hostile as a hand-crafted post: its link
    entities keep the ``javascript:`` URL until the converter checks it.
    """
    features = NewsBodyBlock.base_blocks["paragraph"].features
    converter = ContentstateConverter(features)
    contentstate = json.loads(converter.from_database_format(html))
    contentstate["entityMap"]["999"] = {
        "type": "LINK",
        "mutability": "MUTABLE",
        "data": {"url": "javascript:alert('xss-link')"},
    }
    if contentstate["blocks"]:
        contentstate["blocks"][0]["entityRanges"].append({"offset": 0, "length": 1, "key": 999})
    return converter.to_database_format(json.dumps(contentstate))


class NewsInjectionTests:
    def test_title_intro_author_and_rich_text(self, client_a, school_a, in_school):
        with in_school(school_a):
            article = add_article(
                SHORT,
                slug="bai-thu-xss",
                intro=PAYLOAD[:500],
                author=SHORT,
                source_name=SHORT,
                body=[("paragraph", _editor_html(RICH_PAYLOAD))],
            )
        for path in ("/", "/tin-tuc/", f"/tin-tuc/{article.slug}/"):
            response = client_a.get(path)
            assert response.status_code == 200, path
            html = response.content.decode()
            _assert_inert(html, path)
            if path == f"/tin-tuc/{article.slug}/":
                assert "ở đầu" in html and "<b>đậm</b>" in html  # text and safe markup kept

    def test_rss_feed_stays_well_formed_and_escaped(self, client_a, school_a, in_school):
        with in_school(school_a):
            add_article(SHORT, slug="bai-thu-rss", intro=PAYLOAD[:500])
        for path in ("/rss/tin-tuc/", "/rss/tin-tuc/atom/"):
            response = client_a.get(path)
            assert response.status_code == 200
            root = ET.fromstring(response.content)  # raises on broken XML
            texts = [element.text or "" for element in root.iter()]
            assert any(SHORT in text for text in texts), path  # kept as text, not markup


class FeedbackInjectionTests:
    def test_published_question_and_answer(self, client_a, school_a, in_school):
        with in_school(school_a):
            FeedbackMessageFactory(
                name=PAYLOAD[:120],
                subject=SHORT,
                message=PAYLOAD,
                reply=PAYLOAD,
                replied_at=timezone.now(),
                published=True,
            )
        html = client_a.get("/gop-y/hoi-dap/").content.decode()
        assert "&lt;script&gt;alert(&quot;xss-1&quot;)&lt;/script&gt;" in html
        _assert_inert(html, "hoi-dap")

    def test_query_strings_on_the_feedback_page_are_inert(self, client_a):
        html = client_a.get("/gop-y/?q=" + "%3Cscript%3Ealert(1)%3C/script%3E").content.decode()
        _assert_inert(html, "gop-y with query")


HOSTILE_FEED = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>{escape(SHORT)}</title><link>https://so.example/</link>
<item><title>{escape(SHORT)}</title><link>javascript:alert('xss-feed')</link>
<guid>xss-1</guid><description><![CDATA[{PAYLOAD}]]></description></item>
<item><title><![CDATA[{SHORT}]]></title><link>https://so.example/tin/2</link>
<guid>xss-2</guid><description>{escape(PAYLOAD)}</description></item>
</channel></rss>""".encode()


class FeedItemInjectionTests:
    def test_shared_items_from_a_hostile_feed(self, client_a, school_a):
        source = FeedSource.objects.create(name=SHORT, url="https://so.example/rss")
        parsed = parse_feed(HOSTILE_FEED, content_type="application/rss+xml", url=source.url)
        assert len(parsed.items) == 2
        FeedItem.objects.bulk_create(
            FeedItem(
                source=source,
                dedup_key=item.dedup_key,
                guid=item.guid,
                link=item.link,
                title=item.title,
                summary_html=item.summary_html,
                summary_text=item.summary_text,
                content_hash=item.content_hash,
                sort_at=timezone.now(),
            )
            for item in parsed.items
        )
        for path in ("/", "/tin-tu-so-phong/"):
            response = client_a.get(path)
            if response.status_code == 404:
                continue
            _assert_inert(response.content.decode(), path)

    def test_sanitiser_keeps_no_active_content(self):
        cleaned = sanitise_html('<p style="x" onclick="a()">Nội dung</p>' + PAYLOAD, "https://a/")
        assert not active_content(cleaned)
        assert "Nội dung" in cleaned


class DocumentInjectionTests:
    def test_document_metadata(self, client_a, school_a, in_school):
        with in_school(school_a):
            issuer = Issuer.objects.create(name=SHORT, short_name=SHORT[:80])
            document = make_document(number=SHORT[:50], summary=PAYLOAD, title=SHORT, issuer=issuer)
        for path in ("/van-ban/", document.url_path.replace("/trang-chu", "", 1)):
            response = client_a.get(path)
            assert response.status_code == 200, path
            _assert_inert(response.content.decode(), path)


class SearchInjectionTests:
    def test_search_queries_are_echoed_escaped(self, client_a):
        for query in PAYLOADS:
            response = client_a.get("/van-ban/", {"q": query})
            assert response.status_code == 200
            html = response.content.decode()
            _assert_inert(html, f"search {query}")
        response = client_a.get("/van-ban/", {"q": SHORT, "loai": SHORT, "nam": SHORT})
        assert response.status_code == 200  # unknown filters are ignored, the list is shown
        html = response.content.decode()
        assert "<title>Văn bản – " in html
        _assert_inert(html, "search filters")
