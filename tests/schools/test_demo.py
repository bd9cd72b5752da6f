"""The whole demo (``setup_platform --demo``): a second load changes no count anywhere."""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection
from django_tenants.utils import schema_context
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from schools.demo import DEMO_SCHOOLS, DEMO_USERS, load_demo

# Rows that record the load itself rather than the demo content.
NOT_CONTENT = {"wagtailcore.modellogentry", "wagtailcore.pagelogentry", "sessions.session"}


def _counts(schema: str) -> dict[str, int]:
    """Rows of every model whose table this schema can see."""
    with schema_context(schema):
        tables = set(connection.introspection.table_names())
        return {
            model._meta.label_lower: model._base_manager.count()
            for model in apps.get_models()
            if not model._meta.proxy
            and model._meta.db_table in tables
            and model._meta.label_lower not in NOT_CONTENT
        }


class DemoLoadTests:
    def test_second_load_changes_no_count(self, db):
        schools = load_demo()
        assert [school.slug for school in schools] == [d["slug"] for d in DEMO_SCHOOLS]
        schemas = ["public", *(school.schema_name for school in schools)]
        before = {schema: _counts(schema) for schema in schemas}

        load_demo()

        after = {schema: _counts(schema) for schema in schemas}
        changed = {
            (schema, label): (before[schema][label], after[schema][label])
            for schema in schemas
            for label in before[schema]
            if before[schema][label] != after[schema][label]
        }
        assert changed == {}
        for school in schools:
            with schema_context(school.schema_name):
                assert Page.objects.live().count() > 40, school.slug
                assert get_image_model().objects.count() >= 8, school.slug
                assert get_document_model().objects.count() >= 10, school.slug
                usernames = set(get_user_model().objects.values_list("username", flat=True))
                assert {user[0] for user in DEMO_USERS} <= usernames
