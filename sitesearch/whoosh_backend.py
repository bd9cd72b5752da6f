"""The Whoosh engine: one index per school, embedded, the default (R1.1, R9.3).

The files and writes are in ``whoosh_index``, the open searchers (and the portal's view of
every school as one index) in ``whoosh_searchers``; this module answers queries.

Speed (``bench/search.py``): a query word is one posting list (``whoosh_index``); searchers
stay open; a filter's document set is computed once per searcher generation
(``allowed_docs``) and intersected in the matcher (``AllowedDocs``), so dropped matches are
neither walked nor scored; the portal runs ONE query over the active schools' segments with
one top-N (``whoosh_searchers.PortalView``).
"""

from __future__ import annotations

import array
import bisect
import datetime
import logging

from whoosh import collectors
from whoosh.query import And, Or, Query, Term

from sitesearch.backend import EngineResults, ParsedQuery, StoredHit, date_bounds, scoring_budget
from sitesearch.whoosh_index import (  # noqa: F401 - the engine's interface (backend.engine())
    PART_SEPARATOR,
    PARTS,
    WRITE_LOCK_TIMEOUT,
    WeightedPartsTokenizer,
    build_schema,
    documents_write,
    index_drop,
    index_exists,
    index_path,
    index_root,
    open_index,
)
from sitesearch.whoosh_matching import AllWords
from sitesearch.whoosh_searchers import AllowedDocs, filter_docs, portal_view, searcher_for

logger = logging.getLogger(__name__)

IDENT_BOOST = 20.0
# Matches scored at least in each index segment (see _BudgetCollector).
MIN_SEGMENT_BUDGET = 5


def issuers(schema_names: list[str]) -> list[str]:
    names: set[str] = set()
    for schema_name in schema_names:
        searcher = searcher_for(schema_name)
        if searcher is not None and "issuer" in searcher.schema:
            names.update(value for value in searcher.lexicon("issuer") if value)
    return sorted(name.decode() if isinstance(name, bytes) else name for name in names)


def stored_url(schema_name: str, page_id: int) -> str | None:
    searcher = searcher_for(schema_name)
    if searcher is None:
        return None
    stored = searcher.document(page_id=str(page_id))
    return stored["url"] if stored else None


def indexed_page_ids(schema_name: str) -> set[int]:
    searcher = searcher_for(schema_name)
    if searcher is None:
        return set()
    return {int(stored["page_id"]) for stored in searcher.all_stored_fields()}


# --- Queries -------------------------------------------------------------------------------
def build_query(parsed: ParsedQuery) -> Query | None:
    """Each word must match (folded); a whole number/symbol also matches the identifier field
    on its own. Exact diacritics rank first through ``selectors._rerank`` on the candidates:
    an exact-form term per word doubled the postings read for every query. The words are
    intersected by ``whoosh_matching.AllWords``."""
    alternatives: list[Query] = []
    if parsed.words:
        per_word = [Term("text_f", folded) for folded in dict.fromkeys(parsed.folded)]
        alternatives.append(AllWords(per_word) if len(per_word) > 1 else per_word[0])
    if parsed.identifiers:
        alternatives.append(
            Or([Term("ident", form, boost=IDENT_BOOST) for form in parsed.identifiers])
        )
    if not alternatives:
        return None
    return alternatives[0] if len(alternatives) == 1 else Or(alternatives)


def _has_filter(filters) -> bool:
    start, end = date_bounds(filters)
    return bool(filters.kind or filters.school_year or filters.issuer or start or end)


def allowed_docs(searcher, filters) -> array.array:
    """The sorted document numbers passing the filters, cached per open searcher.

    Kind, school year and issuer: their terms' postings. Dates: the date column, read once
    (a ``DateRange`` query expands to many terms and cost more than the search itself).
    Deleted documents are left out.
    """
    terms = tuple(
        (field, value)
        for field, value in (
            ("kind", filters.kind),
            ("school_year", filters.school_year),
            ("issuer", filters.issuer),
        )
        if value
    )
    start, end = date_bounds(filters)

    def compute() -> set[int]:
        docs: set[int] | None = None
        for field, value in terms:
            found = set(searcher.docs_for_query(Term(field, value)))
            docs = found if docs is None else docs & found
        if start or end:
            date_field = searcher.schema["date"]
            low = date_field.to_column_value(start.replace(tzinfo=None)) if start else 1
            high = date_field.to_column_value(end.replace(tzinfo=None)) if end else None
            values, numbers = _date_order(searcher)
            first = bisect.bisect_left(values, low)
            last = len(values) if high is None else bisect.bisect_right(values, high)
            found = set(numbers[first:last])
            docs = found if docs is None else docs & found
        return docs or set()

    return filter_docs(searcher, (terms, start, end), compute)


def _date_order(searcher) -> tuple[list[int], array.array]:
    """The live documents' dates, sorted, and their document numbers in the same order: read
    once per open searcher (a column scan of every document), so a date range is two
    bisections, not a scan."""
    cached = searcher.__dict__.get("_sitesearch_dates")
    if cached is None:
        pairs = []
        for reader, offset in searcher.reader().leaf_readers():
            deletions = reader.has_deletions()
            column = reader.column_reader("date", translate=False)
            pairs.extend(
                (value, offset + docnum)
                for docnum, value in enumerate(column)
                if value and not (deletions and reader.is_deleted(docnum))
            )
        pairs.sort()
        cached = ([value for value, _ in pairs], array.array("l", [num for _, num in pairs]))
        searcher.__dict__["_sitesearch_dates"] = cached
    return cached


def _estimate_size(query: Query, searcher) -> int:
    """``query.estimate_size`` through the searcher: the portal's caches each term's document
    frequency (its reader sums it over every segment at each call)."""
    if isinstance(query, Term):
        return searcher.doc_frequency(query.fieldname, query.text)
    if isinstance(query, And):
        return min(_estimate_size(sub, searcher) for sub in query.subqueries)
    if isinstance(query, Or):
        return sum(_estimate_size(sub, searcher) for sub in query.subqueries)
    return query.estimate_size(searcher.reader())


def _filtered(query: Query, allowed: AllowedDocs) -> Query:
    """The query restricted to the allowed documents: words and the filter intersected
    together (rarest first) when the query is only words."""
    if isinstance(query, AllWords):
        return AllWords([*query.subqueries, allowed])
    if isinstance(query, Term):
        return AllWords([query, allowed])
    return And([query, allowed])


class _BudgetCollector(collectors.TopCollector):
    """Top-N that scores at most ``budget`` matches: a query of words found in most pages
    (``năm học``) would otherwise score every page of the school. The budget is shared by
    the index segments in proportion to their size, and each segment is read from its
    start: a rebuild adds pages newest first (``services._indexable_documents``), so the
    newest matches are scored. ``exhausted`` tells the total is then an estimate. A filter
    is part of the query (``AllowedDocs``), so only allowed matches count."""

    def __init__(self, limit: int, budget: int):
        super().__init__(limit=limit)
        self.budget = budget
        self.exhausted = False
        self.segment_budget = budget

    def run(self):
        total = max(1, self.top_searcher.doc_count_all())
        try:
            for subsearcher, offset in self.top_searcher.leaf_searchers():
                share = self.budget * subsearcher.doc_count_all() // total
                self.segment_budget = max(MIN_SEGMENT_BUDGET, share)
                self.set_subsearcher(subsearcher, offset)
                self.collect_matches()
        finally:
            self.finish()

    def matches(self):
        for examined, docnum in enumerate(super().matches()):
            if examined >= self.segment_budget:
                self.exhausted = True
                return
            yield docnum


def _stored_hit(schema_name: str, stored: dict, score: float) -> StoredHit:
    date = stored.get("date")
    return StoredHit(
        schema_name=schema_name,
        page_id=int(stored["page_id"]),
        url=stored.get("url") or "",
        title=stored.get("title") or "",
        kind=stored.get("kind") or "pages",
        date=date.replace(tzinfo=datetime.UTC) if date else None,
        school_year=stored.get("school_year") or "",
        summary=stored.get("summary") or "",
        body=stored.get("snippet_body") or "",
        attach=stored.get("snippet_attach") or "",
        score=float(score or 0.0),
    )


def _total(results, limit: int, doc_count: int) -> tuple[int, bool]:
    """(number of matches, whether it is exact) without re-running the query to count.

    Whoosh's top-N collector skips blocks of postings that cannot reach the top when the
    matcher allows it (a single word, identifiers; not ``AllWords``), so it may not know
    how many documents matched; ``len(results)`` would then search again. Fewer
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


def search(
    schema_names: list[str], parsed: ParsedQuery | None, filters, *, limit: int
) -> EngineResults:
    """One school's index, or the portal's view of several as one index: one query."""
    query = build_query(parsed) if parsed else None
    filtered = _has_filter(filters)
    if query is None and not filtered or not schema_names:
        return EngineResults(hits=[], total=0)
    if len(schema_names) == 1:
        searcher = searcher_for(schema_names[0])
        schema_of = lambda docnum: schema_names[0]  # noqa: E731
    else:
        view = portal_view(schema_names)
        searcher, schema_of = view.searcher, view.schema_of
    if searcher is None:
        return EngineResults(hits=[], total=0)
    allow = allowed_docs(searcher, filters) if filtered else None
    if allow is not None and not allow:
        return EngineResults(hits=[], total=0)
    if query is None:  # filters only: the newest first
        results = searcher.search(AllowedDocs(allow), limit=limit, sortedby="date", reverse=True)
        count, exact = _total(results, limit, searcher.doc_count())
    else:
        budget = scoring_budget(len(schema_names)) * len(schema_names)
        collector = _BudgetCollector(limit, budget)
        searched = query if allow is None else _filtered(query, AllowedDocs(allow))
        searcher.search_with_collector(searched, collector)
        results = collector.results()
        if collector.exhausted:  # matches beyond the budget were not looked at: estimate
            estimate = min(_estimate_size(query, searcher), searcher.doc_count())
            if allow is not None:
                estimate = min(estimate, len(allow))
            count, exact = max(estimate, results.scored_length()), False
        else:
            count, exact = _total(results, limit, searcher.doc_count())
    hits = []
    for rank in range(min(limit, results.scored_length())):
        hit = results[rank]
        hits.append(_stored_hit(schema_of(hit.docnum), hit.fields(), hit.score))
    return EngineResults(hits=hits, total=max(count, len(hits)), exact=exact)
