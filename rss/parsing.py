"""From downloaded bytes to clean items (R8.1).

Decoding (``rss.text``) and the entity-bomb check happen before feedparser sees anything;
feedparser then reads RSS 2.0, RSS 1.0 and Atom. Every text field is normalised to NFC,
HTML is sanitised (``rss.sanitize``), links are made absolute, and each item gets the key
it is deduplicated by: its GUID, else its link, else its title and summary.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import io
import re
from dataclasses import dataclass, field

import feedparser
from django.utils import timezone

from rss.sanitize import html_to_text, safe_url, sanitise_html
from rss.text import decode_feed, normalise_text, xml_as_utf8

# A feed with more entries than this is refused without parsing (a legitimate news feed
# carries tens); of an accepted feed, only the first MAX_ITEMS_KEPT entries are kept.
MAX_ENTRIES = 1000
MAX_ITEMS_KEPT = 200
MAX_SUMMARY_HTML = 20_000
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
_ENTRY_TAG = re.compile(r"<(?:[A-Za-z0-9_-]+:)?(?:item|entry)[\s>/]")
# feedparser flags these "bozo" but they only concern the declared encoding or media type,
# which ``decode_feed`` has already dealt with.
_HARMLESS_BOZO = (
    feedparser.CharacterEncodingOverride,
    feedparser.NonXMLContentType,
)


class FeedError(Exception):
    """A document that is not a usable feed; ``str()`` is the reason recorded."""


@dataclass
class ParsedItem:
    dedup_key: str
    guid: str
    link: str
    title: str
    summary_html: str
    summary_text: str
    published_at: dt.datetime | None
    content_hash: str


@dataclass
class ParsedFeed:
    title: str
    site_url: str
    items: list[ParsedItem]
    entries_total: int
    encoding: str
    warnings: list[str] = field(default_factory=list)


def _sha(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def guid_key(guid: str) -> str:
    """The dedup key of an item with a GUID (also used by the demo data)."""
    return _sha("guid", guid)


def _date(entry) -> dt.datetime | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    try:
        value = dt.datetime.fromtimestamp(calendar.timegm(parsed), tz=dt.UTC)
    except (OverflowError, ValueError, OSError):
        return None
    # A date in the future would pin an item to the top of every school's page.
    return min(value, timezone.now())


def _summary(entry) -> str:
    for content in entry.get("content") or []:
        if content.get("value"):
            return content["value"]
    return entry.get("summary") or entry.get("description") or ""


def _item(entry, base_url: str) -> ParsedItem | None:
    link = safe_url(normalise_text(entry.get("link") or ""), base_url)
    guid = normalise_text(entry.get("id") or "").strip()[:1000]
    title = html_to_text(entry.get("title") or "", limit=500)
    raw_summary = _summary(entry)
    summary_html = sanitise_html(raw_summary, link or base_url)
    summary_text = html_to_text(raw_summary, limit=400)
    if len(summary_html) > MAX_SUMMARY_HTML:
        summary_html = ""
    if not title:
        title = summary_text[:120] if summary_text else ""
    if not title:
        return None  # nothing to show
    if guid:
        key = guid_key(guid)
    elif link:
        key = _sha("link", link)
    else:
        key = _sha("content", title, summary_text)
    published = _date(entry)
    content_hash = _sha(title, link, summary_html, published.isoformat() if published else "")
    return ParsedItem(
        dedup_key=key,
        guid=guid,
        link=link,
        title=title,
        summary_html=summary_html,
        summary_text=summary_text,
        published_at=published,
        content_hash=content_hash,
    )


def parse_feed(data: bytes, *, content_type: str = "", url: str = "") -> ParsedFeed:
    """Parse a downloaded document; raises ``FeedError`` when it is not a usable feed."""
    if not data.strip():
        raise FeedError("empty response")
    if _ENTITY_DECL.search(data) or _ENTITY_DECL.search(data.replace(b"\x00", b"")):
        raise FeedError("refused: the document declares XML entities (possible entity bomb)")
    text, encoding = decode_feed(data, content_type)
    entries_total = len(_ENTRY_TAG.findall(text))
    if entries_total > MAX_ENTRIES:
        raise FeedError(f"too many entries: {entries_total} (limit {MAX_ENTRIES})")
    parsed = feedparser.parse(
        io.BytesIO(xml_as_utf8(text)),
        response_headers={
            "content-type": "application/xml; charset=utf-8",
            "content-location": url,
        },
        sanitize_html=True,
        resolve_relative_uris=True,
    )
    warnings: list[str] = []
    if encoding not in ("utf-8", "utf-8-sig"):
        warnings.append(f"decoded as {encoding}")
    if not parsed.get("version"):
        head = text[:2048].lower()
        if "<html" in head or "<!doctype html" in head:
            raise FeedError("not a feed: the response is an HTML page")
        problem = parsed.get("bozo_exception")
        raise FeedError(f"not a feed: {_describe(problem) if problem else 'unrecognised format'}")
    if parsed.get("bozo") and not isinstance(parsed.get("bozo_exception"), _HARMLESS_BOZO):
        problem = _describe(parsed.get("bozo_exception"))
        if not parsed.entries:
            raise FeedError(f"malformed XML: {problem}")
        warnings.append(f"malformed XML, items recovered by the lenient parser: {problem}")
    base_url = url
    channel = parsed.get("feed", {})
    site_url = safe_url(channel.get("link") or "", url)
    items: list[ParsedItem] = []
    seen: set[str] = set()
    skipped = 0
    for entry in parsed.entries:
        item = _item(entry, base_url)
        if item is None or item.dedup_key in seen:
            skipped += 1
            continue
        seen.add(item.dedup_key)
        items.append(item)
    if skipped:
        warnings.append(f"{skipped} entries skipped (no title and no summary, or duplicates)")
    if len(items) > MAX_ITEMS_KEPT:
        warnings.append(f"{len(items)} items in the feed; kept the first {MAX_ITEMS_KEPT}")
        items = items[:MAX_ITEMS_KEPT]
    return ParsedFeed(
        title=html_to_text(channel.get("title") or "", limit=300),
        site_url=site_url,
        items=items,
        entries_total=len(parsed.entries),
        encoding=encoding,
        warnings=warnings,
    )


def _describe(exc: BaseException | None) -> str:
    if exc is None:
        return "unknown problem"
    text = f"{type(exc).__name__}: {exc}"
    return text if len(text) <= 300 else text[:297] + "…"
