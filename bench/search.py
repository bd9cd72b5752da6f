"""Search: both engines side by side on the same 10,000 documents per school (R4.2, R9.3).

For each engine (Whoosh, PostgreSQL): the documents of one real school written in one
rebuild commit through ``sitesearch.backend.documents_write`` (what the Celery tasks and
``rebuild_search_index`` end in; pages and attachment extraction are not measured), its
index size, then copies for 100 real schools (created once by ``schools.services
.school_create``; the Whoosh index directory copied, the PostgreSQL rows copied with
``INSERT … SELECT``), then query latency through ``selectors.search_school`` and
``selectors.search_all_schools`` (snippets included, as the results page uses them) and a
relevance check: labelled queries whose page must be in the top 3.

The documents are realistic Vietnamese school texts from templates and word lists (notices,
plans, decisions with their số ký hiệu, news of school events, disclosures, procedures).
"""

from __future__ import annotations

import datetime
import os
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.db import connection

DOCUMENTS = 10_000
SCHOOLS = int(os.environ.get("BENCH_SEARCH_SCHOOLS", "100"))
RUNS = 60
PORTAL_RUNS = 30
START = datetime.datetime(2019, 8, 15, 1, 0, tzinfo=datetime.UTC)

TOPICS = [
    "tuyển sinh lớp 6",
    "tuyển sinh lớp 1",
    "kiểm tra cuối học kỳ I",
    "kiểm tra giữa học kỳ II",
    "phòng chống dịch bệnh sốt xuất huyết",
    "an toàn giao thông cho học sinh",
    "thu học phí và các khoản thu",
    "miễn giảm học phí cho học sinh",
    "tổ chức bán trú",
    "hội khỏe Phù Đổng cấp trường",
    "chuyển đổi số trong nhà trường",
    "bồi dưỡng học sinh giỏi",
    "phụ đạo học sinh chưa đạt chuẩn",
    "sáng kiến kinh nghiệm của giáo viên",
    "đánh giá xếp loại viên chức",
    "tự đánh giá chất lượng giáo dục",
    "phòng cháy chữa cháy",
    "công tác y tế trường học",
    "bảo hiểm y tế học sinh",
    "họp phụ huynh học sinh đầu năm",
    "tuyên truyền phổ biến pháp luật",
    "xây dựng thư viện thân thiện",
    "hoạt động trải nghiệm hướng nghiệp",
    "bơi an toàn cho học sinh",
    "sử dụng học bạ số",
    "ôn tập thi tuyển sinh lớp 10",
    "giáo dục kỹ năng sống",
    "văn nghệ chào mừng ngày 8/3",
    "khen thưởng học sinh xuất sắc",
    "mua sắm thiết bị dạy học",
    "lựa chọn sách giáo khoa",
    "chương trình giáo dục phổ thông 2018",
    "an ninh trật tự trường học",
    "phòng chống bạo lực học đường",
    "vệ sinh an toàn thực phẩm",
    "kiểm tra nội bộ trường học",
    "thao giảng dự giờ tổ chuyên môn",
    "hội thi giáo viên chủ nhiệm giỏi",
    "sinh hoạt chuyên môn theo nghiên cứu bài học",
    "công tác Đội và phong trào thiếu nhi",
    "tiết kiệm điện nước",
    "trồng cây xanh trong khuôn viên trường",
    "quyên góp ủng hộ đồng bào vùng lũ",
    "kỷ niệm ngày thành lập Quân đội nhân dân",
    "tổng kết năm học",
    "bàn giao học sinh về sinh hoạt hè tại địa phương",
    "thi Olympic tiếng Anh",
    "giải toán trên mạng",
    "ngày hội đọc sách",
    "tham quan dã ngoại",
]
DOC_KINDS = [
    ("Công văn", "GDĐT-THCS"),
    ("Công văn", "UBND-VX"),
    ("Kế hoạch", "KH-THCS"),
    ("Quyết định", "QĐ-THCS"),
    ("Thông báo", "TB-THCS"),
    ("Báo cáo", "BC-THCS"),
]
NEWS_OPENERS = [
    "Sôi nổi",
    "Tưng bừng",
    "Học sinh trường tham gia",
    "Tổng kết",
    "Ra quân",
    "Hưởng ứng",
    "Tổ chức thành công",
]
PLACES = ["phường An Lạc", "phường Bình Trị Đông", "phường Tân Tạo", "phường Bình Hưng Hòa"]
PEOPLE = ["Nguyễn Văn Hùng", "Trần Thị Mai", "Lê Minh Tuấn", "Phạm Thị Thu Hà", "Võ Thanh Sơn"]
SENTENCES = [
    "Căn cứ Kế hoạch năm học {year} của Phòng Giáo dục và Đào tạo, nhà trường xây dựng kế hoạch {topic}.",
    "Nhà trường thông báo đến toàn thể phụ huynh và học sinh về việc {topic}.",
    "Thời gian thực hiện: từ ngày {day}/{month} đến hết ngày {day2}/{month}.",
    "Địa điểm: hội trường nhà trường, {place}.",
    "Thành phần tham dự gồm Ban giám hiệu, giáo viên chủ nhiệm và đại diện cha mẹ học sinh các lớp.",
    "Giáo viên chủ nhiệm các lớp có trách nhiệm phổ biến nội dung này đến học sinh và phụ huynh.",
    "Tổ trưởng chuyên môn tổng hợp kết quả và báo cáo về Ban giám hiệu trước ngày {day2}/{month}.",
    "Qua hoạt động {topic}, học sinh được rèn luyện kỹ năng và nâng cao ý thức trách nhiệm.",
    "Trong năm học, nhà trường đã triển khai nhiều giải pháp về {topic} và đạt kết quả tích cực.",
    "Mọi thắc mắc xin liên hệ thầy {person}, số điện thoại (028) 3875 {phone}.",
    "Kinh phí thực hiện từ nguồn ngân sách được giao và nguồn xã hội hóa hợp pháp.",
    "Ban đại diện cha mẹ học sinh phối hợp với nhà trường trong công tác {topic}.",
    "Học sinh lớp {grade}A{section} đạt kết quả cao và được tuyên dương trước cờ.",
    "Nhà trường đề nghị các bộ phận nghiêm túc thực hiện, báo cáo kết quả đúng thời hạn.",
]

# (query, key of the page that must be in the top 3): written by hand; the pages are added
# to the corpus among thousands that share their words.
TARGETS = {
    "ts6": ("documents", "Kế hoạch tuyển sinh lớp 6 năm học 2025–2026", ["88/KH-THCS"]),
    "cv2326": (
        "documents",
        "Công văn về việc hướng dẫn cập nhật cổng thông tin điện tử",
        ["2326/GDĐT-THCS"],
    ),
    "hkpd": ("news", "Đoàn học sinh đạt ba huy chương vàng Hội khỏe Phù Đổng cấp quận", []),
    "duoinuoc": ("news", "Tuyên truyền phòng chống đuối nước trước kỳ nghỉ hè", []),
    "hocphi": ("disclosure", "Công khai mức thu học phí học kỳ I năm học 2025–2026", []),
    "tkb": ("pages", "Thời khóa biểu học kỳ II áp dụng từ ngày 13/01/2025", []),
    "bantru": ("pages", "Thông báo đăng ký bán trú năm học 2025–2026", []),
    "khaigiang": ("news", "Lễ khai giảng năm học 2025–2026 trong không khí phấn khởi", []),
    "khenthuong": (
        "documents",
        "Quyết định khen thưởng học sinh đạt giải thi học sinh giỏi cấp thành phố",
        ["45/QĐ-THCS"],
    ),
    "chuyentruong": ("procedures", "Thủ tục chuyển trường đối với học sinh trung học cơ sở", []),
    "dongthanh": ("news", "Giao lưu văn nghệ với Trường Tiểu học Đông Thạnh", []),
    "nhagiao": ("news", "Kỷ niệm 43 năm ngày Nhà giáo Việt Nam 20/11", []),
    "sodiem": ("pages", "Hướng dẫn phụ huynh tra cứu sổ liên lạc điện tử", []),
    "kiemdinh": ("disclosure", "Báo cáo tự đánh giá kiểm định chất lượng giáo dục năm 2025", []),
    "ubnd": ("documents", "Công văn về việc bảo đảm an ninh trật tự dịp Tết", ["1234/UBND-VX"]),
}
LABELLED = [
    ("tuyển sinh lớp 6 năm học 2025–2026", "ts6"),
    ("tuyen sinh lop 6 2025", "ts6"),
    ("2326/GDĐT-THCS", "cv2326"),
    ("2326/GDDT-THCS", "cv2326"),
    ("cập nhật cổng thông tin điện tử", "cv2326"),
    ("huy chương vàng hội khỏe phù đổng", "hkpd"),
    ("phong chong duoi nuoc", "duoinuoc"),
    ("mức thu học phí học kỳ I 2025", "hocphi"),
    ("thời khóa biểu học kỳ II", "tkb"),
    ("đăng ký bán trú", "bantru"),
    ("le khai giang 2025", "khaigiang"),
    ("khen thưởng học sinh giỏi cấp thành phố", "khenthuong"),
    ("45/QĐ-THCS", "khenthuong"),
    ("thủ tục chuyển trường", "chuyentruong"),
    ("Đông Thạnh", "dongthanh"),
    ("dong thanh", "dongthanh"),
    ("ngày nhà giáo việt nam 20/11", "nhagiao"),
    ("sổ liên lạc điện tử", "sodiem"),
    ("kiem dinh chat luong giao duc 2025", "kiemdinh"),
    ("1234/UBND-VX", "ubnd"),
]
PLAIN = [
    "kế hoạch năm học",
    "tuyển sinh lớp 6",
    "thông báo học phí",
    "hội khỏe phù đổng",
    "an toàn giao thông",
    "phòng chống bạo lực học đường",
    "giáo viên chủ nhiệm giỏi",
    "học bạ số",
    "vệ sinh an toàn thực phẩm",
    "khen thưởng học sinh",
    "chuyển đổi số",
    "bán trú",
]


def _school_year(moment: datetime.datetime) -> str:
    first = moment.year if moment.month >= 8 else moment.year - 1
    return f"{first}–{first + 1}"


def _body(rng: random.Random, topic: str, year: str) -> str:
    sentences = []
    for _ in range(rng.randint(8, 14)):
        template = rng.choice(SENTENCES)
        day = rng.randint(1, 20)
        sentences.append(
            template.format(
                topic=rng.choice([topic, topic, rng.choice(TOPICS)]),
                year=year,
                day=day,
                day2=day + rng.randint(1, 8),
                month=rng.randint(1, 12),
                place=rng.choice(PLACES),
                person=rng.choice(PEOPLE),
                phone=f"{rng.randint(0, 9999):04d}",
                grade=rng.randint(6, 9),
                section=rng.randint(1, 8),
            )
        )
    return " ".join(sentences)


def corpus(count: int = DOCUMENTS, seed: int = 2026):
    """``count`` documents (the labelled targets last); page ids 1..count."""
    from sitesearch.backend import SearchDocument

    rng = random.Random(seed)
    documents = []
    targets = {}
    plain = count - len(TARGETS)
    for page_id in range(1, plain + 1):
        moment = START + datetime.timedelta(hours=5 * page_id + rng.randint(0, 4))
        year = _school_year(moment)
        topic = rng.choice(TOPICS)
        kind = rng.choices(
            ["news", "documents", "disclosure", "procedures", "pages"], [40, 30, 10, 5, 15]
        )[0]
        identifiers = []
        if kind == "documents":
            form, symbol = rng.choice(DOC_KINDS)
            number = f"{rng.randint(1, 3000)}/{symbol}"
            identifiers = [number]
            title = f"{form} số {number} về việc {topic} năm học {year}"
        elif kind == "news":
            title = f"{rng.choice(NEWS_OPENERS)} {topic}"
        elif kind == "disclosure":
            title = f"Công khai {topic} năm học {year}"
        elif kind == "procedures":
            title = f"Thủ tục đăng ký {topic}"
        else:
            title = f"Thông báo về {topic}"
        documents.append(
            SearchDocument(
                page_id=page_id,
                url=f"/trang/{page_id}/",
                title=title[:1].upper() + title[1:],
                kind=kind,
                summary=f"Về việc {topic} tại trường năm học {year}.",
                body=_body(rng, topic, year),
                identifiers=identifiers,
                date=moment,
                school_year=year,
            )
        )
    for offset, (key, (kind, title, identifiers)) in enumerate(TARGETS.items(), 1):
        page_id = plain + offset
        moment = datetime.datetime(2025, 9, 5, 2, 0, tzinfo=datetime.UTC)
        targets[key] = page_id
        documents.append(
            SearchDocument(
                page_id=page_id,
                url=f"/trang/{page_id}/",
                title=title,
                kind=kind,
                summary=f"{title}.",
                body=_body(rng, title.lower(), "2025–2026"),
                identifiers=identifiers,
                date=moment,
                school_year="2025–2026",
            )
        )
    return documents, targets


def _schools(count: int) -> list:
    from schools.models import School
    from schools.services import school_create

    schools = []
    for index in range(1, count + 1):
        slug = f"tk-{index:03d}"
        school = School.objects.filter(slug=slug).first()
        if school is None:
            school = school_create(
                name=f"Trường THCS Tìm Kiếm {index}",
                slug=slug,
                domain=f"{slug}.localhost",
                level="thcs",
            )
        schools.append(school)
    return schools


def _stats(samples: list[float]) -> dict:
    ordered = sorted(samples)
    return {
        "p50": round(statistics.median(ordered) * 1000, 2),
        "p95": round(ordered[max(0, int(0.95 * len(ordered)) - 1)] * 1000, 2),
        "max": round(ordered[-1] * 1000, 2),
        "n": len(ordered),
    }


def _timed(call) -> float:
    began = time.perf_counter()
    call()
    return time.perf_counter() - began


def _pg_size() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_total_relation_size('public.sitesearch_entry')")
        return cursor.fetchone()[0]


def _pg_vacuum() -> None:
    with connection.cursor() as cursor:
        cursor.execute("VACUUM FULL public.sitesearch_entry")


def _pg_copy(source: str, schema_names: list[str]) -> None:
    columns = (
        "page_id, url, title, kind, school_year, date, summary, snippet_body, "
        "snippet_attach, identifiers, doc_f"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM public.sitesearch_entry WHERE schema_name = ANY(%s)", [schema_names]
        )
        # Loading a million rows is faster with the text index built once afterwards.
        cursor.execute("DROP INDEX IF EXISTS public.sitesearch_entry_doc_f")
        cursor.execute(
            f"INSERT INTO public.sitesearch_entry (schema_name, {columns}) "  # noqa: S608
            f"SELECT s.name, {columns} FROM public.sitesearch_entry "
            "CROSS JOIN unnest(%s::text[]) AS s(name) WHERE schema_name = %s",
            [schema_names, source],
        )
        cursor.execute("SET maintenance_work_mem = '512MB'")
        cursor.execute(
            "CREATE INDEX sitesearch_entry_doc_f ON public.sitesearch_entry "
            "USING gin (schema_name, doc_f)"
        )
        cursor.execute("ANALYZE public.sitesearch_entry")


def _queries(rng: random.Random, documents) -> dict[str, list]:
    from sitesearch.analysis import fold
    from sitesearch.selectors import SearchFilters

    numbers = [doc.identifiers[0] for doc in documents if doc.identifiers]
    kinds = ["news", "documents", "disclosure", "procedures", "pages"]
    plain = [(PLAIN[n % len(PLAIN)], None) for n in range(RUNS)]
    filtered = []
    for n in range(RUNS):
        year = 2019 + n % 6
        choice = n % 4
        if choice == 0:
            filters = SearchFilters(kind=kinds[n % 5])
        elif choice == 1:
            filters = SearchFilters(school_year=f"{year}–{year + 1}")
        elif choice == 2:
            filters = SearchFilters(
                date_from=datetime.date(year, 9, 1), date_to=datetime.date(year, 12, 31)
            )
        else:  # filters only: the newest first
            filters = SearchFilters(kind=kinds[n % 5], date_from=datetime.date(year, 1, 1))
        filtered.append(("" if choice == 3 else PLAIN[n % len(PLAIN)], filters))
    return {
        "plain": plain,
        "accent_free": [(fold(text), None) for text, _ in plain],
        "number_symbol": [(rng.choice(numbers), None) for _ in range(RUNS)],
        "filtered": filtered,
    }


def _engine_run(backend: str, schools: list, documents, targets, root: Path) -> dict:
    from sitesearch import backend as engine
    from sitesearch.selectors import search_all_schools, search_school

    settings.PORTAL_SEARCH_BACKEND = backend
    settings.SEARCH_INDEX_ROOT = str(root / backend)
    first = schools[0].schema_name
    others = [school.schema_name for school in schools[1:]]
    for schema_name in [first, *others]:
        engine.index_drop(schema_name)
    if backend == "postgres":
        _pg_vacuum()  # rows of an earlier run would count in the table's size
    started = time.perf_counter()
    # Newest first, as rebuild_search_index writes them (services._indexable_documents).
    newest_first = sorted(documents, key=lambda doc: doc.date, reverse=True)
    engine.documents_write(first, add=newest_first, clear=True, timeout=120.0)
    indexing = time.perf_counter() - started
    if backend == "whoosh":
        path = engine.index_path(first)
        size = sum(item.stat().st_size for item in path.rglob("*") if item.is_file())
        for schema_name in others:
            shutil.copytree(path, engine.index_path(schema_name))
    else:
        size = _pg_size()
        _pg_copy(first, others)

    rng = random.Random(7)
    figures: dict = {
        "indexing_seconds": round(indexing, 2),
        "indexing_documents_per_second": round(len(documents) / indexing, 1),
        "index_bytes_per_school": size,
    }
    latency = {}
    for name, queries in _queries(rng, documents).items():
        search_school(first, *queries[0])  # warm: an open searcher, a planned query
        latency[name] = _stats(
            [_timed(lambda q=q: search_school(first, q[0], q[1])) for q in queries]
        )
    portal_queries = [PLAIN[n % len(PLAIN)] for n in range(PORTAL_RUNS)]
    search_all_schools(portal_queries[0])
    latency["portal_100_schools"] = _stats(
        [_timed(lambda q=q: search_all_schools(q)) for q in portal_queries]
    )
    figures["query_ms"] = latency

    found = 0
    misses = []
    for text, key in LABELLED:
        urls = [hit.url for hit in search_school(first, text).hits[:3]]
        if f"/trang/{targets[key]}/" in urls:
            found += 1
        else:
            misses.append(text)
    figures["relevance_top3_hit_rate"] = round(found / len(LABELLED), 3)
    figures["relevance_misses"] = misses
    for schema_name in [first, *others]:
        engine.index_drop(schema_name)
    if backend == "postgres":
        _pg_vacuum()
    return figures


def run() -> dict:
    documents, targets = corpus()
    schools = _schools(SCHOOLS)
    load = os.getloadavg()[0]
    result: dict = {
        "method": (
            f"{DOCUMENTS} template-built Vietnamese documents per school written in one "
            f"rebuild commit; {SCHOOLS} real schools hold copies of the same documents "
            "(Whoosh: the index directory copied; PostgreSQL: INSERT … SELECT), so Whoosh's "
            "portal search, which skips matches below the best scores found so far, meets "
            "many equal scores: 100 different schools would cost it more. Latency through "
            "the selectors with snippets; p95 of each query type."
        ),
        "documents_per_school": DOCUMENTS,
        "schools": SCHOOLS,
        "labelled_queries": len(LABELLED),
        "load_average_at_start": round(load, 2),
        "note": (
            "2 shared cores: other sessions ran tests and builds during the run; figures "
            "taken under load are higher than on an idle machine."
        ),
    }
    with tempfile.TemporaryDirectory(prefix="bench-search-") as root:
        for backend in ("whoosh", "postgres"):
            print(f"  search: {backend}", flush=True)
            result[backend] = _engine_run(backend, schools, documents, targets, Path(root))
    result["load_average_at_end"] = round(os.getloadavg()[0], 2)
    return _flat(result)


def _flat(data: dict, prefix: str = "") -> dict:
    """One level of keys (``whoosh.query_ms.plain.p95``), as the README table lists them."""
    flat: dict = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flat(value, f"{name}."))
        elif isinstance(value, list):
            flat[name] = "; ".join(map(str, value)) or "none"
        else:
            flat[name] = value
    return flat
