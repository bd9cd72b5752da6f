"""Demo feedback and consultations for the demo schools (idempotent).

The texts are in ``feedback/demo_data/feedback.yaml``.
"""

from __future__ import annotations

import dataclasses
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
from schools.demo_loader import demo_data


@dataclasses.dataclass(frozen=True)
class DemoMessage:
    category: Category
    subject: str
    message: str
    reply: str
    published: bool
    status: Status
    days_ago: int
    name: str
    email: str
    phone: str


@dataclasses.dataclass(frozen=True)
class DemoOpinion:
    name: str
    organisation: str
    opinion: str


@dataclasses.dataclass(frozen=True)
class DemoConsultation:
    title: str
    slug: str
    summary: str
    question: str
    opens_days: int
    closes_days: int
    opinions: list[DemoOpinion]


@dataclasses.dataclass(frozen=True)
class DemoFeedback:
    receiving_address: str
    messages: list[DemoMessage]
    consultations: list[DemoConsultation]


def _messages(messages: list[DemoMessage]) -> None:
    now = timezone.now()
    for item in messages:
        if FeedbackMessage.objects.filter(subject=item.subject).exists():
            continue
        created = now - timedelta(days=item.days_ago)
        FeedbackMessage.objects.create(
            reference=reference_generate("GY"),
            name=item.name,
            email=item.email,
            phone=item.phone,
            category=item.category,
            subject=item.subject,
            message=item.message,
            reply=item.reply,
            replied_at=created + timedelta(days=2) if item.reply else None,
            reply_sent_at=created + timedelta(days=2) if item.reply and item.email else None,
            ack_sent_at=created if item.email else None,
            board_notified_at=created,
            published=item.published,
            status=item.status,
            created_at=created,
        )


def _consultation(index, item: DemoConsultation, *, address: str, now) -> None:
    if ConsultationPage.objects.child_of(index).filter(slug=item.slug).exists():
        return
    opens = now + timedelta(days=item.opens_days)
    page = index.add_child(
        instance=ConsultationPage(
            title=item.title,
            slug=item.slug,
            summary=item.summary,
            question=item.question,
            receiving_address=address,
            receiving_email="",
            opens_at=opens,
            closes_at=now + timedelta(days=item.closes_days),
        )
    )
    page.save_revision().publish()
    for opinion in item.opinions:
        ConsultationOpinion.objects.create(
            consultation=page,
            reference=reference_generate("YK"),
            name=opinion.name,
            organisation=opinion.organisation,
            opinion=opinion.opinion,
            created_at=opens + timedelta(days=1),
        )


def demo_load(school) -> None:
    data = demo_data(
        "feedback", "feedback", DemoFeedback, context={"school_year": current_school_year()}
    )
    _messages(data.messages)
    index = ConsultationIndexPage.objects.first()
    if index is None:
        return
    now = timezone.now()
    for item in data.consultations:
        _consultation(index, item, address=data.receiving_address, now=now)
