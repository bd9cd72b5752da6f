"""The template schema that schools are cloned from stays in step with the code."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django_tenants.utils import schema_context

from schools.clone import constraint_names_align
from schools.ddl import schema_structure
from schools.selectors import school_get_template, school_list


def _tables(schema: str) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = %s", [schema])
        return {row[0] for row in cursor.fetchall()}


class TemplateSchemaTests:
    def test_template_has_every_migration_applied(self, db):
        template = school_get_template()
        assert template is not None and template.is_template
        with schema_context(template.schema_name):
            executor = MigrationExecutor(connection)
            plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        assert plan == [], f"template schema is behind: {[m for m, _ in plan]}"

    def test_a_school_has_the_same_tables_as_the_template(self, school_a):
        assert _tables(school_a.schema_name) == _tables("school_template")

    def test_a_school_has_the_template_structure_and_constraint_names(self, school_a):
        """Columns, constraints (by name), indexes and sequences: a migration that alters a
        constraint by name must find it in every school, as in the template."""
        assert schema_structure(school_a.schema_name) == schema_structure("school_template")

    def test_constraints_renamed_by_a_clone_get_the_migration_names_back(self, school_a):
        schema = school_a.schema_name
        with connection.cursor() as cursor:
            cursor.execute(
                f'ALTER TABLE "{schema}".about_organisationunit '
                "RENAME CONSTRAINT about_unit_unique_name TO about_organisationunit_kind_name_key"
            )
        assert schema_structure(schema) != schema_structure("school_template")
        assert constraint_names_align(schema) == 1
        assert constraint_names_align(schema) == 0
        assert schema_structure(schema) == schema_structure("school_template")

    def test_schools_put_no_triggers_on_the_shared_content_types(self, school_a):
        """One FK to a shared table = two triggers on it per school (76,000 at 2,000)."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_constraint k JOIN pg_class r ON r.oid = k.confrelid "
                "WHERE k.contype = 'f' AND k.connamespace = ANY (%s::regnamespace[]) "
                "AND r.relnamespace <> k.connamespace",
                [[school_a.schema_name, "school_template"]],
            )
            assert cursor.fetchone()[0] == 0
            cursor.execute(
                "SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgconstrrelid "
                "WHERE t.tgrelid = 'public.django_content_type'::regclass "
                "AND c.relnamespace <> 'public'::regnamespace"
            )
            assert cursor.fetchone()[0] == 0

    def test_template_is_not_listed_as_a_school(self, school_a, school_b):
        slugs = set(school_list().values_list("slug", flat=True))
        assert {"test-a", "test-b"} <= slugs
        assert "school-template" not in slugs and "public" not in slugs

    def test_template_has_no_domain(self, db):
        assert not school_get_template().domains.exists()
