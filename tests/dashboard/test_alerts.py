"""Operator alerts on every page of every school, or of a chosen set (R10.6)."""

import datetime

from django.utils import timezone

from dashboard.models import Alert


class AlertTests:
    def test_alert_for_all_schools_shows_on_every_school(self, client_a, client_b):
        Alert.objects.create(
            level="khan_cap", title="Nghỉ học do bão số 9", message="Học sinh nghỉ học ngày 24/11."
        )
        for client in (client_a, client_b):
            body = client.get("/").content.decode()
            assert "Nghỉ học do bão số 9" in body and "Khẩn cấp" in body

    def test_alert_for_a_chosen_set_shows_only_there(self, school_a, client_a, client_b):
        alert = Alert.objects.create(
            level="quan_trong", title="Kiểm tra an toàn thông tin", all_schools=False
        )
        alert.schools.add(school_a)
        assert "Kiểm tra an toàn thông tin" in client_a.get("/").content.decode()
        assert "Kiểm tra an toàn thông tin" not in client_b.get("/").content.decode()

    def test_alert_disappears_at_its_end_and_appears_at_its_start(self, client_a):
        now = timezone.now()
        Alert.objects.create(
            title="Đã hết hạn",
            starts_at=now - datetime.timedelta(days=2),
            ends_at=now - datetime.timedelta(minutes=1),
        )
        Alert.objects.create(title="Chưa bắt đầu", starts_at=now + datetime.timedelta(hours=1))
        body = client_a.get("/").content.decode()
        assert "Đã hết hạn" not in body and "Chưa bắt đầu" not in body

    def test_new_alert_shows_at_once_on_a_page_seen_before(self, client_a, page_cache):
        assert "Mất điện" not in client_a.get("/").content.decode()
        assert client_a.get("/")["X-Page-Cache"] == "hit"  # the page now comes from cache
        Alert.objects.create(title="Mất điện toàn trường")
        assert "Mất điện toàn trường" in client_a.get("/").content.decode()

    def test_alert_text_is_escaped(self, client_a):
        Alert.objects.create(title="<script>alert(1)</script>")
        body = client_a.get("/").content.decode()
        assert "<script>alert(1)</script>" not in body and "&lt;script&gt;" in body

    def test_alerts_are_read_once_for_every_school(self, school_b, client_a, client_b):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        alert = Alert.objects.create(title="Chỉ trường B", all_schools=False)
        alert.schools.add(school_b)
        assert "Chỉ trường B" not in client_a.get("/").content.decode()
        with CaptureQueriesContext(connection) as queries:
            body = client_b.get("/").content.decode()
        assert "Chỉ trường B" in body  # school B's first page: the list read for A serves B
        assert not [q for q in queries if "dashboard_alert" in q["sql"]]
