"""The Whoosh engine: one index per school, embedded, the default (R1.1, R9.3).

One index per schema under ``SEARCH_INDEX_ROOT/<schema_name>``, never shared. Whoosh allows
one writer per index: writers wait up to ``WRITE_LOCK_TIMEOUT`` seconds for the lock and raise
``whoosh.index.LockError`` after that (the Celery tasks retry on it). Whoosh commits by
writing new segment files and then renaming a new table of contents into place, and its lock
is an OS file lock released when a process dies, so a crashed writer leaves the previous
index readable and writable.

Speed (``bench/search.py``): every text part of a page goes into ONE folded field and ONE
exact field, each token weighted by its part (title 8, summary 4, …), instead of a field per
part: a query word is two posting lists, not ten, and the top-N collector can skip blocks
that cannot reach the top (block-max). Searchers stay open per process and thread, and are
refreshed when the index's generation on disk changes, so other processes' and hosts'
commits are seen.
"""

from __future__ import annotations

import collections
import datetime
import logging
import multiprocessing
import os
import re
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from django.conf import settings
from whoosh import collectors, fields, index, writing
from whoosh.analysis import Token, Tokenizer
from whoosh.index import LockError
from whoosh.query import And, DateRange, Or, Query, Term

from sitesearch.analysis import _WORD_RE, fold
from sitesearch.backend import (
    SNIPPET_SOURCE_CHARS,
    WEIGHTS,
    EngineResults,
    ParsedQuery,
    SearchDocument,
    StoredHit,
    date_bounds,
    scoring_budget,
)

logger = logging.getLogger(__name__)
T = TypeVar("T")

WRITE_LOCK_TIMEOUT = 30.0
_SCHEMA_RE = re.compile(r"^[a-z0-9_]{1,63}$")
PART_SEPARATOR = "\x1e"
PARTS = tuple(WEIGHTS)
IDENT_BOOST = 20.0
# A cached searcher asks the disk for a newer generation at most this often (seconds); a
# write in this process refreshes at once.
REFRESH_CHECK_SECONDS = 1.0
# Matches scored at least in each index segment (see _BudgetCollector).
MIN_SEGMENT_BUDGET = 20
# Open searchers kept per thread (each holds a few file handles).
MAX_OPEN_SEARCHERS = 256


class WeightedPartsTokenizer(Tokenizer):
    """Tokens of ``"title\\x1esummary\\x1eident\\x1ebody\\x1eattach"``, each weighted by its
    part (``token.boost``, summed into the posting's weight by Whoosh's Frequency format)."""

    def __init__(self, folded: bool = True):
        self.folded = folded

    def __eq__(self, other):
        return type(other) is type(self) and other.folded == self.folded

    def __call__(
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        tokenize=True,
        mode="",
        **kwargs,
    ):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        position = start_pos
        weights = [WEIGHTS[part] for part in PARTS]
        for part_text, weight in zip(value.split(PART_SEPARATOR), weights, strict=False):
            for match in _WORD_RE.finditer(part_text):
                word = match.group(0).lower()
                token.text = fold(word) if self.folded else word
                token.boost = weight
                token.stopped = False
                if positions:
                    token.pos = position
                    position += 1
                yield token


def build_schema() -> fields.Schema:
    return fields.Schema(
        page_id=fields.ID(stored=True, unique=True),
        url=fields.STORED(),
        title=fields.STORED(),
        summary=fields.STORED(),
        snippet_body=fields.STORED(),
        snippet_attach=fields.STORED(),
        kind=fields.ID(stored=True),
        school_year=fields.ID(stored=True),
        issuer=fields.ID(),
        date=fields.DATETIME(stored=True, sortable=True),
        ident=fields.KEYWORD(lowercase=True, commas=True, scorable=True),
        text_f=fields.TEXT(analyzer=WeightedPartsTokenizer(folded=True), phrase=False),
    )


def _fields(doc: SearchDocument) -> dict:
    parts = doc.parts()
    joined = PART_SEPARATOR.join(parts[part] for part in PARTS)
    data = {
        "page_id": str(doc.page_id),
        "url": doc.url,
        "title": parts["title"],
        "summary": parts["summary"][:SNIPPET_SOURCE_CHARS],
        "snippet_body": parts["body"][:SNIPPET_SOURCE_CHARS],
        "snippet_attach": parts["attach"][:SNIPPET_SOURCE_CHARS],
        "kind": doc.safe_kind(),
        "school_year": doc.school_year or "",
        "issuer": doc.issuer or "",
        "ident": ",".join(doc.identifier_forms()),
        "text_f": joined,
    }
    if (date := doc.utc_date()) is not None:
        data["date"] = date.replace(tzinfo=None)  # Whoosh compares naive datetimes: UTC
    return data


def index_root() -> Path:
    return Path(settings.SEARCH_INDEX_ROOT)


def index_path(schema_name: str) -> Path:
    if not _SCHEMA_RE.match(schema_name):
        raise ValueError(f"Not a schema name: {schema_name!r}")
    return index_root() / schema_name


def _current(ix: index.Index) -> bool:
    """Whether an index has this code's fields (an index of an older layout must be rebuilt:
    ``setup_platform`` does it, as for a missing index)."""
    return set(ix.schema.names()) == set(build_schema().names())


# A reader lists the index's files and opens the newest table of contents; a commit in
# another thread or process may delete that file in between (Whoosh removes the previous
# generation after a commit). The next listing finds the new one: try again a few times.
TOC_RETRIES = 20


def _retrying(action: Callable[[], T]) -> T:
    for attempt in range(TOC_RETRIES):
        try:
            return action()
        except FileNotFoundError:
            if attempt == TOC_RETRIES - 1:
                raise
            time.sleep(0.005 * (attempt + 1))
    raise AssertionError("unreachable")


def index_exists(schema_name: str) -> bool:
    """An index of the current layout exists."""
    path = index_path(schema_name)

    def check() -> bool:
        if not (path.is_dir() and index.exists_in(str(path))):
            return False
        return _current(index.open_dir(str(path)))

    return _retrying(check)


def open_index(schema_name: str, *, create: bool = True) -> index.Index | None:
    """The school's index; created empty on first use, or over an index of an older layout,
    when ``create``."""
    return _retrying(lambda: _open_index(schema_name, create))


def _open_index(schema_name: str, create: bool) -> index.Index | None:
    path = index_path(schema_name)
    if path.is_dir() and index.exists_in(str(path)):
        ix = index.open_dir(str(path))
        if _current(ix) or not create:
            return ix
        logger.warning("Search index of %s has an older layout: recreated empty", schema_name)
    elif not create:
        return None
    path.mkdir(parents=True, exist_ok=True)
    try:
        return index.create_in(str(path), build_schema())
    except LockError:  # another worker is creating it right now
        return index.open_dir(str(path))


def index_drop(schema_name: str) -> None:
    import shutil

    path = index_path(schema_name)
    _written(path)
    shutil.rmtree(path, ignore_errors=True)


# Memory a writer buffers before flushing a segment (Whoosh's default is 128 MB per process).
WRITER_LIMIT_MB = 192
# Worker processes for a rebuild: the machine has 2 cores, shared with the web and Celery.
REBUILD_PROCS = 2


def _rebuild_procs() -> int:
    """Sub-processes for a bulk write; 1 inside a daemon process (a Celery prefork child),
    which may not start children of its own."""
    if multiprocessing.current_process().daemon:
        return 1
    return max(1, min(REBUILD_PROCS, os.cpu_count() or 1))


def _writer(ix: index.Index, timeout: float, *, bulk: bool = False) -> writing.IndexWriter:
    """A writer that waits for the lock; raises ``LockError`` after ``timeout`` seconds.

    ``bulk`` (a rebuild): analysis spread over ``REBUILD_PROCS`` processes, whose segments
    are kept as they are (``multisegment``) instead of being merged again at commit.
    """
    if bulk and (procs := _rebuild_procs()) > 1:
        return ix.writer(
            timeout=timeout,
            delay=0.05,
            procs=procs,
            limitmb=WRITER_LIMIT_MB // procs,
            multisegment=True,
        )
    return ix.writer(timeout=timeout, delay=0.05, limitmb=WRITER_LIMIT_MB)


def documents_write(
    schema_name: str,
    *,
    add: Iterable[SearchDocument] = (),
    remove: Iterable[int] = (),
    clear: bool = False,
    timeout: float = WRITE_LOCK_TIMEOUT,
) -> int:
    ix = open_index(schema_name)
    writer = _writer(ix, timeout, bulk=clear)
    count = 0
    try:
        if clear:
            for doc in add:
                writer.add_document(**_fields(doc))
                count += 1
        else:
            for page_id in remove:
                writer.delete_by_term("page_id", str(page_id))
            for doc in add:
                writer.update_document(**_fields(doc))
                count += 1
    except BaseException:
        writer.cancel()
        raise
    writer.commit(mergetype=writing.CLEAR if clear else None)
    _written(index_path(schema_name))
    return count


# --- Open searchers ------------------------------------------------------------------------
# Bumped by every write in this process: a thread's cached searcher of that index is then
# refreshed on its next use without waiting for REFRESH_CHECK_SECONDS.
_local_writes: collections.Counter = collections.Counter()
_cache = threading.local()


def _written(path: Path) -> None:
    _local_writes[str(path)] += 1


class _OpenSearcher:
    __slots__ = ("searcher", "checked", "writes")

    def __init__(self, searcher, writes: int):
        self.searcher = searcher
        self.checked = time.monotonic()
        self.writes = writes


def searcher_for(schema_name: str):
    """An open searcher of the school's latest index, or ``None`` without an index.

    Kept open per thread (an LRU of ``MAX_OPEN_SEARCHERS``); its generation is compared with
    the disk's at most every ``REFRESH_CHECK_SECONDS`` and at once after a write here.
    """
    key = str(index_path(schema_name))
    lru: collections.OrderedDict = getattr(_cache, "lru", None)
    if lru is None:
        lru = _cache.lru = collections.OrderedDict()
    writes = _local_writes[key]
    entry = lru.get(key)
    if entry is not None:
        lru.move_to_end(key)
        now = time.monotonic()
        if entry.writes != writes or now - entry.checked >= REFRESH_CHECK_SECONDS:
            entry.checked, entry.writes = now, writes
            try:
                if not entry.searcher.up_to_date():
                    entry.searcher = entry.searcher.refresh()
            except (OSError, index.EmptyIndexError):  # the directory went away
                lru.pop(key).searcher.close()
                entry = None
        if entry is not None:
            return entry.searcher
    ix = open_index(schema_name, create=False)
    if ix is None:
        return None
    lru[key] = _OpenSearcher(_retrying(ix.searcher), writes)
    while len(lru) > MAX_OPEN_SEARCHERS:
        _, old = lru.popitem(last=False)
        old.searcher.close()
    return lru[key].searcher


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
    an exact-form term per word doubled the postings read for every query."""
    alternatives: list[Query] = []
    if parsed.words:
        per_word = [Term("text_f", folded) for folded in dict.fromkeys(parsed.folded)]
        alternatives.append(And(per_word) if len(per_word) > 1 else per_word[0])
    if parsed.identifiers:
        alternatives.append(
            Or([Term("ident", form, boost=IDENT_BOOST) for form in parsed.identifiers])
        )
    if not alternatives:
        return None
    return alternatives[0] if len(alternatives) == 1 else Or(alternatives)


def build_filter(filters) -> Query | None:
    parts: list[Query] = []
    if filters.kind:
        parts.append(Term("kind", filters.kind))
    if filters.school_year:
        parts.append(Term("school_year", filters.school_year))
    if filters.issuer:
        parts.append(Term("issuer", filters.issuer))
    start, end = date_bounds(filters)
    if start or end:
        parts.append(
            DateRange(
                "date",
                start.replace(tzinfo=None) if start else None,
                end.replace(tzinfo=None) if end else None,
            )
        )
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else And(parts)


class _BudgetCollector(collectors.TopCollector):
    """Top-N that scores at most ``budget`` matches: a query of words found in most pages
    (``năm học``) would otherwise score every page of the school. The budget is shared by
    the index segments in proportion to their size, and each segment is read from its
    start: a rebuild adds pages newest first (``services._indexable_documents``), so the
    newest matches are scored. ``exhausted`` tells the total is then an estimate."""

    def __init__(self, limit: int, budget: int, floor: float = 0.0):
        super().__init__(limit=limit)
        self.budget = budget
        self.floor = floor
        self.exhausted = False
        self.segment_budget = budget

    def prepare(self, top_searcher, q, context):
        super().prepare(top_searcher, q, context)
        self.minscore = self.floor

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

    def _collect(self, global_docnum, score):
        if score <= self.floor:
            return 0
        return super()._collect(global_docnum, score)


class _FloorCollector(collectors.TopCollector):
    """Top-N that ignores scores at or below ``floor`` (the portal's current N-th best from
    other schools), so block-max skipping starts with that bar instead of zero."""

    def __init__(self, limit: int, floor: float):
        super().__init__(limit=limit)
        self.floor = floor

    def prepare(self, top_searcher, q, context):
        super().prepare(top_searcher, q, context)
        self.minscore = self.floor

    def _collect(self, global_docnum, score):
        if score <= self.floor:
            return 0
        return super()._collect(global_docnum, score)


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


def _search_one(searcher, query, filter_query, limit: int, floor: float, budget: int):
    """(results, whether every match was looked at)."""
    if query is None:  # filters only: the newest first
        return searcher.search(filter_query, limit=limit, sortedby="date", reverse=True), True
    collector = _BudgetCollector(limit, budget, floor)
    outer = collector
    if filter_query is not None:
        outer = collectors.FilterCollector(collector, allow=filter_query)
    searcher.search_with_collector(query, outer)
    return outer.results(), not collector.exhausted


def search(
    schema_names: list[str], parsed: ParsedQuery | None, filters, *, limit: int
) -> EngineResults:
    query = build_query(parsed) if parsed else None
    filter_query = build_filter(filters)
    if query is None and filter_query is None:
        return EngineResults(hits=[], total=0)
    merged: list[tuple[float, StoredHit]] = []
    total, exact = 0, True
    floor = 0.0
    budget = scoring_budget(len(schema_names))
    for schema_name in schema_names:
        searcher = searcher_for(schema_name)
        if searcher is None:
            continue
        results, complete = _search_one(searcher, query, filter_query, limit, floor, budget)
        if floor > 0 or not complete:  # matches below the bar were not even looked at: estimate
            count = min(query.estimate_size(searcher.reader()), searcher.doc_count())
            count, count_exact = max(count, results.scored_length()), False
        else:
            count, count_exact = _total(results, limit, searcher.doc_count())
        exact = exact and count_exact
        total += count
        for rank in range(results.scored_length()):
            hit = results[rank]
            stored = _stored_hit(schema_name, hit.fields(), hit.score)
            merged.append((stored.score, stored))
        if len(schema_names) > 1:
            if query is None:
                merged.sort(key=lambda item: item[1].date or _EPOCH, reverse=True)
            else:
                merged.sort(key=lambda item: item[0], reverse=True)
                if len(merged) >= limit:
                    floor = merged[limit - 1][0]
            del merged[limit:]
    hits = [stored for _, stored in merged[:limit]]
    return EngineResults(hits=hits, total=max(total, len(hits)), exact=exact)


_EPOCH = datetime.datetime.min.replace(tzinfo=datetime.UTC)
