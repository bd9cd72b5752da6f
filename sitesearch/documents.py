"""What gets indexed for a page: derived from Wagtail's ``search_fields`` plus an optional
protocol that content apps implement on their page models (see ``sitesearch/README.md``).

- ``search_kind()`` → one of ``news``, ``documents``, ``disclosure``, ``procedures``, ``pages``
- ``search_summary()`` → short text (default: the page's ``search_description``)
- ``search_date()`` → date or datetime (default: ``first_published_at``)
- ``search_school_year()`` → ``"2023–2024"`` or ``""``
- ``search_identifiers()`` → exact tokens, e.g. a document number ``2326/GDĐT-THCS``
- ``search_attachments()`` → Wagtail ``Document`` objects whose PDF/DOCX text is indexed

``index.SearchField`` values go to the body; those with ``boost >= 2`` (other than the title)
go to the summary, which weighs more.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Iterable

from django.utils.html import strip_tags
from wagtail.models import Page
from wagtail.search import index

from sitesearch.backend import KINDS, SearchDocument
from sitesearch.extract import document_text

logger = logging.getLogger(__name__)

SUMMARY_BOOST = 2.0
MAX_ATTACHMENTS = 20


def page_is_indexable(page: Page) -> bool:
    """Live, public (no view restriction on it or an ancestor), and not the tree root."""
    return page.depth > 1 and page.live and not page.get_view_restrictions().exists()


def _plain(value) -> str:
    text = str(value or "")
    if "<" in text:
        text = strip_tags(text.replace("</p>", "</p>\n").replace("<br", "\n<br"))
    return html.unescape(text).strip()


def _flatten(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list | tuple | set):
        return [text for item in value for text in _flatten(item)]
    text = _plain(value)
    return [text] if text else []


def _searchable_strings(obj, search_field: index.SearchField) -> list[str]:
    """``get_value`` already applies the model field's ``get_searchable_content``."""
    return _flatten(search_field.get_value(obj))


def _related_strings(obj, related: index.RelatedFields) -> list[str]:
    value = getattr(obj, related.field_name, None)
    if value is None:
        return []
    # A manager holds many related objects; anything else is one.
    objects = list(value.all()[:200]) if hasattr(value, "all") else [value]
    strings: list[str] = []
    for related_obj in objects:
        for sub in related.fields:
            if isinstance(sub, index.SearchField):
                strings.extend(_searchable_strings(related_obj, sub))
    return strings


def _field_texts(page: Page) -> tuple[list[str], list[str]]:
    """(summary strings, body strings) from the page model's ``search_fields``."""
    summary: list[str] = []
    body: list[str] = []
    for search_field in page.get_search_fields():
        if isinstance(search_field, index.SearchField):
            if search_field.field_name == "title":
                continue
            target = summary if (search_field.boost or 1) >= SUMMARY_BOOST else body
            target.extend(_searchable_strings(page, search_field))
        elif isinstance(search_field, index.RelatedFields):
            body.extend(_related_strings(page, search_field))
    return summary, body


def _unique(texts: Iterable[str]) -> list[str]:
    """Non-empty texts, each once, in order."""
    return list(dict.fromkeys(text for text in texts if text))


def _call(page: Page, name: str, default=None):
    method = getattr(page, name, None)
    return method() if callable(method) else default


def _issuer(page: Page) -> str:
    """``search_issuer()``, else the page's ``issuer`` when its ``search_fields`` declare a
    ``FilterField("issuer")`` (official documents: the cơ quan ban hành)."""
    custom = _call(page, "search_issuer")
    if custom is not None:
        return _plain(custom)
    declared = any(
        isinstance(field, index.FilterField) and field.field_name == "issuer"
        for field in page.get_search_fields()
    )
    value = getattr(page, "issuer", None) if declared else None
    return _plain(value)[:200] if value else ""


def _attachments_text(documents: Iterable) -> str:
    texts = []
    for document in list(documents or [])[:MAX_ATTACHMENTS]:
        texts.append(_plain(document.title))
        texts.append(document_text(document))
    return "\n".join(text for text in texts if text)


def page_document(page: Page, *, url: str | None = None) -> SearchDocument | None:
    """The search document of a live page (specific instance), or ``None`` if not routable."""
    page = page.specific
    if url is None:
        parts = page.get_url_parts()
        url = parts[2] if parts else None
    if not url:
        return None
    field_summary, body = _field_texts(page)
    summary = _call(page, "search_summary")
    if summary is None:
        summary = page.search_description
    kind = _call(page, "search_kind", "pages")
    date = _call(page, "search_date") or page.first_published_at
    identifiers = [str(value) for value in (_call(page, "search_identifiers") or []) if value]
    # A field both returned by search_summary() and listed in search_fields counts once.
    summary_texts = _unique([_plain(summary), *field_summary])
    seen = set(summary_texts)
    return SearchDocument(
        page_id=page.pk,
        url=url,
        title=page.title,
        kind=kind if kind in KINDS else "pages",
        summary="\n".join(summary_texts),
        body="\n".join(text for text in _unique(body) if text not in seen),
        attachments=_attachments_text(_call(page, "search_attachments", [])),
        identifiers=identifiers,
        date=date,
        school_year=_call(page, "search_school_year", "") or "",
        issuer=_issuer(page),
    )
