"""HTML from other sites, made safe to store and show (R8.1).

feedparser already cleans HTML, but we do not rely on it: whatever reaches the database
went through this whitelist. Only a few tags survive (p, br, a[href], strong, em, ul, ol,
li, img[src, alt]); scripts, styles, iframes, forms and their content are dropped; every
attribute outside the whitelist (event handlers, style) is removed; links and images are
made absolute and kept only for http(s) (and mailto for links).
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Comment, Tag

from rss.text import normalise_text

ALLOWED_TAGS = {"p", "br", "a", "strong", "em", "ul", "ol", "li", "img"}
RENAMED_TAGS = {"b": "strong", "i": "em"}
ALLOWED_ATTRIBUTES = {"a": {"href"}, "img": {"src", "alt"}}
# Removed together with everything inside them.
DROPPED_TAGS = {
    "script",
    "style",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "svg",
    "math",
    "template",
    "noscript",
    "form",
    "input",
    "button",
    "select",
    "textarea",
    "head",
    "title",
    "meta",
    "link",
    "base",
    "video",
    "audio",
    "canvas",
}
_SPACES = re.compile(r"\s+")
# Control characters browsers ignore inside a URL scheme ("java\tscript:").
_URL_JUNK = re.compile(r"[\x00-\x20\x7f]+")


def safe_url(url: str, base: str = "", *, schemes: tuple[str, ...] = ("http", "https")) -> str:
    """``url`` made absolute against ``base``; empty unless its scheme is allowed."""
    url = _URL_JUNK.sub("", url or "")
    if not url:
        return ""
    try:
        absolute = urljoin(base, url) if base else url
        scheme = urlsplit(absolute).scheme.lower()
    except ValueError:
        return ""
    return absolute if scheme in schemes else ""


def _soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html or "", "html.parser")


def sanitise_html(html: str, base_url: str = "") -> str:
    """Whitelisted HTML; the output is re-serialised from the parsed tree."""
    soup = _soup(normalise_text(html or ""))
    for comment in soup.find_all(string=lambda node: isinstance(node, Comment)):
        comment.extract()
    for tag in soup.find_all(True):
        if not isinstance(tag, Tag) or tag.decomposed:
            continue
        name = tag.name.lower()
        if name in DROPPED_TAGS:
            tag.decompose()
            continue
        name = RENAMED_TAGS.get(name, name)
        if name not in ALLOWED_TAGS:
            tag.unwrap()
            continue
        tag.name = name
        allowed = ALLOWED_ATTRIBUTES.get(name, set())
        tag.attrs = {key: value for key, value in tag.attrs.items() if key.lower() in allowed}
        if name == "a":
            href = safe_url(tag.get("href", ""), base_url, schemes=("http", "https", "mailto"))
            if href:
                tag.attrs = {"href": href, "rel": "nofollow noopener"}
            else:
                tag.attrs = {}
        elif name == "img":
            src = safe_url(tag.get("src", ""), base_url)
            if not src:
                tag.decompose()
                continue
            alt = tag.get("alt", "")
            tag.attrs = {"src": src, "alt": alt if isinstance(alt, str) else " ".join(alt)}
    return str(soup).strip()


def html_to_text(html: str, *, limit: int | None = None) -> str:
    """Plain text of an HTML fragment (or of text with stray tags), whitespace collapsed."""
    soup = _soup(normalise_text(html or ""))
    for tag in soup.find_all(DROPPED_TAGS):
        tag.decompose()
    text = _SPACES.sub(" ", soup.get_text(" ")).strip()
    if limit and len(text) > limit:
        cut = text[: limit - 1]
        text = (cut.rsplit(" ", 1)[0] if " " in cut else cut) + "…"
    return text
