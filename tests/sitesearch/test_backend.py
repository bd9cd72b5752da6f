"""The index and the query, without pages: folding, ranking, numbers, filters, bad input."""

import datetime
import subprocess
import sys
import threading

import pytest
from whoosh.index import LockError

from sitesearch.backend import SearchDocument, documents_write, index_path, open_index
from sitesearch.selectors import SearchFilters, build_query, search_school

SCHEMA = "school_x"


def doc(page_id, title, **fields):
    return SearchDocument(page_id=page_id, url=f"/p{page_id}/", title=title, **fields)


def titles(text, filters=None, **kwargs):
    return [hit.title for hit in search_school(SCHEMA, text, filters, **kwargs).hits]


@pytest.fixture
def corpus():
    documents_write(
        SCHEMA,
        add=[
            doc(1, "Công khai chất lượng giáo dục", body="Báo cáo ba công khai năm học."),
            doc(2, "Lịch học trường Đông Thạnh", body="Thời khóa biểu học kỳ I."),
            doc(3, "Tin ngan khong dau", body="Hoc sinh dat giai cap quan."),
            doc(
                4,
                "Hướng dẫn tuyển sinh lớp 6",
                summary="Kế hoạch tuyển sinh năm học 2025–2026",
                identifiers=["2326/GDĐT-THCS"],
                kind="documents",
                school_year="2025–2026",
                date=datetime.datetime(2025, 6, 2, 8, 0, tzinfo=datetime.UTC),
            ),
            doc(
                5,
                "Công văn về an toàn trường học",
                identifiers=["2327/GDĐT-THCS"],
                kind="documents",
                school_year="2024–2025",
                date=datetime.datetime(2024, 9, 10, 8, 0, tzinfo=datetime.UTC),
            ),
        ],
    )


class FoldingSearchTests:
    def test_query_without_diacritics_finds_text_with_them(self, corpus):
        assert titles("cong khai") == ["Công khai chất lượng giáo dục"]
        assert titles("dong thanh") == ["Lịch học trường Đông Thạnh"]

    def test_query_with_diacritics_finds_text_without_them(self, corpus):
        assert titles("tin ngắn không dấu") == ["Tin ngan khong dau"]
        assert titles("đạt giải") == ["Tin ngan khong dau"]

    def test_exact_diacritics_rank_first(self):
        documents_write(
            SCHEMA,
            add=[
                doc(1, "Thông báo", body="Học sinh bạn trú được hỗ trợ."),
                doc(2, "Thông báo", body="Học sinh bán trú được hỗ trợ."),
                doc(3, "Thông báo", body="Học sinh ban trú được hỗ trợ."),
            ],
        )
        hits = search_school(SCHEMA, "bán trú").hits
        assert len(hits) == 3
        assert hits[0].url == "/p2/"
        assert search_school(SCHEMA, "ban tru").hits[0].url == "/p3/"

    def test_title_outweighs_summary_and_body(self):
        documents_write(
            SCHEMA,
            add=[
                doc(1, "Thông báo chung", body="Về việc tuyển sinh."),
                doc(2, "Thông báo tuyển sinh"),
                doc(3, "Thông báo khác", summary="Lịch tuyển sinh."),
            ],
        )
        assert [hit.url for hit in search_school(SCHEMA, "tuyen sinh").hits] == [
            "/p2/",
            "/p3/",
            "/p1/",
        ]


class NumberSymbolTests:
    @pytest.mark.parametrize("text", ["2326/GDĐT-THCS", "2326/GDDT-THCS", "2326/gdđt-thcs"])
    def test_number_symbol_as_written_finds_only_that_document(self, corpus, text):
        assert titles(text) == ["Hướng dẫn tuyển sinh lớp 6"]

    def test_number_alone_finds_the_document(self, corpus):
        assert titles("2327") == ["Công văn về an toàn trường học"]

    def test_summary_words_find_the_document(self, corpus):
        assert titles("ke hoach tuyen sinh") == ["Hướng dẫn tuyển sinh lớp 6"]


class FilterTests:
    def test_kind_school_year_and_dates(self, corpus):
        assert set(titles("", SearchFilters(kind="documents"))) == {
            "Hướng dẫn tuyển sinh lớp 6",
            "Công văn về an toàn trường học",
        }
        assert titles("", SearchFilters(school_year="2024–2025")) == [
            "Công văn về an toàn trường học"
        ]
        june = SearchFilters(date_from=datetime.date(2025, 6, 2), date_to=datetime.date(2025, 6, 2))
        assert titles("", june) == ["Hướng dẫn tuyển sinh lớp 6"]
        assert titles("an toan", SearchFilters(kind="news")) == []

    def test_pagination(self):
        documents_write(SCHEMA, add=[doc(i, f"Thông báo số {i}") for i in range(1, 26)])
        first = search_school(SCHEMA, "thong bao", per_page=10)
        last = search_school(SCHEMA, "thong bao", page=3, per_page=10)
        beyond = search_school(SCHEMA, "thong bao", page=99, per_page=10)
        assert (first.total, first.pages, len(first.hits)) == (25, 3, 10)
        assert (last.page, len(last.hits)) == (3, 5)
        assert beyond.page == 3
        assert not {h.url for h in first.hits} & {h.url for h in last.hits}


class SnippetTests:
    def test_snippet_marks_the_original_words_and_escapes_html(self):
        documents_write(
            SCHEMA,
            add=[doc(1, "Tin", body="<script>alert(1)</script> Kết quả công khai tài chính.")],
        )
        snippet = search_school(SCHEMA, "cong khai").hits[0].snippet
        assert "<mark>công</mark>" in snippet
        assert "<script>" not in snippet
        assert "&lt;/script&gt;" in snippet


class BadInputTests:
    @pytest.mark.parametrize(
        "text",
        [
            '"',
            "*",
            ":",
            "(",
            ")",
            "AND",
            "a AND b OR",
            'title:"x*',
            "((((",
            "~!@#$%^&*",
            "x" * 10_000,
        ],
    )
    def test_hostile_queries_never_raise(self, corpus, text):
        results = search_school(SCHEMA, text)
        assert results.total >= 0

    def test_operators_are_words_not_syntax(self, corpus):
        assert titles("công AND khai") == ["Công khai chất lượng giáo dục"]
        assert build_query("AND OR NOT") is None
        assert build_query("") is None

    def test_empty_query_searches_nothing(self, corpus):
        assert search_school(SCHEMA, "   ").searched is False

    def test_missing_index_is_an_empty_result(self):
        assert search_school("nobody_here", "cong khai").hits == []


@pytest.mark.whoosh_only
class WriterSafetyTests:
    def test_concurrent_writers_wait_for_the_lock(self):
        open_index(SCHEMA)
        errors = []

        def write(start):
            try:
                for i in range(start, start + 5):
                    documents_write(SCHEMA, add=[doc(i, f"Bài {i}", body="nội dung")])
            except Exception as exc:  # noqa: BLE001
                errors.append(exc)

        threads = [threading.Thread(target=write, args=(n * 100,)) for n in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        assert search_school(SCHEMA, "noi dung", per_page=50).total == 20

    def test_writer_gives_up_with_lock_error_when_lock_is_held(self):
        ix = open_index(SCHEMA)
        holder = ix.writer()
        try:
            with pytest.raises(LockError):
                documents_write(SCHEMA, add=[doc(1, "x")], timeout=0.2)
        finally:
            holder.cancel()

    def test_a_crashed_writer_leaves_a_usable_index(self, search_root):
        documents_write(SCHEMA, add=[doc(1, "Trước sự cố")])
        script = (
            "import os, sys\n"
            "from whoosh import index\n"
            "ix = index.open_dir(sys.argv[1])\n"
            "w = ix.writer()\n"
            "for i in range(200):\n"
            "    w.add_document(page_id=str(1000 + i), text_f='dang ghi', url='/x/')\n"
            "os._exit(9)\n"
        )
        result = subprocess.run(  # noqa: S603
            [sys.executable, "-c", script, str(index_path(SCHEMA))], check=False
        )
        assert result.returncode == 9
        assert titles("truoc su co") == ["Trước sự cố"]
        documents_write(SCHEMA, add=[doc(2, "Sau sự cố")], timeout=2)
        assert titles("sau su co") == ["Sau sự cố"]
        assert titles("dang ghi") == []


@pytest.mark.whoosh_only
class OpenSearcherTests:
    def test_a_commit_by_another_process_is_seen_by_the_open_searcher(self, monkeypatch):
        from sitesearch import whoosh_searchers

        documents_write(SCHEMA, add=[doc(1, "Trước")])
        assert titles("truoc") == ["Trước"]  # the searcher is now open and cached
        monkeypatch.setattr(whoosh_searchers, "REFRESH_CHECK_SECONDS", 0.0)
        script = (
            "import sys\n"
            "from django.conf import settings\n"
            "settings.configure(SEARCH_INDEX_ROOT=sys.argv[1], PORTAL_SEARCH_BACKEND='whoosh')\n"
            "from sitesearch.backend import SearchDocument, documents_write\n"
            "documents_write(sys.argv[2], add=[SearchDocument(2, '/p2/', 'Từ tiến trình khác')])\n"
        )
        subprocess.run(  # noqa: S603
            [sys.executable, "-c", script, str(index_path(SCHEMA).parent), SCHEMA], check=True
        )
        assert titles("tien trinh khac") == ["Từ tiến trình khác"]

    def test_an_index_of_an_older_layout_counts_as_missing(self, search_root):
        from whoosh import fields, index

        from sitesearch.backend import index_exists

        path = index_path(SCHEMA)
        path.mkdir(parents=True)
        index.create_in(
            str(path), fields.Schema(page_id=fields.ID(stored=True), title_f=fields.TEXT)
        )
        assert not index_exists(SCHEMA)
        documents_write(SCHEMA, add=[doc(1, "Bố cục mới")])
        assert index_exists(SCHEMA)
        assert titles("bo cuc moi") == ["Bố cục mới"]


class IssuerFilterTests:
    def test_issuer_filter_and_choices(self):
        from sitesearch.backend import issuers

        documents_write(
            SCHEMA,
            add=[
                doc(1, "Công văn về tuyển sinh", kind="documents", issuer="Sở GD&ĐT TP.HCM"),
                doc(2, "Công văn về tuyển sinh lớp 10", kind="documents", issuer="Phòng GD&ĐT"),
                doc(3, "Tin tuyển sinh"),
            ],
        )
        assert issuers([SCHEMA]) == ["Phòng GD&ĐT", "Sở GD&ĐT TP.HCM"]
        assert titles("tuyen sinh", SearchFilters(issuer="Phòng GD&ĐT")) == [
            "Công văn về tuyển sinh lớp 10"
        ]
        assert titles("", SearchFilters(issuer="Sở GD&ĐT TP.HCM")) == ["Công văn về tuyển sinh"]
