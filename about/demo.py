"""Demo content of the about app for the four demo schools (see ``schools.demo``).

Idempotent: each part is filled only while it is still empty, so a second run changes
nothing and never overwrites what someone edited. The texts, people and figures are in
``about/demo_data/about.yaml``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.db import transaction
from wagtail.models import Site

from about.models import (
    AboutPage,
    InfoPage,
    OrganisationUnit,
    ResourcesPage,
    StaffMember,
    UnitKind,
    YearbookEntry,
    YearbookPage,
)
from about.services import (
    ACCREDITATION_SLUG,
    FUNCTIONS_SLUG,
    HISTORY_SLUG,
    LEGAL_SLUG,
)
from core.models import SchoolProfile
from core.schoolyears import current_school_year, format_school_year, parse_school_year
from schools.demo_loader import demo_data

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Person:
    name: str
    title: str
    unit: str
    phone: str = ""
    email: str = ""
    duties: str = ""


@dataclass(frozen=True)
class Heading:
    heading: str
    text: str  # HTML


@dataclass(frozen=True)
class Block:
    type: str
    value: str


@dataclass(frozen=True)
class Yearbook:
    classes: int
    teachers: int
    staff: int
    students: int
    female_share: float
    classrooms: int
    subject_rooms: int
    area: float


@dataclass(frozen=True)
class Resource:
    title: str
    kind: str
    url: str
    description: str


@dataclass(frozen=True)
class Subject:
    subject: str
    resources: list[Resource]


@dataclass(frozen=True)
class SchoolDemo:
    founded: int
    history_intro: str
    map_url: str
    history: list[Heading]
    leaders: list[Person]
    associations: list[str]
    teams: list[str]  # tổ chuyên môn
    people: list[Person]
    yearbook_now: Yearbook
    growth: float
    subjects: list[Subject]


@dataclass(frozen=True)
class AboutDemo:
    resources_intro: str
    leadership_unit: str
    office_unit: str
    office_hours: str
    functions: list[Heading]
    legal: list[Block]
    accreditation: list[Block]
    schools: dict[str, SchoolDemo]


def _blocks(paragraphs: list[Heading]) -> list[tuple[str, str]]:
    return [
        block
        for item in paragraphs
        for block in (("heading", item.heading), ("paragraph", item.text))
    ]


def _fill_body(page, blocks: list[tuple[str, str]]) -> None:
    if page is None or page.body:
        return
    page.body = blocks
    page.save_revision().publish()


def _people(data: AboutDemo, demo: SchoolDemo) -> None:
    if StaffMember.objects.exists():
        return
    units = {unit.name: unit for unit in OrganisationUnit.objects.all()}

    def unit(name: str, kind: str, order: int) -> OrganisationUnit:
        if name not in units:
            units[name] = OrganisationUnit.objects.create(name=name, kind=kind, sort_order=order)
        return units[name]

    unit(data.leadership_unit, UnitKind.LEADERSHIP, 0)
    for order, name in enumerate(demo.associations, start=10):
        unit(name, UnitKind.ASSOCIATION, order)
    for order, name in enumerate(demo.teams, start=30):
        unit(name, UnitKind.SUBJECT_TEAM, order)
    unit(data.office_unit, UnitKind.OFFICE, 90)
    members = [
        StaffMember(
            full_name=person.name,
            title=person.title,
            unit=units[person.unit],
            phone=person.phone,
            email=person.email,
            duties=person.duties,
            sort_order=order,
        )
        for order, person in enumerate(demo.leaders + demo.people)
    ]
    for member in members:
        member.full_clean()
    StaffMember.objects.bulk_create(members)


def _yearbook(demo: SchoolDemo) -> None:
    page = YearbookPage.objects.first()
    if page is None or page.entries.exists():
        return
    now = demo.yearbook_now
    start = parse_school_year(current_school_year())
    for back in range(5):
        factor = (1 + demo.growth) ** -back
        total = round(now.students * factor)
        YearbookEntry.objects.create(
            page=page,
            sort_order=back,
            school_year=format_school_year(start - back),
            classes=max(1, round(now.classes * factor)),
            teachers=max(1, round(now.teachers * factor)),
            staff=now.staff - (1 if back >= 3 else 0),
            students=total,
            students_female=round(total * now.female_share),
            classrooms=now.classrooms - (2 if back >= 3 else 0),
            subject_rooms=now.subject_rooms - (1 if back >= 2 else 0),
            area=now.area,
        )


def _resources(data: AboutDemo, demo: SchoolDemo) -> None:
    page = ResourcesPage.objects.first()
    if page is None or page.resources:
        return
    page.intro = data.resources_intro
    page.resources = [
        (
            "subject",
            {
                "subject": subject.subject,
                "resources": [
                    {
                        "title": item.title,
                        "kind": item.kind,
                        "url": item.url,
                        "document": None,
                        "description": item.description,
                    }
                    for item in subject.resources
                ],
            },
        )
        for subject in demo.subjects
    ]
    page.save_revision().publish()


def _profile(data: AboutDemo, demo: SchoolDemo) -> None:
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return
    profile = SchoolProfile.for_site(site)
    changed = False
    if not profile.map_url and demo.map_url:
        profile.map_url = demo.map_url
        changed = True
    if not profile.office_hours:
        profile.office_hours = data.office_hours
        changed = True
    if changed:
        profile.save()


@transaction.atomic
def about_demo_load(school) -> None:
    """Fill the about pages of a demo school (run inside the school's schema)."""
    data = demo_data("about", "about", AboutDemo, level=school.level, context={"name": school.name})
    demo = data.schools.get(school.slug)
    if demo is None:
        return
    history = AboutPage.objects.filter(slug=HISTORY_SLUG).first()
    if history is not None and not history.intro:
        history.intro = demo.history_intro
    _fill_body(history, _blocks(demo.history))
    _fill_body(AboutPage.objects.filter(slug=FUNCTIONS_SLUG).first(), _blocks(data.functions))
    _fill_body(
        InfoPage.objects.filter(slug=LEGAL_SLUG).first(),
        [(block.type, block.value) for block in data.legal],
    )
    _fill_body(
        InfoPage.objects.filter(slug=ACCREDITATION_SLUG).first(),
        [(block.type, block.value) for block in data.accreditation],
    )
    _people(data, demo)
    _yearbook(demo)
    _resources(data, demo)
    _profile(data, demo)
    logger.info("Loaded about demo content for %s", school.slug)
