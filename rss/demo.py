"""Demo sources with items already stored, as if fetched (the demo has no internet).

Idempotent: sources are found by URL and items by their GUID. When beat later tries the
real URLs and cannot reach them, the sources record an error and keep these items.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.html import format_html

from rss.models import FeedItem, FeedSource
from rss.parsing import guid_key

SO_NEWS = {
    "name": "Tin tức – Sở GD&ĐT TP.HCM",
    "url": "https://hcm.edu.vn/rss/tin-tuc.rss",
    "site_url": "https://hcm.edu.vn/",
    "items": [
        (
            "Thành phố Hồ Chí Minh công bố kế hoạch tuyển sinh đầu cấp năm học 2026–2027",
            "Sở GD&ĐT hướng dẫn các quận, huyện, thành phố Thủ Đức tổ chức tuyển sinh lớp 1, "
            "lớp 6 và lớp 10 theo hình thức trực tuyến, bảo đảm công khai, minh bạch.",
        ),
        (
            "Hướng dẫn thực hiện nhiệm vụ giáo dục mầm non học kỳ II",
            "Các cơ sở giáo dục mầm non tiếp tục nâng cao chất lượng nuôi dưỡng, chăm sóc, "
            "giáo dục trẻ; chú trọng an toàn thực phẩm và phòng chống dịch bệnh.",
        ),
        (
            "Tổ chức Hội khỏe Phù Đổng cấp thành phố lần thứ XI",
            "Hội khỏe Phù Đổng dành cho học sinh tiểu học, THCS và THPT diễn ra từ tháng 3 "
            "với 12 môn thi đấu tại các địa điểm trên địa bàn thành phố.",
        ),
        (
            "Tăng cường công tác phòng, chống đuối nước cho học sinh trong dịp hè",
            "Nhà trường phối hợp với cha mẹ học sinh tuyên truyền kỹ năng an toàn khi tham gia "
            "các hoạt động dưới nước; tổ chức lớp dạy bơi miễn phí.",
        ),
        (
            "Triển khai chuyển đổi số trong quản lý hồ sơ học sinh",
            "Từ năm học mới, học bạ điện tử được áp dụng đối với học sinh lớp 1 đến lớp 9 tại "
            "tất cả các trường công lập và ngoài công lập.",
        ),
        (
            "Kết quả kỳ thi chọn học sinh giỏi lớp 9 cấp thành phố",
            "Toàn thành phố có 1.254 học sinh đạt giải, trong đó 86 giải nhất ở 12 môn thi.",
        ),
        (
            "Tập huấn bồi dưỡng giáo viên dạy Chương trình giáo dục phổ thông 2018",
            "Các lớp tập huấn được tổ chức trực tuyến kết hợp trực tiếp cho giáo viên cốt cán "
            "môn Tin học, Công nghệ và Hoạt động trải nghiệm.",
        ),
        (
            "Thông báo lịch nghỉ Tết Nguyên đán cho học sinh, giáo viên",
            "Học sinh được nghỉ Tết từ ngày 09/02 đến hết ngày 22/02; các trường bố trí lịch "
            "trực bảo đảm an ninh, an toàn tài sản.",
        ),
        (
            "Phát động cuộc thi “Đại sứ văn hóa đọc” năm 2026",
            "Cuộc thi nhằm khuyến khích thói quen đọc sách trong học sinh và lan tỏa văn hóa "
            "đọc trong cộng đồng.",
        ),
        (
            "Bảo đảm an toàn giao thông trước cổng trường",
            "Các trường phối hợp công an phường bố trí lực lượng điều tiết giao thông vào giờ "
            "đưa đón học sinh.",
        ),
    ],
}
PHONG_DOCUMENTS = {
    "name": "Văn bản – Phòng GD&ĐT Bình Tân",
    "url": "https://pgdbinhtan.hcm.edu.vn/rss/van-ban.rss",
    "site_url": "https://pgdbinhtan.hcm.edu.vn/",
    "items": [
        (
            "Công văn về việc tổ chức kiểm tra cuối học kỳ I năm học 2025–2026",
            "Các trường THCS xây dựng đề kiểm tra theo ma trận, bảo đảm đánh giá đúng năng lực "
            "học sinh; hoàn thành nhập điểm trước ngày 10/01.",
        ),
        (
            "Kế hoạch kiểm tra công tác phổ cập giáo dục, xóa mù chữ",
            "Đoàn kiểm tra của Phòng sẽ làm việc tại các phường từ ngày 15/11; các trường chuẩn "
            "bị hồ sơ điều tra phổ cập theo mẫu.",
        ),
        (
            "Thông báo về việc nộp báo cáo thống kê giáo dục đầu năm",
            "Hiệu trưởng các trường gửi báo cáo trên hệ thống cơ sở dữ liệu ngành trước 17 giờ "
            "ngày 30/9.",
        ),
        (
            "Giấy mời họp giao ban hiệu trưởng tháng 10",
            "Thời gian: 8 giờ 00, thứ Năm; địa điểm: Hội trường Phòng GD&ĐT quận Bình Tân.",
        ),
        (
            "Hướng dẫn thu, chi các khoản thu thỏa thuận năm học 2025–2026",
            "Các trường công khai mức thu, lấy ý kiến cha mẹ học sinh và thực hiện thu qua "
            "hình thức không dùng tiền mặt.",
        ),
        (
            "Quyết định công nhận danh hiệu giáo viên dạy giỏi cấp quận",
            "Công nhận 124 giáo viên đạt danh hiệu giáo viên dạy giỏi cấp quận năm học 2024–2025.",
        ),
        (
            "Kế hoạch tổ chức Ngày hội đọc sách cấp quận",
            "Mỗi trường cử một đội tham gia gồm 5 học sinh và 1 giáo viên phụ trách thư viện.",
        ),
        (
            "Công văn triển khai công tác y tế trường học",
            "Các trường tổ chức khám sức khỏe định kỳ cho học sinh và cập nhật hồ sơ sức khỏe "
            "trên phần mềm quản lý.",
        ),
        (
            "Thông báo lịch tiếp công dân của Trưởng phòng",
            "Lãnh đạo Phòng tiếp công dân vào sáng thứ Ba hằng tuần tại trụ sở Phòng.",
        ),
        (
            "Hướng dẫn đánh giá, xếp loại viên chức cuối năm",
            "Việc đánh giá thực hiện theo Nghị định 90/2020/NĐ-CP, hoàn thành trước ngày 15/12.",
        ),
    ],
}
DEMO_SOURCES = [SO_NEWS, PHONG_DOCUMENTS]


def _guid(url: str, index: int) -> str:
    return f"{url}#demo-{index}"


def demo_feeds_ensure() -> list[FeedSource]:
    """Create the two demo sources and their items if absent; return the sources."""
    now = timezone.now()
    sources = []
    for data in DEMO_SOURCES:
        source, created = FeedSource.objects.get_or_create(
            url=data["url"],
            defaults={
                "name": data["name"],
                "interval_minutes": 60,
                "site_url": data["site_url"],
                "feed_title": data["name"],
                "last_success_at": now,
                "last_fetched_at": now,
                "next_fetch_at": now + dt.timedelta(minutes=60),
                "items_seen": len(data["items"]),
            },
        )
        if created or not source.items.exists():
            rows = []
            for index, (title, summary) in enumerate(data["items"]):
                guid = _guid(data["url"], index)
                published = now - dt.timedelta(days=index * 3 + 1, hours=index)
                rows.append(
                    FeedItem(
                        source=source,
                        dedup_key=guid_key(guid),
                        guid=guid,
                        link=f"{data['site_url']}tin/{index + 1}",
                        title=title,
                        summary_html=format_html("<p>{}</p>", summary),
                        summary_text=summary,
                        content_hash="demo",
                        published_at=published,
                        sort_at=published,
                    )
                )
            FeedItem.objects.bulk_create(rows, ignore_conflicts=True)
        sources.append(source)
    return sources
