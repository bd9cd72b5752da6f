"""Host routing: unknown hosts, suspended schools, health checks (R1.1, R1.2)."""

from schools.services import school_set_status


class HostRoutingTests:
    def test_unknown_host_gets_vietnamese_not_found_page(self, db, client):
        response = client.get("/", HTTP_HOST="khong-ton-tai.localhost")
        assert response.status_code == 404
        assert "Không tìm thấy trang web" in response.content.decode()

    def test_school_domain_serves_its_home_page(self, client_a, school_a):
        response = client_a.get("/")
        assert response.status_code == 200
        assert school_a.name in response.content.decode()

    def test_operator_portal_lists_schools(self, public_client, school_a, school_b):
        response = public_client.get("/")
        body = response.content.decode()
        assert response.status_code == 200
        assert school_a.name in body and school_b.name in body
        assert "http://test-a.localhost" in body

    def test_operator_directory_filters_by_level(self, public_client, school_a, school_b):
        body = public_client.get("/", {"cap": "thcs"}).content.decode()
        assert school_a.name in body
        assert school_b.name not in body

    def test_suspended_school_answers_503_maintenance(self, client_a, school_a):
        school_set_status(school=school_a, status="suspended")
        response = client_a.get("/")
        assert response.status_code == 503
        assert "tạm ngừng" in response.content.decode()
        assert client_a.get("/admin/login/").status_code == 503
        school_set_status(school=school_a, status="active")
        assert client_a.get("/").status_code == 200


class HealthCheckTests:
    def test_healthz_answers_on_any_host(self, db, client):
        for host in ("localhost", "10.0.0.5", "test-a.localhost"):
            response = client.get("/healthz", HTTP_HOST=host)
            assert response.status_code == 200, host
            assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
