"""Helpers to fill a school's about pages inside a test (rolled back afterwards)."""

from __future__ import annotations

import pytest


@pytest.fixture
def add_staff():
    """``add_staff(count, unit_name=…, kind=…)``: people in the current school's schema."""
    from about.models import OrganisationUnit, StaffMember, UnitKind

    def add(
        count: int,
        *,
        unit_name: str = "Ban Giám hiệu",
        kind: str = UnitKind.LEADERSHIP,
        prefix: str = "Nguyễn Văn",
    ):
        unit, _created = OrganisationUnit.objects.get_or_create(name=unit_name, kind=kind)
        start = StaffMember.objects.count()
        return StaffMember.objects.bulk_create(
            StaffMember(
                full_name=f"{prefix} Số{start + i}",
                title="Phó Hiệu trưởng" if i else "Hiệu trưởng",
                unit=unit,
                phone=f"(028) 3762 {1000 + start + i}",
                email=f"gv{start + i}@pgdbinhtan.edu.vn",
                duties="Phụ trách chuyên môn",
                sort_order=i,
            )
            for i in range(count)
        )

    return add
