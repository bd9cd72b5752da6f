"""Demo data: the operator and four schools of Quận Bình Tân, in realistic Vietnamese.

The schools, the users and the password are in ``schools/demo_data/schools.yaml``; each
content app keeps its own in ``<app>/demo_data/`` (read by ``schools.demo_loader``).

Idempotent: a second run creates nothing new. Content apps add their demo content through
the ``portal_load_demo_content`` Wagtail hook: ``fn(school)``, called inside the school's
schema, must itself be idempotent.
"""

from __future__ import annotations

import dataclasses
import logging
from typing import Literal

from django.conf import settings
from django.contrib.auth import get_user_model
from django_tenants.utils import schema_context
from wagtail import hooks

from schools.demo_loader import demo_data
from schools.models import Ownership, School, SchoolLevel
from schools.services import operator_portal_ensure, school_create, school_user_create

logger = logging.getLogger(__name__)

# siteplatform.provisioning.ROLE_*
Role = Literal["head", "editor", "contributor", "administrator"]


@dataclasses.dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: Role | None = None
    email: str = ""


@dataclasses.dataclass(frozen=True)
class DemoSchool:
    name: str
    slug: str
    level: SchoolLevel
    ownership: Ownership
    district: str
    address: str
    phone: str
    email: str


@dataclasses.dataclass(frozen=True)
class DemoPlatform:
    password: str
    city: str
    superuser: DemoUser
    users: list[DemoUser]
    schools: list[DemoSchool]


DATA = demo_data("schools", "schools", DemoPlatform)

DEMO_PASSWORD = DATA.password
SUPERUSER = (DATA.superuser.username, DATA.superuser.email)
DEMO_SCHOOLS = [dataclasses.asdict(school) for school in DATA.schools]
# (username, first name, last name, role) — created in every demo school.
DEMO_USERS = [(u.username, u.first_name, u.last_name, u.role) for u in DATA.users]


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
                first_name=DATA.superuser.first_name,
                last_name=DATA.superuser.last_name,
            )
    schools = []
    for data in DEMO_SCHOOLS:
        school = School.objects.filter(slug=data["slug"]).first()
        if school is None:
            school = school_create(domain=demo_domain(data["slug"]), city=DATA.city, **data)
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
