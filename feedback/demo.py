"""Demo feedback and consultations for the demo schools (idempotent)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from core.schoolyears import current_school_year
from feedback.models import (
    Category,
    ConsultationIndexPage,
    ConsultationOpinion,
    ConsultationPage,
    FeedbackMessage,
    Status,
)
from feedback.services import reference_generate

# (category, subject, message, reply or "", published, status, days ago, name, e-mail, phone)
_MESSAGES = [
    (
        Category.FINANCE,
        "Hỏi về khoản thu tiền bán trú học kỳ I",
        "Kính gửi Ban Giám hiệu, tôi là phụ huynh. Xin nhà trường cho biết khoản thu tiền bán "
        "trú học kỳ I gồm những mục nào và có được nộp theo tháng hay không?",
        "Kính gửi quý phụ huynh, tiền bán trú gồm tiền ăn, tiền phục vụ bán trú và tiền trang "
        "thiết bị bán trú theo Nghị quyết của HĐND Thành phố. Phụ huynh có thể nộp theo tháng "
        "qua tài khoản của trường; chi tiết đã niêm yết tại bảng tin và mục Công khai.",
        True,
        Status.ANSWERED,
        20,
        "Nguyễn Văn Hùng",
        "nguyenvanhung.ph@gmail.com",
        "",
    ),
    (
        Category.FACILITIES,
        "Quạt trần phòng học bị hỏng",
        "Quạt trần thứ hai trong phòng học của con tôi kêu to và quay chậm mấy tuần nay, "
        "trời nóng các cháu rất mệt. Mong nhà trường kiểm tra, sửa chữa.",
        "Nhà trường cảm ơn phụ huynh đã phản ánh. Bộ phận cơ sở vật chất đã thay quạt mới "
        "trong tuần. Kính mong phụ huynh tiếp tục đồng hành cùng nhà trường.",
        True,
        Status.CLOSED,
        35,
        "Trần Thị Mai",
        "",
        "0903 456 789",
    ),
    (
        Category.LEARNING,
        "Đề nghị tăng giờ đọc sách ở thư viện",
        "Con tôi rất thích đọc sách. Nhà trường có thể mở thư viện vào giờ ra chơi buổi chiều "
        "cho các cháu mượn sách không ạ?",
        "",
        False,
        Status.IN_PROGRESS,
        3,
        "Lê Hoàng Phúc",
        "lehoangphuc1985@yahoo.com",
        "",
    ),
    (
        Category.SAFETY,
        "Kẹt xe trước cổng trường giờ tan học",
        "Giờ tan học buổi chiều xe phụ huynh đậu tràn ra lòng đường trước cổng trường, rất "
        "nguy hiểm. Đề nghị nhà trường phối hợp với phường bố trí người phân luồng.",
        "",
        False,
        Status.NEW,
        12,
        "Phạm Thu Trang",
        "",
        "0918 222 333",
    ),
]


def _messages() -> None:
    now = timezone.now()
    for category, subject, message, reply, published, status, days, name, email, phone in _MESSAGES:
        if FeedbackMessage.objects.filter(subject=subject).exists():
            continue
        created = now - timedelta(days=days)
        FeedbackMessage.objects.create(
            reference=reference_generate("GY"),
            name=name,
            email=email,
            phone=phone,
            category=category,
            subject=subject,
            message=message,
            reply=reply,
            replied_at=created + timedelta(days=2) if reply else None,
            reply_sent_at=created + timedelta(days=2) if reply and email else None,
            ack_sent_at=created if email else None,
            board_notified_at=created,
            published=published,
            status=status,
            created_at=created,
        )


def _consultation(index, *, title, slug, summary, question, opens, closes, opinions) -> None:
    if ConsultationPage.objects.child_of(index).filter(slug=slug).exists():
        return
    page = index.add_child(
        instance=ConsultationPage(
            title=title,
            slug=slug,
            summary=summary,
            question=question,
            receiving_address="Văn phòng nhà trường (giờ hành chính)",
            receiving_email="",
            opens_at=opens,
            closes_at=closes,
        )
    )
    page.save_revision().publish()
    for name, organisation, text in opinions:
        ConsultationOpinion.objects.create(
            consultation=page,
            reference=reference_generate("YK"),
            name=name,
            organisation=organisation,
            opinion=text,
            created_at=opens + timedelta(days=1),
        )


def demo_load(school) -> None:
    _messages()
    index = ConsultationIndexPage.objects.first()
    if index is None:
        return
    now = timezone.now()
    _consultation(
        index,
        title="Dự thảo Quy chế chi tiêu nội bộ năm 2026",
        slug="quy-che-chi-tieu-noi-bo-2026",
        summary=(
            "<p>Thực hiện cơ chế tự chủ tài chính, nhà trường xây dựng dự thảo Quy chế chi tiêu "
            "nội bộ năm 2026 và xin ý kiến cán bộ, giáo viên, nhân viên và cha mẹ học sinh.</p>"
        ),
        question="Quý vị có góp ý gì về các định mức chi trong dự thảo Quy chế?",
        opens=now - timedelta(days=5),
        closes=now + timedelta(days=25),
        opinions=[
            (
                "Đỗ Minh Tuấn",
                "Ban đại diện cha mẹ học sinh",
                "Đề nghị công khai thêm định mức chi cho hoạt động ngoại khoá.",
            ),
        ],
    )
    _consultation(
        index,
        title=f"Kế hoạch tổ chức bán trú năm học {current_school_year()}",
        slug="ke-hoach-ban-tru",
        summary="<p>Nhà trường xin ý kiến về thực đơn và giờ đón trẻ buổi chiều.</p>",
        question="Quý phụ huynh có đồng ý với khung giờ đón học sinh từ 16 giờ 30 không?",
        opens=now - timedelta(days=90),
        closes=now - timedelta(days=60),
        opinions=[
            (
                "Võ Thị Hạnh",
                "Phụ huynh lớp 2/3",
                "Đồng ý, nhưng mong có thêm giờ đón muộn đến 17 giờ 15 cho phụ huynh làm ca.",
            ),
            ("Ngô Quốc Bảo", "", "Đề nghị tăng rau xanh và trái cây trong thực đơn."),
        ],
    )
