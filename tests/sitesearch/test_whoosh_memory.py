"""An open Whoosh index is read from its memory map, not copied into the process
(``sitesearch.whoosh_memory``): Whoosh 2.7.4 copied every sub-file of a segment into an
``io.BytesIO``, so each open searcher held its whole index in the process's memory."""

from __future__ import annotations

import resource
import tracemalloc

import pytest

from sitesearch.backend import SearchDocument, documents_write, index_path
from sitesearch.selectors import search_school
from sitesearch.whoosh_memory import OPEN_FILES_WANTED, raise_open_files_limit
from sitesearch.whoosh_searchers import searcher_for

pytestmark = pytest.mark.whoosh_only

WORDS = [
    "học",
    "sinh",
    "giáo",
    "viên",
    "kế",
    "hoạch",
    "năm",
    "học",
    "tuyển",
    "sinh",
    "an",
    "toàn",
    "giao",
    "thông",
    "bán",
    "trú",
]


def _documents(count: int) -> list[SearchDocument]:
    return [
        SearchDocument(
            page_id=number,
            url=f"/p{number}/",
            title=f"Thông báo số {number} về kế hoạch năm học",
            body=" ".join(
                f"{WORDS[(number * 7 + i) % len(WORDS)]} mục{(number * 131 + i * 17) % 20000}"
                for i in range(300)
            ),
        )
        for number in range(1, count + 1)
    ]


def test_searching_an_open_index_does_not_copy_it_into_memory(school_a):
    documents_write(school_a.schema_name, add=_documents(1000), clear=True)
    size = sum(f.stat().st_size for f in index_path(school_a.schema_name).rglob("*.seg"))
    assert size > 1_000_000  # an index big enough for a copy to show
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        searcher = searcher_for(school_a.schema_name)
        results = search_school(school_a.schema_name, "ke hoach nam hoc")
        for stored in searcher.all_stored_fields():  # every sub-file read at least once
            assert stored["page_id"]
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert results.total == 1000
    assert grown < size / 4, (grown, size)


def test_the_open_files_limit_is_raised_towards_what_the_portal_needs():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = OPEN_FILES_WANTED if hard == resource.RLIM_INFINITY else min(hard, OPEN_FILES_WANTED)
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(soft, 512), hard))  # as under systemd
        assert raise_open_files_limit() == wanted
        assert resource.getrlimit(resource.RLIMIT_NOFILE) == (wanted, hard)
        assert raise_open_files_limit() == wanted  # never lowered, nothing to do
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, wanted), hard))
