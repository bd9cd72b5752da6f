"""Demo articles for the four demo schools (realistic Vietnamese, adapted to each level)."""

from __future__ import annotations

import datetime
import logging

from django.contrib.auth import get_user_model

from core.demo_images import demo_image_ensure
from news.models import NewsCategory, NewsIndexPage, NewsPage
from news.services import news_categories_ensure

logger = logging.getLogger(__name__)

PRESCHOOL = "mam_non"
LOWER_SECONDARY = "thcs"


def _words(level: str) -> dict[str, str]:
    if level == PRESCHOOL:
        return {"learners": "các bé", "parents": "phụ huynh", "pupils": "trẻ"}
    return {"learners": "học sinh", "parents": "cha mẹ học sinh", "pupils": "học sinh"}


def _p(*paragraphs: str) -> list[dict]:
    return [{"type": "paragraph", "value": "".join(f"<p>{p}</p>" for p in paragraphs)}]


def _image_block(image, caption: str) -> dict:
    return {
        "type": "image",
        "value": {
            "image": {"image": image.pk, "decorative": False, "alt_text": caption},
            "caption": caption,
        },
    }


def _gallery_block(title: str, images: list) -> dict:
    return {
        "type": "gallery",
        "value": {
            "title": title,
            "images": [
                {"image": image.pk, "decorative": False, "alt_text": image.title}
                for image in images
            ],
        },
    }


def _articles(school) -> list[dict]:  # noqa: C901 - one long list of texts
    level = school.level
    w = _words(level)
    name = school.name
    year = "2026–2027"
    articles = []

    if level == PRESCHOOL:
        opening_title = f"Ngày hội đến trường của bé – khai giảng năm học {year}"
        opening_text = (
            f"Sáng ngày 05/9/2026, {name} long trọng tổ chức Ngày hội đến trường năm học "
            f"{year}. Từ sớm, sân trường đã rộn ràng bóng bay, cờ hoa và tiếng cười của các bé.",
            "Các cô giáo đón trẻ tại cổng, dẫn các bé mới nhập học làm quen với lớp. Chương trình "
            "văn nghệ do các bé lớp Lá biểu diễn nhận được nhiều tràng pháo tay của phụ huynh.",
            "Nhà trường chúc các bé một năm học mới vui khoẻ, ngoan ngoãn và học được nhiều "
            "điều hay.",
        )
    else:
        opening_title = f"Tưng bừng Lễ khai giảng năm học {year}"
        opening_text = (
            f"Sáng ngày 05/9/2026, trong không khí chung của toàn ngành, {name} long trọng tổ "
            f"chức Lễ khai giảng năm học {year} với sự tham dự của đại diện lãnh đạo địa "
            f"phương, Ban đại diện {w['parents']} cùng toàn thể giáo viên và {w['learners']}.",
            "Thầy Hiệu trưởng đọc thư của Chủ tịch nước gửi ngành Giáo dục, điểm lại kết quả "
            "năm học trước và phát động thi đua. Tiếng trống khai trường vang lên, mở đầu một "
            "năm học mới với nhiều kỳ vọng.",
            f"Nhân dịp này, nhà trường trao học bổng “Tiếp sức đến trường” cho 15 {w['pupils']} "
            "có hoàn cảnh khó khăn, vượt khó học tốt.",
        )
    articles.append(
        {
            "slug": "khai-giang-nam-hoc-2026-2027",
            "title": opening_title,
            "date": datetime.date(2026, 9, 5),
            "categories": ["su-kien", "tin-tuc"],
            "featured": True,
            "intro": f"{name} tổ chức khai giảng năm học {year} trong không khí vui tươi, ấm áp.",
            "body": _p(*opening_text),
            "gallery": ("Hình ảnh ngày khai giảng", 3),
            "author": "Trần Văn Minh",
        }
    )

    meeting = "phụ huynh" if level == PRESCHOOL else "cha mẹ học sinh"
    articles.append(
        {
            "slug": "hop-phu-huynh-dau-nam-hoc",
            "title": f"Thông báo họp {meeting} đầu năm học {year}",
            "date": datetime.date(2026, 9, 12),
            "categories": ["thong-bao"],
            "intro": f"Nhà trường kính mời quý {meeting} dự họp đầu năm vào sáng Chủ nhật "
            "20/9/2026.",
            "body": _p(
                f"{name} trân trọng kính mời quý {meeting} đến dự buổi họp đầu năm học {year}.",
                "<b>Thời gian:</b> 7 giờ 30, Chủ nhật ngày 20/9/2026.<br>"
                "<b>Địa điểm:</b> tại phòng học của từng lớp.",
                "<b>Nội dung:</b> thông qua kế hoạch năm học, các khoản thu theo quy định, "
                f"bầu Ban đại diện {meeting} lớp và trao đổi về việc phối hợp giáo dục "
                f"{w['pupils']}.",
                "Kính mong quý phụ huynh sắp xếp thời gian đến dự đầy đủ và đúng giờ.",
            ),
        }
    )

    if level == PRESCHOOL:
        contest = (
            "Hội thi giáo viên dạy giỏi cấp trường bậc học mầm non",
            "Các tiết dạy tập trung vào lĩnh vực phát triển ngôn ngữ và làm quen với toán, "
            "lồng ghép trò chơi và đồ dùng tự làm từ nguyên vật liệu tái chế.",
        )
    elif level == LOWER_SECONDARY:
        contest = (
            f"Hội thi giáo viên dạy giỏi cấp trường năm học {year}",
            "Các tiết dạy thuộc các môn Ngữ văn, Toán, Khoa học tự nhiên và Tiếng Anh, vận "
            "dụng phương pháp dạy học tích cực theo Chương trình giáo dục phổ thông 2018.",
        )
    else:
        contest = (
            f"Hội thi giáo viên dạy giỏi cấp trường năm học {year}",
            "Các tiết dạy thuộc các môn Tiếng Việt, Toán, Tự nhiên và Xã hội, chú trọng tổ "
            "chức hoạt động nhóm và ứng dụng công nghệ thông tin.",
        )
    articles.append(
        {
            "slug": "hoi-thi-giao-vien-day-gioi-cap-truong",
            "title": contest[0],
            "date": datetime.date(2026, 10, 22),
            "categories": ["hoat-dong-chuyen-mon"],
            "intro": "Hội thi là dịp để giáo viên trao đổi kinh nghiệm, đổi mới phương pháp "
            "dạy học.",
            "body": _p(
                f"Từ ngày 12/10 đến 22/10/2026, {name} tổ chức Hội thi giáo viên dạy giỏi cấp "
                "trường với 18 giáo viên tham gia.",
                contest[1],
                "Ban giám khảo đã chọn 6 giáo viên đạt giải để tham dự hội thi cấp quận.",
            ),
            "image_caption": "Một tiết dạy tại hội thi",
        }
    )

    articles.append(
        {
            "slug": "ky-niem-ngay-nha-giao-viet-nam-20-11",
            "title": "Kỷ niệm 44 năm Ngày Nhà giáo Việt Nam 20/11/1982 – 20/11/2026",
            "date": datetime.date(2026, 11, 20),
            "categories": ["su-kien"],
            "intro": "Buổi họp mặt ấm áp tri ân thầy cô nhân ngày Nhà giáo Việt Nam.",
            "body": _p(
                f"Sáng 20/11/2026, {name} tổ chức họp mặt kỷ niệm 44 năm Ngày Nhà giáo Việt "
                "Nam, ôn lại truyền thống tôn sư trọng đạo của dân tộc.",
                f"Các tiết mục văn nghệ, những bó hoa tươi thắm của {w['learners']} và Ban đại "
                f"diện {w['parents']} gửi đến thầy cô lời tri ân sâu sắc.",
                "Nhân dịp này, nhà trường khen thưởng các tập thể và cá nhân có thành tích trong "
                "phong trào thi đua “Hai tốt”.",
            ),
            "image_caption": "Học sinh tặng hoa thầy cô",
        }
    )

    pupils = "trẻ" if level == PRESCHOOL else "học sinh"
    articles.append(
        {
            "slug": "thong-bao-nghi-hoc-do-mua-bao",
            "title": f"Thông báo cho {pupils} nghỉ học do ảnh hưởng của bão",
            "date": datetime.date(2026, 11, 5),
            "categories": ["thong-bao"],
            "intro": f"Toàn trường cho {pupils} nghỉ học ngày 06/11/2026 để bảo đảm an toàn.",
            "body": _p(
                "Thực hiện công văn khẩn của Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh về "
                "việc chủ động ứng phó với bão, nhà trường thông báo:",
                f"Toàn bộ {pupils} được nghỉ học trong ngày thứ Sáu 06/11/2026. Các lớp học bù "
                "theo kế hoạch sẽ được thông báo sau.",
                f"Đề nghị quý {w['parents']} không cho con em đến trường, theo dõi thông tin "
                "trên cổng thông tin điện tử và nhóm lớp.",
            ),
            "source_name": "Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh",
            "source_url": "https://hcm.edu.vn/",
            "author": "Nguyễn Thị Lan",
        }
    )

    if level == PRESCHOOL:
        team = {
            "slug": "be-vui-hoi-trang-ram",
            "title": "Bé vui hội trăng rằm",
            "date": datetime.date(2026, 9, 25),
            "categories": ["su-kien"],
            "intro": "Các bé rước đèn, phá cỗ và xem múa lân mừng Tết Trung thu.",
            "body": _p(
                f"Chiều 25/9/2026, {name} tổ chức chương trình “Bé vui hội trăng rằm”.",
                "Các bé được nghe kể sự tích chú Cuội, cùng cô làm lồng đèn, bày mâm ngũ quả và "
                "vui phá cỗ trong tiếng trống lân rộn ràng.",
            ),
            "image_caption": "Các bé rước đèn Trung thu",
        }
    elif level == LOWER_SECONDARY:
        team = {
            "slug": "phat-dong-phong-trao-ke-hoach-nho",
            "title": "Liên đội phát động phong trào “Kế hoạch nhỏ” năm học " + year,
            "date": datetime.date(2026, 10, 15),
            "categories": ["doan-doi"],
            "intro": "Thu gom giấy vụn, chung tay xây dựng quỹ học bổng cho bạn khó khăn.",
            "body": _p(
                "Trong buổi chào cờ đầu tuần, Liên đội đã phát động phong trào “Kế hoạch nhỏ” "
                "thu gom giấy vụn, vỏ chai nhựa.",
                "Số tiền thu được sẽ dùng để mua tập sách, trao học bổng cho các đội viên có "
                "hoàn cảnh khó khăn. Chi đội có thành tích xuất sắc sẽ được tuyên dương vào "
                "dịp 26/3.",
            ),
            "image_caption": "Đội viên thu gom giấy vụn",
        }
    else:
        team = {
            "slug": "dai-hoi-lien-doi-nhiem-ky-2026-2027",
            "title": f"Đại hội Liên đội nhiệm kỳ {year}",
            "date": datetime.date(2026, 10, 8),
            "categories": ["doan-doi"],
            "intro": "Đại hội bầu Ban chỉ huy Liên đội mới và thông qua chương trình hành động.",
            "body": _p(
                f"Ngày 08/10/2026, Liên đội {name} tổ chức thành công Đại hội Liên đội nhiệm kỳ "
                f"{year}.",
                "Đại hội đã tổng kết hoạt động nhiệm kỳ qua, bầu Ban chỉ huy Liên đội gồm 9 "
                "đội viên xuất sắc và phát động phong trào “Nghìn việc tốt”.",
            ),
            "image_caption": "Đại hội Liên đội",
        }
    articles.append(team)

    if level == PRESCHOOL:
        traffic = (
            "Bé học luật giao thông qua trò chơi",
            "Qua mô hình ngã tư đèn xanh đèn đỏ dựng trên sân trường, các bé được hướng dẫn "
            "đội mũ bảo hiểm đúng cách và đi bộ qua đường an toàn cùng người lớn.",
        )
    else:
        traffic = (
            "Tuyên truyền an toàn giao thông cho học sinh đầu năm học",
            "Học sinh được nghe hướng dẫn về đội mũ bảo hiểm khi đi xe đạp điện, xe máy, "
            "quy tắc nhường đường và kỹ năng xử lý tình huống trên đường đến trường.",
        )
    articles.append(
        {
            "slug": "tuyen-truyen-an-toan-giao-thong",
            "title": traffic[0],
            "date": datetime.date(2026, 9, 18),
            "categories": ["tin-tuc"],
            "intro": "Trang bị kiến thức và kỹ năng tham gia giao thông an toàn.",
            "body": _p(
                f"Phối hợp với Công an phường, {name} tổ chức buổi ngoại khoá tuyên truyền an "
                "toàn giao thông.",
                traffic[1],
            ),
            "image_caption": "Buổi ngoại khoá an toàn giao thông",
            "author": "Ban An toàn giao thông nhà trường",
        }
    )

    if level == PRESCHOOL:
        last = (
            "kham-suc-khoe-dinh-ky-dot-1",
            "Thông báo khám sức khoẻ định kỳ cho trẻ đợt 1",
            "Trạm Y tế phường sẽ khám sức khoẻ, cân đo cho trẻ vào sáng thứ Tư 02/12/2026 tại "
            "trường. Phụ huynh vui lòng cho trẻ ăn sáng đầy đủ và mặc trang phục gọn gàng.",
        )
    else:
        last = (
            "lich-kiem-tra-giua-hoc-ky-1",
            f"Thông báo lịch kiểm tra giữa học kỳ I năm học {year}",
            "Kiểm tra giữa học kỳ I diễn ra từ ngày 02/11 đến 07/11/2026 theo lịch của từng "
            "khối lớp. Học sinh có mặt trước giờ kiểm tra 15 phút, mang đầy đủ dụng cụ học tập.",
        )
    articles.append(
        {
            "slug": last[0],
            "title": last[1],
            "date": datetime.date(2026, 10, 26),
            "categories": ["thong-bao"],
            "intro": last[2].split(". ")[0] + ".",
            "body": _p(last[2]),
        }
    )
    return articles


def load_demo_news(school) -> list[NewsPage]:
    """Create the demo articles missing from the current school's news section."""
    index = NewsIndexPage.objects.first()
    if index is None:
        logger.warning("School %s has no news section; demo news skipped", school.slug)
        return []
    news_categories_ensure()
    categories = {c.slug: c for c in NewsCategory.objects.all()}
    owner = get_user_model().objects.filter(username="bientap").first()
    existing = set(NewsPage.objects.child_of(index).values_list("slug", flat=True))
    created = []
    for seed, data in enumerate(_articles(school)):
        if data["slug"] in existing:
            continue
        image = demo_image_ensure(data["title"], seed=seed)
        body = list(data["body"])
        if data.get("image_caption"):
            extra = demo_image_ensure(data["image_caption"], seed=seed + 11)
            body.insert(1, _image_block(extra, data["image_caption"]))
        if data.get("gallery"):
            title, count = data["gallery"]
            pictures = [
                demo_image_ensure(f"{title} {n}", seed=seed + 20 + n) for n in range(1, count + 1)
            ]
            body.append(_gallery_block(title, pictures))
        page = NewsPage(
            title=data["title"],
            slug=data["slug"],
            date=data["date"],
            intro=data["intro"],
            image=image,
            body=body,
            featured=data.get("featured", False),
            author=data.get("author", ""),
            source_name=data.get("source_name", ""),
            source_url=data.get("source_url", ""),
            owner=owner,
        )
        index.add_child(instance=page)
        page.categories.set([categories[slug] for slug in data["categories"]])
        page.save_revision(user=owner).publish()
        created.append(page)
    if created:
        logger.info("Demo news: %d articles in %s", len(created), school.slug)
    return created
