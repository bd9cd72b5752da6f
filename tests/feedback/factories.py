"""factory_boy factories of the feedback app (run them inside ``in_school(...)``)."""

from __future__ import annotations

import factory

from feedback.models import FeedbackMessage


class FeedbackMessageFactory(factory.django.DjangoModelFactory):
    """A parent's message as the public form stores it (no reply, not published)."""

    class Meta:
        model = FeedbackMessage

    reference = factory.Sequence(lambda n: f"GY-2026-T{n:05d}")
    name = "Nguyễn Thị Lan"
    email = "lan.phuhuynh@example.com"
    subject = factory.Sequence(lambda n: f"Góp ý của phụ huynh {n}")
    message = "Kính gửi nhà trường, con tôi muốn mượn sách vào giờ ra chơi buổi chiều."
