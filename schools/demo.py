"""Demo data: the operator and four schools of Quận Bình Tân, in realistic Vietnamese.

Idempotent: a second run creates nothing new. Content apps add their demo content through
the ``portal_load_demo_content`` Wagtail hook: ``fn(school)``, called inside the school's
schema, must itself be idempotent.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django_tenants.utils import schema_context
from wagtail import hooks

from core import provisioning
from schools.models import Ownership, School, SchoolLevel
from schools.services import operator_portal_ensure, school_create, school_user_create

logger = logging.getLogger(__name__)

DEMO_PASSWORD = "TruongDemo@2026"
SUPERUSER = ("phonggd", "phonggd@pgdbinhtan.edu.vn")

DEMO_SCHOOLS = [
    {
        "name": "Trường Mầm non Hoa Sen",
        "slug": "mn-hoa-sen",
        "level": SchoolLevel.PRESCHOOL,
        "ownership": Ownership.PUBLIC,
        "district": "Phường Bình Trị Đông",
        "address": "45 đường số 7, phường Bình Trị Đông, Thành phố Hồ Chí Minh",
        "phone": "(028) 3762 4158",
        "email": "mnhoasen@pgdbinhtan.edu.vn",
    },
    {
        "name": "Trường Tiểu học Bình Trị 2",
        "slug": "th-binh-tri-2",
        "level": SchoolLevel.PRIMARY,
        "ownership": Ownership.PUBLIC,
        "district": "Phường Bình Trị Đông",
        "address": "210 đường Lê Văn Quới, phường Bình Trị Đông, Thành phố Hồ Chí Minh",
        "phone": "(028) 3762 0931",
        "email": "thbinhtri2@pgdbinhtan.edu.vn",
    },
    {
        "name": "Trường THCS Nguyễn Trãi",
        "slug": "thcs-nguyen-trai",
        "level": SchoolLevel.LOWER_SECONDARY,
        "ownership": Ownership.PUBLIC,
        "district": "Phường An Lạc",
        "address": "1 đường Hồ Học Lãm, phường An Lạc, Thành phố Hồ Chí Minh",
        "phone": "(028) 3875 2216",
        "email": "thcsnguyentrai@pgdbinhtan.edu.vn",
    },
    {
        "name": "Trường Tiểu học và THCS Ngôi Sao Nhỏ",
        "slug": "th-thcs-ngoi-sao-nho",
        "level": SchoolLevel.PRIMARY_LOWER_SECONDARY,
        "ownership": Ownership.PRIVATE,
        "district": "Phường Bình Hưng Hòa",
        "address": "88 đường Tân Kỳ Tân Quý, phường Bình Hưng Hòa, Thành phố Hồ Chí Minh",
        "phone": "(028) 3765 3399",
        "email": "ngoisaonho@pgdbinhtan.edu.vn",
    },
]

# (username, first name, last name, role) — created in every demo school.
DEMO_USERS = [
    ("hieutruong", "Lan", "Nguyễn Thị", provisioning.ROLE_HEAD),
    ("bientap", "Minh", "Trần Văn", provisioning.ROLE_EDITOR),
    ("congtacvien", "Hà", "Lê Thu", provisioning.ROLE_CONTRIBUTOR),
    ("quantri", "Phúc", "Phạm Hoàng", provisioning.ROLE_ADMINISTRATOR),
]


def demo_domain(slug: str) -> str:
    return f"{slug}{settings.PORTAL_DEV_DOMAIN_SUFFIX}"


def load_demo() -> list[School]:
    operator_portal_ensure()
    user_model = get_user_model()
    with schema_context(settings.PUBLIC_SCHEMA_NAME):
        username, email = SUPERUSER
        if not user_model.objects.filter(username=username).exists():
            user_model.objects.create_superuser(
                username=username,
                email=email,
                password=DEMO_PASSWORD,
                first_name="Tiến",
                last_name="Lê Minh",
            )
    schools = []
    for data in DEMO_SCHOOLS:
        school = School.objects.filter(slug=data["slug"]).first()
        if school is None:
            school = school_create(
                domain=demo_domain(data["slug"]), city="Thành phố Hồ Chí Minh", **data
            )
            logger.info("Created demo school %s", school.slug)
        with schema_context(school.schema_name):
            for username, first, last, role in DEMO_USERS:
                if not user_model.objects.filter(username=username).exists():
                    school_user_create(
                        username=username,
                        email=f"{username}.{school.slug.replace('-', '')}@pgdbinhtan.edu.vn",
                        password=DEMO_PASSWORD,
                        role=role,
                        first_name=first,
                        last_name=last,
                    )
            for load_content in hooks.get_hooks("portal_load_demo_content"):
                load_content(school)
        schools.append(school)
    return schools
