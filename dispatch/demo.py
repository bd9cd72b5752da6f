"""Demo dispatches of the Phòng: one public công văn and one internal notice, sent to every
school, with generated PDFs; delivered to each demo school, opened by some.

Called from the per-school demo hook (inside the school's schema): the dispatches are
created once in the public schema, then this school's receipt is added and, for the
public one, its document page published synchronously (the demo needs no worker).
Idempotent.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django_tenants.utils import schema_context

from dispatch.models import Dispatch, DispatchFile, DispatchReceipt
from dispatch.services import _ascii_slug, dispatch_publish_to_school, dispatch_receipts_ensure
from documents.models import DocumentKind
from documents.pdf import render_pdf

logger = logging.getLogger(__name__)

DEMO_DISPATCHES = [
    {
        "kind": DocumentKind.OFFICIAL_LETTER,
        "number": "2326/GDĐT-THCS",
        "issue_date": datetime.date(2023, 10, 6),
        "summary": ("Về hướng dẫn cập nhật nội dung cổng thông tin điện tử năm học 2023–2024."),
        "body": (
            "Kính gửi: Hiệu trưởng các trường mầm non, tiểu học, trung học cơ sở (công lập, "
            "ngoài công lập) trên địa bàn quận.\n"
            "Thực hiện Thông tư số 37/2020/TT-BGDĐT ngày 05/10/2020 của Bộ Giáo dục và Đào "
            "tạo, Phòng Giáo dục và Đào tạo hướng dẫn các đơn vị cập nhật nội dung cổng thông "
            "tin điện tử như sau:\n"
            "1. Tên miền đúng quy định: gồm tên trường, tên quận, “…edu.vn”.\n"
            "2. Giao diện dành cho thiết bị di động; tin từ Sở và Phòng hiển thị tự động qua "
            "RSS.\n"
            "3. Có đủ chuyên mục “3 Công khai” và “Cải cách hành chính”; cập nhật thường "
            "xuyên tin tức, văn bản của nhà trường.\n"
            "4. Sử dụng cổng thông tin điện tử để nhận các văn bản điện tử do Phòng gửi."
        ),
        "is_public": True,
    },
    {
        "kind": DocumentKind.NOTICE,
        "number": "12/TB-GDĐT",
        "issue_date": datetime.date(2026, 1, 9),
        "summary": "Thông báo lịch nghỉ Tết Nguyên đán Bính Ngọ 2026.",
        "body": (
            "Kính gửi: Hiệu trưởng các trường mầm non, tiểu học, trung học cơ sở trên địa bàn "
            "quận.\n"
            "Căn cứ kế hoạch thời gian năm học 2025–2026 của Ủy ban nhân dân Thành phố, Phòng "
            "Giáo dục và Đào tạo thông báo lịch nghỉ Tết Nguyên đán Bính Ngọ 2026:\n"
            "Cán bộ, giáo viên, nhân viên và học sinh nghỉ từ ngày 14/02/2026 đến hết ngày "
            "22/02/2026; đi học lại từ thứ Hai ngày 23/02/2026.\n"
            "Các đơn vị phân công trực Tết, bảo đảm an ninh, an toàn tài sản, phòng chống cháy "
            "nổ và báo cáo tình hình về Phòng trước ngày 25/02/2026."
        ),
        "is_public": False,
    },
]


def _demo_dispatch(item: dict) -> Dispatch:
    """The dispatch in the public schema, created with its PDF the first time."""
    dispatch = Dispatch.objects.filter(number=item["number"]).first()
    if dispatch is not None:
        return dispatch
    with transaction.atomic():
        dispatch = Dispatch.objects.create(
            kind=item["kind"],
            number=item["number"],
            issuer_name=settings.PORTAL_OPERATOR_NAME,
            issue_date=item["issue_date"],
            summary=item["summary"],
            body=item["body"],
            is_public=item["is_public"],
            all_schools=True,
            created_by="phonggd",
            sent_at=timezone.now(),
        )
        content = render_pdf(
            header_left=[settings.PORTAL_OPERATOR_NAME.upper()[:42], f"Số: {dispatch.number}"],
            title=f"{dispatch.title}: {dispatch.summary}",
            lines=[*item["body"].splitlines(), f"Ngày {dispatch.issue_date:%d/%m/%Y}."],
        )
        filename = _ascii_slug(dispatch.title) + ".pdf"
        stored = DispatchFile(
            dispatch=dispatch, filename=filename, content_type="application/pdf", size=len(content)
        )
        stored.file.save(filename, ContentFile(content), save=False)
        stored.save()
    return dispatch


def load_demo_dispatches(school) -> int:
    """Deliver the demo dispatches to ``school``; returns how many receipts were created."""
    created = 0
    with schema_context(settings.PUBLIC_SCHEMA_NAME):
        dispatches = [_demo_dispatch(item) for item in DEMO_DISPATCHES]
        for position, dispatch in enumerate(dispatches):
            created += dispatch_receipts_ensure(dispatch=dispatch, schools=[school])
            # Some schools have opened the công văn; the notice waits in every inbox.
            if position == 0 and school.pk % 2:
                DispatchReceipt.objects.filter(
                    dispatch=dispatch, school=school, opened_at__isnull=True
                ).update(opened_at=timezone.now(), opened_by="hieutruong")
    for dispatch in dispatches:
        dispatch_publish_to_school(dispatch=dispatch, school=school)
    logger.info("Demo dispatches for %s: %d delivered", school.slug, created)
    return created
