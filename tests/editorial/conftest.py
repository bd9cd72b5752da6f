"""Fixtures of the editorial tests: users of each role, a draft page, a real login."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django_tenants.utils import schema_context
from wagtail.models import Page

from core.models import SchoolHomePage
from schools.services import school_user_create
from siteplatform import provisioning
from tests.conftest import PASSWORD

HEAD = "hieutruong"


def login(client, username: str, password: str = PASSWORD):
    """Sign in through Wagtail's real login form (so the lockout is exercised)."""
    return client.post(
        "/admin/login/", {"username": username, "password": password, "next": "/admin/"}
    )


@pytest.fixture
def make_user():
    def make(school, role: str, username: str, email: str | None = None):
        with schema_context(school.schema_name):
            return school_user_create(
                username=username,
                email=email or f"{username}.{school.slug.replace('-', '')}@pgdbinhtan.edu.vn",
                password=PASSWORD,
                role=role,
            )

    return make


@pytest.fixture
def contributor_a(school_a, make_user):
    return make_user(school_a, provisioning.ROLE_CONTRIBUTOR, "congtacvien")


@pytest.fixture
def head_a(school_a):
    with schema_context(school_a.schema_name):
        return get_user_model().objects.get(username=HEAD)


@pytest.fixture
def draft_page(school_a, contributor_a):
    """A draft under the home page, written by the contributor."""
    with schema_context(school_a.schema_name):
        home = SchoolHomePage.objects.get()
        page = home.add_child(
            instance=Page(
                title="Lễ khai giảng năm học 2026–2027",
                slug="le-khai-giang",
                live=False,
                owner=contributor_a,
            )
        )
        page.save_revision(user=contributor_a)
        return page
