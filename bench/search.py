"""Search: indexing throughput and query latency with 10,000 documents in one school (R9.3).

Documents are synthetic Vietnamese texts written straight through
``sitesearch.backend.documents_write`` (the function the Celery tasks end in), not through
Wagtail pages, to keep the run short: page loading and attachment extraction are not measured.
The index lives in a temporary directory.
"""

from __future__ import annotations

import datetime
import random
import statistics
import tempfile
import time

from django.conf import settings

from sitesearch.backend import SearchDocument, documents_write
from sitesearch.selectors import SearchFilters, search_school

DOCUMENTS = 10_000
QUERIES = 200
SCHEMA = "bench_search"

WORDS = [
    "học",
    "sinh",
    "giáo",
    "viên",
    "nhà",
    "trường",
    "kế",
    "hoạch",
    "tuyển",
    "sinh",
    "năm",
    "học",
    "công",
    "khai",
    "tài",
    "chính",
    "thời",
    "khóa",
    "biểu",
    "lịch",
    "công",
    "tác",
    "hội",
    "nghị",
    "cán",
    "bộ",
    "viên",
    "chức",
    "thông",
    "báo",
    "quyết",
    "định",
    "khen",
    "thưởng",
    "kỷ",
    "luật",
    "an",
    "toàn",
    "giao",
    "thông",
    "phòng",
    "chống",
    "dịch",
    "bệnh",
    "bán",
    "trú",
    "học",
    "phí",
    "miễn",
    "giảm",
    "đoàn",
    "đội",
    "văn",
    "nghệ",
    "thể",
    "dục",
    "thể",
    "thao",
    "hội",
    "khỏe",
    "Phù",
    "Đổng",
    "chuyên",
    "môn",
    "sáng",
    "kiến",
    "kinh",
    "nghiệm",
    "đánh",
    "giá",
    "xếp",
    "loại",
    "cơ",
    "sở",
    "vật",
    "chất",
    "thư",
    "viện",
    "thiết",
    "bị",
    "dạy",
    "học",
    "chuyển",
    "đổi",
    "số",
    "sổ",
    "điểm",
    "điện",
    "tử",
    "phụ",
    "huynh",
]
# Plus generated syllables, drawn with a Zipf-like law as in real text: a vocabulary of a few
# dozen words would make every query match every document.
_ONSETS = [
    "b",
    "c",
    "ch",
    "d",
    "đ",
    "g",
    "h",
    "kh",
    "l",
    "m",
    "n",
    "ng",
    "nh",
    "ph",
    "qu",
    "s",
    "t",
    "th",
    "tr",
    "v",
    "x",
]
_RHYMES = [
    "a",
    "an",
    "ang",
    "anh",
    "ao",
    "at",
    "ay",
    "e",
    "em",
    "en",
    "eo",
    "i",
    "inh",
    "it",
    "o",
    "oa",
    "oan",
    "oc",
    "on",
    "ong",
    "ot",
    "u",
    "uc",
    "ung",
    "uyen",
    "uong",
]
_TONES = {"a": "aàáảãạ", "e": "eèéẻẽẹ", "i": "iìíỉĩị", "o": "oòóỏõọ", "u": "uùúủũụ"}


def _vocabulary() -> list[str]:
    vocabulary = list(WORDS)
    for onset in _ONSETS:
        for rhyme in _RHYMES:
            vowel = next(ch for ch in rhyme if ch in _TONES)
            for tone in _TONES[vowel]:
                vocabulary.append(onset + rhyme.replace(vowel, tone, 1))
    return vocabulary


KINDS = ("news", "documents", "disclosure", "procedures", "pages")
QUERY_SAMPLES = [
    "tuyen sinh",
    "tuyển sinh lớp 6",
    "cong khai tai chinh",
    "hoi khoe phu dong",
    "kế hoạch năm học",
    "thong bao",
    "2326/GDĐT-THCS",
    "miễn giảm học phí",
    "an toan giao thong",
    'phụ huynh "học phí" AND (bán trú)',
]


VOCABULARY = _vocabulary()
_WEIGHTS = [1 / (rank + 1) for rank in range(len(VOCABULARY))]


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choices(VOCABULARY, _WEIGHTS, k=words)).capitalize() + "."


def _documents(rng: random.Random):
    start = datetime.datetime(2022, 9, 5, tzinfo=datetime.UTC)
    for i in range(1, DOCUMENTS + 1):
        kind = KINDS[i % len(KINDS)]
        year = 2022 + i % 4
        yield SearchDocument(
            page_id=i,
            url=f"/trang/{i}/",
            title=_text(rng, 8),
            kind=kind,
            summary=_text(rng, 25),
            body=" ".join(_text(rng, 15) for _ in range(20)),
            identifiers=[f"{i}/GDĐT-THCS"] if kind == "documents" else [],
            date=start + datetime.timedelta(hours=3 * i),
            school_year=f"{year}\u2013{year + 1}",
        )


def run() -> dict:
    rng = random.Random(2026)
    with tempfile.TemporaryDirectory(prefix="bench-search-") as root:
        settings.SEARCH_INDEX_ROOT = root
        documents = list(_documents(rng))
        started = time.perf_counter()
        # As rebuild_search_index writes: one commit, analysis over REBUILD_PROCS processes.
        documents_write(SCHEMA, add=documents, clear=True, timeout=120.0)
        indexing_seconds = time.perf_counter() - started

        latencies = []
        for n in range(QUERIES):
            text = QUERY_SAMPLES[n % len(QUERY_SAMPLES)]
            filters = SearchFilters(kind=KINDS[n % 5]) if n % 4 == 0 else None
            began = time.perf_counter()
            results = search_school(SCHEMA, text, filters, page=1 + n % 3)
            latencies.append(time.perf_counter() - began)
            assert results.searched
        latencies.sort()
    return {
        "method": (
            "synthetic Vietnamese documents written directly to the index (not through pages, "
            "no attachment extraction) in one rebuild commit (2 processes); queries through "
            "search_school with snippets, a quarter of them with a kind filter; totals "
            "estimated when counting would re-run the query"
        ),
        "vocabulary": len(VOCABULARY),
        "documents": DOCUMENTS,
        "indexing_seconds": indexing_seconds,
        "indexing_documents_per_second": DOCUMENTS / indexing_seconds,
        "queries": QUERIES,
        "query_ms_p50": statistics.median(latencies) * 1000,
        "query_ms_p95": latencies[int(0.95 * len(latencies)) - 1] * 1000,
        "query_ms_max": latencies[-1] * 1000,
    }
