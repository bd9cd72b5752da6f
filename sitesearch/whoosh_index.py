"""The Whoosh engine's files: the schema, one index per school, and its writes (R1.1, R9.3).

One index per schema under ``SEARCH_INDEX_ROOT/<schema_name>``, never shared. Whoosh allows
one writer per index: writers wait up to ``WRITE_LOCK_TIMEOUT`` seconds for the lock and raise
``whoosh.index.LockError`` after that (the Celery tasks retry on it). Whoosh commits by
writing new segment files and then renaming a new table of contents into place, and its lock
is an OS file lock released when a process dies, so a crashed writer leaves the previous
index readable and writable.

Every text part of a page goes into ONE folded field, each token weighted by its part
(title 8, summary 4, …), instead of a field per part: a query word is one posting list.
"""

from __future__ import annotations

import collections
import logging
import multiprocessing
import os
import re
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from django.conf import settings
from whoosh import fields, index, writing
from whoosh.analysis import Token, Tokenizer
from whoosh.index import LockError

from sitesearch.analysis import _WORD_RE, fold
from sitesearch.backend import SNIPPET_SOURCE_CHARS, WEIGHTS, SearchDocument

logger = logging.getLogger(__name__)
T = TypeVar("T")

WRITE_LOCK_TIMEOUT = 30.0
_SCHEMA_RE = re.compile(r"^[a-z0-9_]{1,63}$")
PART_SEPARATOR = "\x1e"
PARTS = tuple(WEIGHTS)

# Bumped by every write in this process: a thread's cached searcher of that index is then
# refreshed on its next use without waiting for ``whoosh_searchers.REFRESH_CHECK_SECONDS``.
_local_writes: collections.Counter = collections.Counter()


def _written(path: Path) -> None:
    _local_writes[str(path)] += 1


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
    are kept as they are (``multisegment``) instead of being merged again at commit (a
    merge made a rebuild five times slower; each segment costs the portal's query a matcher).
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
