"""Demo công khai content for the demo schools: three school years, items by level.

Idempotent: an item is created only when its slug is missing under its year page.
The current year deliberately lacks some items at the private school (actual results
are published at the end of a year), so the grid shows what "Chưa công bố" looks like.
The texts and figures are in ``disclosure/demo_data/disclosure.yaml``.
"""

from __future__ import annotations

import dataclasses
import datetime
import uuid

from django.utils import timezone
from django.utils.text import slugify

from core.schoolyears import format_school_year
from disclosure.kinds import Category, Kind
from disclosure.models import DisclosureAttachment, DisclosureIndexPage, DisclosureItemPage
from disclosure.services import disclosure_section_ensure, disclosure_year_ensure
from schools.demo_loader import demo_data
from schools.models import Ownership, SchoolLevel


@dataclasses.dataclass(frozen=True)
class Block:
    table: list[list[str]] | None = None
    caption: str = ""
    paragraph: str = ""


@dataclasses.dataclass(frozen=True)
class Item:
    title: str
    category: Category
    kind: Kind
    summary: str
    body: list[Block]
    published_on: datetime.date | None = None
    attachment: str = ""


@dataclasses.dataclass(frozen=True)
class Items:
    general_info: Item
    commitment: Item
    level_commitment: Item
    level_quality: Item
    staff: Item
    facilities: list[Item]
    quality: Item


@dataclasses.dataclass(frozen=True)
class RevenueRow:
    label: str
    share: int
    label_private: str = ""


@dataclasses.dataclass(frozen=True)
class RevenueSpending:
    title: str
    category: Category
    kind: Kind
    summary: str
    published_on: datetime.date
    heading: list[str]
    rows: list[RevenueRow]


@dataclasses.dataclass(frozen=True)
class Tuition:
    label: str
    free: str
    by_resolution: str
    free_basis: str
    public_basis: str
    private_basis: str
    free_from: int
    base_year: int
    private_monthly: int
    private_yearly_rise: int
    private_unit: str


@dataclasses.dataclass(frozen=True)
class FeeRow:
    label: str
    amount: int
    unit: str
    basis: str
    yearly_rise: int = 0


@dataclasses.dataclass(frozen=True)
class Fees:
    title: str
    category: Category
    kind: Kind
    summary: str
    published_on: datetime.date
    heading: list[str]
    tuition: Tuition
    rows: list[FeeRow]
    note: str


@dataclasses.dataclass(frozen=True)
class Finance:
    total: dict[str, int]
    revenue_spending: RevenueSpending
    fees: Fees


@dataclasses.dataclass(frozen=True)
class DemoYears:
    years: list[int]


@dataclasses.dataclass(frozen=True)
class DemoDisclosure:
    default_published_on: datetime.date
    attachment_lines: list[str]
    items: Items
    finance: Finance


def _table(rows: list[list[str]], caption: str = "") -> dict:
    return {
        "type": "table",
        "value": {
            "data": rows,
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_caption": caption,
        },
        "id": str(uuid.uuid4()),
    }


def _text(html: str) -> dict:
    return {"type": "paragraph", "value": html, "id": str(uuid.uuid4())}


def _money(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")


def _body(blocks: list[Block]) -> list[dict]:
    return [
        _table(block.table, caption=block.caption) if block.table else _text(block.paragraph)
        for block in blocks
    ]


def _finance(school, data: DemoDisclosure, start: int) -> list[Item]:
    finance = data.finance
    public = school.ownership == Ownership.PUBLIC
    total = finance.total[Ownership.PUBLIC if public else Ownership.PRIVATE]
    spending = finance.revenue_spending
    revenue = [
        spending.heading,
        *(
            [row.label_private if row.label_private and not public else row.label]
            + [_money(total * row.share // 100)]
            for row in spending.rows
        ),
    ]
    fees = finance.fees
    tuition = fees.tuition
    if public:
        free = start >= tuition.free_from or school.level == SchoolLevel.PRIMARY
        amount = tuition.free if free else tuition.by_resolution
        basis = tuition.free_basis if start >= tuition.free_from else tuition.public_basis
    else:
        monthly = (
            tuition.private_monthly + (start - tuition.base_year) * tuition.private_yearly_rise
        )
        amount = f"{_money(monthly)} {tuition.private_unit}"
        basis = tuition.private_basis
    rows = [
        fees.heading,
        [tuition.label, amount, basis],
        *(
            [
                row.label,
                f"{_money(row.amount + (start - tuition.base_year) * row.yearly_rise)} {row.unit}",
                row.basis,
            ]
            for row in fees.rows
        ),
    ]
    return [
        Item(
            title=spending.title,
            category=spending.category,
            kind=spending.kind,
            summary=spending.summary,
            body=[Block(table=revenue)],
            published_on=spending.published_on,
        ),
        Item(
            title=fees.title,
            category=fees.category,
            kind=fees.kind,
            summary=fees.summary,
            body=[Block(table=rows), Block(paragraph=fees.note)],
            published_on=fees.published_on,
        ),
    ]


def demo_disclosure(school, start: int) -> DemoDisclosure:
    """The data of one school year (``start``: its first calendar year) for ``school``."""
    context = {
        "name": school.name,
        "ownership": Ownership(school.ownership).label,
        "address": school.address,
        "phone": school.phone,
        "email": school.email,
        "district": school.district,
        "year": format_school_year(start),
        "start": start,
        "previous": format_school_year(start - 1),
        "last_year": start - 1,
        **{f"born_{n}": start - n for n in range(1, 6)},
        "school_year_start": start,
    }
    return demo_data(
        "disclosure", "disclosure", DemoDisclosure, level=school.level, context=context
    )


def _items_for(school, data: DemoDisclosure, start: int, *, current: bool) -> list[Item]:
    items = data.items
    result = [
        items.general_info,
        items.commitment,
        items.level_commitment,
        items.level_quality,
        items.staff,
        *items.facilities,
        *_finance(school, data, start),
    ]
    # Actual results are not yet published for the current year at the private school.
    if not (current and school.ownership == Ownership.PRIVATE):
        result.append(items.quality)
    return result


def _attachment(title: str, lines: list[str]):
    from admin_procedures.pdf import document_from_lines

    return document_from_lines(title=title, lines=[title.upper(), "", *lines])


def load_demo_content(school) -> None:
    """Three school years of công khai for one demo school (inside its schema)."""
    from wagtail.models import Page

    from core.models import SchoolHomePage

    home = SchoolHomePage.objects.first()
    if home is None:
        return
    index = DisclosureIndexPage.objects.child_of(home).first() or disclosure_section_ensure(
        home=home
    )
    years = demo_data("disclosure", "years", DemoYears).years
    for start in years:
        year_page = disclosure_year_ensure(index=index, school_year=format_school_year(start))
        existing = set(Page.objects.child_of(year_page).values_list("slug", flat=True))
        demo = demo_disclosure(school, start)
        for data in _items_for(school, demo, start, current=start == years[-1]):
            slug = slugify(data.title.replace("đ", "d").replace("Đ", "D").replace("–", "-"))[:80]
            if slug in existing:
                continue
            published_on = data.published_on or demo.default_published_on
            attachments = (
                [DisclosureAttachment(document=_attachment(data.attachment, demo.attachment_lines))]
                if data.attachment
                else []
            )
            item = year_page.add_child(
                instance=DisclosureItemPage(
                    title=data.title,
                    slug=slug,
                    category=data.category,
                    kind=data.kind,
                    summary=data.summary,
                    body=_body(data.body),
                    published_on=published_on,
                    attachments=attachments,
                )
            )
            item.save_revision().publish()
            # Back-dated like the real notices, so "Cập nhật" is not today's date.
            moment = timezone.make_aware(
                datetime.datetime.combine(published_on, datetime.time(8, 0))
            )
            DisclosureItemPage.objects.filter(pk=item.pk).update(
                first_published_at=moment, last_published_at=moment
            )
