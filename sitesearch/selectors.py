"""Reads of the search index: one school's, or every school's for the operator portal (R9.3).

The engine (Whoosh or PostgreSQL, ``sitesearch.backend``) is chosen by a setting; nothing
here or in the views and templates depends on which. User input never reaches a query
language: the query is cut to ``MAX_QUERY_CHARS``, split into words by the index tokenizer
(punctuation and operators such as ``"*:()`` vanish, upper-case ``AND``/``OR``/``NOT`` are
dropped) and handed to the engine as words.
"""

from __future__ import annotations

import dataclasses
import datetime
import logging
import re
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from sitesearch import backend
from sitesearch.analysis import fold, fold_in_place, identifier_forms, nfc, words
from sitesearch.backend import KINDS, ParsedQuery, StoredHit
from sitesearch.snippets import snippet

logger = logging.getLogger(__name__)

MAX_QUERY_CHARS = 200
MAX_WORDS = 12
PER_PAGE = 10
MAX_PAGE = 50
# A title holding the query's words as a phrase gains this share of the best score; the
# bonus is applied to this many candidates beyond the page shown.
PHRASE_BONUS = 0.5
RERANK_EXTRA = 10
# Candidates holding every query word with its diacritics as typed gain this share of the
# best score (less for some of the words): "bán trú" before "bạn trú".
EXACT_BONUS = 0.5
_OPERATORS_RE = re.compile(r"\b(?:AND|OR|NOT|ANDNOT|ANDMAYBE)\b")

KIND_LABELS = {
    "news": _("Tin tức"),
    "documents": _("Văn bản"),
    "disclosure": _("Công khai"),
    "procedures": _("Thủ tục – biểu mẫu"),
    "pages": _("Trang thông tin"),
}
assert set(KIND_LABELS) == set(KINDS)


@dataclasses.dataclass(frozen=True)
class SearchFilters:
    kind: str = ""
    school_year: str = ""
    issuer: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None

    def __post_init__(self):
        if self.kind and self.kind not in KINDS:
            object.__setattr__(self, "kind", "")

    def is_empty(self) -> bool:
        return not (self.kind or self.school_year or self.issuer or self.date_from or self.date_to)


@dataclasses.dataclass
class SearchHit:
    title: str
    url: str
    kind: str
    kind_label: str
    date: datetime.datetime | None
    school_year: str
    snippet: SafeString
    score: float
    school: object | None = None  # a schools.School for the portal's results


@dataclasses.dataclass
class SearchResults:
    hits: list[SearchHit]
    total: int
    page: int
    pages: int
    searched: bool  # False when there was nothing to search for
    exact: bool = True  # False: ``total`` is an estimate (many matches, counting costs)

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


EMPTY = SearchResults(hits=[], total=0, page=1, pages=0, searched=False)


def clean_query(text: str) -> str:
    return nfc(text or "")[:MAX_QUERY_CHARS].strip()


def build_query(text: str) -> ParsedQuery | None:
    """The words of what the user typed, or ``None`` if it holds none.

    Each word must match without diacritics; the same word with its diacritics ranks higher,
    so exact-diacritic matches come first. A whole number/symbol (``2326/GDĐT-THCS``, a text
    holding a digit or a slash) also matches the identifiers on its own.
    """
    text = clean_query(text)
    query_words = tuple(words(_OPERATORS_RE.sub(" ", text))[:MAX_WORDS])
    looks_like_number = len(text) <= 100 and any(ch.isdigit() or ch == "/" for ch in text)
    forms = tuple(identifier_forms(text)) if looks_like_number else ()
    if not query_words and not forms:
        return None
    return ParsedQuery(
        words=query_words, folded=tuple(fold(word) for word in query_words), identifiers=forms
    )


def _local_date(value: datetime.datetime | None) -> datetime.datetime | None:
    return value.astimezone(ZoneInfo(settings.TIME_ZONE)) if value else None


def _hit(stored: StoredHit, query: ParsedQuery | None, *, school=None, base_url="") -> SearchHit:
    kind = stored.kind if stored.kind in KINDS else "pages"
    return SearchHit(
        title=stored.title,
        url=f"{base_url}{stored.url}",
        kind=kind,
        kind_label=KIND_LABELS[kind],
        date=_local_date(stored.date),
        school_year=stored.school_year,
        snippet=snippet(
            [stored.summary, stored.body, stored.attach], query.folded if query else ()
        ),
        score=stored.score,
        school=school,
    )


def _word_re(words_) -> re.Pattern:
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words_)) + r")(?!\w)")


def _rerank(hits: list[StoredHit], query: ParsedQuery | None) -> list[StoredHit]:
    """The candidates reordered: the query's words with their diacritics as typed first, then
    titles holding the words as a phrase.

    Checked on the stored texts of the candidates only (the page shown and a few more):
    scoring exact forms and phrases over the whole index cost more than the rest of the query.
    """
    if query is None or not query.words or not hits:
        return hits
    best = max(hit.score for hit in hits) or 1.0
    exact = _word_re(dict.fromkeys(query.words))
    phrase = None
    if len(query.folded) > 1:
        phrase = re.compile(r"(?<!\w)" + r"\W+".join(map(re.escape, query.folded)) + r"(?!\w)")
    wanted = len(set(query.words))
    for hit in hits:
        text = "\n".join((hit.title, hit.summary, hit.body, hit.attach)).lower()
        found = {match.group(0) for match in exact.finditer(text)}
        hit.score += EXACT_BONUS * best * len(found) / wanted
        if phrase is not None and phrase.search(fold_in_place(hit.title)):
            hit.score += PHRASE_BONUS * best
    return sorted(hits, key=lambda hit: hit.score, reverse=True)


def _page_bounds(page: int, total: int, per_page: int) -> tuple[int, int]:
    pages = min(max(1, -(-total // per_page)), MAX_PAGE) if total else 0
    return min(max(page, 1), max(pages, 1)), pages


def _search(schema_names, text, filters, page, per_page):
    filters = filters or SearchFilters()
    query = build_query(text)
    if query is None and filters.is_empty():
        return None
    page = min(max(page, 1), MAX_PAGE)
    limit = page * per_page
    found = backend.search(schema_names, query, filters, limit=limit + RERANK_EXTRA)
    ranked = _rerank(found.hits, query)[:limit]
    page, pages = _page_bounds(page, found.total, per_page)
    start = (page - 1) * per_page
    return query, found, ranked[start : start + per_page], page, pages


def search_school(
    schema_name: str,
    text: str,
    filters: SearchFilters | None = None,
    *,
    page: int = 1,
    per_page: int = PER_PAGE,
) -> SearchResults:
    """One page of results from one school's index; snippets for the hits shown only."""
    searched = _search([schema_name], text, filters, page, per_page)
    if searched is None:
        return EMPTY
    query, found, shown, page, pages = searched
    return SearchResults(
        hits=[_hit(stored, query) for stored in shown],
        total=found.total,
        page=page,
        pages=pages,
        searched=True,
        exact=found.exact,
    )


ISSUERS_CACHE_SECONDS = 300


def _active_schema_names() -> list[str]:
    from schools.models import SchoolStatus
    from schools.selectors import school_list

    return list(
        school_list()
        .filter(status=SchoolStatus.ACTIVE)
        .order_by("pk")
        .values_list("schema_name", flat=True)
    )


def issuer_names(*, portal: bool = False) -> list[str]:
    """The issuers (cơ quan ban hành) of the current school's indexed pages, or of every
    active school's on the portal: the choices of the issuer filter. Cached for
    ``ISSUERS_CACHE_SECONDS`` (the cache key carries the schema)."""
    from django.core.cache import cache
    from django.db import connection

    key = "sitesearch:issuers"
    names = cache.get(key)
    if names is None:
        schema_names = _active_schema_names() if portal else [connection.schema_name]
        names = backend.issuers(schema_names)
        cache.set(key, names, ISSUERS_CACHE_SECONDS)
    return names


def search_all_schools(
    text: str,
    filters: SearchFilters | None = None,
    *,
    page: int = 1,
    per_page: int = PER_PAGE,
) -> SearchResults:
    """The operator portal's search over every active school's public content (R1.5).

    The engine ranks the schools' hits together by score (the newest first for a filter-only
    search) in one query: PostgreSQL over the shared table, Whoosh over the active schools'
    indexes opened as one (``whoosh_searchers.PortalView``). Only active schools are passed,
    so a suspended or deleted school or a spare schema never appears. Each hit names its
    school and links to the school's site.
    """
    from schools.models import SchoolStatus
    from schools.selectors import school_base_urls, school_list

    schools = {
        school.schema_name: school
        for school in school_list().filter(status=SchoolStatus.ACTIVE).order_by("pk")
    }
    searched = _search(list(schools), text, filters, page, per_page)
    if searched is None:
        return EMPTY
    query, found, shown, page, pages = searched
    base_urls = school_base_urls({schools[stored.schema_name] for stored in shown})
    hits = []
    for stored in shown:
        school = schools[stored.schema_name]
        hits.append(_hit(stored, query, school=school, base_url=base_urls[school.pk]))
    return SearchResults(
        hits=hits, total=found.total, page=page, pages=pages, searched=True, exact=found.exact
    )
