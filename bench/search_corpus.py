"""The documents of ``bench.search``: realistic Vietnamese school texts from templates and
word lists (notices, plans, decisions with their số ký hiệu, news of school events,
disclosures, procedures), and the labelled queries of the relevance check."""

from __future__ import annotations

import datetime
import random

DOCUMENTS = 10_000
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
