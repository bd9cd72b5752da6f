"""Reads of the search indexes: one school's, or every school's for the operator portal (R9.3).

User input never reaches Whoosh's query parser: the query is cut to ``MAX_QUERY_CHARS``,
split into words by the index tokenizer (punctuation and operators such as ``"*:()`` vanish,
upper-case ``AND``/``OR``/``NOT`` are dropped) and the query is built from terms.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import logging
import re
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from whoosh import highlight
from whoosh.query import And, AndMaybe, DateRange, Every, Or, Phrase, Query, Term

from sitesearch.analysis import fold, identifier_forms, nfc, words
from sitesearch.backend import KINDS, TEXT_PARTS, open_index

logger = logging.getLogger(__name__)

MAX_QUERY_CHARS = 200
MAX_WORDS = 12
EXACT_BOOST = 1.0
PHRASE_BOOST = 2.0
PER_PAGE = 10
MAX_PAGE = 50
PER_SCHOOL = 50
SNIPPET_CHARS = 240
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
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None

    def is_empty(self) -> bool:
        return not (self.kind or self.school_year or self.date_from or self.date_to)


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


def build_query(text: str) -> Query | None:
    """A Whoosh query from what the user typed, or ``None`` if it holds no word.

    Each word must match (folded) in some field; the same word with its diacritics, in the
    unfolded fields, adds score, so exact-diacritic matches rank first. A whole number/symbol
    (``2326/GDĐT-THCS``) also matches the identifier field on its own.
    """
    text = clean_query(text)
    query_words = words(_OPERATORS_RE.sub(" ", text))[:MAX_WORDS]
    alternatives: list[Query] = []
    if query_words:
        per_word = []
        for word in query_words:
            folded = fold(word)
            terms: list[Query] = [Term(f"{part}_f", folded) for part in TEXT_PARTS]
            terms.append(Term("ident_f", folded))
            terms += [Term(f"{part}_x", word, boost=EXACT_BOOST) for part in TEXT_PARTS]
            per_word.append(Or(terms))
        words_query: Query = And(per_word) if len(per_word) > 1 else per_word[0]
        if len(query_words) > 1:
            # The words as a phrase in the title rank first. Titles only: phrase matching
            # reads positions, which in long bodies cost more than the rest of the query.
            phrase = Phrase("title_f", [fold(word) for word in query_words], boost=PHRASE_BOOST)
            words_query = AndMaybe(words_query, phrase)
        alternatives.append(words_query)
    # Numbers/symbols hold a digit or a slash ("2326/GDĐT-THCS", "QĐ/UBND").
    looks_like_number = len(text) <= 100 and any(ch.isdigit() or ch == "/" for ch in text)
    forms = identifier_forms(text) if looks_like_number else []
    if forms:
        alternatives.append(Or([Term("ident", form) for form in forms]))
    if not alternatives:
        return None
    return alternatives[0] if len(alternatives) == 1 else Or(alternatives)


def _utc_naive(day: datetime.date, end: bool) -> datetime.datetime:
    moment = datetime.datetime.combine(day, datetime.time.max if end else datetime.time.min)
    local = moment.replace(tzinfo=ZoneInfo(settings.TIME_ZONE))
    return local.astimezone(datetime.UTC).replace(tzinfo=None)


def build_filter(filters: SearchFilters) -> Query | None:
    parts: list[Query] = []
    if filters.kind in KINDS:
        parts.append(Term("kind", filters.kind))
    if filters.school_year:
        parts.append(Term("school_year", filters.school_year))
    if filters.date_from or filters.date_to:
        parts.append(
            DateRange(
                "date",
                _utc_naive(filters.date_from, end=False) if filters.date_from else None,
                _utc_naive(filters.date_to, end=True) if filters.date_to else None,
            )
        )
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else And(parts)


class _MarkFormatter(highlight.HtmlFormatter):
    """``<mark>`` around matches; everything else HTML-escaped by Whoosh's formatter."""

    template = "<%(tag)s>%(t)s</%(tag)s>"

    def __init__(self):
        super().__init__(tagname="mark", between=" … ")


def _snippet(hit) -> SafeString:
    for fieldname, stored in (
        ("summary_f", "summary"),
        ("body_f", "snippet_body"),
        ("attach_f", "snippet_attach"),
    ):
        text = hit.get(stored) or ""
        if not text:
            continue
        try:
            fragment = hit.highlights(fieldname, text=text, top=2)
        except Exception:  # noqa: BLE001 - a snippet must never break the results page
            logger.exception("Search: highlighting failed for page %s", hit.get("page_id"))
            fragment = ""
        if fragment:
            return mark_safe(fragment)  # noqa: S308 - Whoosh's HtmlFormatter escapes the text
    fallback = hit.get("summary") or hit.get("snippet_body") or ""
    return escape(Truncator(fallback).chars(SNIPPET_CHARS))


def _local_date(value: datetime.datetime | None) -> datetime.datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=datetime.UTC).astimezone(ZoneInfo(settings.TIME_ZONE))


def _hit(hit, *, school=None, base_url: str = "") -> SearchHit:
    kind = hit.get("kind") or "pages"
    return SearchHit(
        title=hit.get("title") or "",
        url=f"{base_url}{hit.get('url') or ''}",
        kind=kind,
        kind_label=KIND_LABELS.get(kind, KIND_LABELS["pages"]),
        date=_local_date(hit.get("date")),
        school_year=hit.get("school_year") or "",
        snippet=_snippet(hit),
        score=float(hit.score or 0.0),
        school=school,
    )


def _run(searcher, query: Query | None, filters: SearchFilters, limit: int):
    results_filter = build_filter(filters)
    if query is None:  # filters only: the newest first
        results = searcher.search(
            Every(), filter=results_filter, limit=limit, sortedby="date", reverse=True
        )
    else:
        results = searcher.search(query, filter=results_filter, limit=limit)
    results.fragmenter = highlight.ContextFragmenter(maxchars=SNIPPET_CHARS, surround=70)
    results.formatter = _MarkFormatter()
    return results


def _page_bounds(page: int, total: int, per_page: int) -> tuple[int, int]:
    pages = max(1, -(-total // per_page)) if total else 0
    return min(max(page, 1), max(pages, 1), MAX_PAGE), pages


def search_school(
    schema_name: str,
    text: str,
    filters: SearchFilters | None = None,
    *,
    page: int = 1,
    per_page: int = PER_PAGE,
) -> SearchResults:
    """One page of results from one school's index."""
    filters = filters or SearchFilters()
    query = build_query(text)
    if query is None and filters.is_empty():
        return EMPTY
    ix = open_index(schema_name, create=False)
    if ix is None:
        return SearchResults(hits=[], total=0, page=1, pages=0, searched=True)
    page = min(max(page, 1), MAX_PAGE)
    with ix.searcher() as searcher:
        limit = page * per_page
        results = _run(searcher, query, filters, limit=limit)
        total, exact = _total(results, limit, searcher.doc_count())
        page, pages = _page_bounds(page, total, per_page)
        start = (page - 1) * per_page
        hits = [
            _hit(results[i]) for i in range(start, min(start + per_page, results.scored_length()))
        ]
    return SearchResults(hits=hits, total=total, page=page, pages=pages, searched=True, exact=exact)


def _total(results, limit: int, doc_count: int) -> tuple[int, bool]:
    """(number of matches, whether it is exact) without re-running the query to count.

    Whoosh's top-N collector skips blocks of postings that cannot reach the top, so it may
    not know how many documents matched; ``len(results)`` would then search again. Fewer
    matches than ``limit`` means every match was collected; otherwise the query's own size
    estimate is used (an upper bound), capped by the index size.
    """
    scored = results.scored_length()
    if results.has_exact_length():
        return len(results), True
    if scored < limit:
        return scored, True
    estimate = min(results.estimated_length(), doc_count)
    return max(estimate, scored), False


def search_all_schools(
    text: str,
    filters: SearchFilters | None = None,
    *,
    page: int = 1,
    per_page: int = PER_PAGE,
    per_school: int = PER_SCHOOL,
) -> SearchResults:
    """The operator portal's search over every active school's public content (R1.5).

    Each school's index answers with its best ``per_school`` hits; they are merged by score
    (the newest first for a filter-only search), so the work is bounded by the number of
    schools, whatever their size. Each hit names its school and links to the school's site.
    """
    from schools.models import SchoolStatus
    from schools.selectors import school_base_url, school_list

    filters = filters or SearchFilters()
    query = build_query(text)
    if query is None and filters.is_empty():
        return EMPTY
    schools = list(school_list().filter(status=SchoolStatus.ACTIVE))
    with contextlib.ExitStack() as stack:
        candidates = []
        total = 0
        for school in schools:
            ix = open_index(school.schema_name, create=False)
            if ix is None:
                continue
            searcher = stack.enter_context(ix.searcher())
            results = _run(searcher, query, filters, limit=per_school)
            total += min(len(results), per_school)
            for rank in range(results.scored_length()):
                hit = results[rank]
                sort_key = hit.get("date") if query is None else hit.score
                candidates.append((sort_key, school, hit))
        if query is None:
            candidates.sort(key=lambda item: item[0] or datetime.datetime.min, reverse=True)
        else:
            candidates.sort(key=lambda item: item[0], reverse=True)
        page, pages = _page_bounds(page, len(candidates), per_page)
        start = (page - 1) * per_page
        base_urls: dict[int, str] = {}  # one domain query per school shown, at most per_page
        hits = []
        for _, school, hit in candidates[start : start + per_page]:
            if school.pk not in base_urls:
                base_urls[school.pk] = school_base_url(school)
            hits.append(_hit(hit, school=school, base_url=base_urls[school.pk]))
    return SearchResults(hits=hits, total=total, page=page, pages=pages, searched=True)
