"""Look-up and application limits in the real Redis (R6.2, R7.3)."""

from __future__ import annotations

from django.test import override_settings

from online_services.models import LookupLog
from tests.online_services.conftest import REGISTRATION_URL, RESULTS_URL, application_data


def _look(client, address, code="7925031207", birth="05/09/2013"):
    return client.post(
        RESULTS_URL, {"student_code": code, "birth_date": birth}, REMOTE_ADDR=address
    )


class LookupFloodTests:
    @override_settings(ONLINE_LOOKUP_RATE_PER_IP=(10, 600))
    def test_a_flood_is_throttled_with_a_vietnamese_429(
        self, client_a, school_a, in_school, import_results, frozen_window
    ):
        import_results()
        statuses = [
            _look(client_a, "203.0.113.7", code=f"79250{n:05d}").status_code for n in range(14)
        ]
        assert statuses[:10] == [200] * 10 and set(statuses[10:]) == {429}
        response = _look(client_a, "203.0.113.7")  # even the right answer waits
        body = response.content.decode()
        assert response.status_code == 429 and "Bạn đã tra cứu quá nhiều lần" in body
        assert "Vui lòng thử lại sau khoảng" in body and "Nguyễn Ngọc Bảo Anh" not in body
        assert 0 < int(response["Retry-After"]) <= 600
        assert response["Cache-Control"] == "private, no-store"
        with in_school(school_a):
            assert LookupLog.objects.count() == 10  # a refused request is not a look-up
        # Another address is not affected.
        assert "Nguyễn Ngọc Bảo Anh" in _look(client_a, "203.0.113.8").content.decode()

    @override_settings(ONLINE_LOOKUP_RATE_PER_IP=(3, 600))
    def test_the_limit_per_address_spans_schools(
        self, client_a, client_b, import_results, frozen_window
    ):
        for _ in range(3):
            _look(client_a, "198.51.100.4")
        assert _look(client_b, "198.51.100.4").status_code == 429

    @override_settings(ONLINE_LOOKUP_RATE_PER_SCHOOL=(4, 3600))
    def test_the_limit_per_school_stops_a_distributed_walk(
        self, client_a, client_b, import_results, frozen_window
    ):
        codes = [_look(client_a, f"10.2.0.{n}").status_code for n in range(6)]
        assert codes == [200, 200, 200, 200, 429, 429]
        assert _look(client_b, "10.2.0.99").status_code == 200

    @override_settings(ONLINE_LOOKUP_FAILURES_PER_CODE=(5, 3600))
    def test_wrong_birth_dates_lock_that_code_from_every_address(
        self, client_a, import_results, frozen_window
    ):
        import_results()
        for day in range(1, 6):
            body = _look(client_a, f"10.3.0.{day}", birth=f"{day:02d}/01/2013").content.decode()
            assert "Không tìm thấy kết quả" in body
        locked = _look(client_a, "10.3.0.50")  # right birth date, new address: still locked
        assert locked.status_code == 429
        assert "Mã này đã được tra cứu sai nhiều lần" in locked.content.decode()
        assert "Nguyễn Ngọc Bảo Anh" not in locked.content.decode()
        # Other codes answer as before; unknown codes lock the same way (nothing is revealed).
        other = _look(client_a, "10.3.0.51", code="7925031208", birth="14/02/2013")
        assert "Trần Gia Huy" in other.content.decode()


class ApplicationFloodTests:
    @override_settings(ONLINE_APPLICATION_RATE_PER_IP=(3, 600))
    def test_application_posts_are_limited_per_address(
        self, client_a, school_a, in_school, make_campaign, frozen_window
    ):
        from online_services.models import AdmissionApplication

        campaign = make_campaign()
        url = f"{REGISTRATION_URL}dot/{campaign.pk}/"
        codes = [
            client_a.post(url, application_data(campaign), REMOTE_ADDR="203.0.113.60").status_code
            for _ in range(5)
        ]
        assert codes == [302, 302, 302, 429, 429]
        with in_school(school_a):
            assert AdmissionApplication.objects.count() == 3
