"""PostgreSQL restarted under a running web process (R9.5).

Killed: every database connection, by a real ``pg_ctl restart`` of the throwaway server the
web process (gunicorn) uses. Survived: the web process itself; the first request after the
restart and every one after it succeed without restarting it (``CONN_HEALTH_CHECKS``
reconnects, and django-tenants sets each school's search path again on the new connection).
"""

from __future__ import annotations

import pytest

from tests.conftest import SCHOOL_A, SCHOOL_B

pytestmark = pytest.mark.django_db


class PostgresRestartTests:
    def test_requests_after_a_restart_succeed_in_the_same_web_process(
        self, fault_web, fault_postgres
    ):
        pid = fault_web.process.pid
        for school in (SCHOOL_A, SCHOOL_B):
            assert fault_web.get(school["domain"], "/van-ban/").status_code == 200

        fault_postgres.restart()  # killed: every connection of the web process

        for school in (SCHOOL_A, SCHOOL_B, SCHOOL_A):
            response = fault_web.get(school["domain"], "/tin-tuc/")
            assert response.status_code == 200, (
                f"PostgreSQL restarted: {school['domain']}/tin-tuc/ answered "
                f"{response.status_code}; the web process should reconnect by itself"
            )
            # The right school on the new connection: its search path was set again.
            assert school["name"] in response.text, (
                f"after the restart {school['domain']} showed another school's page"
            )
        assert fault_web.get("localhost", "/").status_code == 200, "the operator portal too"
        assert fault_web.alive() and fault_web.process.pid == pid, "the web process survived"
        assert "Traceback" not in fault_web.log(), fault_web.log()[-3000:]
