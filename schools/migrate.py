"""``migrate_schemas`` for thousands of school schemas in bounded time.

django-tenants runs Django's whole ``migrate`` command once per schema: it loads the
migration graph, renders the project state of ~300 migrations and checks every app, about
0.3 s per schema with nothing to do and more than a second with one small migration. Over
2,000 schools that is most of an hour per deploy. This executor (``GET_EXECUTOR_FUNCTION``)
does the same work with what is shared computed once:

- **Skip what is done.** One query per 500 schemas reads a fingerprint of each schema's
  ``django_migrations``; schemas with the same fingerprint have the same plan, computed
  once. A schema with nothing pending costs nothing more.
- **Parallel.** Pending schemas are migrated by forked worker processes
  (``TENANT_MULTIPROCESSING_MAX_PROCESSES``, default: one per CPU). Each worker keeps the
  loaded graph and the rendered project states per fingerprint, so only the migrations'
  own SQL and the ``post_migrate`` handlers run per schema.
- **Progress and resumption.** A counted line every few seconds; a schema that fails is
  logged with its error and the others go on; at the end the failed schemas are named and
  the command exits non-zero. A re-run skips every schema already done and retries the rest.

Runs that need Django's own command (a target migration, ``--plan``, ``--check``,
``--prune``, ``--run-syncdb``) fall back to django-tenants' standard executor.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import time

from django.apps import apps as global_apps
from django.conf import settings
from django.core.management import CommandError
from django.db import DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor as DjangoMigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.db.migrations.state import ModelState
from django.db.models.signals import post_migrate, pre_migrate
from django_tenants.migration_executors import get_executor as tenants_get_executor
from django_tenants.migration_executors.base import MigrationExecutor, run_migrations
from django_tenants.migration_executors.standard import StandardExecutor
from django_tenants.signals import schema_migrated, schema_pre_migration

from schools.ddl import shared_foreign_keys_drop
from schools.parallel import SchemaResult, map_schemas

logger = logging.getLogger(__name__)

# Options that need Django's own migrate command, schema by schema.
_STANDARD_ONLY = ("app_label", "migration_name", "plan", "check_unapplied", "prune", "run_syncdb")
_FINGERPRINT_BATCH = 500


def get_executor(codename: str | None = None) -> type[MigrationExecutor]:
    """``GET_EXECUTOR_FUNCTION``: this executor unless another one is asked for by name."""
    codename = codename or os.environ.get("EXECUTOR") or PortalExecutor.codename
    if codename == PortalExecutor.codename:
        return PortalExecutor
    return tenants_get_executor(codename)


def _alias(options: dict) -> str:
    return options.get("database") or "default"


def schema_fingerprints(schema_names: list[str], *, alias: str = "default") -> dict[str, str]:
    """``{schema: fingerprint of its applied migrations}``; "" for a schema with no table."""
    connection = connections[alias]
    connection.set_schema_to_public()
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_schema FROM information_schema.tables "
            "WHERE table_name = 'django_migrations' AND table_schema = ANY(%s)",
            [list(schema_names)],
        )
        with_table = {row[0] for row in cursor.fetchall()}
        found = {name: "" for name in schema_names if name not in with_table}
        names = [name for name in schema_names if name in with_table]
        for start in range(0, len(names), _FINGERPRINT_BATCH):
            batch = names[start : start + _FINGERPRINT_BATCH]
            sql = " UNION ALL ".join(
                "SELECT %s, md5(string_agg(app || '.' || name, ',' ORDER BY app, name)) "  # noqa: S608
                f"FROM {quote(name)}.django_migrations"
                for name in batch
            )
            cursor.execute(sql, batch)
            found.update({schema: fingerprint or "" for schema, fingerprint in cursor.fetchall()})
    return found


class _SchemaRecorder(MigrationRecorder):
    """Django's recorder, asking for its table by name instead of listing every table.

    ``has_table()`` lists every relation visible on the search path
    (``pg_table_is_visible`` over all of ``pg_class``): with 2,000 school schemas that is
    650,000 rows read for each check, several times per schema.
    """

    def has_table(self) -> bool:
        if self._has_table:
            return True
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class c "
                "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = %s AND c.relname = %s)",
                [self.connection.schema_name, self.Migration._meta.db_table],
            )
            self._has_table = cursor.fetchone()[0]
        return self._has_table


class _Group:
    """What every schema with one fingerprint shares, computed once per process."""

    def __init__(self, connection, fingerprint: str) -> None:
        self.fingerprint = fingerprint
        self.executor = DjangoMigrationExecutor(connection)
        self.executor.recorder = _SchemaRecorder(connection)
        self.applied = dict(self.executor.loader.applied_migrations)
        self.targets = self.executor.loader.graph.leaf_nodes()
        self.plan = self.executor.migration_plan(self.targets)
        self._pre_state = None
        self._post_apps = None

    def pre_state(self):
        if self._pre_state is None:
            self._pre_state = self.executor._create_project_state(with_applied_migrations=True)
            self._pre_state.apps  # noqa: B018 - render once; clones reuse it
        return self._pre_state

    def post_apps(self, post_state):
        """The post-migration apps for post_migrate handlers (rendered like ``migrate``)."""
        if self._post_apps is None:
            from django.apps import apps

            post_state.clear_delayed_apps_cache()
            post_apps = post_state.apps
            with post_apps.bulk_update():
                model_keys = []
                for model_state in post_apps.real_models:
                    model_key = model_state.app_label, model_state.name_lower
                    model_keys.append(model_key)
                    post_apps.unregister_model(*model_key)
            post_apps.render_multiple(
                [ModelState.from_model(apps.get_model(*model)) for model in model_keys]
            )
            self._post_apps = post_apps
        return self._post_apps


_groups: dict[str, _Group] = {}


def _emit(signal, plan, *, alias: str, verbosity: int, apps) -> None:
    """pre_/post_migrate for the apps that have migrations in ``plan`` only.

    Django's ``migrate`` sends them for every installed app; per schema that is most of the
    time of a small migration (Wagtail reconnects its reference-index handlers for every
    model, ``create_permissions`` queries every app). The apps whose models a plan can
    change are the apps of its migrations, and those still get the signals, so new models
    get their permissions in every school.
    """
    labels = {migration.app_label for migration, _backwards in plan}
    for app_config in global_apps.get_app_configs():
        if app_config.models_module is None or app_config.label not in labels:
            continue
        signal.send(
            sender=app_config,
            app_config=app_config,
            verbosity=max(verbosity - 1, 0),
            interactive=False,
            using=alias,
            apps=apps,
            plan=plan,
        )


def migrate_schema(schema_name: str, fingerprint: str, options: dict) -> SchemaResult:
    """Apply the pending migrations of one schema (in this process's cached state)."""
    started = time.perf_counter()
    alias = _alias(options)
    connection = connections[alias]
    verbosity = int(options.get("verbosity", 1))
    try:
        schema_pre_migration.send(run_migrations, schema_name=schema_name)
        connection.set_schema(schema_name, include_public=False)
        _SchemaRecorder(connection).ensure_schema()
        connection.set_schema(schema_name)
        group = _groups.get(fingerprint)
        if group is None:
            group = _groups[fingerprint] = _Group(connection, fingerprint)
        executor = group.executor
        executor.recorder = _SchemaRecorder(connection)
        executor.loader.applied_migrations = dict(group.applied)
        plan = executor.migration_plan(group.targets)
        pre_state = group.pre_state()
        _emit(pre_migrate, plan, alias=alias, verbosity=verbosity, apps=pre_state.apps)
        post_state = executor.migrate(
            group.targets,
            plan=plan,
            state=pre_state.clone(),
            fake=bool(options.get("fake")),
            fake_initial=bool(options.get("fake_initial")),
        )
        _emit(
            post_migrate, plan, alias=alias, verbosity=verbosity, apps=group.post_apps(post_state)
        )
        connection.set_schema_to_public()
        if plan:  # a migration may have added one (see schools.ddl)
            shared_foreign_keys_drop(schema_name)
        schema_migrated.send(run_migrations, schema_name=schema_name)
        return SchemaResult(schema_name, time.perf_counter() - started, detail=len(plan))
    except Exception as exc:  # noqa: BLE001 - one school's failure must not stop the others
        logger.exception("Migrating schema %s failed", schema_name)
        if not connection.in_atomic_block:  # a fresh connection for the next schema
            with contextlib.suppress(DatabaseError):
                connection.close()
        return SchemaResult(
            schema_name, time.perf_counter() - started, error=f"{type(exc).__name__}: {exc}"
        )


def _worker(job: tuple[str, str, dict]) -> SchemaResult:
    return migrate_schema(*job)


class PortalExecutor(MigrationExecutor):
    codename = "portal"

    def _write(self, message: str) -> None:
        if int(self.options.get("verbosity", 1)) >= 1:
            sys.stdout.write(message + "\n")
            sys.stdout.flush()

    def run_migrations(self, tenants=None) -> None:
        tenants = list(tenants or [])
        if any(self.options.get(option) for option in _STANDARD_ONLY):
            StandardExecutor(self.args, self.options).run_migrations(tenants=tenants)
            return
        if self.PUBLIC_SCHEMA_NAME in tenants:
            run_migrations(self.args, self.options, self.codename, self.PUBLIC_SCHEMA_NAME)
            tenants.remove(self.PUBLIC_SCHEMA_NAME)
        if tenants:
            self.migrate_tenants(tenants)

    def run_multi_type_migrations(self, tenants) -> None:
        StandardExecutor(self.args, self.options).run_multi_type_migrations(tenants)

    def migrate_tenants(self, tenants: list[str]) -> list[SchemaResult]:
        started = time.perf_counter()
        alias = _alias(self.options)
        connection = connections[alias]
        _groups.clear()
        fingerprints = schema_fingerprints(tenants, alias=alias)
        pending: list[tuple[str, str, dict]] = []
        plans: dict[str, int] = {}
        for schema_name in tenants:
            fingerprint = fingerprints[schema_name]
            if fingerprint not in plans:
                connection.set_schema(schema_name)
                group = _Group(connection, fingerprint) if fingerprint else None
                plans[fingerprint] = len(group.plan) if group else -1
                if group is not None:
                    _groups[fingerprint] = group  # inherited by forked workers
            if plans[fingerprint]:
                pending.append((schema_name, fingerprint, self.options))
        connection.set_schema_to_public()
        skipped = len(tenants) - len(pending)
        self._write(
            f"Tenant schemas: {len(tenants)}; up to date: {skipped}; to migrate: {len(pending)} "
            f"(checked in {time.perf_counter() - started:.1f} s)"
        )
        if not pending:
            return []
        results = map_schemas(_worker, pending, write=self._write, label="migrated")
        failed = [result for result in results if result.error]
        self._write(
            f"Migrated {len(results) - len(failed)} of {len(pending)} schema(s) in "
            f"{time.perf_counter() - started:.1f} s; failed: {len(failed)}"
        )
        self._after(results)
        if failed:
            for result in failed:
                self._write(f"  FAILED {result.schema_name}: {result.error}")
            raise CommandError(
                f"{len(failed)} schema(s) failed to migrate: "
                + ", ".join(result.schema_name for result in failed[:20])
                + (" …" if len(failed) > 20 else "")
                + ". The others are migrated; fix the cause and run migrate_schemas again "
                "to finish the rest."
            )
        return results

    def _after(self, results: list[SchemaResult]) -> None:
        """A migrated template makes the spare schemas cloned from it stale."""
        if any(
            result.schema_name == settings.TENANT_BASE_SCHEMA and not result.error
            for result in results
        ):
            from schools.pool import pool_discard

            pool_discard(stale_only=True)
