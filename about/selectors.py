"""Reads for the school information pages. Every function runs a bounded number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.http import HttpRequest

from about.charts import BarChart, bar_chart
from about.maps import SchoolMap, school_map
from about.models import OrganisationUnit, StaffMember, UnitKind, YearbookEntry, YearbookPage
from core.models import SchoolProfile

YEARBOOK_YEARS = 5  # R2.5: the last five school years


@dataclass
class UnitGroup:
    kind: str
    label: str
    units: list[OrganisationUnit] = field(default_factory=list)


def _members_queryset():
    # Photos and their renditions come in two extra queries whatever the number of people.
    return StaffMember.objects.select_related("photo").prefetch_related("photo__renditions")


def organisation_groups() -> list[UnitGroup]:
    """Units with at least one person, grouped by kind in the order of ``UnitKind``.

    Each unit carries ``people`` (its members in display order). 2–4 queries in all.
    """
    units = OrganisationUnit.objects.prefetch_related(
        Prefetch("members", queryset=_members_queryset(), to_attr="people")
    )
    groups = {kind: UnitGroup(kind=kind, label=label) for kind, label in UnitKind.choices}
    for unit in units:
        if unit.people and unit.kind in groups:
            groups[unit.kind].units.append(unit)
    return [group for group in groups.values() if group.units]


def leadership_contacts() -> list[StaffMember]:
    """Ban Giám hiệu with phone and official e-mail (R2.3), in display order."""
    return list(
        _members_queryset()
        .filter(unit__kind=UnitKind.LEADERSHIP)
        .order_by("unit__sort_order", "sort_order", "full_name")
    )


@dataclass
class YearbookSummary:
    entries: list[YearbookEntry]  # oldest first, at most YEARBOOK_YEARS
    chart: BarChart | None


def yearbook_summary(page: YearbookPage) -> YearbookSummary:
    """The last five school years of the yearbook and a chart of pupils per year.

    Works on a page preview too, where the entries are not saved yet.
    """
    entries = sorted(page.entries.all(), key=lambda e: e.school_year, reverse=True)
    recent = list(reversed(entries[:YEARBOOK_YEARS]))
    chart = None
    if recent:
        chart = bar_chart(
            [entry.school_year for entry in recent],
            [[entry.students for entry in recent], [entry.students_female for entry in recent]],
        )
    return YearbookSummary(entries=recent, chart=chart)


def contact_details(request: HttpRequest) -> dict:
    """Context of the contact page: the school profile, its map, the leadership (R2.4)."""
    profile = SchoolProfile.for_request(request)
    school_map_value: SchoolMap | None = school_map(profile.map_url, profile.address)
    has_details = any([profile.address, profile.phone, profile.email, profile.office_hours])
    return {
        "profile": profile,
        "school_map": school_map_value,
        "has_details": has_details,
        "leaders": leadership_contacts(),
    }
