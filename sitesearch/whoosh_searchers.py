"""Open Whoosh searchers, kept per process and thread, and the portal's view of every school.

A school's searcher stays open (an LRU of ``MAX_OPEN_SEARCHERS`` per thread); its generation
is compared with the disk's at most every ``REFRESH_CHECK_SECONDS`` and at once after a write
in this process, so commits by other processes or hosts sharing ``SEARCH_INDEX_ROOT`` are
seen. Each open searcher also keeps the document sets of the filters asked of it (a kind, a
school year, a date range): computing one reads every posting of its terms, which cost more
than the query itself, and it only changes with the searcher's generation.

The operator portal searches the schools' own indexes as ONE index: a searcher over a
``MultiReader`` of every segment of the active schools' open searchers, so a query is one
matcher walk with one top-N over all schools, scored with the statistics of all schools
together. It holds no files of its own and
needs no writes: it is rebuilt, in microseconds, whenever one of the schools' searchers was
refreshed, and it only ever holds the schools the caller passes (the active ones).
"""

from __future__ import annotations

import array
import bisect
import collections
import threading
import time
from collections.abc import Callable, Iterable

from whoosh import index
from whoosh.matching import ListMatcher, NullMatcher, ReadTooFar
from whoosh.query import Query
from whoosh.reading import MultiReader
from whoosh.searching import Searcher

from sitesearch.whoosh_index import _local_writes, _retrying, index_path, open_index

# A cached searcher asks the disk for a newer generation at most this often (seconds); a
# write in this process refreshes at once.
REFRESH_CHECK_SECONDS = 1.0
# Open searchers kept per thread at least (each holds a file handle per index segment, and
# maps the segment's file: ``whoosh_memory``); the portal keeps every active school's open.
MAX_OPEN_SEARCHERS = 256
# Filter document sets kept per open searcher.
MAX_FILTERS = 32
# Portal views (one per list of schools) kept per thread.
MAX_PORTAL_VIEWS = 4
# Collection statistics (field lengths, a term's document frequency) kept per portal view.
MAX_CACHED_TOTALS = 10_000

_cache = threading.local()


class _OpenSearcher:
    __slots__ = ("searcher", "checked", "writes")

    def __init__(self, searcher, writes: int):
        self.searcher = searcher
        self.checked = time.monotonic()
        self.writes = writes


def _lru(name: str) -> collections.OrderedDict:
    lru = getattr(_cache, name, None)
    if lru is None:
        lru = collections.OrderedDict()
        setattr(_cache, name, lru)
    return lru


def _capacity() -> int:
    """Searchers this thread keeps open: ``MAX_OPEN_SEARCHERS``, or the schools of the
    largest portal view asked of it, whichever is more. Evicting one of a view's schools
    would close a reader the view is made of (the portal search failed with
    ``ReaderClosed`` over more schools than the LRU held)."""
    return max(MAX_OPEN_SEARCHERS, getattr(_cache, "portal_schools", 0))


def searcher_for(schema_name: str) -> Searcher | None:
    """An open searcher of the school's latest index, or ``None`` without an index."""
    key = str(index_path(schema_name))
    lru = _lru("lru")
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
    while len(lru) > _capacity():
        _, old = lru.popitem(last=False)
        old.searcher.close()
    return lru[key].searcher


def filter_docs(searcher: Searcher, key, compute: Callable[[], Iterable[int]]) -> array.array:
    """The sorted document numbers of a filter (``compute()``), computed once per searcher and
    ``key`` (a refreshed searcher is a new object with an empty cache)."""
    cache = searcher.__dict__.setdefault("_sitesearch_filters", collections.OrderedDict())
    docs = cache.get(key)
    if docs is None:
        docs = array.array("l", sorted(compute()))
        cache[key] = docs
        while len(cache) > MAX_FILTERS:
            cache.popitem(last=False)
    else:
        cache.move_to_end(key)
    return docs


class _PortalSearcher(Searcher):
    """A searcher over many segments that computes the collection's statistics once: Whoosh
    sums ``field_length`` over every segment each time a term's scorer is made (once per
    term and segment), which made a query over 200 segments quadratic; a term's document
    frequency (its idf, the estimated number of matches) is summed once per view."""

    def __init__(self, *args, **kwargs):
        self._totals: dict = {}
        super().__init__(*args, **kwargs)
        if not self.has_parent():  # Whoosh copies the reader's method onto the instance
            del self.doc_frequency

    def _total(self, name: str, *key, compute):
        if self.has_parent():
            return getattr(self.get_parent(), name)(*key)
        cached = (name, *key)
        if cached not in self._totals:
            if len(self._totals) >= MAX_CACHED_TOTALS:
                self._totals.clear()
            self._totals[cached] = compute(*key)
        return self._totals[cached]

    def doc_frequency(self, fieldname, text):
        # Only the top searcher's: its subsearchers keep the segment reader's method.
        return self._total("doc_frequency", fieldname, text, compute=self.reader().doc_frequency)

    def field_length(self, fieldname):
        return self._total("field_length", fieldname, compute=self.reader().field_length)

    def max_field_length(self, fieldname):
        return self._total("max_field_length", fieldname, compute=self.reader().max_field_length)

    def avg_field_length(self, fieldname, default=None):
        if not self.schema[fieldname].scorable:
            return default
        return self.field_length(fieldname) / (self._doccount or 1)


class PortalView:
    """Every segment of the given schools' searchers behind one searcher.

    ``schema_of(docnum)`` names the school of a document number of ``searcher``.
    """

    def __init__(self, parts: list[tuple[str, Searcher]]):
        readers, self.starts, self.schemas = [], [], []
        base = 0
        for schema_name, school_searcher in parts:
            self.starts.append(base)
            self.schemas.append(schema_name)
            for reader, _offset in school_searcher.reader().leaf_readers():
                readers.append(reader)
                base += reader.doc_count_all()
        self.parts = tuple(id(school_searcher) for _, school_searcher in parts)
        self.keep = [school_searcher for _, school_searcher in parts]  # ids stay unique
        # The readers belong to the schools' searchers, which close them on refresh.
        self.searcher = (
            _PortalSearcher(MultiReader(readers), closereader=False) if readers else None
        )

    def schema_of(self, docnum: int) -> str:
        return self.schemas[bisect.bisect_right(self.starts, docnum) - 1]


def portal_view(schema_names: list[str]) -> PortalView:
    """The view of these schools' latest indexes (schools without an index are left out)."""
    _cache.portal_schools = max(getattr(_cache, "portal_schools", 0), len(schema_names))
    parts = []
    for schema_name in schema_names:
        school_searcher = searcher_for(schema_name)
        if school_searcher is not None and school_searcher.doc_count_all():
            parts.append((schema_name, school_searcher))
    key = tuple(schema_names)
    views = _lru("portal")
    view = views.get(key)
    if view is None or view.parts != tuple(id(searcher) for _, searcher in parts):
        view = views[key] = PortalView(parts)
        while len(views) > MAX_PORTAL_VIEWS:
            views.popitem(last=False)
    views.move_to_end(key)
    return view


class _DocsMatcher(ListMatcher):
    """The allowed documents of one segment, scoring nothing: in an ``And`` with the query,
    the intersection leaps from allowed document to allowed document."""

    def __init__(self, ids):
        super().__init__(ids, all_weights=0.0)

    def skip_to(self, id):  # noqa: A002 - Whoosh's signature
        if not self.is_active():
            raise ReadTooFar
        if id > self._ids[self._i]:
            self._i = bisect.bisect_left(self._ids, id, self._i)

    def score(self):
        return 0.0

    def copy(self):
        copied = _DocsMatcher(self._ids)
        copied._i = self._i
        return copied


class AllowedDocs(Query):
    """A query matching the given document numbers of the top searcher (``filter_docs``)."""

    def __init__(self, docs: array.array):
        self.docs = docs

    def __eq__(self, other):
        return type(other) is type(self) and other.docs is self.docs

    def __hash__(self):
        return id(self.docs)

    def __repr__(self):
        return f"AllowedDocs({len(self.docs)})"

    def estimate_size(self, ixreader):
        return len(self.docs)

    def matcher(self, searcher, context=None):
        offset = 0
        if searcher.has_parent():
            offset = searcher.get_parent()._offset_for_subsearcher(searcher)
        docs = self.docs
        start = bisect.bisect_left(docs, offset)
        end = bisect.bisect_left(docs, offset + searcher.doc_count_all(), start)
        if start == end:
            return NullMatcher()
        return _DocsMatcher([docnum - offset for docnum in docs[start:end]])
