"""The Whoosh index of one school: schema, storage and safe writes (R1.1, R9.3).

One index per schema under ``SEARCH_INDEX_ROOT/<schema_name>``, never shared. Whoosh allows
one writer per index: writers wait up to ``WRITE_LOCK_TIMEOUT`` seconds for the lock and raise
``whoosh.index.LockError`` after that (the Celery tasks retry on it). Whoosh commits by
writing new segment files and then renaming a new table of contents into place, and its lock
is an OS file lock released when a process dies, so a crashed writer leaves the previous
index readable and writable.
"""

from __future__ import annotations

import dataclasses
import datetime
import logging
import multiprocessing
import os
import re
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from whoosh import fields, index, writing
from whoosh.index import LockError

from sitesearch.analysis import exact_analyzer, folded_analyzer, identifier_forms, nfc

logger = logging.getLogger(__name__)

WRITE_LOCK_TIMEOUT = 30.0
# Text kept in the index only to build snippets; the indexed text itself is not capped.
SNIPPET_SOURCE_CHARS = 20_000
_SCHEMA_RE = re.compile(r"^[a-z0-9_]{1,63}$")

# Field weights: title > summary > body > attachment text.
WEIGHTS = {"title": 8.0, "summary": 4.0, "body": 2.0, "attach": 1.0}
TEXT_PARTS = tuple(WEIGHTS)
# Also searched word by word: the number/symbol of official documents.
IDENT_TEXT_WEIGHT = 4.0
KINDS = ("news", "documents", "disclosure", "procedures", "pages")


def build_schema() -> fields.Schema:
    folded, exact = folded_analyzer(), exact_analyzer()
    schema_fields = {
        "page_id": fields.ID(stored=True, unique=True),
        "url": fields.STORED(),
        "title": fields.STORED(),
        "summary": fields.STORED(),
        "snippet_body": fields.STORED(),
        "snippet_attach": fields.STORED(),
        "kind": fields.ID(stored=True),
        "school_year": fields.ID(stored=True),
        "date": fields.DATETIME(stored=True, sortable=True),
        "ident": fields.KEYWORD(lowercase=True, commas=True, scorable=True, field_boost=20.0),
        "ident_f": fields.TEXT(analyzer=folded, field_boost=IDENT_TEXT_WEIGHT),
    }
    for part, weight in WEIGHTS.items():
        schema_fields[f"{part}_f"] = fields.TEXT(analyzer=folded, field_boost=weight)
        schema_fields[f"{part}_x"] = fields.TEXT(analyzer=exact, field_boost=weight)
    return fields.Schema(**schema_fields)


@dataclasses.dataclass
class SearchDocument:
    """What the index knows about one page; built by ``sitesearch.documents``."""

    page_id: int
    url: str
    title: str
    kind: str = "pages"
    summary: str = ""
    body: str = ""
    attachments: str = ""
    identifiers: list[str] = dataclasses.field(default_factory=list)
    date: datetime.datetime | None = None
    school_year: str = ""

    def to_fields(self) -> dict:
        texts = {
            "title": nfc(self.title),
            "summary": nfc(self.summary),
            "body": nfc(self.body),
            "attach": nfc(self.attachments),
        }
        forms = [form for value in self.identifiers for form in identifier_forms(value)]
        data = {
            "page_id": str(self.page_id),
            "url": self.url,
            "title": texts["title"],
            "summary": texts["summary"][:SNIPPET_SOURCE_CHARS],
            "snippet_body": texts["body"][:SNIPPET_SOURCE_CHARS],
            "snippet_attach": texts["attach"][:SNIPPET_SOURCE_CHARS],
            "kind": self.kind if self.kind in KINDS else "pages",
            "school_year": self.school_year or "",
            "ident": ",".join(forms),
            "ident_f": " ".join(nfc(value) for value in self.identifiers),
        }
        if self.date is not None:
            # Whoosh compares naive datetimes: store UTC.
            date = self.date
            if isinstance(date, datetime.date) and not isinstance(date, datetime.datetime):
                date = datetime.datetime.combine(date, datetime.time())
            if date.tzinfo is not None:
                date = date.astimezone(datetime.UTC).replace(tzinfo=None)
            data["date"] = date
        for part, text in texts.items():
            data[f"{part}_f"] = text
            data[f"{part}_x"] = text
        return data


def index_root() -> Path:
    return Path(settings.SEARCH_INDEX_ROOT)


def index_path(schema_name: str) -> Path:
    if not _SCHEMA_RE.match(schema_name):
        raise ValueError(f"Not a schema name: {schema_name!r}")
    return index_root() / schema_name


def index_exists(schema_name: str) -> bool:
    path = index_path(schema_name)
    return path.is_dir() and index.exists_in(str(path))


def open_index(schema_name: str, *, create: bool = True) -> index.Index | None:
    """The school's index; created empty on first use when ``create``."""
    path = index_path(schema_name)
    if index_exists(schema_name):
        return index.open_dir(str(path))
    if not create:
        return None
    path.mkdir(parents=True, exist_ok=True)
    try:
        return index.create_in(str(path), build_schema())
    except LockError:  # another worker is creating it right now
        return index.open_dir(str(path))


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
    """Add or replace ``add`` and delete the pages ``remove`` in one commit; returns the count.

    ``clear`` drops every existing document in the same commit (a rebuild): readers see the
    old index until the new one is complete.
    """
    ix = open_index(schema_name)
    writer = _writer(ix, timeout, bulk=clear)
    count = 0
    try:
        if clear:
            for doc in add:
                writer.add_document(**doc.to_fields())
                count += 1
        else:
            for page_id in remove:
                writer.delete_by_term("page_id", str(page_id))
            for doc in add:
                writer.update_document(**doc.to_fields())
                count += 1
    except BaseException:
        writer.cancel()
        raise
    writer.commit(mergetype=writing.CLEAR if clear else None)
    return count


def stored_url(schema_name: str, page_id: int) -> str | None:
    """The URL indexed for a page, or ``None`` when it is not in the index."""
    ix = open_index(schema_name, create=False)
    if ix is None:
        return None
    with ix.searcher() as searcher:
        fields_ = searcher.document(page_id=str(page_id))
    return fields_["url"] if fields_ else None


def indexed_page_ids(schema_name: str) -> set[int]:
    ix = open_index(schema_name, create=False)
    if ix is None:
        return set()
    with ix.searcher() as searcher:
        return {int(stored["page_id"]) for stored in searcher.all_stored_fields()}
